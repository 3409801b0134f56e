#!/usr/bin/env python3
"""Load one of claimgraph's exports into its real consumer and print what that
consumer read back, as one normalised JSON document on stdout:

    {"nodes": [{"id", "label"}], "edges": [{"source", "target", "relation", "negated",
     "confidence", "citations", "sentences"}], "info": {...}}

nodes sorted by id, edges by (source, relation, target, negated), sentences and
citations sorted. The Rust test (tests/it/exports.rs) builds the same document from the
graph itself and compares the two, so every node, label, claim, sentence and citation
must survive the trip. `info` holds what only this consumer can tell (validator
findings, a path found by a query, rendered counts).

usage:
  consume.py rdf FILE --format nt|turtle [--jsonld FILE]   pyoxigraph + rdflib (+ pyld)
  consume.py graphml FILE                                   networkx (+ igraph)
  consume.py neo4j DIR [--path FROM TO]                     strict neo4j-admin header
                                                            rules, then Kuzu
  consume.py cypher FILE                                    FalkorDB, script run twice
  consume.py kgx DIR --format tsv|jsonl                     `kgx validate` offline and
                                                            kgx's own reader
  consume.py mermaid FILE.mmd FILE.svg                      the SVG mermaid-cli rendered
  consume.py dot FILE.svg                                   the SVG Graphviz rendered

Each consumer is imported only by its own command: FalkorDB lives in another venv.
Exits 1 with a message on the first thing the consumer rejects.
"""
import json
import os
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BIOLINK = "https://w3id.org/biolink/vocab/"
CG = "https://w3id.org/claimgraph/vocab#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def edge(source, target, relation, negated, confidence, citations, sentences):
    return {
        "source": source,
        "target": target,
        "relation": relation,
        "negated": bool(negated),
        # Membership and hierarchy links are not claims: no confidence.
        "confidence": (None if relation in ("has-member", "is-a") or confidence is None
                       else float(confidence)),
        "citations": sorted(int(c) for c in (citations or [])),
        "sentences": sorted(set(sentences or [])),
    }


