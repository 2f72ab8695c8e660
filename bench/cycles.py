#!/usr/bin/env python3
"""Push+pull cycles against a running Meridian, with CPU per thread group and JIT compile time.

    bench/cycles.py --pid PID [--url http://127.0.0.1:7001] [--cycles 10] [--pause 2]
                    [--creds admin:PASSWORD] [--sizes 1 16 256]

Each cycle pushes a fresh image (random layers of the given MiB sizes, bench/lib/oci_image.py) with
`skopeo copy` and pulls it back into an empty OCI layout, then waits --pause seconds (replication
to the peers runs then). Per cycle it prints the push and pull wall times, the JVM's compile time
in the cycle (`jstat -compiler`, cumulative seconds) and the CPU seconds of the JVM's threads by
group (from /proc/PID/task/*/stat): `front` (the regions' HTTP threads), `s3proxy`, `ddb`
(DynamoDB Local's Jetty and SQLite threads), `jit`, `gc`, `other` (replication, webhooks,
builds). Medians at the end. Not a test; nothing is asserted. Used for the JIT warm-up and the
A/B comparisons in bench/notes.md: start one jar, run this, stop it, start the other, run again.

Start the runtime the way bench/run.sh does, e.g.
    MERIDIAN_BOOTSTRAP_PASSWORD=pw12345678 java -XX:+UseG1GC \\
        -jar functions/local/target/meridian-local.jar --port 7000 --rate-limit 0 --data-dir /tmp/m &
    bench/cycles.py --pid $! --creds admin:pw12345678
"""
import argparse
import collections
import os
import shutil
import statistics
import subprocess
import tempfile
import time

LIB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib")


def group(thread_name):
    if "Compiler" in thread_name:
        return "jit"
    if thread_name.startswith("S3Proxy"):
        return "s3proxy"
    if thread_name.startswith("http-"):
        return "front"
    if thread_name.startswith(("qtp", "SQLite")):
        return "ddb"
    if "GC" in thread_name or "G1" in thread_name:
        return "gc"
    return "other"


def cpu_by_group(pid):
    ticks = collections.Counter()
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # the thread ended
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        ticks[group(name)] += int(fields[11]) + int(fields[12])  # utime + stime
    hz = os.sysconf("SC_CLK_TCK")
    return {g: t / hz for g, t in ticks.items()}


def compile_seconds(pid):
    out = subprocess.run(["jstat", "-compiler", str(pid)], capture_output=True, text=True,
                         check=True).stdout.split("\n")[1].split()
    return float(out[3])  # Compiled Failed Invalid Time ...


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pid", type=int, required=True, help="the Meridian JVM")
    ap.add_argument("--url", default="http://127.0.0.1:7001", help="one region's registry")
    ap.add_argument("--cycles", type=int, default=10)
    ap.add_argument("--pause", type=float, default=2.0)
    ap.add_argument("--creds", default="", help="name:password ('' for none)")
    ap.add_argument("--sizes", nargs="+", default=["1", "16", "256"])
    a = ap.parse_args()
    hp = a.url.split("://", 1)[1]
    work = tempfile.mkdtemp(prefix="meridian-cycles-")
    policy = os.path.join(work, "policy.json")
    with open(policy, "w") as f:
        f.write('{"default":[{"type":"insecureAcceptAnything"}]}')
    skopeo = ["skopeo", "--policy", policy, "copy", "-q"]
    dest = [f"--dest-creds={a.creds}"] if a.creds else ["--dest-no-creds"]
    src = [f"--src-creds={a.creds}"] if a.creds else ["--src-no-creds"]
    rows = collections.defaultdict(list)
    try:
        for i in range(1, a.cycles + 1):
            img, pulled = os.path.join(work, "img"), os.path.join(work, "pulled")
            shutil.rmtree(img, ignore_errors=True)
            shutil.rmtree(pulled, ignore_errors=True)
            subprocess.run(["python3", os.path.join(LIB, "oci_image.py"), img, "v1", *a.sizes],
                           stdout=subprocess.DEVNULL, check=True)
            repo = f"cycles/c{i}-{time.time_ns()}"
            c0, j0, t0 = cpu_by_group(a.pid), compile_seconds(a.pid), time.monotonic()
            subprocess.run(skopeo + ["--dest-tls-verify=false", *dest, f"oci:{img}:v1",
                                     f"docker://{hp}/{repo}:v1"], check=True)
            t1 = time.monotonic()
            subprocess.run(skopeo + ["--src-tls-verify=false", *src, f"docker://{hp}/{repo}:v1",
                                     f"oci:{pulled}:v1"], check=True)
            t2 = time.monotonic()
            time.sleep(a.pause)
            c1, j1 = cpu_by_group(a.pid), compile_seconds(a.pid)
            cpu = {g: c1.get(g, 0) - c0.get(g, 0) for g in set(c0) | set(c1)}
            rows["push_s"].append(t1 - t0)
            rows["pull_s"].append(t2 - t1)
            rows["compile_s"].append(j1 - j0)
            for g, v in cpu.items():
                rows["cpu_" + g].append(v)
            print(f"cycle {i}: push {t1 - t0:.2f} s, pull {t2 - t1:.2f} s, compile {j1 - j0:.2f} s, "
                  "cpu " + " ".join(f"{g} {v:.2f}" for g, v in sorted(cpu.items())), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("medians: " + ", ".join(f"{k} {statistics.median(v):.2f}" for k, v in sorted(rows.items())))


if __name__ == "__main__":
    main()
