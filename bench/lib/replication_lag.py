#!/usr/bin/env python3
"""Replication lag: push fresh images to region A, time until each is pullable in region B.

Usage: replication_lag.py A_URL B_URL PUSHES OUT_JSON [--layers-mib 1,4,15] [--poll-ms 5]

The pusher is this script (http.client, one keep-alive connection per region), not skopeo:
skopeo spends ~1 s per image on its own (process start, TLS probe, manifest conversion checks),
which would blur sub-second lags. Per push, in order: each layer and the config as a
monolithic POST ?digest= (201), then the manifest PUT by tag (201). "Push completed" is the
moment the manifest PUT answered 201 in A. From then on B is polled every --poll-ms until
GET manifest by tag returns 200 with the pushed digest AND a HEAD of every blob (config and
layers) returns 200; the lag is the first time all held, so it includes up to one poll
interval. Pushes are sequential: each lag is measured with nothing else in flight.
Only 127.0.0.1 is contacted; every request has a timeout; a push that is not visible within
60 s is recorded as a timeout.
"""
import hashlib
import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse

from bench_auth import authorization

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
TIMEOUT_S = 60


class Client:
    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        assert u.hostname in ("127.0.0.1", "localhost"), "loopback only"
        self.host, self.port = u.hostname, u.port
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        for attempt in (1, 2):  # one reconnect if the server closed the keep-alive connection
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.conn.request(method, path, body=body, headers={**authorization(), **(headers or {})})
                r = self.conn.getresponse()
                data = r.read()
                return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data
            except (http.client.HTTPException, ConnectionError, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise


def digest(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def push(a, repo, tag, layer_sizes):
    layers = [os.urandom(n) for n in layer_sizes]
    config = json.dumps({"architecture": "amd64", "os": "linux",
                         "rootfs": {"type": "layers", "diff_ids": [digest(l) for l in layers]}}).encode()
    blobs = [(config, OCI_CONFIG)] + [(l, OCI_LAYER) for l in layers]
    for data, _ in blobs:
        status, _, body = a.request("POST", f"/v2/{repo}/blobs/uploads/?digest={digest(data)}", data,
                                    {"Content-Type": "application/octet-stream",
                                     "Content-Length": str(len(data))})
        if status != 201:
            raise RuntimeError(f"blob POST {status}: {body[:200]!r}")
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": OCI_MANIFEST,
        "config": {"mediaType": OCI_CONFIG, "digest": digest(config), "size": len(config)},
        "layers": [{"mediaType": OCI_LAYER, "digest": digest(l), "size": len(l)} for l in layers],
    }).encode()
    status, _, body = a.request("PUT", f"/v2/{repo}/manifests/{tag}", manifest,
                                {"Content-Type": OCI_MANIFEST})
    if status != 201:
        raise RuntimeError(f"manifest PUT {status}: {body[:200]!r}")
    return digest(manifest), [digest(d) for d, _ in blobs], sum(len(d) for d, _ in blobs)


def visible(b, repo, tag, manifest_digest, blob_digests, seen):
    if "manifest" not in seen:
        status, headers, _ = b.request("GET", f"/v2/{repo}/manifests/{tag}", None, {"Accept": OCI_MANIFEST})
        if status != 200 or headers.get("docker-content-digest") != manifest_digest:
            return False
        seen.add("manifest")
    for d in blob_digests:
        if d in seen:
            continue
        status, _, _ = b.request("HEAD", f"/v2/{repo}/blobs/{d}")
        if status != 200:
            return False
        seen.add(d)
    return True


def percentile(values, p):
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * len(s) + 0.5) - 1))  # nearest rank
    return s[k]


def main():
    args = sys.argv[1:]
    layers_mib = [1, 4, 15]
    poll_ms = 5
    if "--layers-mib" in args:
        i = args.index("--layers-mib"); layers_mib = [float(x) for x in args[i + 1].split(",")]; del args[i:i + 2]
    if "--poll-ms" in args:
        i = args.index("--poll-ms"); poll_ms = float(args[i + 1]); del args[i:i + 2]
    a_url, b_url, pushes, out = args[0], args[1], int(args[2]), args[3]
    a, b = Client(a_url), Client(b_url)
    sizes = [int(m * 1048576) for m in layers_mib]
    lags, timeouts, push_secs = [], 0, []
    run = f"{int(time.time())}"
    for i in range(pushes):
        repo, tag = f"lag/r{run}-{i}", "v1"
        t0 = time.monotonic()
        manifest_digest, blob_digests, total = push(a, repo, tag, sizes)
        done = time.monotonic()
        push_secs.append(done - t0)
        seen = set()
        while not visible(b, repo, tag, manifest_digest, blob_digests, seen):
            if time.monotonic() - done > TIMEOUT_S:
                timeouts += 1
                break
            time.sleep(poll_ms / 1000)
        else:
            lags.append((time.monotonic() - done) * 1000)
        print(f"push {i + 1}/{pushes}: {total / 1048576:.1f} MiB in {push_secs[-1]:.2f} s, "
              f"lag {lags[-1] if lags else float('nan'):.0f} ms", file=sys.stderr)
    result = {
        "pushes": pushes, "layers_mib": layers_mib, "image_mib": sum(sizes) / 1048576,
        "poll_ms": poll_ms, "timeouts": timeouts,
        "lag_ms": {"p50": percentile(lags, 50), "p90": percentile(lags, 90), "p99": percentile(lags, 99),
                   "min": min(lags), "max": max(lags), "mean": statistics.mean(lags)} if lags else None,
        "push_s": {"p50": percentile(push_secs, 50), "max": max(push_secs)},
        "lags_ms": [round(x, 1) for x in lags],
    }
    with open(out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps({k: v for k, v in result.items() if k != "lags_ms"}))


if __name__ == "__main__":
    main()