def emit(nodes, edges, info=None):
    nodes = sorted(nodes, key=lambda n: n["id"])
    edges = sorted(edges, key=lambda e: (e["source"], e["relation"], e["target"], e["negated"]))
    json.dump({"nodes": nodes, "edges": edges, "info": info or {}}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


# ---------------------------------------------------------------- RDF

def cmd_rdf(path, fmt, jsonld_path=None):
    import pyoxigraph
    import rdflib
    ox_format = {"nt": pyoxigraph.RdfFormat.N_TRIPLES, "turtle": pyoxigraph.RdfFormat.TURTLE}[fmt]
    store = pyoxigraph.Store()
    with open(path, "rb") as f:
        store.load(f, format=ox_format)
    g = rdflib.Graph()
    g.parse(path, format=fmt)
    info = {"triples": len(store), "rdflib_triples": len(g)}
    if len(g) != len(store):
        fail(f"rdflib read {len(g)} triples, pyoxigraph {len(store)}")
    if jsonld_path:
        # The same RDF as the JSON-LD: pyld's RDF of the JSON-LD is isomorphic.
        from pyld import jsonld
        from rdflib.compare import isomorphic, to_isomorphic, graph_diff

        def no_remote(url, options=None):
            raise RuntimeError(f"refusing to fetch remote document {url}")
        jsonld.set_document_loader(no_remote)
        with open(jsonld_path, encoding="utf-8") as f:
            doc = json.load(f)
        nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
        j = rdflib.Graph()
        j.parse(data=nquads, format="nt")
        same = isomorphic(g, j)
        if not same:
            _, only_here, only_jsonld = graph_diff(to_isomorphic(g), to_isomorphic(j))
            fail("not the JSON-LD's RDF:\n  only here: "
                 + "\n  ".join(sorted(t.n3() if hasattr(t, 'n3') else str(t) for t in list(only_here)[:5]))
                 + "\n  only in JSON-LD: " + "\n  ".join(str(t) for t in list(only_jsonld)[:5]))
        info["isomorphic_with_jsonld"] = True
    prefixes = f"PREFIX rdf: <{RDF}> PREFIX rdfs: <{RDFS}> PREFIX biolink: <{BIOLINK}> PREFIX cg: <{CG}>\n"
    nodes = [{"id": r["n"].value, "label": r["label"].value} for r in store.query(
        prefixes + "SELECT ?n ?label WHERE { ?n biolink:category ?c ; rdfs:label ?label }")]
    assoc = {}
    for r in store.query(prefixes + """
        SELECT ?a ?s ?rel ?o ?neg ?conf WHERE {
          ?a a rdf:Statement ; rdf:subject ?s ; cg:relation ?rel ; rdf:object ?o ;
             biolink:negated ?neg ; biolink:has_confidence_score ?conf }"""):
        rel = r["rel"].value
        if not rel.startswith(CG):
            fail(f"relation {rel} outside claimgraph's vocabulary")
        assoc[r["a"].value] = {"s": r["s"].value, "o": r["o"].value, "rel": rel[len(CG):],
                               "neg": r["neg"].value == "true", "conf": float(r["conf"].value),
                               "sentences": [], "citations": []}
    for r in store.query(prefixes + "SELECT ?a ?t WHERE { ?a biolink:supporting_text ?t }"):
        assoc[r["a"].value]["sentences"].append(r["t"].value)
    for r in store.query(prefixes + "SELECT ?a ?p WHERE { ?a biolink:publications ?p }"):
        m = re.search(r"#source-(\d+)$", r["p"].value)
        if m:
            assoc[r["a"].value]["citations"].append(int(m.group(1)))
    edges = [edge(a["s"], a["o"], a["rel"], a["neg"], a["conf"], a["citations"], a["sentences"])
             for a in assoc.values()]
    for r in store.query(prefixes + "SELECT ?c ?m WHERE { ?c biolink:has_part ?m }"):
        edges.append(edge(r["c"].value, r["m"].value, "has-member", False, None, [], []))
    for r in store.query(prefixes + "SELECT ?c ?p WHERE { ?c rdfs:subClassOf ?p }"):
        edges.append(edge(r["c"].value, r["p"].value, "is-a", False, None, [], []))
    emit(nodes, edges, info)


# ---------------------------------------------------------------- GraphML

def cmd_graphml(path):
    import networkx as nx
    g = nx.read_graphml(path, force_multigraph=True)
    info = {"networkx_nodes": g.number_of_nodes(), "networkx_edges": g.number_of_edges()}
    try:
        import igraph
        ig = igraph.Graph.Read_GraphML(path)
        info["igraph_nodes"], info["igraph_edges"] = ig.vcount(), ig.ecount()
    except ImportError:
        pass
    nodes = [{"id": n, "label": d["label"]} for n, d in g.nodes(data=True)]
    edges = []
    for s, t, d in g.edges(data=True):
        for key in ("relation", "negated", "hedged", "confidence", "evidence_count",
                    "citations", "sentences", "publications", "documents", "qualifiers"):
            if key not in d:
                fail(f"edge {s} -> {t} has no {key}")
        edges.append(edge(s, t, d["relation"], d["negated"], d["confidence"],
                          json.loads(d["citations"]), json.loads(d["sentences"])))
    emit(nodes, edges, info)


# ---------------------------------------------------------------- Neo4j CSV

NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string",
               "point", "date", "localtime", "time", "localdatetime", "datetime", "duration"}
KUZU_TYPES = {"int": "INT64", "long": "INT64", "short": "INT64", "byte": "INT64",
              "float": "DOUBLE", "double": "DOUBLE", "boolean": "BOOLEAN",
              "char": "STRING", "string": "STRING"}
SPECIAL = re.compile(r"^(?P<name>[^:]*):(?P<kind>ID|START_ID|END_ID)(?:\((?P<group>[^()]+)\))?$")


def parse_header(fields, what):
    """The columns of a neo4j-admin header: (kind, name, type, is_array, group)."""
    cols, names = [], set()
    for f in fields:
        m = SPECIAL.match(f)
        if m:
            cols.append((m["kind"], m["name"] or None, "string", False, m["group"]))
            continue
        if f in (":LABEL", ":TYPE", ":IGNORE"):
            cols.append((f[1:], None, None, False, None))
            continue
        name, sep, ty = f.partition(":")
        if not name:
            fail(f"{what}: header field {f!r} has no property name")
        ty = ty if sep else "string"
        is_array = ty.endswith("[]")
        base = ty[:-2] if is_array else ty
        if base not in NEO4J_TYPES:
            fail(f"{what}: header field {f!r} has an unknown type {ty!r}")
        if name in names:
            fail(f"{what}: property {name!r} declared twice")
        names.add(name)
        cols.append(("PROP", name, base, is_array, None))
    return cols


