#!/usr/bin/env python3
"""Replication under sustained load (issue 22, target 2).

Usage: replication_load.py OUT_JSON NAME=URL [NAME=URL ...] [--pushers 8] [--pullers 2]
                           [--seconds 120] [--rate 0] [--layer-kib 256] [--window 10]

--pushers threads push distinct small images (a config and one layer of --layer-kib random KiB,
monolithic blob POSTs, then the manifest PUT by tag), pusher i always to region i mod n, as fast as
they can (--rate 0) or paced so that all together push --rate images a second. For every pushed
image and every OTHER region, a watcher polls HEAD manifest by tag in that region until it answers
200 with the pushed digest: the lag is from the push's 201 until then (poll every 50 ms per
outstanding item, so lags are +- 50 ms). --pullers threads meanwhile pull the latest pushed image
(manifest GET by tag, then every blob) from a region other than the one it was pushed to, as a
user pulling elsewhere right after a push would, and count the answers (a 404 there is
replication lag showing, not loss). After --seconds the pushers stop; the watchers go on until
every image is seen everywhere (or 180 s pass), then every pushed digest is checked in every region
(manifest by digest and HEAD of each blob): nothing may be missing.
Lag percentiles are printed per --window seconds of push completion time. 127.0.0.1 only.
"""
import argparse
import collections
import hashlib
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
import urllib.parse

from bench_auth import authorization

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"


