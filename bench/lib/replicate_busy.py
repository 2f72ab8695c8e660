#!/usr/bin/env python3
"""Samples how many replicate workers of a local runtime are busy, every 2 s, until killed.

Usage: replicate_busy.py PID OUT_JSON
A worker ("replicate-<region>-N" thread) is busy when its stack holds dev.meridian frames (it is
running a delivery); an idle one waits in the executor's queue. Writes after each sample a JSON
list of {"t": seconds since start, "busy": n, "workers": n, "top": {frame: count}}, "top" counting
the innermost dev.meridian frame of each busy worker (where deliveries spend their time).
"""
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proc_cpu import tree  # noqa: E402  the launcher and the fast start's child JVM

pid, out = sys.argv[1], sys.argv[2]
samples, t0 = [], time.monotonic()
while True:
    try:
        dump = "\n\n".join(
            subprocess.run(["jcmd", p, "Thread.print"], capture_output=True, text=True,
                           timeout=20).stdout for p in tree(pid))
    except (subprocess.SubprocessError, OSError):
        break
    if not dump:
        break
    busy = workers = 0
    top = {}
    for block in dump.split("\n\n"):
        if not block.startswith('"replicate-'):
            continue
        workers += 1
        frames = re.findall(r"at (dev\.meridian\.[\w.$]+)", block)
        if frames:
            busy += 1
            top[frames[0]] = top.get(frames[0], 0) + 1
    samples.append({"t": round(time.monotonic() - t0, 1), "busy": busy, "workers": workers, "top": top})
    with open(out, "w") as f:
        json.dump(samples, f)
    time.sleep(2)
