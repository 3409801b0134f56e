"""to_networkx() agrees with networkx.read_graphml of the GraphML export; the
DataFrames have one row per claim (with its evidence) and per node."""

from __future__ import annotations

import json
import sys
from collections import defaultdict

import pytest

import claimgraph as cg


def test_to_networkx_equals_read_graphml_of_the_export(bundled, tmp_path):
    import networkx as nx

    f = tmp_path / "g.graphml"
    bundled.export("graphml", f)
    theirs = nx.read_graphml(f, edge_key_type=str, force_multigraph=True)
    mine = bundled.to_networkx()
    assert isinstance(mine, nx.MultiDiGraph)
    assert dict(mine.nodes(data=True)) == dict(theirs.nodes(data=True))
    assert sorted(mine.edges(keys=True, data=True), key=str) == sorted(
        theirs.edges(keys=True, data=True), key=str)
    assert mine.number_of_edges() == bundled.claim_count + sum(
        1 for *_, d in mine.edges(data=True) if d["relation"] in ("has-member", "is-a"))
    # The attributes carry their GraphML types.
    _, _, d = next(iter(mine.edges(data=True)))
    assert isinstance(d["confidence"], float) and isinstance(d["negated"], bool)
    assert isinstance(d["evidence_count"], int)


def test_claims_frame_has_one_row_per_claim_with_its_evidence(bundled):
    df = bundled.claims_frame()
    assert len(df) == bundled.claim_count
    assert df["id"].is_unique
    for col in ("subject", "relation", "object", "negated", "hedged", "confidence",
                "evidence_count", "documents", "sentences", "citations", "publications"):
        assert col in df.columns
    # Each row's evidence is the evidence of that claim's JSONL records.
    records = defaultdict(list)
    for c in bundled.claims():
        records[(c["subject"]["id"], c["relation"], c["object"]["id"], c["negated"])].append(c)
    assert len(records) == len(df)
    for row in df.itertuples():
        mine = records[(row.subject, row.relation, row.object, row.negated)]
        assert row.evidence_count == len(mine)
        assert set(row.sentences) == {c["evidence"]["sentence"] for c in mine}
        assert row.documents == sorted({c["evidence"]["document"] for c in mine})
        assert row.citations == sorted({n for c in mine for n in c["evidence"]["citations"]})
        assert row.subject_label == mine[0]["subject"]["label"]
        assert 0.0 < row.confidence <= 1.0


def test_nodes_frame_has_one_row_per_node(bundled):
    df = bundled.nodes_frame()
    assert len(df) == bundled.node_count and df["id"].is_unique
    g = bundled.to_networkx()
    for row in df.itertuples():
        assert row.degree == g.degree(row.id)
        assert row.label == g.nodes[row.id]["label"]
        assert row.synonyms == json.loads(g.nodes[row.id]["synonyms"])
    combo = df[df.kind == "combination"]
    assert len(combo) and all(len(m) >= 2 for m in combo.members)


def test_missing_pandas_or_networkx_is_a_clear_import_error(bundled, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "networkx", None)
    with pytest.raises(ImportError, match="claims_frame.*pip install pandas"):
        bundled.claims_frame()
    with pytest.raises(ImportError, match="to_networkx.*pip install networkx"):
        bundled.to_networkx()
