#!/usr/bin/env python3
"""Times the Python package: `import claimgraph` (fresh interpreters) and
`claimgraph.Graph.load` of a saved graph, and prints the wheel's size.

    python python/bench.py --graph g-1m.cg [--wheel dist/claimgraph-*.whl]

Make the 1M-claim graph as bench/RESULTS.md does: `python3 bench/synth.py --out DIR
--sizes 1000000`, then `claimgraph build DIR/claims-1m.jsonl -o g-1m.cg`. CPU time is
the process's own (user + system), which other load on the machine does not inflate;
each figure is the best of the runs, CPU (wall).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

# This file sits beside the package's sources: import the installed package instead.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

IMPORT = (
    "import time, os; w = time.perf_counter(); c = time.process_time(); import claimgraph; "
    "print(time.process_time() - c, time.perf_counter() - w)"
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", help="a saved graph to load")
    ap.add_argument("--wheel", help="the wheel whose size to print")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    if a.wheel:
        print(f"wheel: {os.path.basename(a.wheel)} {os.path.getsize(a.wheel) / 1e6:.2f} MB")
    runs = []
    for _ in range(a.runs):
        out = subprocess.run([sys.executable, "-c", IMPORT], capture_output=True, text=True,
                             check=True, cwd="/")
        runs.append(tuple(map(float, out.stdout.split())))
    cpu, wall = min(r[0] for r in runs), min(r[1] for r in runs)
    print(f"import claimgraph: {cpu * 1e3:.1f} ms CPU ({wall * 1e3:.1f} ms wall), best of {a.runs}")
    if a.graph:
        import claimgraph as cg

        best = None
        for _ in range(3):
            w, c = time.perf_counter(), time.process_time()
            g = cg.Graph.load(a.graph)
            t = (time.process_time() - c, time.perf_counter() - w)
            best = t if best is None or t[0] < best[0] else best
            n = g.claim_count
            del g
        print(f"Graph.load({os.path.basename(a.graph)}): {n:,} claims, "
              f"{best[0]:.2f} s CPU ({best[1]:.2f} s wall), best of 3")


if __name__ == "__main__":
    main()
