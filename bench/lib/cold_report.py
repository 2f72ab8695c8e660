#!/usr/bin/env python3
"""Writes bench/cold.sh's section of docs/benchmarks.md from its TSV (one row per start).

Usage: cold_report.py RESULTS_TSV COMMAND LOAD_BEFORE LOAD_AFTER [LAUNCHER]
MB/s = compressed image bytes / wall seconds (1 MB = 10^6 bytes). Ratios are Meridian's MB/s
over the reference's in the same round; the headline ratio is the ratio of the medians.
"""
import csv
import datetime
import os
import statistics
import sys

TITLE = "Cold start: a fresh JVM per round"


def main():
    path, command, load_before, load_after = sys.argv[1:5]
    launcher = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] else None
    rows = list(csv.DictReader(open(path), delimiter="\t"))
    by = {}
    for r in rows:
        by[(int(r["round"]), r["target"])] = r
    rounds = sorted({k[0] for k in by})

    def mbps(r, step):
        s = r.get(step + "_s") or ""
        return int(r["bytes"]) / 1e6 / float(s) if s else None

    def med(xs):
        xs = [x for x in xs if x is not None]
        return statistics.median(xs) if xs else None

    def f(x, digits=0):
        return "–" if x is None else f"{x:,.{digits}f}"

    def ratio(a, b):
        return None if a is None or b is None or b == 0 else a / b

    out = [f"## {TITLE}", ""]
    out.append("Written by `bench/cold.sh` (also `bench/run.sh --cold`; re-run it to update this section only).")
    out.append("Every round starts a fresh Meridian JVM "
               + (f"(`{os.path.relpath(launcher)}`)" if launcher else "(`java -jar functions/local/target/meridian-local.jar`)")
               + " on the same `--data-dir` (empty in round 1, reopened after) and a fresh")
    out.append("docker-registry on its same storage, times the start, then skopeo pushes a fresh image of random")
    out.append("layers (1 + 16 + 256 MiB, gzip) and pulls it back into an empty OCI layout; both are stopped")
    out.append("after each round. No warm-up, nothing discarded; the registries alternate going first.")
    out.append("Start = exec until `ready global` (Meridian) or the first 200 from `/v2/` (docker-registry).")
    out.append("")
    out.append(f"- Command: `{command}`")
    out.append(f"- Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    out.append(f"- Machine: {os.cpu_count()} CPUs, shared with other agents' builds: load average {load_before} "
               f"at the start, {load_after} at the end (absolute times are inflated by that; compare ratios)")
    out.append("")
    m_push = [mbps(by[(r, 'meridian')], "push") for r in rounds if (r, 'meridian') in by]
    r_push = [mbps(by[(r, 'reference')], "push") for r in rounds if (r, 'reference') in by]
    m_pull = [mbps(by[(r, 'meridian')], "pull") for r in rounds if (r, 'meridian') in by]
    r_pull = [mbps(by[(r, 'reference')], "pull") for r in rounds if (r, 'reference') in by]
    m_start = [float(by[(r, 'meridian')]["start_s"]) for r in rounds if (r, 'meridian') in by]
    r_start = [float(by[(r, 'reference')]["start_s"]) for r in rounds if (r, 'reference') in by]
    later = [float(by[(r, 'meridian')]["start_s"]) for r in rounds if r > 1 and (r, 'meridian') in by]
    out.append("| measurement (all rounds) | Meridian | docker-registry | Meridian / reference | target | met |")
    out.append("|---|---:|---:|---:|---:|:-:|")
    for name, m, ref in (("skopeo push (MB/s), median", m_push, r_push), ("skopeo pull (MB/s), median", m_pull, r_pull)):
        q = ratio(med(m), med(ref))
        out.append(f"| {name} | {f(med(m))} | {f(med(ref))} | {f(q, 2)}× | ≥ 1.1× | {'yes' if q and q >= 1.1 else '**no**'} |")
    first = rounds[0]
    if (first, 'meridian') in by and (first, 'reference') in by:
        for step in ("push", "pull"):
            a, b = mbps(by[(first, 'meridian')], step), mbps(by[(first, 'reference')], step)
            out.append(f"| round 1 alone: {step} (MB/s) | {f(a)} | {f(b)} | {f(ratio(a, b), 2)}× | – | – |")
    s = med(later)
    out.append(f"| start to ready, data dir reopened (s), median of rounds 2– | {f(s, 2)} | {f(med(r_start[1:]), 2)} | – | < 3 s | "
               f"{'yes' if s is not None and s < 3 else '**no**'} |")
    out.append(f"| start to ready, round 1 (s) | {f(m_start[0] if m_start else None, 2)} | {f(r_start[0] if r_start else None, 2)} | – | – | – |")
    m_cpu = [by[(r, 'meridian')] for r in rounds if (r, 'meridian') in by and by[(r, 'meridian')].get("round_cpu_s")]
    r_cpu = [by[(r, 'reference')] for r in rounds if (r, 'reference') in by and by[(r, 'reference')].get("round_cpu_s")]
    if m_cpu and r_cpu:  # older result files have no CPU columns
        for name, key in (("CPU s at ready (whole process), median", "start_cpu_s"),
                          ("CPU s of a push + pull (whole process), median", "round_cpu_s")):
            a, b = med([float(x[key]) for x in m_cpu]), med([float(x[key]) for x in r_cpu])
            out.append(f"| {name} | {f(a, 2)} | {f(b, 2)} | {f(ratio(a, b), 2)}× | – | – |")
    errors = [r for r in rows if r["error"]]
    out.append("")
    out.append("No failed step." if not errors else "Failed steps: " + "; ".join(
        f"round {r['round']} {r['target']}: {r['error'][:160]}" for r in errors))
    out.append("")
    out.append("Every round (seconds; MB/s in brackets; load = 1-minute load average after the step):")
    out.append("")
    out.append("| round | first | Meridian start | Meridian push | Meridian pull | reference start | reference push | reference pull | push ratio | pull ratio | load |")
    out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rounds:
        m, ref = by.get((r, 'meridian')), by.get((r, 'reference'))
        if not m or not ref:
            continue
        firstname = "Meridian" if m["position"] == "1" else "reference"

        def cell(row, step):
            s = row.get(step + "_s") or ""
            return f"{float(s):.2f} ({mbps(row, step):.0f})" if s else "failed"
        out.append(f"| {r} | {firstname} | {float(m['start_s']):.2f} | {cell(m, 'push')} | {cell(m, 'pull')} | "
                   f"{float(ref['start_s']):.2f} | {cell(ref, 'push')} | {cell(ref, 'pull')} | "
                   f"{f(ratio(mbps(m, 'push'), mbps(ref, 'push')), 2)}× | {f(ratio(mbps(m, 'pull'), mbps(ref, 'pull')), 2)}× | "
                   f"{m['load1']}/{ref['load1']} |")
    print("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
