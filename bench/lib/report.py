#!/usr/bin/env python3
"""Turns the harness's results (TSV) into docs/benchmarks.md.

Usage: report.py --results FILE --out FILE --command CMD --rounds N [--heap FILE] [--notes FILE]
Results rows: round<TAB>target<TAB>metric<TAB>value<TAB>note (target: meridian | reference).
"""
import argparse
import datetime
import json
import os
import re
import statistics
import subprocess

METRICS = [  # metric, label, unit, target ratio
    ("push_mbps", "skopeo push, 3 layers (1+16+256 MiB)", "MB/s", 1.0),
    ("pull_mbps", "skopeo pull, same image", "MB/s", 1.0),
    ("blob_get_mbps", "blob GET 256 MiB, `curl -L`", "MB/s", None),
    ("manifest_tag_rps", "manifest GET by tag, `wrk` 16 conns", "req/s", 1.2),
    ("manifest_digest_rps", "manifest GET by digest, `wrk` 16 conns", "req/s", 1.2),
]


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:  # noqa: BLE001 - best-effort machine description
        return "?"


def machine():
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    return f"{os.cpu_count()} CPUs ({cpu or 'unknown model'}), {mem_kb / 1024 / 1024:.1f} GiB RAM, {sh('uname -sr')}"


def versions():
    return {
        "skopeo": sh("skopeo --version"),
        "docker-registry": sh("docker-registry --version"),
        "wrk": sh("wrk -v 2>&1 | head -1"),
        "java": sh("java -version 2>&1 | head -1"),
        "curl": sh("curl --version | head -1"),
    }


def load(path):
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4 and parts[0] != "round":
                rows.append({"round": int(parts[0]), "target": parts[1], "metric": parts[2],
                             "value": float(parts[3]), "note": parts[4] if len(parts) > 4 else ""})
    return rows


def load_cycles(path):
    """(cycle, target, push seconds, pull seconds) rows of the small warm-up cycles."""
    if not path or not os.path.exists(path):
        return []
    with open(path) as f:
        return [(int(p[0]), p[1], float(p[2]), float(p[3]))
                for p in (line.rstrip("\n").split("\t") for line in f) if len(p) == 4]