class Client:
    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        assert u.hostname in ("127.0.0.1", "localhost"), "loopback only"
        self.host, self.port, self.conn = u.hostname, u.port, None

    def request(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers={**authorization(), **(headers or {})})
                r = self.conn.getresponse()
                data = r.read()
                return r.status, {k.lower(): v for k, v in r.getheaders()}, data
            except (http.client.HTTPException, ConnectionError, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise


def digest(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def percentile(values, p):
    s = sorted(values)
    return s[max(0, min(len(s) - 1, round(p / 100 * len(s) + 0.5) - 1))] if s else None


class Run:
    def __init__(self, regions, a):
        self.regions, self.a = regions, a
        self.lock = threading.Lock()
        self.pushed = []        # (t_done, region, repo, manifest digest, blob digests)
        self.watch = collections.deque()  # [t_done, repo, digest, peer]
        self.lags = []          # (t_done relative to start, peer, lag s)
        self.push_errors = []
        self.pull_counts = collections.Counter()
        self.stop_push = threading.Event()
        self.start = time.monotonic()

    def pusher(self, i):
        names = list(self.regions)
        region = names[i % len(names)]
        c = Client(self.regions[region])
        period = len(self.a_pushers()) / self.a.rate if self.a.rate > 0 else 0
        next_at, k = time.monotonic() + random.random() * period, 0
        while not self.stop_push.is_set():
            if period:
                delay = next_at - time.monotonic()
                if delay > 0 and self.stop_push.wait(delay):
                    break
                next_at += period
            repo, k = f"load/p{i}-{k}", k + 1
            try:
                md, blobs = self.push_one(c, repo)
            except Exception as e:  # recorded, the run goes on
                self.push_errors.append(f"{region} {repo}: {e}")
                continue
            t = time.monotonic()
            with self.lock:
                self.pushed.append((t, region, repo, md, blobs))
                for peer in names:
                    if peer != region:
                        self.watch.append([t, repo, md, peer])

    def a_pushers(self):
        return range(self.a.pushers)

    def push_one(self, c, repo):
        layer = os.urandom(self.a.layer_kib * 1024)
        config = json.dumps({"architecture": "amd64", "os": "linux",
                             "rootfs": {"type": "layers", "diff_ids": [digest(layer)]}}).encode()
        for data in (config, layer):
            status, _, body = c.request("POST", f"/v2/{repo}/blobs/uploads/?digest={digest(data)}", data,
                                        {"Content-Type": "application/octet-stream"})
            if status != 201:
                raise RuntimeError(f"blob POST {status}: {body[:160]!r}")
        manifest = json.dumps({
            "schemaVersion": 2, "mediaType": OCI_MANIFEST,
            "config": {"mediaType": OCI_CONFIG, "digest": digest(config), "size": len(config)},
            "layers": [{"mediaType": OCI_LAYER, "digest": digest(layer), "size": len(layer)}]}).encode()
        status, _, body = c.request("PUT", f"/v2/{repo}/manifests/v1", manifest, {"Content-Type": OCI_MANIFEST})
        if status != 201:
            raise RuntimeError(f"manifest PUT {status}: {body[:160]!r}")
        return digest(manifest), [digest(config), digest(layer)]

    def watcher(self, deadline_event):
        clients = {n: Client(u) for n, u in self.regions.items()}
        while True:
            with self.lock:
                item = self.watch.popleft() if self.watch else None
            if item is None:
                if deadline_event.is_set():
                    return
                time.sleep(0.01)
                continue
            t_done, repo, md, peer = item
            status, headers, _ = clients[peer].request("HEAD", f"/v2/{repo}/manifests/v1", None,
                                                       {"Accept": OCI_MANIFEST})
            now = time.monotonic()
            if status == 200 and headers.get("docker-content-digest") == md:
                with self.lock:
                    self.lags.append((t_done - self.start, peer, now - t_done))
                continue
            with self.lock:
                self.watch.append(item)  # back of the queue; polled again after the others
            time.sleep(0.05 / max(1, len(self.watch)))

    def puller(self, n):
        names = list(self.regions)
        clients = {r: Client(u) for r, u in self.regions.items()}
        while not self.stop_push.is_set():
            with self.lock:
                latest = self.pushed[-1] if self.pushed else None
            if latest is None:
                time.sleep(0.05)
                continue
            _, region, repo, md, blobs = latest
            peer = random.choice([r for r in names if r != region])
            c = clients[peer]
            status, headers, body = c.request("GET", f"/v2/{repo}/manifests/v1", None, {"Accept": OCI_MANIFEST})
            if status == 200:
                ok = all(c.request("GET", f"/v2/{repo}/blobs/{b}")[0] == 200 for b in blobs)
                self.pull_counts["200 (manifest and blobs)" if ok else "200 manifest, a blob not yet"] += 1
            else:
                code = "?"
                try:
                    code = json.loads(body)["errors"][0]["code"]
                except Exception:
                    pass
                self.pull_counts[f"{status} {code}"] += 1
            time.sleep(0.02)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("regions", nargs="+")
    p.add_argument("--pushers", type=int, default=8)
    p.add_argument("--pullers", type=int, default=2)
    p.add_argument("--seconds", type=float, default=120)
    p.add_argument("--rate", type=float, default=0)
    p.add_argument("--layer-kib", type=int, default=256)
    p.add_argument("--window", type=float, default=10)
    a = p.parse_args()
    regions = dict(r.split("=", 1) for r in a.regions)
    run = Run(regions, a)
    done_watching = threading.Event()
    threads = [threading.Thread(target=run.pusher, args=(i,), daemon=True) for i in range(a.pushers)]
    threads += [threading.Thread(target=run.puller, args=(i,), daemon=True) for i in range(a.pullers)]
    watchers = [threading.Thread(target=run.watcher, args=(done_watching,), daemon=True) for _ in range(2)]
    for t in threads + watchers:
        t.start()
    time.sleep(a.seconds)
    run.stop_push.set()
    for t in threads:
        t.join(120)
    drain_deadline = time.monotonic() + 180
    while time.monotonic() < drain_deadline:
        with run.lock:
            if not run.watch:
                break
        time.sleep(0.2)
    done_watching.set()
    for t in watchers:
        t.join(30)
    unseen = len(run.watch)
    # Nothing lost: every pushed digest in every region.
    missing = []
    clients = {n: Client(u) for n, u in regions.items()}
    for _, region, repo, md, blobs in run.pushed:
        for name, c in clients.items():
            if c.request("HEAD", f"/v2/{repo}/manifests/{md}", None, {"Accept": OCI_MANIFEST})[0] != 200 or \
                    any(c.request("HEAD", f"/v2/{repo}/blobs/{b}")[0] != 200 for b in blobs):
                missing.append(f"{name}: {repo}@{md}")
    windows = []
    span = max((x[0] for x in run.lags), default=0)
    w = 0
    while w * a.window <= span:
        lo, hi = w * a.window, (w + 1) * a.window
        xs = [x[2] for x in run.lags if lo <= x[0] < hi]
        pushed = sum(1 for x in run.pushed if lo <= x[0] - run.start < hi)
        if xs or pushed:
            windows.append({"from_s": lo, "to_s": hi, "images": pushed, "rate": round(pushed / a.window, 2),
                            "p50_ms": round(1000 * percentile(xs, 50)) if xs else None,
                            "p90_ms": round(1000 * percentile(xs, 90)) if xs else None,
                            "p99_ms": round(1000 * percentile(xs, 99)) if xs else None,
                            "max_ms": round(1000 * max(xs)) if xs else None})
        w += 1
    all_lags = [x[2] for x in run.lags]
    result = {
        "pushers": a.pushers, "pullers": a.pullers, "seconds": a.seconds, "rate_target": a.rate,
        "layer_kib": a.layer_kib, "regions": list(regions), "images": len(run.pushed),
        "rate": round(len(run.pushed) / a.seconds, 2), "push_errors": run.push_errors[:20],
        "push_error_count": len(run.push_errors),
        "lag_ms": {"p50": round(1000 * percentile(all_lags, 50)), "p90": round(1000 * percentile(all_lags, 90)),
                   "p99": round(1000 * percentile(all_lags, 99)), "max": round(1000 * max(all_lags)),
                   "count": len(all_lags)} if all_lags else None,
        "windows": windows, "peer_pulls": dict(run.pull_counts), "unseen_after_drain": unseen,
        "missing_at_end": missing[:50], "missing_count": len(missing),
    }
    json.dump(result, open(a.out, "w"), indent=1)
    for win in windows:
        print(f"{win['from_s']:5.0f}-{win['to_s']:<5.0f} s: {win['images']:4d} images ({win['rate']}/s), lag p50 "
              f"{win['p50_ms']} ms, p90 {win['p90_ms']} ms, p99 {win['p99_ms']} ms, max {win['max_ms']} ms", file=sys.stderr)
    print(json.dumps({k: v for k, v in result.items() if k != "windows"}), file=sys.stderr)


if __name__ == "__main__":
    main()