def convert(value, ty, where):
    try:
        if ty in ("int", "long", "short", "byte"):
            if not re.fullmatch(r"-?\d+", value):
                raise ValueError
            return int(value)
        if ty in ("float", "double"):
            return float(value)
        if ty == "boolean":
            if value not in ("true", "false"):
                raise ValueError
            return value == "true"
        if ty == "char" and len(value) != 1:
            raise ValueError
        return value
    except ValueError:
        fail(f"{where}: {value!r} is not a {ty}")


def read_csv_strict(path):
    import csv
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")  # strict: invalid UTF-8 raises
    if "\r" in text:
        fail(f"{path}: carriage return in the file")
    for sep in ("\u2028", "\u2029", "\u0085"):
        if sep in text:
            fail(f"{path}: line separator U+{ord(sep):04X} in the file")
    rows = list(csv.reader(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"),
                           delimiter=",", quotechar='"', doublequote=True, strict=True))
    # Fed line by line, a field with a line break inside quotes would not parse: that
    # is neo4j-admin's default (no --multiline-fields).
    return rows


def load_neo4j_csv(directory):
    """The node and relationship files under neo4j-admin's header rules, typed."""
    nodes_path = os.path.join(directory, "nodes.csv")
    rels_path = os.path.join(directory, "relationships.csv")
    node_rows = read_csv_strict(nodes_path)
    ncols = parse_header(node_rows[0], nodes_path)
    id_cols = [i for i, c in enumerate(ncols) if c[0] == "ID"]
    if len(id_cols) != 1:
        fail(f"{nodes_path}: expected one :ID column, found {len(id_cols)}")
    id_col = id_cols[0]
    group = ncols[id_col][4]
    nodes, ids = [], set()
    for ln, row in enumerate(node_rows[1:], start=2):
        where = f"{nodes_path}:{ln}"
        if len(row) != len(ncols):
            fail(f"{where}: {len(row)} fields, header has {len(ncols)}")
        node = {"labels": [], "props": {}}
        for (kind, name, ty, arr, _), value in zip(ncols, row):
            if kind == "ID":
                if not value:
                    fail(f"{where}: empty id")
                if value in ids:
                    fail(f"{where}: duplicate id {value!r} in group {group}")
                ids.add(value)
                node["id"] = value
                if name:
                    node["props"][name] = value
            elif kind == "LABEL":
                labels = value.split(";")
                if not all(labels):
                    fail(f"{where}: empty label in {value!r}")
                node["labels"] = labels
            elif kind == "PROP" and value != "":
                node["props"][name] = ([convert(v, ty, where) for v in value.split(";")]
                                       if arr else convert(value, ty, where))
        nodes.append(node)
    rel_rows = read_csv_strict(rels_path)
    rcols = parse_header(rel_rows[0], rels_path)
    for kind in ("START_ID", "END_ID", "TYPE"):
        found = [c for c in rcols if c[0] == kind]
        if len(found) != 1:
            fail(f"{rels_path}: expected one :{kind} column, found {len(found)}")
        if kind != "TYPE" and found[0][4] != group:
            fail(f"{rels_path}: :{kind} refers to ID space {found[0][4]!r}, nodes are in {group!r}")
    rels = []
    for ln, row in enumerate(rel_rows[1:], start=2):
        where = f"{rels_path}:{ln}"
        if len(row) != len(rcols):
            fail(f"{where}: {len(row)} fields, header has {len(rcols)}")
        rel = {"props": {}}
        for (kind, name, ty, arr, _), value in zip(rcols, row):
            if kind in ("START_ID", "END_ID"):
                if value not in ids:
                    fail(f"{where}: {kind} {value!r} is no node id")
                rel[kind] = value
            elif kind == "TYPE":
                if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
                    fail(f"{where}: relationship type {value!r}")
                rel["type"] = value
            elif kind == "PROP" and value != "":
                rel["props"][name] = ([convert(v, ty, where) for v in value.split(";")]
                                      if arr else convert(value, ty, where))
        rels.append(rel)
    return ncols, nodes, rcols, rels


def kuzu_type(ty, arr):
    if ty not in KUZU_TYPES:
        fail(f"no Kuzu type for neo4j type {ty}")
    return KUZU_TYPES[ty] + ("[]" if arr else "")


