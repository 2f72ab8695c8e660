#!/usr/bin/env python3
"""Webhook event-to-delivery latency against a running local runtime (issue 4, Performance).

Started by bench/webhook-latency.sh, which runs the runtime; usable on its own against any
runtime whose regions accept loopback webhook targets:

  webhook-latency.py --region eastus=http://127.0.0.1:P1 --region westeurope=... [--origin eastus]
                     [--pushes N] [--webhooks K] [--interval-ms MS] [--drain-seconds S]
                     [--json FILE] [--markdown FILE] [--command TEXT]

1. A receiver (ThreadingHTTPServer, HTTP/1.1, 127.0.0.1, a free port) answers every POST 200 at
   once and records its arrival time (time.time()), path and the payload's id, action, region,
   timestamp and target.tag.
2. K webhooks per region (actions push and replicated, empty scope: every event), each on its own
   path /hook/<region>/<k>.
3. N small images pushed to the origin, one after another on one keep-alive connection: two
   monolithic blob uploads (POST /v2/<repo>/blobs/uploads/?digest=<d> with the bytes: a config
   and a layer, both unique per image) and the manifest PUT by tag (t<i>).
4. Waits (bounded) until every expected delivery has arrived: per image and per webhook, one
   push in every region and one replicated at the origin.

Latency = arrival at the receiver - the payload's "timestamp" (when the region recorded the event
in its log); also reported: arrival - the client's manifest PUT answer ("PUT→delivery", which adds
the registry's own event recording and, for peers, replication). One wall clock: same machine.
Only 127.0.0.1 is contacted; every loop is bounded.
"""
import argparse
import datetime
import hashlib
import http.client
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from bench_auth import authorization  # noqa: E402

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"


class Receiver:
    def __init__(self):
        self.records = []
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                arrived = time.time()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                try:
                    event = json.loads(body)
                except ValueError:
                    event = {}
                with outer.lock:
                    outer.records.append({
                        "arrived": arrived, "path": self.path,
                        "webhook_id": self.headers.get("webhook-id"),
                        "id": event.get("id"), "action": event.get("action"),
                        "region": event.get("region"), "timestamp": event.get("timestamp"),
                        "tag": (event.get("target") or {}).get("tag")})

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def snapshot(self):
        with self.lock:
            return list(self.records)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Client:
    """One keep-alive HTTP/1.1 connection to a loopback endpoint."""

    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        if u.hostname not in ("127.0.0.1", "localhost", "::1"):
            sys.exit(f"refusing a non-loopback endpoint: {base}")
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)

    def request(self, method, path, body=b"", headers=None):
        for attempt in (1, 2):  # one reconnect if the server closed an idle connection
            try:
                self.conn.request(method, path, body=body, headers={**authorization(), **(headers or {})})
                r = self.conn.getresponse()
                return r.status, r.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def push_image(client, repo, tag, seed):
    config = json.dumps({"architecture": "amd64", "os": "linux", "id": seed}).encode()
    layer = f"layer of {seed}".encode()
    for blob in (config, layer):
        status, body = client.request(
            "POST", f"/v2/{repo}/blobs/uploads/?digest={sha256(blob)}", blob,
            {"Content-Type": "application/octet-stream"})
        if status != 201:
            raise RuntimeError(f"blob upload answered {status}: {body[:300]!r}")
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": OCI_MANIFEST,
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": sha256(config), "size": len(config)},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                    "digest": sha256(layer), "size": len(layer)}]}).encode()
    status, body = client.request("PUT", f"/v2/{repo}/manifests/{tag}", manifest,
                                  {"Content-Type": OCI_MANIFEST})
    if status != 201:
        raise RuntimeError(f"manifest PUT answered {status}: {body[:300]!r}")
    return time.time()


def register(base, name, uri):
    status, body = Client(base).request(
        "POST", "/meridian/v1/webhooks",
        json.dumps({"name": name, "serviceUri": uri, "actions": ["push", "replicated"],
                    "scope": ""}).encode(), {"Content-Type": "application/json"})
    if status != 201:
        raise RuntimeError(f"creating webhook {name} at {base} answered {status}: {body[:300]!r}")


