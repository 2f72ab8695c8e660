#!/usr/bin/env python3
"""Prints the CPU seconds (user + system) a process has used so far, split by thread kind.

Usage: proc_cpu.py PID [--settle] [--threads]
With --threads, adds "threads": CPU seconds of the live threads grouped by name (digits and
trailing dashes dropped: "http-eastus-12" counts as "http-eastus-").
With --settle, first waits (at most 30 s) until the process used less than 20 ms of CPU in the last
half second: replication, write-behind flushes and compilations that a request started then count.
Prints one JSON object: {"total": s, "jit": s, "gc": s, "other": s}. "total" is the process's
own figure from /proc/PID/stat (every thread, dead ones included), plus its live descendants'
(the fast start's child JVM); "jit" sums the live threads
named "C1 CompilerThre*"/"C2 CompilerThre*" (the JVM keeps them alive), "gc" the G1/GC worker
threads; "other" = total - jit - gc (request, storage and background threads). A load on the
machine delays these figures but does not inflate them much, unlike wall times.
"""
import json
import os
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def cpu(stat_path):
    with open(stat_path) as f:
        text = f.read()
    # comm may hold spaces and parentheses: split after the last ')'
    fields = text[text.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14, 15)


def name(task_dir):
    try:
        with open(os.path.join(task_dir, "comm")) as f:
            return f.read().strip()
    except OSError:
        return ""


def tree(pid):
    """The process and its live descendants: `java -jar meridian-local.jar` runs the runtime in
    a child JVM when the build made the fast-start layout (docs/local-runtime.md "Fast start")."""
    pids = [str(pid)]
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                children = f.read().split()
        except OSError:
            continue
        for child in children:
            try:
                pids += tree(child)
            except OSError:
                pass  # ended meanwhile
    return pids


def tree_cpu(pid):
    total = 0.0
    for p in tree(pid):
        try:
            total += cpu(f"/proc/{p}/stat")
        except OSError:
            pass
    return total


def settle(pid):
    deadline = time.monotonic() + 30
    before = tree_cpu(pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = tree_cpu(pid)
        if now - before < 0.02:
            return
        before = now


def main():
    pid = sys.argv[1]
    if "--settle" in sys.argv[2:]:
        settle(pid)
    total = tree_cpu(pid)
    jit = gc = 0.0
    groups = {}
    tasks = []
    for p in tree(pid):
        try:
            tasks += [f"/proc/{p}/task/{tid}" for tid in os.listdir(f"/proc/{p}/task")]
        except OSError:
            pass
    for task in tasks:
        try:
            used = cpu(task + "/stat")
        except (OSError, ValueError):
            continue  # the thread ended meanwhile
        comm = name(task)
        group = comm.rstrip("0123456789")
        groups[group] = round(groups.get(group, 0) + used, 3)
        if "CompilerThre" in comm:
            jit += used
        elif comm.startswith(("G1 ", "GC Thread", "VM Thread")) or "Conc" in comm and "G1" in comm:
            gc += used
    result = {"total": round(total, 3), "jit": round(jit, 3), "gc": round(gc, 3),
              "other": round(total - jit - gc, 3)}
    if "--threads" in sys.argv[2:]:
        result["threads"] = groups
    print(json.dumps(result))


if __name__ == "__main__":
    main()