def cmd_neo4j(directory, path=None):
    import kuzu
    ncols, nodes, rcols, rels = load_neo4j_csv(directory)
    tmp = tempfile.mkdtemp(prefix="claimgraph-kuzu-")
    db = kuzu.Database(os.path.join(tmp, "db"))
    conn = kuzu.Connection(db)
    nprops = [(n, kuzu_type(t, a)) for k, n, t, a, _ in ncols if k in ("PROP", "ID") and n]
    conn.execute("CREATE NODE TABLE Entity(" + ", ".join(f"`{n}` {t}" for n, t in nprops)
                 + ", `labels` STRING[], PRIMARY KEY (`id`))")
    for node in nodes:
        params = {n: node["props"].get(n) for n, _ in nprops}
        params["labels"] = node["labels"]
        conn.execute("CREATE (:Entity {" + ", ".join(f"`{n}`: ${n}" for n in params) + "})", params)
    rprops = [(n, kuzu_type(t, a)) for k, n, t, a, _ in rcols if k == "PROP"]
    for ty in sorted({r["type"] for r in rels}):
        conn.execute(f"CREATE REL TABLE {ty}(FROM Entity TO Entity, "
                     + ", ".join(f"`{n}` {t}" for n, t in rprops) + ")")
    for r in rels:
        params = {n: r["props"].get(n) for n, _ in rprops}
        params.update({"_s": r["START_ID"], "_e": r["END_ID"]})
        conn.execute(f"MATCH (a:Entity), (b:Entity) WHERE a.id = $_s AND b.id = $_e CREATE (a)-[:{r['type']} {{"
                     + ", ".join(f"`{n}`: ${n}" for n, _ in rprops) + "}]->(b)", params)

    def rows(q, params=None):
        res = conn.execute(q, params or {})
        out = []
        while res.has_next():
            out.append(res.get_next())
        return out
    out_nodes = [{"id": i, "label": n} for i, n in rows("MATCH (n:Entity) RETURN n.id, n.name")]
    out_edges = []
    for s, t, rel, neg, conf, cites, sentences in rows(
            "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id, b.id, r.relation, r.negated, "
            "r.confidence, r.citations, r.sentences"):
        out_edges.append(edge(s, t, rel, neg, conf, cites, json.loads(sentences or "[]")))
    info = {"kuzu_nodes": rows("MATCH (n) RETURN count(n)")[0][0],
            "kuzu_edges": rows("MATCH ()-[r]->() RETURN count(r)")[0][0]}
    if path:
        # claimgraph's way: up from a member to its combination (has-member walked
        # backwards), then affirmed claims forward.
        found = rows("MATCH p = (a:Entity)<-[:HAS_MEMBER]-(c:Entity)-[r* SHORTEST 1..4]->(b:Entity) "
                     "WHERE a.name = $from AND b.name = $to "
                     "AND all(x IN rels(r) WHERE x.negated = false) RETURN nodes(p), rels(p)",
                     {"from": path[0], "to": path[1]})
        info["path"] = [{"nodes": [n["name"] for n in ns],
                         "relations": [r["relation"] for r in rs],
                         "sentences": [json.loads(r["sentences"] or "[]") for r in rs],
                         "citations": [r["citations"] or [] for r in rs]}
                        for ns, rs in found]
    emit(out_nodes, out_edges, info)


# ---------------------------------------------------------------- Cypher (FalkorDB)

def cmd_cypher(path):
    from redislite.falkordb_client import FalkorDB
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    statements = []
    for ln, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        if not line.endswith(";"):
            fail(f"{path}:{ln}: a statement line must end with ';'")
        statements.append(line[:-1])
    tmp = tempfile.mkdtemp(prefix="claimgraph-falkordb-")
    db = FalkorDB(os.path.join(tmp, "falkor.db"))
    g = db.select_graph("claimgraph")

    def count():
        n = g.query("MATCH (n) RETURN count(n)").result_set[0][0]
        r = g.query("MATCH ()-[r]->() RETURN count(r)").result_set[0][0]
        return n, r
    counts = []
    for _ in range(2):
        for st in statements:
            g.query(st)
        counts.append(count())
    info = {"statements": len(statements), "counts_after_each_run": counts}
    if counts[0] != counts[1]:
        fail(f"not idempotent: counts after the first run {counts[0]}, after the second {counts[1]}")
    nodes = [{"id": i, "label": n} for i, n in
             g.query("MATCH (n:Entity) RETURN n.id, n.name").result_set]
    edges = [edge(s, t, rel, neg, conf, cites, sentences) for s, t, rel, neg, conf, cites, sentences in
             g.query("MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id, b.id, r.relation, r.negated, "
                     "r.confidence, r.citations, r.sentences").result_set]
    db.close() if hasattr(db, "close") else None
    emit(nodes, edges, info)


