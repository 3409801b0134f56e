"""The package answers as the command line does, on the bundled graph and on mixed
inputs: claims, saved bytes, paths/neighbors/explain/stats JSON and every export byte
for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import claimgraph as cg
from conftest import jsonl

PATH_QUERIES = [
    (("zinc", "IL-17"), {"k": 3, "sign": "-"}, ["--k", "3", "--sign", "-"]),
    (("zinc", "IL-17"), {}, []),
    (("zinc", "IL-17"), {"max_hops": 3, "limit": 5}, ["--max-hops", "3", "--limit", "5"]),
    (("zinc", "IL-17"), {"weighted": True, "k": 2}, ["--weighted", "--k", "2"]),
    (("vitamin D", "zinc"), {"undirected": True, "include_negated": True},
     ["--undirected", "--include-negated"]),
    (("zinc", "IL-17"), {"relations": ["suppresses", "cofactor-for"]},
     ["--relations", "suppresses,cofactor-for"]),
    (("zinc", "IL-17"), {"kinds": ["nutrient", "combination"], "min_confidence": 0.2},
     ["--kinds", "nutrient,combination", "--min-confidence", "0.2"]),
    (("IL-17", "zinc"), {}, []),  # no path: an empty list, not an error
]


def test_extract_text_equals_cli_stdin(cli, summary_path):
    text = summary_path.read_text()
    run = cli("extract", "--document-id", "summary", stdin=text.encode())
    assert run.code == 0, run.stderr
    claims = cg.extract(text, document_id="summary")
    assert claims == jsonl(run.stdout)
    assert len(claims) > 10 and claims[0]["evidence"]["document"] == "summary"


def test_extract_files_equals_cli(cli, summary_path, tmp_path):
    other = tmp_path / "note.md"
    other.write_text("A note\nZinc suppresses the production of IL-6 in macrophages.\n")
    run = cli("extract", str(summary_path), str(other))
    assert run.code == 0, run.stderr
    assert cg.extract([summary_path, other]) == jsonl(run.stdout)
    assert cg.extract(other)[0]["evidence"]["document"] == "note"


def test_build_default_saves_the_cli_bytes(cli, bundled, tmp_path):
    out = tmp_path / "cli.cg"
    run = cli("build", "-o", str(out))
    assert run.code == 0, run.stderr
    assert bundled.to_bytes() == out.read_bytes()
    mine = tmp_path / "py.cg"
    bundled.save(mine)
    assert mine.read_bytes() == out.read_bytes()
    again = cg.Graph.load(mine)
    assert again.to_bytes() == out.read_bytes()
    assert again.paths("zinc", "IL-17") == bundled.paths("zinc", "IL-17")


def test_build_of_documents_claims_and_graphs_equals_cli(cli, summary_path, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("A note\nZinc suppresses the production of IL-6 in macrophages.\n"
                    "Vitamin D induces the expression of IL-10 in T cells.\n")
    claims = tmp_path / "more" / "claims.jsonl"
    claims.parent.mkdir()
    extracted = cli("extract", str(note))
    claims.write_bytes(extracted.stdout.replace(b'"note"', b'"curated"'))
    tsv = tmp_path / "curated.tsv"
    tsv.write_text("subject\trelation\tobject\tnegated\tdocument\n"
                   "zinc\tsuppresses\tIL-17\tfalse\thand\n"
                   "copper\treduces-absorption\tzinc\ttrue\thand\n")
    old = tmp_path / "old.cg"
    assert cli("build", str(summary_path), "-o", str(old)).code == 0
    inputs = [note, claims, tsv, old]
    expected = tmp_path / "expected.cg"
    run = cli("build", *map(str, inputs), "-o", str(expected))
    assert run.code == 0, run.stderr
    seen = []
    g = cg.build(inputs, progress=lambda done, total: seen.append((done, total)))
    assert g.to_bytes() == expected.read_bytes()
    assert seen == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    # A directory is walked in sorted order, as by the command line.
    run = cli("build", str(tmp_path / "more"), "-o", str(expected))
    assert cg.build(tmp_path / "more").to_bytes() == expected.read_bytes()


@pytest.mark.parametrize("names,kwargs,flags", PATH_QUERIES)
def test_paths_equal_cli_json(cli, bundled, names, kwargs, flags):
    run = cli("paths", *names, "--format", "json", *flags)
    assert run.code == 0, run.stderr
    assert bundled.paths(*names, **kwargs) == json.loads(run.stdout)


def test_paths_answer_has_the_expected_shape(bundled):
    a = bundled.paths("zinc", "IL-17", k=3, sign="-")
    assert a["from"]["label"] == "zinc" and a["to"]["label"] == "IL-17"
    assert a["paths"] and all(p["sign"] == "-" for p in a["paths"])
    assert bundled.paths("IL-17", "zinc")["paths"] == []


def test_paths_dot_and_svg_equal_cli(cli, bundled, dot):
    for fmt in ("dot", "svg"):
        run = cli("paths", "zinc", "IL-17", "--k", "2", "--format", fmt)
        assert run.code == 0, run.stderr
        assert bundled.paths("zinc", "IL-17", k=2, format=fmt).encode() == run.stdout


@pytest.mark.parametrize("name,kwargs,flags", [
    ("IL-17", {"depth": 1}, []),
    ("zinc", {"depth": 2, "include_negated": True}, ["--depth", "2", "--include-negated"]),
    ("vitamin D", {"relations": ["suppresses"]}, ["--relations", "suppresses"]),
])
def test_neighbors_equal_cli_json(cli, bundled, name, kwargs, flags):
    run = cli("neighbors", name, "--format", "json", *flags)
    assert run.code == 0, run.stderr
    assert bundled.neighbors(name, **kwargs) == json.loads(run.stdout)


def test_explain_and_stats_equal_cli_json(cli, bundled):
    run = cli("explain", "zinc + vitamin D3", "suppresses", "IL-17", "--format", "json")
    assert run.code == 0, run.stderr
    e = bundled.explain("zinc + vitamin D3", "suppresses", "IL-17")
    assert e == json.loads(run.stdout) and e["claims"]
    run = cli("stats", "--format", "json")
    assert bundled.stats() == json.loads(run.stdout)


def test_claims_equal_the_saved_graphs_claims(cli, bundled, tmp_path):
    # Every claim of the graph, one per evidence: read back, they rebuild the graph.
    f = tmp_path / "all.jsonl"
    f.write_text("".join(json.dumps(c) + "\n" for c in bundled.claims()))
    assert cg.build([f]).to_bytes() == bundled.to_bytes()
    assert len(bundled.claims()) >= bundled.claim_count


SINGLE = ["dot", "jsonld", "nt", "ttl", "graphml", "cypher", "mermaid", "cyjs", "html"]


@pytest.mark.parametrize("fmt", SINGLE)
def test_single_file_exports_equal_cli_bytes(cli, bundled, tmp_path, fmt):
    run = cli("export", "--format", fmt)
    assert run.code == 0, run.stderr
    assert bundled.export(fmt).encode() == run.stdout
    out = tmp_path / f"g.{fmt}"
    assert bundled.export(fmt, out) is None
    assert out.read_bytes() == run.stdout


def test_svg_export_equals_cli_bytes(cli, bundled, dot):
    run = cli("export", "--format", "svg")
    assert run.code == 0, run.stderr
    assert bundled.export("svg").encode() == run.stdout


@pytest.mark.parametrize("fmt", ["neo4j", "kgx", "kgx-jsonl"])
def test_directory_exports_equal_cli_files(cli, bundled, tmp_path, fmt):
    theirs, mine = tmp_path / "cli", tmp_path / "py"
    run = cli("export", "--format", fmt, "--out", str(theirs))
    assert run.code == 0, run.stderr
    bundled.export(fmt, mine)
    names = sorted(p.name for p in theirs.iterdir())
    assert names and names == sorted(p.name for p in mine.iterdir())
    in_memory = bundled.export(fmt)
    assert sorted(in_memory) == names
    for n in names:
        assert (mine / n).read_bytes() == (theirs / n).read_bytes()
        assert in_memory[n].encode() == (theirs / n).read_bytes()
