#!/usr/bin/env python3
"""Times the local runtime's start: from exec of `java ...` to the line `ready global` on stdout.

Usage: start_time.py --rounds N --data-root DIR [--port-base P] NAME=COMMAND [NAME=COMMAND ...]

Each COMMAND is a shell-split java command line without --port/--data-dir (added here). Variants
alternate round by round (ABAB..., the first variant first in odd rounds, last in even ones), so
a busy machine's load hits each alike. Every variant has its own data directory under DIR, created
by an unrecorded first start, then REOPENED by every measured start (the issue's "same data
directory reopened"). Per start: wall seconds to `ready global`, and the process's CPU seconds
(user + system over all threads, /proc/<pid>/stat, plus its live child processes: the fast
start's child JVM) at that moment, which load inflates far less.
The runtime is stopped with SIGTERM after each start. Prints one JSON object.
"""
import argparse
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proc_cpu import tree_cpu  # noqa: E402


def cpu_seconds(pid):
    """CPU of the process and its live descendants: `java -jar` runs the runtime in a child JVM
    when the build made the fast-start layout (docs/local-runtime.md "Fast start")."""
    return tree_cpu(pid)


def start_once(command, data_dir, port, log_path):
    argv = shlex.split(command) + ["--port", str(port), "--data-dir", data_dir, "--rate-limit", "0"]
    with open(log_path, "ab") as log:
        t0 = time.monotonic()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=log)
        wall = cpu = None
        for line in proc.stdout:
            if line.startswith(b"ready global "):
                wall = time.monotonic() - t0
                cpu = cpu_seconds(proc.pid)
                break
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if wall is None:
        sys.exit(f"{command}: no 'ready global' line (see {log_path})")
    return wall, cpu


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--data-root", required=True)
    p.add_argument("--port-base", type=int, default=0)
    p.add_argument("variants", nargs="+")
    a = p.parse_args()
    variants = [v.split("=", 1) for v in a.variants]
    port = a.port_base or 0
    results = {name: [] for name, _ in variants}
    for name, command in variants:  # creates the data directory; not recorded
        start_once(command, os.path.join(a.data_root, name), port, os.path.join(a.data_root, name + ".log"))
    for r in range(1, a.rounds + 1):
        order = variants if r % 2 else list(reversed(variants))
        for name, command in order:
            wall, cpu = start_once(command, os.path.join(a.data_root, name), port,
                                   os.path.join(a.data_root, name + ".log"))
            results[name].append({"round": r, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                                  "load1": float(open("/proc/loadavg").read().split()[0])})
            print(f"round {r} {name}: {wall:.2f} s wall, {cpu:.2f} s CPU", file=sys.stderr)
    summary = {name: {"wall_median_s": round(statistics.median(x["wall_s"] for x in rows), 2),
                      "cpu_median_s": round(statistics.median(x["cpu_s"] for x in rows), 2),
                      "rounds": rows} for name, rows in results.items()}
    print(json.dumps({"variants": dict(variants), "results": summary}, indent=1))


if __name__ == "__main__":
    main()