# ---------------------------------------------------------------- KGX

def cmd_kgx(directory, fmt):
    files = [os.path.join(directory, f"nodes.{fmt}"), os.path.join(directory, f"edges.{fmt}")]
    for f in files:
        if not os.path.exists(f):
            fail(f"missing {f}")
    # `kgx validate` (its command line, run here in-process to load kgx once) prints its
    # findings as JSON on stderr whatever -o says, after its log lines, and exits 1 when
    # there are errors. kgx bound sys.stderr at import: capture file descriptor 2.
    sys.path.insert(0, HERE)
    import kgx_offline
    kgx_offline.configure()
    from kgx.cli import cli
    # Its log lines go to standard output: captured too, and kept out of ours.
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as captured, \
            tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        sys.stdout.flush()
        sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        os.dup2(log.fileno(), 1)
        os.dup2(captured.fileno(), 2)
        try:
            cli.main(args=["validate", "-i", fmt, *files], prog_name="kgx", standalone_mode=False)
            code = 0
        except SystemExit as e:
            code = e.code
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
        captured.seek(0)
        err = captured.read()
    start = 0 if err.startswith("{") else err.find("\n{")
    if start < 0:
        fail(f"kgx validate printed no report (exit {code}):\n{err}")
    report, _ = json.JSONDecoder().raw_decode(err[start:].lstrip())
    findings = []
    for level, kinds in report.items():
        for kind, messages in kinds.items():
            for message, where in messages.items():
                findings.append({"level": level, "type": kind, "message": message, "where": where})
    # kgx's own readers, record by record (its in-memory store would merge edges that
    # share subject, predicate and object); their log lines to stderr, not our output.
    import logging
    for h in logging.getLogger("KGX").handlers:
        if isinstance(h, logging.StreamHandler):
            h.setStream(sys.stderr)
    from kgx.transformer import Transformer
    from kgx.source import JsonlSource, TsvSource
    source = (TsvSource if fmt == "tsv" else JsonlSource)(owner=Transformer())
    nodes, edges = [], []
    for f in files:
        for rec in source.parse(f, format=fmt):
            if rec is None:
                continue
            if len(rec) == 2:
                n, d = rec
                nodes.append({"id": n, "label": d.get("name")})
                continue
            s, o, _, d = rec
            pub = d.get("publications") or []
            cites = [int(m.group(1)) for p in pub for m in [re.search(r"#source-(\d+)$", p)] if m]
            conf = d.get("has_confidence_score")
            edges.append(edge(s, o, d.get("relation"), d.get("negated") is True, conf, cites,
                              d.get("supporting_text") or []))
    info = {"validate_exit": code, "findings": findings}
    emit(nodes, edges, info)


# ---------------------------------------------------------------- DOT (Graphviz SVG)

def cmd_dot(svg_path):
    """The SVG Graphviz's `dot` made: node titles and label lines, edge labels and
    tooltips (the evidence)."""
    import xml.etree.ElementTree as ET
    ns, xlink = "{http://www.w3.org/2000/svg}", "{http://www.w3.org/1999/xlink}"
    root = ET.parse(svg_path).getroot()
    nodes, edges, tooltips = [], [], {}
    for g in root.iter(f"{ns}g"):
        kind = g.get("class")
        if kind not in ("node", "edge"):
            continue
        title = g.find(f"{ns}title").text or ""
        lines = [t.text or "" for t in g.iter(f"{ns}text")]
        tips = [a.get(f"{xlink}title") for a in g.iter(f"{ns}a") if a.get(f"{xlink}title")]
        if kind == "node":
            # The legend: its table (tooltip "legend") and one node per kind (tooltip
            # "legend: KIND"); an entity's tooltip always has a second line, its id.
            tip = tips[0] if tips else ""
            if tip != "legend" and not (tip.startswith("legend: ") and "\n" not in tip):
                nodes.append({"id": title, "label": "\n".join(lines)})
            continue
        source, sep, target = title.partition("->")
        if not sep:
            fail(f"edge title {title!r}")
        label = "\n".join(lines)
        negated = label.startswith("NOT ")
        relation = label[4:] if negated else label
        edges.append(edge(source, target, relation, negated, None, [], []))
        tooltips[f"{source}|{relation}|{target}|{str(negated).lower()}"] = tips[0] if tips else ""
    emit(nodes, edges, {"tooltips": tooltips})


