#!/usr/bin/python3
"""robot.py: a loopback HTTP server that behaves like the chat robots duband
delivers to (WeCom group robot, generic Standard Webhooks receiver, DingTalk
and Feishu custom robots), for the integration tests.  Standard library only.

Every request is appended to the record file as one JSON line:
  {"n": 1, "method": "POST", "path": "/cgi-bin/webhook/send",
   "query": {"key": "K"}, "headers": {...lower-case names...},
   "json": {...} or null, "body": "raw text", "time": 1700000000.12,
   "clock": "2026-12-03 09:00" (the test's fake clock, when given),
   "kind": "wecom|webhook|dingtalk|feishu|other",
   "status": 200, "answer": {...}, "fault": true|false,
   "verified": true|false, "ok": true|false}
"verified" says whether the request's credentials (WeCom key, webhook,
DingTalk or Feishu signature and timestamp) were right, checked even when
a fault is injected; "ok" whether the answer meant success (HTTP 2xx and a
zero error code), so a test can count deliveries and retries exactly.
A request is recorded when it has arrived, before any /_slow delay or
/_hold: a client killed while waiting for the answer still left its record
(a held request's record has "held": true; what it is finally answered is
up to /_release).

Routes:
  POST /cgi-bin/webhook/send?key=K      WeCom: errcode 0 for --wecom-key
        (a comma-separated list of valid keys),
        93000 for any other key, 45009 past --wecom-limit messages in the
        current window (the window only resets on POST /_window: the test
        owns time), 40058 for text over 2048 bytes or markdown over 4096,
        44004 for empty content.  The window is per key (per robot).
  POST /webhook (any path under it)     generic webhook: verifies the
        Standard Webhooks headers against --webhook-secret (whsec_... or
        raw): 401 on a bad signature or a webhook-timestamp more than 5
        minutes from the (fake) clock, 400 when headers are missing, else
        200.
  POST /robot/send?access_token=T&timestamp=TS&sign=S   DingTalk: 300005
        for a wrong token, 310000 for a bad sign or a timestamp more than
        an hour from the (fake) clock, else errcode 0.
  POST /open-apis/bot/v2/hook/TOKEN     Feishu: 19001 for a wrong token,
        19021 for a bad sign or stale timestamp, else code 0.
Control (not recorded):
  POST /_fail?n=3&status=500            the next n requests get HTTP 500
  POST /_fail?n=2&errcode=-1            ... HTTP 200 with this error code
        (errcode for WeCom/DingTalk, code for Feishu)
  POST /_fail?n=1&errcode=93000&errmsg=TEXT   ... with this errmsg (msg
        for Feishu), e.g. a hostile one with line breaks and escapes
  POST /_fail?n=1&status=200&raw=TEXT   ... this status and a raw body
  POST /_fail?n=1&status=429&retry_after=300   ... with a Retry-After header
  POST /_slow?seconds=5[&n=K]           delay the answers (the next K only)
  POST /_hold?n=1                       the next n requests are recorded and
        then get no answer until /_release (at most 60 s)
  POST /_release[?status=500|close=1]   answer the held requests: as usual,
        with this HTTP status instead, or by closing the connection
        without any answer
  POST /_window                         reset the WeCom rate window
  POST /_reset                          clear faults, delays and the window
  GET  /_stats                          {"requests": N, ...}

Quits cleanly (exit 0) on SIGTERM or SIGINT.
"""
import argparse
import base64
import datetime
import hashlib
import hmac
import json
import os
import signal
import sys
import threading
import time
import urllib.parse
import zoneinfo
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.n = 0
        self.window = {}         # key: WeCom messages accepted in the window
        self.fail_n = 0
        self.fail_status = 500
        self.fail_errcode = None
        self.fail_raw = None
        self.fail_errmsg = "injected fault"
        self.fail_retry_after = None
        self.slow = 0.0
        self.slow_n = -1         # -1: every request
        self.hold_n = 0          # the next n requests wait for /_release
        self.release = threading.Event()
        self.release_status = None
        self.release_close = False
        self.rec = open(args.record, "a", encoding="utf-8")

    def clock(self):
        """The test's clock as epoch seconds (the real one without a file)."""
        path = self.args.clock_file
        if path:
            try:
                with open(path, encoding="utf-8") as f:
                    s = f.readline().strip()
                for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):
                    try:
                        d = datetime.datetime.strptime(s, fmt)
                        return d.replace(tzinfo=TZ).timestamp(), s
                    except ValueError:
                        pass
            except OSError:
                pass
        return time.time(), ""

    def write(self, rec):
        with self.lock:
            self.rec.write(json.dumps(rec, ensure_ascii=False) + "\n")
            self.rec.flush()


