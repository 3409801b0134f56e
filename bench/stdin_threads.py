#!/usr/bin/env python3
"""Standard-input extraction at 1 and 2 threads: the map step of the scale-out recipe.

Every text of a directory (default: the GENIA training abstracts) becomes one JSON line
{"id", "text"}; the lines are repeated until there are at least --docs of them, then
piped into ``claimgraph extract --threads N`` for N = 1 and 2. Reports wall and CPU
time (best of --repeat), the speed-up of 2 threads over 1, and checks that both runs
write the same bytes (claims in input order).

    python3 bench/stdin_threads.py --binary target/release/claimgraph
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import resource
import subprocess
import sys
import time


def run(binary: str, threads: int, data: bytes) -> tuple[float, float, bytes]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run([binary, "extract", "--threads", str(threads)], input=data,
                       stdout=subprocess.PIPE, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, p.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", default="target/release/claimgraph")
    ap.add_argument("--texts", default="../shared/corpus/genia-train/eval")
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    files = sorted(glob.glob(os.path.join(a.texts, "*.txt")))
    if not files:
        print(f"no .txt files in {a.texts}", file=sys.stderr)
        return 2
    lines = []
    while len(lines) < a.docs:
        for f in files:
            lines.append(json.dumps({"id": f"{len(lines)}-{os.path.basename(f)[:-4]}",
                                     "text": open(f, encoding="utf-8").read()}))
    data = ("\n".join(lines[: a.docs]) + "\n").encode()
    best = {}
    outputs = {}
    for threads in (1, 2):
        runs = [run(a.binary, threads, data) for _ in range(a.repeat)]
        best[threads] = (min(r[0] for r in runs), min(r[1] for r in runs))
        outputs[threads] = runs[0][2]
        print(f"--threads {threads}: wall {best[threads][0]:.2f} s, CPU {best[threads][1]:.2f} s "
              f"({a.docs} documents, best of {a.repeat})")
    same = outputs[1] == outputs[2]
    print(f"speed-up at 2 threads: {best[1][0] / best[2][0]:.2f}x wall; "
          f"identical output: {'yes' if same else 'NO'}; load average {os.getloadavg()[0]:.1f}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