# ---------------------------------------------------------------- Mermaid

def text_of(el):
    return "".join(el.itertext())


def cmd_mermaid(mmd_path, svg_path):
    import xml.etree.ElementTree as ET
    with open(mmd_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    node_line = re.compile(r"^  (n_[A-Za-z0-9_]+)\S*?\"")
    edge_line = re.compile(r"^  (n_[A-Za-z0-9_]+) (-->|--x|--o|-\.->|-\.-x|-\.-o|==>)\|\"[^\"]*\"\| (n_[A-Za-z0-9_]+)$")
    comment = re.compile(r"^  %% (entity|evidence) (\{.*\})$")
    ids, edges, last = {}, [], None
    for ln, line in enumerate(lines, start=1):
        m = comment.match(line)
        if m:
            data = json.loads(m.group(2))
            if m.group(1) == "entity":
                ids[last] = data["id"]
            else:
                edges[-1].update(data)
            continue
        m = edge_line.match(line)
        if m:
            edges.append({"s": m.group(1), "o": m.group(3), "arrow": m.group(2)})
            continue
        m = node_line.match(line)
        if m:
            last = m.group(1)
    svg = ET.parse(svg_path).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    rendered_nodes = {}
    for g in svg.iter(f"{ns}g"):
        classes = (g.get("class") or "").split()
        if "node" in classes and g.get("id"):
            m = re.match(r"^(?:.*-)?flowchart-(n_[A-Za-z0-9_]+)-\d+$", g.get("id"))
            if m:
                rendered_nodes[m.group(1)] = text_of(g)
    edge_labels = [text_of(g) for g in svg.iter(f"{ns}g")
                   if "edgeLabel" in (g.get("class") or "").split()]
    links = [p for p in svg.iter(f"{ns}path") if "flowchart-link" in (p.get("class") or "").split()]
    nodes = [{"id": ids[m], "label": rendered_nodes.get(m)} for m in ids]
    out_edges = []
    for e in edges:
        if "relation" in e:
            out_edges.append(edge(ids[e["s"]], ids[e["o"]], e["relation"], e["negated"],
                                  e["confidence"], e["citations"], e["sentences"]))
        elif e["arrow"] == "==>":
            out_edges.append(edge(ids[e["s"]], ids[e["o"]], "is-a", False, None, [], []))
        else:
            out_edges.append(edge(ids[e["s"]], ids[e["o"]], "has-member", False, None, [], []))
    info = {"rendered_nodes": len(rendered_nodes), "rendered_edges": len(links),
            "edge_labels": sorted(edge_labels), "size": sum(len(l) + 1 for l in lines)}
    emit(nodes, out_edges, info)


def main(argv):
    if len(argv) < 2:
        fail(__doc__)
    cmd, rest = argv[1], argv[2:]

    def opt(name, n=1):
        if name not in rest:
            return None
        i = rest.index(name)
        vals = rest[i + 1:i + 1 + n]
        del rest[i:i + 1 + n]
        return vals if n > 1 else vals[0]
    if cmd == "rdf":
        fmt, jl = opt("--format"), opt("--jsonld")
        cmd_rdf(rest[0], fmt, jl)
    elif cmd == "graphml":
        cmd_graphml(rest[0])
    elif cmd == "neo4j":
        path = opt("--path", 2)
        cmd_neo4j(rest[0], path)
    elif cmd == "cypher":
        cmd_cypher(rest[0])
    elif cmd == "kgx":
        fmt = opt("--format")
        cmd_kgx(rest[0], fmt)
    elif cmd == "dot":
        cmd_dot(rest[0])
    elif cmd == "mermaid":
        cmd_mermaid(rest[0], rest[1])
    else:
        fail(f"unknown command {cmd}\n{__doc__}")


if __name__ == "__main__":
    main(sys.argv)