def b64hmac(key, msg):
    return base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()
                            ).decode()


class Handler(BaseHTTPRequestHandler):
    server_version = "robot/1"
    st = None

    def log_message(self, fmt, *a):
        pass

    def reply(self, status, obj, headers=()):
        if isinstance(obj, str):
            data, ctype = obj.encode(), "text/plain"
        else:
            data = json.dumps(obj, ensure_ascii=False).encode()
            ctype = "application/json"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        if u.path == "/_stats":
            st = self.st
            with st.lock:
                self.reply(200, {"requests": st.n, "window": st.window,
                                 "fail": st.fail_n})
            return
        self.reply(404, {"error": "not found"})

    def control(self, path, q):
        st = self.st
        with st.lock:
            if path == "/_fail":
                st.fail_n = int(q.get("n", "1"))
                st.fail_status = int(q.get("status", "500"))
                st.fail_errcode = (int(q["errcode"]) if "errcode" in q
                                   else None)
                st.fail_raw = q.get("raw")
                st.fail_errmsg = q.get("errmsg", "injected fault")
                st.fail_retry_after = q.get("retry_after")
            elif path == "/_slow":
                st.slow = float(q.get("seconds", "1"))
                st.slow_n = int(q.get("n", "-1"))
            elif path == "/_hold":
                st.hold_n = int(q.get("n", "1"))
                st.release = threading.Event()
                st.release_status = None
                st.release_close = False
            elif path == "/_release":
                st.release_status = (int(q["status"]) if "status" in q
                                     else None)
                st.release_close = q.get("close") == "1"
                st.release.set()
            elif path == "/_window":
                st.window = {}
            elif path == "/_reset":
                st.fail_n = 0
                st.fail_errcode = None
                st.fail_raw = None
                st.fail_retry_after = None
                st.slow = 0.0
                st.slow_n = -1
                st.hold_n = 0
                st.release.set()
                st.window = {}
            else:
                return False
        self.reply(200, {"ok": True})
        return True

    def do_POST(self):
        st = self.st
        u = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(u.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if u.path.startswith("/_"):
            if not self.control(u.path, q):
                self.reply(404, {"error": "no such control"})
            return
        arrived = time.time()
        now, clock = st.clock()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        kind = "other"
        if u.path == "/cgi-bin/webhook/send":
            kind = "wecom"
        elif u.path == "/webhook" or u.path.startswith("/webhook/"):
            kind = "webhook"
        elif u.path == "/robot/send":
            kind = "dingtalk"
        elif u.path.startswith("/open-apis/bot/v2/hook/"):
            kind = "feishu"

        with st.lock:
            st.n += 1
            n = st.n
            fault = st.fail_n > 0
            if fault:
                st.fail_n -= 1
                fstatus, ferr, fraw, fmsg = (st.fail_status,
                                             st.fail_errcode, st.fail_raw,
                                             st.fail_errmsg)
                fra = st.fail_retry_after
            held = None
            if st.hold_n > 0:
                st.hold_n -= 1
                held = st.release
            delay = 0.0
            if st.slow > 0 and st.slow_n != 0:
                delay = st.slow
                if st.slow_n > 0:
                    st.slow_n -= 1

        verify = getattr(self, "v_" + kind, None)
        refusal = verify(u, q, raw, body, now) if verify else None
        if fault:
            if fraw is not None:
                status, answer = fstatus, fraw
            elif ferr is None:
                status, answer = fstatus, {"error": "injected fault"}
            else:
                field = "code" if kind == "feishu" else "errcode"
                status = 200
                answer = {field: ferr, ("msg" if kind == "feishu" else
                                        "errmsg"): fmsg}
        elif refusal is not None:
            status, answer = refusal
        else:
            status, answer = getattr(self, "h_" + kind)(u, q, raw, body,
                                                        now)
        code = answer.get("code", answer.get("errcode", 0)) \
            if isinstance(answer, dict) else None
        ok = 200 <= status < 300 and (code == 0 or (
            kind in ("webhook", "other") and code is None))
        st.write({"n": n, "method": "POST", "path": u.path, "query": q,
                  "headers": {k.lower(): v for k, v in self.headers.items()},
                  "json": body, "body": raw.decode("utf-8", "replace"),
                  "valid_utf8": valid_utf8(raw), "bytes": len(raw),
                  "time": arrived, "clock": clock, "kind": kind,
                  "status": status, "answer": answer, "fault": fault,
                  "verified": refusal is None, "ok": ok,
                  "held": held is not None})
        if delay:
            time.sleep(delay)
        if held is not None:
            held.wait(60)
            with st.lock:
                rstatus, rclose = st.release_status, st.release_close
            if rclose:
                # No answer at all: the client sees the connection end.
                self.close_connection = True
                return
            if rstatus is not None:
                status, answer = rstatus, {"error": "released with %d"
                                           % rstatus}
        extra = (("Retry-After", fra),) if fault and fra else ()
        try:
            self.reply(status, answer, extra)
        except OSError:
            pass

    # Each v_KIND checks the credentials and returns None when they are
    # right, else the (status, answer) the real service gives; h_KIND then
    # answers a request whose credentials were right.

    # --- WeCom group robot -------------------------------------------------
    def v_wecom(self, u, q, raw, body, now):
        if q.get("key") not in self.st.args.wecom_key.split(","):
            return 200, {"errcode": 93000,
                         "errmsg": "invalid webhook url, hint: [test]"}
        return None

    def h_wecom(self, u, q, raw, body, now):
        st = self.st
        if not isinstance(body, dict) or "msgtype" not in body:
            return 200, {"errcode": 40008, "errmsg": "invalid message type"}
        mt = body["msgtype"]
        if mt not in ("text", "markdown") or not isinstance(
                body.get(mt), dict):
            return 200, {"errcode": 40008, "errmsg": "invalid message type"}
        content = body[mt].get("content")
        if not isinstance(content, str) or content == "":
            return 200, {"errcode": 44004, "errmsg": "empty content"}
        limit = 2048 if mt == "text" else 4096
        if len(content.encode("utf-8")) > limit:
            return 200, {"errcode": 40058, "errmsg":
                         "invalid parameter: content exceed max length %d"
                         % limit}
        with st.lock:
            key = q["key"]
            if st.window.get(key, 0) >= st.args.wecom_limit:
                return 200, {"errcode": 45009, "errmsg":
                             "api freq out of limit"}
            st.window[key] = st.window.get(key, 0) + 1
        return 200, {"errcode": 0, "errmsg": "ok"}

    # --- Standard Webhooks receiver ----------------------------------------
    def v_webhook(self, u, q, raw, body, now):
        secret = self.st.args.webhook_secret
        wid = self.headers.get("webhook-id")
        ts = self.headers.get("webhook-timestamp")
        sig = self.headers.get("webhook-signature")
        if not wid or not ts:
            return 400, {"error": "webhook-id and webhook-timestamp needed"}
        if secret is None:
            return None
        if not sig:
            return 401, {"error": "no webhook-signature"}
        if secret.startswith("whsec_"):
            key = base64.b64decode(secret[6:])
        else:
            key = secret.encode()
        want = b64hmac(key, wid.encode() + b"." + ts.encode() + b"." + raw)
        got = [s.split(",", 1)[1] for s in sig.split() if s.startswith("v1,")]
        if not any(hmac.compare_digest(want, g) for g in got):
            return 401, {"error": "bad signature"}
        try:
            if abs(int(ts) - now) > 300:
                return 401, {"error": "timestamp too far from now"}
        except ValueError:
            return 400, {"error": "bad timestamp"}
        return None

    def h_webhook(self, u, q, raw, body, now):
        if not isinstance(body, dict):
            return 400, {"error": "the body is not a JSON object"}
        return 200, {"ok": True}

    # --- DingTalk custom robot ---------------------------------------------
    def v_dingtalk(self, u, q, raw, body, now):
        a = self.st.args
        if q.get("access_token") != a.dingtalk_token:
            return 200, {"errcode": 300005, "errmsg": "token is not exist"}
        ts, sign = q.get("timestamp", ""), q.get("sign", "")
        want = b64hmac(a.dingtalk_secret.encode(),
                       (ts + "\n" + a.dingtalk_secret).encode())
        if not hmac.compare_digest(want, sign):
            return 200, {"errcode": 310000, "errmsg":
                         "sign not match, more: [test]"}
        try:
            if abs(int(ts) / 1000 - now) > 3600:
                return 200, {"errcode": 310000, "errmsg":
                             "invalid timestamp, more: [test]"}
        except ValueError:
            return 200, {"errcode": 310000, "errmsg": "invalid timestamp"}
        return None

    def h_dingtalk(self, u, q, raw, body, now):
        if not isinstance(body, dict) or body.get("msgtype") not in (
                "text", "markdown"):
            return 200, {"errcode": 40035, "errmsg": "missing msgtype"}
        return 200, {"errcode": 0, "errmsg": "ok"}

    # --- Feishu custom bot -------------------------------------------------
    def v_feishu(self, u, q, raw, body, now):
        a = self.st.args
        if u.path.rsplit("/", 1)[1] != a.feishu_token:
            return 200, {"code": 19001, "msg": "param invalid: incoming "
                         "webhook access token invalid"}
        if not isinstance(body, dict):
            return 400, {"code": 9499, "msg": "Bad Request"}
        ts, sign = str(body.get("timestamp", "")), body.get("sign", "")
        want = b64hmac((ts + "\n" + a.feishu_secret).encode(), b"")
        stale = "sign match fail or timestamp is not within one hour " \
            "from current time"
        if not isinstance(sign, str) or not hmac.compare_digest(want, sign):
            return 200, {"code": 19021, "msg": stale}
        try:
            if abs(int(ts) - now) > 3600:
                return 200, {"code": 19021, "msg": stale}
        except ValueError:
            return 200, {"code": 19021, "msg": stale}
        return None

    def h_feishu(self, u, q, raw, body, now):
        if body.get("msg_type") != "text":
            return 200, {"code": 9499, "msg": "unknown msg_type"}
        return 200, {"code": 0, "msg": "success", "data": {}}

    def h_other(self, u, q, raw, body, now):
        return 404, {"error": "no such endpoint"}


def valid_utf8(b):
    try:
        b.decode("utf-8", "strict")
        return True
    except UnicodeDecodeError:
        return False


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--record", required=True)
    p.add_argument("--clock-file", help="the test's fake clock, for "
                   "timestamp checks")
    p.add_argument("--wecom-key", default="wecom-test-key")
    p.add_argument("--wecom-limit", type=int, default=20)
    p.add_argument("--webhook-secret")
    p.add_argument("--dingtalk-token", default="ding-token")
    p.add_argument("--dingtalk-secret", default="SECding-secret")
    p.add_argument("--feishu-token", default="feishu-token")
    p.add_argument("--feishu-secret", default="feishu-secret")
    args = p.parse_args()

    Handler.st = State(args)
    # A listen backlog of 5 (the default) would drop connections when
    # duband opens its 8 concurrent transfers.
    ThreadingHTTPServer.request_queue_size = 128
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True

    def stop(signo, frame):
        threading.Thread(target=srv.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, args.port_file)
    srv.serve_forever(poll_interval=0.1)
    srv.server_close()
    Handler.st.rec.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
