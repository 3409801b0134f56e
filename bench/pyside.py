#!/usr/bin/env python3
"""The Python side of the benchmark: what a user would write with networkx, rdflib and
pyahocorasick instead of claimgraph. ``run.py`` runs each subcommand as its own process
(so its peak memory is its own) and reads the JSON it prints on the last line.

    pyside.py nx-build CLAIMS.jsonl --workdir DIR [--graphml] [--pairs N] [--seed S]
    pyside.py nx-paths GRAPH.pickle PAIRS.tsv [--k K]
    pyside.py nx-reload GRAPH.pickle
    pyside.py rdf TRIPLES.nt --workdir DIR [--source-format nt|json-ld]
    pyside.py extract SUMMARIES_DIR [--procs N]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import re
import resource
import sys
import time
import tomllib
from collections import deque
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def rss_kib() -> int:
    """This process's peak resident set so far, in KiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def done(result: dict) -> None:
    print(json.dumps(result), flush=True)


# --------------------------------------------------------------------------- networkx


def nx_build(a) -> None:
    import networkx as nx

    t0 = time.perf_counter()
    c0 = time.process_time()
    g = nx.MultiDiGraph()
    with open(a.claims, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            c = json.loads(line)
            ids = []
            for end in (c["subject"], c["object"]):
                # Node attributes as GraphML can hold them (scalars; lists as JSON).
                g.add_node(
                    end["id"],
                    label=end["label"],
                    kind=end["kind"],
                    synonyms=json.dumps(end.get("synonyms", [])),
                )
                for m in end.get("members", ()):
                    g.add_node(m["id"], label=m["label"], kind=m["kind"], synonyms=json.dumps(m.get("synonyms", [])))
                    g.add_edge(end["id"], m["id"], key="has-member", relation="has-member")
                ids.append(end["id"])
            ev = c["evidence"]
            ctx = c["context"]
            attrs = {
                "relation": c["relation"],
                "negated": c["negated"],
                "hedged": c["hedged"],
                "document": ev["document"],
                "section": ev.get("section") or "",
                "sentence": ev["sentence"],
                "start": ev.get("start", -1),
                "end": ev.get("end", -1),
                "citations": json.dumps(ev.get("citations", [])),
                "trigger": ev.get("trigger") or "",
            }
            for k in ("species", "population", "tissue"):
                if ctx.get(k):
                    attrs[k] = ctx[k]
            g.add_edge(ids[0], ids[1], **attrs)
    build_s = time.perf_counter() - t0
    out = {
        "build_s": build_s,
        "build_cpu_s": time.process_time() - c0,
        "build_rss_kib": rss_kib(),
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
    }
    work = Path(a.workdir)
    work.mkdir(parents=True, exist_ok=True)
    if a.graphml:
        t0 = time.perf_counter()
        c0 = time.process_time()
        nx.write_graphml(g, work / "nx.graphml")
        out["graphml_s"] = time.perf_counter() - t0
        out["graphml_cpu_s"] = time.process_time() - c0
        out["graphml_bytes"] = (work / "nx.graphml").stat().st_size
    # Saved form for the reload context: pickle, networkx's fastest.
    t0 = time.perf_counter()
    c0 = time.process_time()
    with open(work / "nx-multi.pickle", "wb") as f:
        pickle.dump(g, f, protocol=pickle.HIGHEST_PROTOCOL)
    out["pickle_s"] = time.perf_counter() - t0
    out["pickle_cpu_s"] = time.process_time() - c0
    # The graph path search walks: affirmed claims, membership both ways (as claimgraph
    # does; claimgraph also forbids member-of followed by has-member, networkx cannot).
    p = nx.DiGraph()
    p.add_nodes_from(g.nodes)
    for s, o, k, d in g.edges(keys=True, data=True):
        if k == "has-member":
            p.add_edge(s, o)
            p.add_edge(o, s)
        elif not d["negated"]:
            p.add_edge(s, o)
    del g
    with open(work / "nx-paths.pickle", "wb") as f:
        pickle.dump(p, f, protocol=pickle.HIGHEST_PROTOCOL)
    out["pairs"] = choose_pairs(p, a.pairs, a.seed, work / "pairs.tsv")
    done(out)


def choose_pairs(g, n: int, seed: int, path: Path) -> int:
    """``n`` (source, target) pairs with a path of 2 to 4 hops, reproducibly."""
    rng = random.Random(f"claimgraph-bench/pairs/{seed}")
    sources = sorted(v for v in g.nodes if g.out_degree(v) > 0)
    pairs = []
    tries = 0
    while len(pairs) < n and tries < n * 50:
        tries += 1
        s = rng.choice(sources)
        # Bounded BFS: the frontier at the largest depth reached (at most 4).
        seen = {s}
        frontier = [s]
        depth = 0
        while frontier and depth < 4:
            nxt = []
            for v in frontier:
                for w in g.successors(v):
                    if w not in seen:
                        seen.add(w)
                        nxt.append(w)
            if not nxt:
                break
            frontier = nxt
            depth += 1
            if len(seen) > 20000:
                break
        if depth < 2:
            continue
        t = rng.choice(sorted(frontier))
        pairs.append((s, t))
    with open(path, "w", encoding="utf-8") as f:
        for s, t in pairs:
            f.write(f"{s}\t{t}\n")
    return len(pairs)


def read_pairs(path: str) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t")[:2]) for line in f if line.strip()]


def nx_paths(a) -> None:
    import itertools

    import networkx as nx

    t0 = time.perf_counter()
    with open(a.graph, "rb") as f:
        g = pickle.load(f)
    load_s = time.perf_counter() - t0
    pairs = read_pairs(a.pairs)
    times = []
    cpu = []
    lengths = []
    sibling = []
    for s, t in pairs:
        q0 = time.perf_counter()
        c0 = time.process_time()
        try:
            if a.k:
                paths = list(itertools.islice(nx.shortest_simple_paths(g, s, t), a.k))
            else:
                paths = [nx.shortest_path(g, s, t)]
        except nx.NetworkXNoPath:
            paths = []
        times.append(time.perf_counter() - q0)
        cpu.append(time.process_time() - c0)
        lengths.append([len(p) - 1 for p in paths])
        # A shortest path through two members of one combination (member-of, then
        # has-member) is one claimgraph forbids by design; count them.
        first = paths[0] if paths else []
        sibling.append(
            any(
                first[i].startswith("combination:")
                and first[i - 1] in first[i][len("combination:"):].split("+")
                and first[i + 1] in first[i][len("combination:"):].split("+")
                for i in range(1, len(first) - 1)
            )
        )
    done(
        {
            "load_s": load_s,
            "query_s": times,
            "query_cpu_s": cpu,
            "lengths": lengths,
            "through_siblings": sibling,
            "rss_kib": rss_kib(),
        }
    )


def nx_reload(a) -> None:
    import networkx  # noqa: F401  (unpickling needs it; import outside the timing)

    t0 = time.perf_counter()
    c0 = time.process_time()
    with open(a.graph, "rb") as f:
        g = pickle.load(f)
    done({"load_s": time.perf_counter() - t0, "load_cpu_s": time.process_time() - c0, "edges": g.number_of_edges(), "rss_kib": rss_kib()})


# --------------------------------------------------------------------------- rdflib


def rdf(a) -> None:
    import rdflib

    work = Path(a.workdir)
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    g = rdflib.Graph()
    g.parse(a.triples, format=a.source_format)
    parse_s = time.perf_counter() - t0
    out = {"triples": len(g), "parse_s": parse_s}
    for fmt, key in (("nt", "nt"), ("json-ld", "jsonld")):
        t0 = time.perf_counter()
        c0 = time.process_time()
        g.serialize(destination=str(work / f"rdflib.{key}"), format=fmt, encoding="utf-8")
        out[f"{key}_s"] = time.perf_counter() - t0
        out[f"{key}_cpu_s"] = time.process_time() - c0
        out[f"{key}_bytes"] = (work / f"rdflib.{key}").stat().st_size
    out["rss_kib"] = rss_kib()
    done(out)


# --------------------------------------------------------------------------- extraction
#
# A fair minimal pipeline with the same data claimgraph uses: every label and synonym of
# graph/lexicon/*.tsv in one Aho-Corasick automaton (case-folded, whole words, longest
# match), every trigger of graph/relations.toml (verbs in their inflections, phrases,
# nominalisations, hyphen suffixes) in one compiled regex, research-summary layout
# (title, boilerplate, headings, citation runs) and sentence splitting; a claim is the
# nearest entity before a trigger and the nearest after it, with negation and hedging
# cues. It reads less than claimgraph (no coordination, anaphora, aspects, context), so
# it is an upper bound on what such a Python pipeline costs.

_AUTOMATON = None
_TRIGGERS = None
BOILERPLATE = {"Pro Research Analysisby", "Searched over 200M research papers"}
SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(])")
CITES = re.compile(r"\s(\d+)\.$")
NEG = re.compile(r"\b(?:not|no|neither|nor|failed to|without)\b", re.I)
HEDGE = re.compile(r"\b(?:may|might|can|could|suggests?|suggesting|potentially|possibly|appears? to)\b", re.I)


