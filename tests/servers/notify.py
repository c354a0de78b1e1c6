#!/usr/bin/python3
"""notify.py: plays systemd's side of the sd_notify protocol for the tests.
Binds a datagram socket (NOTIFY_SOCKET for duband) and appends every
message it receives to the record file as one line, the message's own
lines joined with " | " (READY=1, STATUS=3 queued, 0 sending, next wake-up
2026-12-03 09:01, RELOADING=1 | MONOTONIC_USEC=..., STOPPING=1).  Tests use
the STATUS lines to know that duband has finished a pass, instead of
sleeping.

Writes the socket path to the port file once bound; quits cleanly on
SIGTERM or SIGINT.
"""
import argparse
import os
import signal
import socket
import sys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--record", required=True)
    p.add_argument("--socket", required=True)
    args = p.parse_args()

    stop = []

    def on_signal(signo, frame):
        stop.append(signo)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        os.unlink(args.socket)
    except FileNotFoundError:
        pass
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(args.socket)
    s.settimeout(0.1)
    out = open(args.record, "a", encoding="utf-8")
    with open(args.port_file + ".tmp", "w") as f:
        f.write(args.socket + "\n")
    os.rename(args.port_file + ".tmp", args.port_file)
    while not stop:
        try:
            data = s.recv(65536)
        except socket.timeout:
            continue
        except InterruptedError:
            continue
        text = data.decode("utf-8", "replace").strip("\n")
        out.write(" | ".join(text.split("\n")) + "\n")
        out.flush()
    s.close()
    os.unlink(args.socket)
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
