#!/usr/bin/env python3
"""Request timeline of a loopback packet capture: how long each HTTP request to one port took.

    tcpdump -i lo -s 3000 -w push.pcap tcp &      # as root; apt-get install -y tcpdump
    skopeo copy ... docker://127.0.0.1:7001/...   # the client run to look at
    kill %1
    bench/http_timeline.py push.pcap --port 7001          # one line per request to the registry
    bench/http_timeline.py push.pcap --all                # every request and status line seen,
                                                          # DynamoDB operations by name

Only the first packet of each request and response is looked at (the request line, the status
line, X-Amz-Target, Content-Length), so a small snap length is enough and payloads are never
kept. A request's duration is from its request line to its status line (a 100 Continue does not
count). Used for the per-request comparison in bench/notes.md.
"""
import argparse
import re
import struct

REQUEST = re.compile(rb"(GET|HEAD|POST|PUT|PATCH|DELETE) (\S+)|HTTP/1\.1 (\d+)")


def packets(path):
    """(time, source port, destination port, first line, DynamoDB target, Content-Length)."""
    with open(path, "rb") as f:
        header = f.read(24)
        nanos = struct.unpack("<I", header[:4])[0] == 0xA1B23C4D
        link = struct.unpack("<I", header[20:24])[0]
        offset = {1: 14, 113: 16}.get(link, 4)  # Ethernet, Linux cooked, loopback (BSD)
        while True:
            record = f.read(16)
            if len(record) < 16:
                return
            sec, frac, length, _ = struct.unpack("<IIII", record)
            data = f.read(length)
            ip = data[offset:]
            tcp = ip[(ip[0] & 15) * 4:]
            sport, dport = struct.unpack(">HH", tcp[:4])
            payload = tcp[(tcp[12] >> 4) * 4:]
            if not payload or not REQUEST.match(payload):
                continue
            line = payload.split(b"\r\n")[0].decode(errors="replace")
            target = re.search(rb"(?i)\r\nx-amz-target: *DynamoDB_\d+\.(\w+)", payload)
            size = re.search(rb"(?i)\r\ncontent-length: *(\d+)", payload)
            yield (sec + frac / (1e9 if nanos else 1e6), sport, dport, line,
                   target.group(1).decode() if target else "", int(size.group(1)) if size else None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pcap")
    ap.add_argument("--port", type=int, help="list the requests to this port with durations")
    ap.add_argument("--all", action="store_true", help="print every request and status line")
    a = ap.parse_args()
    start = None
    pending = {}
    for t, sport, dport, line, target, size in packets(a.pcap):
        start = t if start is None else start
        at = t - start
        if a.all:
            extra = (" " + target if target else "") + (f" len={size}" if size is not None else "")
            print(f"{at:8.3f} {sport:>5}>{dport:<5} {line[:110]}{extra}")
        if a.port is None:
            continue
        if dport == a.port and not line.startswith("HTTP/"):
            pending[sport] = (at, line)
        elif sport == a.port and line.startswith("HTTP/") and dport in pending:
            status = line.split()[1]
            if status == "100":
                continue
            began, request = pending.pop(dport)
            if not a.all:
                method, path = request.split()[:2]
                print(f"{began:8.3f} {1000 * (at - began):8.1f} ms  {status} {method} {path[:90]}")


if __name__ == "__main__":
    main()