IRREGULAR = {"lead": ("led",), "give": ("gave", "given"), "drive": ("drove", "driven"), "control": ("controlled", "controlling")}


def _inflections(verb: str) -> list[str]:
    head, _, rest = verb.partition(" ")
    tail = f" {rest}" if rest else ""
    forms = {head}
    if head.endswith("e"):
        forms |= {head + "s", head + "d", head[:-1] + "ing"}
    elif head.endswith("y"):
        forms |= {head[:-1] + "ies", head[:-1] + "ied", head + "ing"}
    else:
        forms |= {head + "s", head + "es", head + "ed", head + "ing", head + head[-1] + "ed", head + head[-1] + "ing"}
    forms |= set(IRREGULAR.get(head, ()))
    return sorted(f + tail for f in forms)


def _trie_regex(words: list[str]) -> str:
    """A regex matching exactly ``words``, with common prefixes factored out."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def walk(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return walk(trie)


def _setup():
    global _AUTOMATON, _TRIGGERS
    if _AUTOMATON is not None:
        return
    import ahocorasick

    auto = ahocorasick.Automaton()
    for f in sorted((REPO / "graph" / "lexicon").glob("*.tsv")):
        for line in f.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) < 3:
                continue
            names = [cols[1]] + ([s for s in cols[3].split("|") if s] if len(cols) > 3 else [])
            for n in names:
                key = n.lower()
                if key not in auto:
                    auto.add_word(key, (len(key), cols[0]))
    auto.make_automaton()
    with open(REPO / "graph" / "relations.toml", "rb") as f:
        rels = tomllib.load(f)["relation"]
    alts = []
    for r in rels:
        words = []
        for v in r.get("verbs", []):
            words += _inflections(v)
        words += r.get("phrases", []) + r.get("nominals", [])
        for w in words:
            alts.append((w.lower(), r["name"]))
        for s in r.get("suffixes", []):
            alts.append((s.lower(), r["name"]))
    # One regex for all triggers, factored as a trie (the usual way to make a large
    # word-list regex fast in Python); the matched text names the relation.
    words = {w: rel for w, rel in reversed(alts)}
    plain = sorted(w for w in words if not w.startswith("-"))
    suffix = sorted(w for w in words if w.startswith("-"))
    pattern = r"\b(?:" + _trie_regex(plain) + r")\b"
    if suffix:
        pattern += "|(?:" + _trie_regex(suffix) + r")\b"
    _TRIGGERS = (re.compile(pattern), words)
    _AUTOMATON = auto


def _entities(low: str) -> list[tuple[int, int, str]]:
    """Whole-word, longest, leftmost non-overlapping lexicon matches: (start, end, id)."""
    hits = []
    for end, (n, eid) in _AUTOMATON.iter(low):
        start = end - n + 1
        if (start == 0 or not low[start - 1].isalnum()) and (end + 1 == len(low) or not low[end + 1].isalnum()):
            hits.append((start, end + 1, eid))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out = []
    last = -1
    for h in hits:
        if h[0] >= last:
            out.append(h)
            last = h[1]
    return out


def extract_text(text: str) -> tuple[int, int]:
    """(sentences, claims) of one research summary."""
    _setup()
    trig_re, trig_names = _TRIGGERS
    lines = text.split("\n")
    sentences = claims = 0
    for line in lines[1:]:
        line = line.strip()
        if line == "Sources and full results":
            break
        if not line or line in BOILERPLATE or (len(line) < 100 and not line.endswith(".")):
            continue  # heading or boilerplate
        m = CITES.search(line)
        if m:
            line = line[: m.start()] + "."
        for sent in SENT_SPLIT.split(line):
            sentences += 1
            low = sent.lower()
            ents = _entities(low)
            if len(ents) < 2:
                continue
            neg = bool(NEG.search(low))
            hedge = bool(HEDGE.search(low))
            for tm in trig_re.finditer(low):
                rel = trig_names[tm.group()]
                before = [e for e in ents if e[1] <= tm.start()]
                after = [e for e in ents if e[0] >= tm.end()]
                if before and after:
                    claims += 1
                    _ = (before[-1][2], rel, after[0][2], neg, hedge)
    return sentences, claims


def _extract_file(path: str) -> tuple[int, int]:
    with open(path, encoding="utf-8") as f:
        return extract_text(f.read())


def extract(a) -> None:
    t0 = time.perf_counter()
    files = sorted(str(p) for p in Path(a.dir).glob("*.txt"))
    _setup()
    setup_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    if a.procs > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(a.procs) as pool:
            results = pool.map(_extract_file, files, chunksize=16)
    else:
        results = [_extract_file(p) for p in files]
    run_s = time.perf_counter() - t1
    done(
        {
            "setup_s": setup_s,
            "run_s": run_s,
            "sentences": sum(r[0] for r in results),
            "claims": sum(r[1] for r in results),
            "rss_kib": rss_kib(),
        }
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("nx-build")
    b.add_argument("claims")
    b.add_argument("--workdir", required=True)
    b.add_argument("--graphml", action="store_true")
    b.add_argument("--pairs", type=int, default=100)
    b.add_argument("--seed", type=int, default=42)
    b.set_defaults(fn=nx_build)
    p = sub.add_parser("nx-paths")
    p.add_argument("graph")
    p.add_argument("pairs")
    p.add_argument("--k", type=int, default=0)
    p.set_defaults(fn=nx_paths)
    r = sub.add_parser("nx-reload")
    r.add_argument("graph")
    r.set_defaults(fn=nx_reload)
    d = sub.add_parser("rdf")
    d.add_argument("triples")
    d.add_argument("--workdir", required=True)
    d.add_argument("--source-format", default="nt")
    d.set_defaults(fn=rdf)
    e = sub.add_parser("extract")
    e.add_argument("dir")
    e.add_argument("--procs", type=int, default=1)
    e.set_defaults(fn=extract)
    a = ap.parse_args(argv)
    a.fn(a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
