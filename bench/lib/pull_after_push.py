#!/usr/bin/env python3
"""Pull after push (issue 24): push fresh images to region A, time until a client pulls each
one completely from region B, in one repository per onMiss mode.

Usage: pull_after_push.py A_URL B_URL PUSHES OUT_JSON --label L [--layers-mib 1,4]

Per push: the image is pushed to A with replication_lag.push (monolithic blob POSTs, then the
manifest PUT by tag); t0 is the manifest PUT's 201. Then, per mode, a client in B pulls it the
way an OCI client does: GET the manifest by tag, then GET every blob (a 307 is followed to its
Location without credentials, as clients follow presigned URLs). A 404 is retried after the
seconds its Retry-After header names (1 when absent); the time to first success is from t0
until the last blob's bytes arrived with the right digests. Mode `report` pulls
bench/pap-report (the default onMiss); mode `fetch` pulls bench/pap-fetch, whose onMiss is set
to fetch first (PUT /meridian/v1/settings/pull/bench/pap-fetch). Pushes are sequential.
Only 127.0.0.1/localhost is contacted; every request has a timeout; 60 s cap per pull.
"""
import http.client
import json
import statistics
import sys
import time
import urllib.parse

from replication_lag import Client, OCI_MANIFEST, digest, percentile, push

CAP_S = 60


def fetch_url(url):
    """GET a presigned URL (another host: no credentials), returning (status, bytes)."""
    u = urllib.parse.urlparse(url)
    assert u.hostname in ("127.0.0.1", "localhost"), "loopback only"
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    try:
        conn.request("GET", u.path + ("?" + u.query if u.query else ""))
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def pull(b, repo, tag, manifest_digest, blob_digests):
    """One pull attempt: None when complete, else the seconds to wait (Retry-After)."""
    status, headers, body = b.request("GET", f"/v2/{repo}/manifests/{tag}", None,
                                      {"Accept": OCI_MANIFEST})
    if status == 404:
        return float(headers.get("retry-after", "1"))
    if status != 200 or digest(body) != manifest_digest:
        raise RuntimeError(f"manifest GET {status}: {body[:200]!r}")
    for d in blob_digests:
        status, headers, data = b.request("GET", f"/v2/{repo}/blobs/{d}")
        if status == 307:
            status, data = fetch_url(headers["location"])
        if status == 404:
            return float(headers.get("retry-after", "1"))
        if status != 200 or digest(data) != d:
            raise RuntimeError(f"blob GET {d}: {status}")
    return None


def main():
    args = sys.argv[1:]
    layers_mib = [1, 4]
    label = "run"
    if "--layers-mib" in args:
        i = args.index("--layers-mib")
        layers_mib = [float(x) for x in args[i + 1].split(",")]
        del args[i:i + 2]
    if "--label" in args:
        i = args.index("--label")
        label = args[i + 1]
        del args[i:i + 2]
    a_url, b_url, pushes, out = args[0], args[1], int(args[2]), args[3]
    a, b = Client(a_url), Client(b_url)
    status, _, body = a.request("PUT", "/meridian/v1/settings/pull/bench/pap-fetch",
                                b'{"onMiss":"fetch"}', {"Content-Type": "application/json"})
    if status != 200:
        raise SystemExit(f"setting onMiss: fetch failed: {status} {body[:200]!r}")
    sizes = [int(m * 1024 * 1024) for m in layers_mib]
    results = {"report": [], "fetch": []}
    attempts = {"report": [], "fetch": []}
    timeouts = {"report": 0, "fetch": 0}
    stamp = int(time.time())
    for n in range(pushes):
        for mode in ("report", "fetch"):
            repo, tag = f"bench/pap-{mode}", f"t{stamp}-{n}"
            manifest_digest, blob_digests, _ = push(a, repo, tag, sizes)
            t0 = time.monotonic()
            tries = 0
            while True:
                tries += 1
                wait = pull(b, repo, tag, manifest_digest, blob_digests)
                elapsed = time.monotonic() - t0
                if wait is None:
                    results[mode].append(elapsed * 1000)
                    attempts[mode].append(tries)
                    break
                if elapsed + wait > CAP_S:
                    timeouts[mode] += 1
                    break
                time.sleep(wait)
            print(f"{label} {mode} push {n + 1}/{pushes}: "
                  f"{results[mode][-1] if results[mode] else -1:.0f} ms, {tries} attempt(s)",
                  file=sys.stderr)

    def summary(values):
        if not values:
            return None
        return {"p50": statistics.median(values), "p90": percentile(values, 90),
                "min": min(values), "max": max(values)}

    json.dump({"label": label, "pushes": pushes, "layers_mib": layers_mib,
               "ms": {m: summary(v) for m, v in results.items()},
               "all_ms": results, "attempts": attempts, "timeouts": timeouts},
              open(out, "w"), indent=1)


if __name__ == "__main__":
    main()