def fmt(v):
    return "–" if v is None else (f"{v:,.0f}" if v >= 100 else f"{v:,.1f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--rounds", required=True)
    ap.add_argument("--warmup", default="0", help="unrecorded warm-up rounds per target")
    ap.add_argument("--warmup-results", help="the warm-up rounds' results (TSV, rounds w1, w2, ...)")
    ap.add_argument("--warmup-cycles", help="the small warm-up cycles (TSV: cycle, target, push s, pull s)")
    ap.add_argument("--heap")
    ap.add_argument("--notes")
    ap.add_argument("--meridian-args", default="", help="the compared Meridian's flags")
    ap.add_argument("--date", help="when the run happened (default: now)")
    a = ap.parse_args()
    rows = load(a.results)

    def values(target, metric):
        return [r["value"] for r in rows if r["target"] == target and r["metric"] == metric]

    out = []
    out.append("# Benchmarks\n")
    out.append("Written by `bench/run.sh` (do not edit by hand; re-run it). Meridian's local runtime and the")
    out.append("reference registry, `docker-registry` (CNCF distribution, filesystem storage), run side by side")
    out.append("on loopback; every round measures both, alternating which goes first. Each round pushes a")
    out.append("**fresh** 3-layer image (1, 16, 256 MiB of random data, gzip-wrapped, so nothing dedups) with")
    out.append("`skopeo copy`, pulls it back into an empty OCI layout, GETs the 256 MiB blob with `curl -L`")
    out.append("(following Meridian's 307 to the presigned S3 URL), then runs `wrk` (16 connections) against")
    out.append("the manifest by tag and by digest with an OCI `Accept` header. MB/s = compressed bytes moved /")
    out.append("wall time (1 MB = 10^6 bytes). Clients and servers share the same machine.\n")
    out.append("Re-run with `bench/run.sh` (needs skopeo, docker-registry, wrk, curl, python3, JDK 17; builds")
    out.append("`functions/local/target/meridian-local.jar` if missing). Noise: an A/A run of the harness with")
    out.append("docker-registry on both sides gave per-metric ratios between 0.86x and 1.07x over 2 rounds,")
    out.append("so read ratios within about +-15% of 1.0 as a tie unless more rounds agree.\n")
    out.append("## Latest run\n")
    out.append(f"- Command: `{a.command}`")
    when = a.date or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out.append(f"- Date: {when}")
    out.append(f"- Machine: {machine()}")
    out.append("- Versions: " + "; ".join(f"{k} `{v}`" for k, v in versions().items()))
    if a.meridian_args:
        args = a.meridian_args.replace(os.path.dirname(a.results), "<work dir>")
        out.append(f"- Meridian flags: `{args}` (default three regions; pushes replicate to both peers)")
    cycles = load_cycles(a.warmup_cycles)
    if cycles:
        out.append(f"- Steady state first: {max(c[0] for c in cycles)} small push+pull cycles per target"
                   " (fresh 1 + 8 MiB images), then the warm-up rounds")
    out.append(f"- Rounds: {a.rounds} (medians below), after {a.warmup} unrecorded warm-up"
               f" round(s) per target (same steps, on fresh images)\n")
    out.append("| measurement | Meridian | docker-registry | Meridian / reference | target | met |")
    out.append("|---|---:|---:|---:|---:|:-:|")
    for metric, label, unit, target in METRICS:
        m, r = values("meridian", metric), values("reference", metric)
        mm = statistics.median(m) if m else None
        rm = statistics.median(r) if r else None
        ratio = mm / rm if mm and rm else None
        met = "–" if ratio is None or target is None else ("yes" if ratio >= target else "**no**")
        out.append(f"| {label} ({unit}) | {fmt(mm)} | {fmt(rm)} | "
                   f"{'–' if ratio is None else f'{ratio:.2f}×'} | {'–' if target is None else f'≥ {target}×'} | {met} |")
    errors = [r for r in rows if r["metric"].endswith("_errors") and r["value"] > 0]
    out.append("")
    if errors:
        out.append("**Errors seen** (non-2xx/3xx responses or failed steps): " + ", ".join(
            f"round {e['round']} {e['target']} {e['metric']}={e['value']:.0f}" for e in errors) + "\n")
    else:
        out.append("No non-2xx responses and no failed step in any round.\n")

    if a.warmup_results and os.path.exists(a.warmup_results):
        warm = []
        with open(a.warmup_results) as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if len(p) >= 4 and p[2] in ("push_mbps", "pull_mbps"):
                    warm.append((p[0], p[1], p[2], float(p[3])))
        if warm:
            out.append("Warm-up rounds, not in the medians (a fresh JVM compiles as it goes; the first")
            out.append("round is the cold start a user meets once):\n")
            out.append("| warm-up round | Meridian push | reference push | Meridian pull | reference pull |")
            out.append("|---|---:|---:|---:|---:|")
            for rnd in sorted({w[0] for w in warm}, key=lambda r: int(r.lstrip("w") or 0)):
                def cell(target, metric):
                    v = [w[3] for w in warm if w[0] == rnd and w[1] == target and w[2] == metric]
                    return fmt(v[0]) if v else "–"
                out.append(f"| {rnd.lstrip('w')} | {cell('meridian', 'push_mbps')} | {cell('reference', 'push_mbps')} "
                           f"| {cell('meridian', 'pull_mbps')} | {cell('reference', 'pull_mbps')} |")
            out.append("")

    if cycles:
        out.append("Small warm-up cycles (1 + 8 MiB image, seconds, median of ten cycles): how far a fresh")
        out.append("JVM is from its steady state, and where the reference, which has no JIT, stands.\n")
        out.append("| cycles | Meridian push | reference push | Meridian pull | reference pull |")
        out.append("|---|---:|---:|---:|---:|")
        last = max(c[0] for c in cycles)
        for label, low, high in (("1–10", 1, 10), (f"{last - 9}–{last}", last - 9, last)):
            def cell(target, column):
                v = [c[column] for c in cycles if c[1] == target and low <= c[0] <= high]
                return f"{statistics.median(v):.2f}" if v else "–"
            out.append(f"| {label} | {cell('meridian', 2)} | {cell('reference', 2)} "
                       f"| {cell('meridian', 3)} | {cell('reference', 3)} |")
        out.append("")

    if a.heap and os.path.exists(a.heap):
        with open(a.heap) as f:
            heap = json.load(f)
        out.append("## Peak heap, 1 GiB layer at `-Xmx256m`\n")
        out.append("A separate Meridian JVM (`-Xmx256m -Xlog:gc`, disk-backed `--data-dir`, default redirect")
        out.append("delivery) receives a skopeo push of a one-layer image with a 1 GiB layer, then serves a")
        out.append("skopeo pull and a `curl -L` GET of that layer. Peak = the larger of `jstat -gc` sampling")
        out.append("(S0U+S1U+EU+OU every 250 ms) and the largest before-collection figure in the GC log.\n")
        out.append("| step | result |")
        out.append("|---|---|")
        for step in ("push", "pull", "blob_get"):
            out.append(f"| {step} | {heap.get(step, 'not run')} |")
        out.append(f"| peak used heap | **{heap.get('peak_used_mib', '?')} MiB** of 256 MiB "
                   f"(jstat {heap.get('jstat_peak_mib', '?')} MiB over {heap.get('jstat_samples', '?')} samples; "
                   f"GC log {heap.get('gc_before_peak_mib', '?')} MiB over {heap.get('gc_events', '?')} collections) |")
        out.append(f"| OutOfMemoryError in log | {heap.get('oom', '?')} |\n")

    # bench/replication-lag.sh owns the "Replication lag" section, bench/pull-after-push.sh "Pull
    # after push", bench/cold.sh the cold-start one, bench/replication-load.sh the load one and
    # bench/smoke.sh the smoke's; keep them across re-runs.
    if os.path.exists(a.out):
        for title in ("Replication lag", "Pull after push", "Replication under load",
                      "Cold start: a fresh JVM per round",
                      "CI smoke: 64 MiB layer against docker-registry"):
            kept = re.search(r"^## " + re.escape(title) + r"\n.*?(?=^## |\Z)", open(a.out).read(),
                             re.S | re.M)
            if kept:
                out.append(kept.group(0).rstrip("\n") + "\n")
    out.append("## Every round\n")
    out.append("| round | target | metric | value | note |")
    out.append("|---:|---|---|---:|---|")
    for r in rows:
        out.append(f"| {r['round']} | {r['target']} | {r['metric']} | {fmt(r['value'])} | {r['note']} |")
    if a.notes and os.path.exists(a.notes):
        out.append("\n## Notes\n")
        with open(a.notes) as f:
            out.append(f.read().strip())
    # Other benchmarks own the sections that follow the notes (bench/run-ids.sh writes
    # "Run-ID allocation", bench/webhook-latency.sh "Webhook delivery latency", bench/gc.sh
    # "Garbage collection"); keep them.
    if os.path.exists(a.out):
        for title in ("Run-ID allocation", "Webhook delivery latency",
                      "The `meridian` CLI against skopeo (issue 18)", "Garbage collection",
                      "Start time"):
            kept = re.search(r"^## " + re.escape(title) + r"\n.*?(?=^## |\Z)", open(a.out).read(),
                             re.S | re.M)
            if kept:
                out.append("\n" + kept.group(0).rstrip("\n") + "\n")
    out.append("")
    with open(a.out, "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
