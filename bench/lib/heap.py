#!/usr/bin/env python3
"""Peak Java heap use from `jstat -gc <pid> <interval>` output and a `-Xlog:gc` file.

Usage: heap.py JSTAT_OUTPUT GC_LOG
Prints JSON: peak used heap (MiB) seen by jstat sampling (S0U+S1U+EU+OU), and the largest
"before" figure of any GC line ("Pause Young ... 180M->40M(256M)"), which is the true peak just
before a collection. The report uses the larger of the two.
"""
import json
import re
import sys


def jstat_peak(path):
    peak, samples, header = 0.0, 0, None
    with open(path) as f:
        for line in f:
            cols = line.split()
            if not cols:
                continue
            if cols[0] in ("S0C", "Timestamp"):
                header = cols
                continue
            if header is None or len(cols) != len(header):
                continue
            try:
                row = dict(zip(header, (float(c) for c in cols)))
            except ValueError:
                continue
            used = sum(row.get(k, 0.0) for k in ("S0U", "S1U", "EU", "OU"))
            peak = max(peak, used / 1024.0)
            samples += 1
    return peak, samples


GC_LINE = re.compile(r"(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)")
UNIT = {"K": 1 / 1024.0, "M": 1.0, "G": 1024.0}


def gc_peak(path):
    peak, collections, max_heap = 0.0, 0, 0.0
    with open(path) as f:
        for line in f:
            m = GC_LINE.search(line)
            if m:
                peak = max(peak, int(m.group(1)) * UNIT[m.group(2)])
                max_heap = max(max_heap, int(m.group(5)) * UNIT[m.group(6)])
                collections += 1
    return peak, collections, max_heap


def main():
    jpeak, samples = jstat_peak(sys.argv[1])
    gpeak, collections, committed = gc_peak(sys.argv[2])
    print(json.dumps({"peak_used_mib": round(max(jpeak, gpeak), 1),
                      "jstat_peak_mib": round(jpeak, 1), "jstat_samples": samples,
                      "gc_before_peak_mib": round(gpeak, 1), "gc_events": collections,
                      "heap_capacity_mib": round(committed, 1)}))


if __name__ == "__main__":
    main()