def parse_instant(text):
    """Java's Instant.toString(): 2026-11-23T17:20:40.379269325Z (fraction optional)."""
    text = text.rstrip("Z")
    base, _, frac = text.partition(".")
    seconds = datetime.datetime.strptime(base, "%Y-%m-%dT%H:%M:%S").replace(
        tzinfo=datetime.timezone.utc).timestamp()
    return seconds + (float("0." + frac) if frac else 0.0)


def percentile(values, p):
    """Nearest rank."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def summarize(records, put_done, origin, regions, webhooks, pushes):
    first = {}  # (path, webhook id) -> first arrival
    duplicates = 0
    for r in records:
        key = (r["path"], r["webhook_id"])
        if key in first:
            duplicates += 1
        else:
            first[key] = r
    groups = {"push (origin)": ([], []), "push (peers)": ([], []), "replicated (origin)": ([], [])}
    untagged = 0
    for r in first.values():
        if r["tag"] is None:
            untagged += 1
            continue
        if r["action"] == "replicated":
            group = "replicated (origin)"
        elif r["action"] == "push":
            group = "push (origin)" if r["region"] == origin else "push (peers)"
        else:
            continue
        event_ms = (r["arrived"] - parse_instant(r["timestamp"])) * 1000
        groups[group][0].append(event_ms)
        if r["tag"] in put_done:
            groups[group][1].append((r["arrived"] - put_done[r["tag"]]) * 1000)
    per_key = {}
    for r in first.values():
        per_key.setdefault((r["path"], r["action"], r["tag"]), set()).add(r["webhook_id"])
    extra = sum(len(ids) - 1 for ids in per_key.values())
    expected = {"push (origin)": pushes * webhooks,
                "push (peers)": pushes * webhooks * (len(regions) - 1),
                "replicated (origin)": pushes * webhooks}
    arrived = {"push (origin)": set(), "push (peers)": set(), "replicated (origin)": set()}
    for (path, action, tag) in per_key:
        if tag is None:
            continue
        region = path.split("/")[2]
        kind = ("replicated (origin)" if action == "replicated"
                else "push (origin)" if region == origin else "push (peers)")
        arrived[kind].add((path, tag))
    rows = []
    for name, (event, put) in groups.items():
        rows.append({"kind": name, "expected": expected[name], "delivered": len(arrived[name]),
                     "event_p50_ms": percentile(event, 50), "event_p99_ms": percentile(event, 99),
                     "event_max_ms": max(event) if event else None,
                     "put_p50_ms": percentile(put, 50), "put_p99_ms": percentile(put, 99)})
    return {"rows": rows, "duplicates": duplicates, "untagged": untagged, "extra_events": extra}


def markdown(result, command):
    a = result["args"]
    out = ["## Webhook delivery latency", "",
           "Written by `bench/webhook-latency.sh` (re-run it to replace this section). One local",
           f"runtime (`--ephemeral`, {len(a['regions'])} regions); {a['webhooks']} webhooks per region "
           "(actions `push` and `replicated`, empty scope) on one",
           "loopback receiver (Python `ThreadingHTTPServer`, answers 200 at once); "
           f"{a['pushes']:,} small images",
           f"(a config and a layer of a few dozen bytes, unique per image) pushed to {a['origin']} one after",
           "another over one keep-alive connection: two monolithic blob uploads (`POST",
           "/v2/<repo>/blobs/uploads/?digest=…` with the bytes) and a manifest `PUT` by tag.",
           "**event→delivery** = arrival at the receiver − the payload's `timestamp` (when the region",
           "recorded the event in its log); **PUT→delivery** = arrival − the client's `201` for the",
           "manifest (adds the event's recording and, for peers, replication). Nearest-rank",
           "percentiles over the first arrival of each delivery id.", "",
           f"- Command: `{command}`",
           f"- Date: {result['started']} – {result['finished']} UTC",
           f"- Machine: {result['machine']}",
           f"- Pushes: {a['pushes']:,} in {result['push_seconds']:.1f} s "
           f"({a['pushes'] / result['push_seconds']:.1f} images/s); every delivery in "
           f"{result['drain_seconds']:.1f} s after the last push",
           "",
           "| deliveries | expected | delivered | event→delivery p50 | p99 | max | PUT→delivery p50 | p99 |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in result["summary"]["rows"]:
        def ms(v):
            return "–" if v is None else f"{v:,.0f} ms"
        out.append(f"| {r['kind']} | {r['expected']:,} | {r['delivered']:,} | {ms(r['event_p50_ms'])} | "
                   f"{ms(r['event_p99_ms'])} | {ms(r['event_max_ms'])} | {ms(r['put_p50_ms'])} | "
                   f"{ms(r['put_p99_ms'])} |")
    s = result["summary"]
    met = all(r["event_p50_ms"] is not None and r["event_p50_ms"] < 200 for r in s["rows"])
    out += ["", f"Target p50 < 200 ms (event→delivery): **{'met' if met else 'not met'}**. "
            f"Duplicate arrivals (same delivery id again): {s['duplicates']}; a second event (another "
            f"id) for the same webhook, action and tag: {s['extra_events']}; deliveries without a "
            f"tag: {s['untagged']}. `delivered` counts (webhook, tag) pairs that arrived; "
            "latencies cover every distinct delivery id.", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--region", action="append", required=True, help="name=url, origin first")
    ap.add_argument("--origin", default=None)
    ap.add_argument("--pushes", type=int, default=1000)
    ap.add_argument("--webhooks", type=int, default=3)
    ap.add_argument("--interval-ms", type=float, default=0, help="pause between pushes")
    ap.add_argument("--drain-seconds", type=float, default=600,
                    help="how long to wait for the last deliveries after the last push")
    ap.add_argument("--repo", default="bench/webhooks")
    ap.add_argument("--json")
    ap.add_argument("--markdown")
    ap.add_argument("--command", default="bench/webhook-latency.sh")
    ap.add_argument("--machine", default="")
    a = ap.parse_args()
    regions = dict(r.split("=", 1) for r in a.region)
    origin = a.origin or next(iter(regions))

    receiver = Receiver()
    started = datetime.datetime.now(datetime.timezone.utc)
    for name, base in regions.items():
        for k in range(1, a.webhooks + 1):
            register(base, f"benchhook{k}", receiver.url(f"/hook/{name}/{k}"))
    print(f"[webhook-latency] {a.webhooks} webhooks in each of {list(regions)}; receiver at "
          f"{receiver.url('/')}", file=sys.stderr)

    client = Client(regions[origin])
    put_done = {}
    t0 = time.time()
    for i in range(a.pushes):
        tag = f"t{i}"
        put_done[tag] = push_image(client, a.repo, tag, f"{t0}-{i}")
        if (i + 1) % 100 == 0:
            print(f"[webhook-latency] pushed {i + 1}/{a.pushes}, "
                  f"{len(receiver.snapshot())} deliveries so far", file=sys.stderr)
        if a.interval_ms:
            time.sleep(a.interval_ms / 1000)
    t1 = time.time()

    # Done when every (webhook, action, tag) expected has arrived at least once.
    expected = {(f"/hook/{region}/{k}", "push", f"t{i}") for region in regions
                for k in range(1, a.webhooks + 1) for i in range(a.pushes)}
    expected |= {(f"/hook/{origin}/{k}", "replicated", f"t{i}")
                 for k in range(1, a.webhooks + 1) for i in range(a.pushes)}
    deadline = t1 + a.drain_seconds
    while time.time() < deadline:
        if expected <= {(r["path"], r["action"], r["tag"]) for r in receiver.snapshot()}:
            break
        time.sleep(0.2)
    t2 = time.time()
    receiver.close()

    records = receiver.snapshot()
    summary = summarize(records, put_done, origin, regions, a.webhooks, a.pushes)
    result = {"args": {"regions": list(regions), "origin": origin, "pushes": a.pushes,
                       "webhooks": a.webhooks, "interval_ms": a.interval_ms},
              "started": started.strftime("%Y-%m-%d %H:%M"),
              "finished": datetime.datetime.now(datetime.timezone.utc).strftime("%H:%M"),
              "machine": a.machine, "push_seconds": t1 - t0, "drain_seconds": t2 - t1,
              "summary": summary}
    print(json.dumps(result, indent=2))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({**result, "records": records, "put_done": put_done}, f)
    if a.markdown:
        with open(a.markdown, "w") as f:
            f.write(markdown(result, a.command))
    missing = sum(r["expected"] - r["delivered"] for r in summary["rows"])
    if missing > 0:
        print(f"[webhook-latency] {missing} deliveries missing after {a.drain_seconds} s",
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
