#!/usr/bin/python3
"""smtpd.py: a loopback SMTP server for the integration tests, on Debian's
python3-aiosmtpd.  By default STARTTLS is required before anything but
EHLO/NOOP/QUIT, and AUTH (LOGIN or PLAIN) is required, and only allowed
over TLS, with the user and password given on the command line (or the
password read from a file, to keep it out of `ps`).

Each accepted message is appended to the record file as one JSON line:
  {"mail_from": "...", "rcpt_tos": [...], "data": "raw message",
   "tls": true, "user": "duban", "time": 1700000000.1}
Authentication attempts go to the same file as
  {"event": "auth", "mechanism": "PLAIN", "user": "...", "ok": false,
   "tls": true}
so a test can see that no credentials ever crossed without TLS.

--no-starttls makes a server that offers no STARTTLS at all (and accepts
AUTH in clear text): a client that requires TLS must refuse to talk to it.
--fail-rcpt CODE answers every RCPT with CODE (e.g. 450 or 550).

The port (bound on 127.0.0.1, chosen by the kernel) is written to the port
file once the server listens.  Quits cleanly on SIGTERM or SIGINT.
"""
import argparse
import asyncio
import json
import os
import signal
import ssl
import sys
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, path, fail_rcpt):
        self.f = open(path, "a", encoding="utf-8")
        self.fail_rcpt = fail_rcpt

    def write(self, rec):
        self.f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self.f.flush()

    async def handle_RCPT(self, server, session, envelope, address,
                          rcpt_options):
        if self.fail_rcpt:
            return "%d test: recipient refused" % self.fail_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        if isinstance(data, bytes):
            data = data.decode("utf-8", "replace")
        user = None
        if isinstance(session.auth_data, LoginPassword):
            user = session.auth_data.login.decode("utf-8", "replace")
        self.write({"mail_from": envelope.mail_from,
                    "rcpt_tos": list(envelope.rcpt_tos), "data": data,
                    "tls": session.ssl is not None, "user": user,
                    "time": time.time()})
        return "250 Message accepted for delivery"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--record", required=True)
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--user", default="duban")
    p.add_argument("--password")
    p.add_argument("--password-file")
    p.add_argument("--no-starttls", action="store_true")
    p.add_argument("--fail-rcpt", type=int, default=0)
    args = p.parse_args()

    password = args.password
    if args.password_file:
        with open(args.password_file, encoding="utf-8") as f:
            password = f.readline().rstrip("\r\n")
    if password is None:
        p.error("--password or --password-file is needed")
    rec = Recorder(args.record, args.fail_rcpt)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and
              auth_data.login.decode("utf-8", "replace") == args.user and
              auth_data.password.decode("utf-8", "replace") == password)
        user = (auth_data.login.decode("utf-8", "replace")
                if isinstance(auth_data, LoginPassword) else None)
        rec.write({"event": "auth", "mechanism": mechanism, "user": user,
                   "ok": ok, "tls": session.ssl is not None,
                   "time": time.time()})
        # handled=False: aiosmtpd itself answers 235 or 535.
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    tls = None
    if not args.no_starttls:
        if not (args.cert and args.key):
            p.error("--cert and --key are needed for STARTTLS")
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)

    def factory():
        return SMTP(rec, hostname="smtp.test", tls_context=tls,
                    require_starttls=tls is not None,
                    authenticator=authenticator, auth_required=True,
                    auth_require_tls=tls is not None)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(factory, host="127.0.0.1", port=0))
    port = server.sockets[0].getsockname()[1]
    stop = loop.create_future()
    for s in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(s, lambda: stop.done() or
                                stop.set_result(True))
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.rename(tmp, args.port_file)
    loop.run_until_complete(stop)
    server.close()
    loop.run_until_complete(server.wait_closed())
    loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
