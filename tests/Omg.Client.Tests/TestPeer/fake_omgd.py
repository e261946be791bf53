#!/usr/bin/python3
"""A stand-in for omgd in the client's auto-start tests.

Takes omgd's start flags (--socket, --detach, --log-file) and answers Ping and Metrics. Test-only
flags: --starts FILE or $FAKE_OMGD_STARTS (append this pid, so tests count starts), --delay S (wait before binding, widening
the window in which racing clients could both start one), --fail (exit 3 at once, after printing).
It exits on SIGTERM (removing its socket) and by itself after 60 s without a connection.
"""
import os
import signal
import socket
import struct
import sys
import threading
import time

import msgpack

ARGS = sys.argv[1:]
STARTED = time.time()


def option(name, default=None):
    return ARGS[ARGS.index(name) + 1] if name in ARGS else default


def recv_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def answer(variant, request_id):
    if variant == "Ping":
        return {"Success": {"id": request_id, "result": {"Ping": "pong"}}}
    if variant == "Metrics":
        metrics = {"version": "0.0.0-fake", "pid": os.getpid(), "uptime_seconds": int(time.time() - STARTED),
                   "active_connections": 1, "total_connections": 1, "rejected_connections": 0, "bytes_in": 0,
                   "bytes_out": 0, "rate_limited": 0, "validation_failures": 0, "requests": []}
        return {"Success": {"id": request_id, "result": {"Metrics": metrics}}}
    return {"Error": {"id": request_id, "code": -32601, "message": f"fake omgd does not do {variant}"}}


def serve(conn):
    with conn:
        while True:
            header = recv_exact(conn, 4)
            if header is None:
                return
            payload = recv_exact(conn, struct.unpack(">I", header)[0])
            if payload is None:
                return
            ((variant, body),) = msgpack.unpackb(payload, raw=False).items()
            reply = msgpack.packb(answer(variant, body.get("id", 0)))
            conn.sendall(struct.pack(">I", len(reply)) + reply)


def main():
    socket_path = option("--socket")
    starts_file = option("--starts", os.environ.get("FAKE_OMGD_STARTS"))
    if starts_file:
        with open(starts_file, "a", encoding="utf-8") as starts:
            starts.write(f"{os.getpid()}\n")
    if option("--log-file"):
        log = os.open(option("--log-file"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.dup2(log, 1)
        os.dup2(log, 2)
    if "--detach" in ARGS:
        os.setsid()
    if "--fail" in ARGS:
        print("fake omgd: failing on purpose", flush=True)
        sys.exit(3)
    time.sleep(float(option("--delay", "0.3")))

    if os.path.exists(socket_path):
        os.unlink(socket_path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(socket_path)
    server.listen(16)

    def stop(*_):
        try:
            os.unlink(socket_path)
        finally:
            os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    server.settimeout(60)
    print(f"fake omgd {os.getpid()} listening on {socket_path}", flush=True)
    while True:
        try:
            conn, _ = server.accept()
        except socket.timeout:
            stop()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
