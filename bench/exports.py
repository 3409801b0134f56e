#!/usr/bin/env python3
"""Export sweep: CPU time and peak memory of every export format on one saved graph.

For each format, ``claimgraph export`` runs on a saved graph (``build`` of the
synthetic claims from ``bench/synth.py``), output to a file, measured by wait4
(CPU = user + system, peak RSS). ``claimgraph stats`` on the same graph is the
baseline the memory bound is judged against (within 1.2x). Picture formats (dot,
svg, mermaid, html) refuse a whole large graph (exit 2) unless ``--force``: the sweep
runs them forced, except svg, whose Graphviz layout does not end at this size (it is
run on a focused graph, ``--around`` the most connected entity).

Beside claimgraph, the Python tool a user would otherwise reach for is timed at a
smaller size where it is too slow at the full one: rdflib serialising the same triples
(N-Triples and Turtle), networkx writing GraphML of the same nodes and edges.

    python3 bench/exports.py --binary target/release/claimgraph --data /tmp/cg-exp
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import run  # noqa: E402

FORMATS = ["nt", "ttl", "jsonld", "graphml", "cypher", "neo4j", "kgx", "kgx-jsonl",
           "cyjs", "mermaid", "dot", "html", "svg"]
MULTI = {"neo4j", "kgx", "kgx-jsonl"}
PICTURE = {"dot", "svg", "mermaid", "html"}

PY_RDF = r"""
import sys, time, rdflib
g = rdflib.Graph()
t = time.process_time()
g.parse(sys.argv[1], format="nt")
parsed = time.process_time() - t
t = time.process_time()
g.serialize(destination=sys.argv[2], format=sys.argv[3])
print('{"parse": %f, "serialize": %f}' % (parsed, time.process_time() - t))
"""

PY_NX = r"""
import sys, time, json, networkx as nx
g = nx.MultiDiGraph()
t = time.process_time()
for line in open(sys.argv[1]):
    c = json.loads(line)
    s, o = c["subject"], c["object"]
    g.add_node(s["id"], label=s["label"], kind=s["kind"])
    g.add_node(o["id"], label=o["label"], kind=o["kind"])
    g.add_edge(s["id"], o["id"], relation=c["relation"], negated=c["negated"],
               sentence=c["evidence"]["sentence"])
built = time.process_time() - t
t = time.process_time()
nx.write_graphml(g, sys.argv[2])
print('{"build": %f, "write": %f}' % (built, time.process_time() - t))
"""


def mib(kib: int) -> float:
    return kib / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", type=Path, required=True)
    ap.add_argument("--data", type=Path, default=Path("/tmp/cg-exp"))
    ap.add_argument("--size", default="1m")
    ap.add_argument("--py-size", default="100k", help="claims for the Python tools")
    ap.add_argument("--python", type=Path, help="a Python with rdflib and networkx")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "exports.json")
    a = ap.parse_args()
    cg, d = a.binary.resolve(), a.data
    work = d / "exports-out"
    work.mkdir(parents=True, exist_ok=True)
    result: dict = {"size": a.size, "formats": {}}
    graphs = {}
    for size in {a.size, a.py_size}:
        claims = d / f"claims-{size}.jsonl"
        saved = d / f"graph-{size}.cg"
        m = run([cg, "build", claims, "-o", saved])
        graphs[size] = saved
        result.setdefault("build", {})[size] = m.json()
    stats = run([cg, "stats", graphs[a.size]])
    result["stats"] = stats.json()
    print(f"stats: {stats.cpu:.2f} s CPU, {mib(stats.rss):.0f} MiB", flush=True)
    hub = None
    for line in stats.out.splitlines():
        # The first of the most connected entities, for a focused SVG.
        if "most connected" in line.lower():
            hub = "next"
            continue
        if hub == "next" and line.strip():
            hub = line.split("(")[0].strip().split("  ")[0].strip()
            break
    for f in a.formats.split(","):
        target = work / (f if f in MULTI else f"out.{f}")
        cmd = [cg, "export", graphs[a.size], "--format", f, "--out", target]
        if f in PICTURE and f != "svg":
            cmd.append("--force")
        if f == "svg":
            cmd += ["--around", hub or "zinc", "--depth", "1", "--max-nodes", "300"]
        m = run(cmd, check=False, timeout=900)
        size = (sum(p.stat().st_size for p in target.iterdir()) if target.is_dir()
                else target.stat().st_size if target.exists() else 0)
        result["formats"][f] = m.json() | {"bytes": size, "focused": f == "svg"}
        print(f"{f}: rc {m.rc}, {m.cpu:.2f} s CPU, {m.wall:.2f} s wall, {mib(m.rss):.0f} MiB "
              f"({m.rss / stats.rss:.2f}x stats), {size / 2**20:.0f} MiB out", flush=True)
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    # Python tools at the smaller size, beside claimgraph there.
    if a.python:
        small = graphs[a.py_size]
        py = {}
        nt = work / "small.nt"
        run([cg, "export", small, "--format", "nt", "--out", nt])
        for f, rdffmt in [("nt", "nt"), ("ttl", "turtle")]:
            cgm = run([cg, "export", small, "--format", f, "--out", work / f"small-cg.{f}"])
            pym = run([a.python, "-c", PY_RDF, nt, work / f"small-py.{f}", rdffmt], timeout=3600)
            py[f] = {"claimgraph": cgm.json(), "rdflib": pym.json() | pym.last_json()}
            print(f"{f} at {a.py_size}: claimgraph {cgm.cpu:.2f} s; rdflib serialize "
                  f"{pym.last_json().get('serialize', 0):.2f} s (process {pym.cpu:.2f} s)", flush=True)
        cgm = run([cg, "export", small, "--format", "graphml", "--out", work / "small-cg.graphml"])
        pym = run([a.python, "-c", PY_NX, d / f"claims-{a.py_size}.jsonl", work / "small-py.graphml"], timeout=3600)
        py["graphml"] = {"claimgraph": cgm.json(), "networkx": pym.json() | pym.last_json()}
        print(f"graphml at {a.py_size}: claimgraph {cgm.cpu:.2f} s; networkx write "
              f"{pym.last_json().get('write', 0):.2f} s (process {pym.cpu:.2f} s)", flush=True)
        result["python"] = py
        for p in work.glob("small*"):
            p.unlink()
    a.out.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
