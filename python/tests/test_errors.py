"""Errors are exceptions of the right class, with the command line's message (file,
line and column for a malformed input) and exit code."""

from __future__ import annotations

import pytest

import claimgraph as cg


def both(cli, tmp_path, args, call, cls):
    """Runs the CLI and the package on the same bad request: same message, exit code."""
    run = cli(*args, cwd=tmp_path)
    assert run.code != 0
    with pytest.raises(cls) as info:
        call()
    assert str(info.value) == run.error
    assert info.value.exit_code == run.code
    return info.value


def test_malformed_jsonl_names_file_line_and_column(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    good = cg.extract("A note\nZinc suppresses the production of IL-6 in macrophages.\n")
    import json
    bad.write_text(json.dumps(good[0]) + "\n" + '{"subject": {"id": "x"}, "relation": ]\n')
    e = both(cli, tmp_path, ["build", str(bad), "-o", "x.cg"], lambda: cg.build([bad]),
             cg.ParseError)
    assert e.line == 2 and e.column > 0 and e.path == str(bad)
    assert str(e).startswith(f"{bad}:2:{e.column}")
    assert isinstance(e, ValueError) and isinstance(e, cg.InputError)


def test_unknown_relation_in_claims_is_a_parse_error(cli, tmp_path):
    bad = tmp_path / "c.tsv"
    bad.write_text("subject\trelation\tobject\nzinc\tfrobnicates\tIL-17\n")
    e = both(cli, tmp_path, ["build", str(bad), "-o", "x.cg"], lambda: cg.build([bad]),
             cg.ParseError)
    assert e.line == 2 and "frobnicates" in str(e)


def test_tsv_without_header_is_rejected(cli, tmp_path):
    bad = tmp_path / "c.tsv"
    bad.write_text("zinc\tsuppresses\tIL-17\n")
    both(cli, tmp_path, ["build", str(bad), "-o", "x.cg"], lambda: cg.build([bad]),
         cg.InputError)


def test_missing_file_is_a_file_error(cli, tmp_path):
    gone = tmp_path / "gone.jsonl"
    e = both(cli, tmp_path, ["build", str(gone), "-o", "x.cg"], lambda: cg.build([gone]),
             cg.FileError)
    assert isinstance(e, OSError) and e.path == str(gone)


def test_truncated_saved_graph_is_an_input_error(cli, bundled, tmp_path):
    f = tmp_path / "cut.cg"
    f.write_bytes(bundled.to_bytes()[:200])
    both(cli, tmp_path, ["stats", "--graph", str(f)], lambda: cg.Graph.load(f), cg.InputError)


def test_non_utf8_document_names_line_and_column(cli, tmp_path):
    f = tmp_path / "doc.txt"
    f.write_bytes(b"Title\nZinc \xff suppresses IL-6.\n")
    e = both(cli, tmp_path, ["extract", str(f)], lambda: cg.extract(f), cg.ParseError)
    assert (e.line, e.column) == (2, 6)


def test_unknown_entity(cli, bundled, tmp_path):
    e = both(cli, tmp_path, ["paths", "zinq", "IL-17"], lambda: bundled.paths("zinq", "IL-17"),
             cg.UnknownEntityError)
    assert e.name == "zinq" and any(c.startswith("zinc") for c in e.closest)
    assert isinstance(e, LookupError)


def test_usage_errors(cli, bundled, tmp_path):
    both(cli, tmp_path, ["paths", "zinc", "IL-17", "--relations", "bogus"],
         lambda: bundled.paths("zinc", "IL-17", relations=["bogus"]), cg.UsageError)
    both(cli, tmp_path, ["explain", "zinc", "bogus", "IL-17"],
         lambda: bundled.explain("zinc", "bogus", "IL-17"), cg.UsageError)
    with pytest.raises(cg.UsageError, match="unknown format `pdf`"):
        bundled.export("pdf")
    with pytest.raises(cg.UsageError, match="expected \\+ or -"):
        bundled.paths("zinc", "IL-17", sign="x")
    with pytest.raises(cg.UsageError, match="unknown kind"):
        bundled.paths("zinc", "IL-17", kinds=["mineral"])
    with pytest.raises(cg.UsageError):
        bundled.paths("zinc", "IL-17", k=2, max_hops=3)
    with pytest.raises(cg.UsageError, match="`limit` must be"):
        bundled.paths("zinc", "IL-17", limit=-1)
    with pytest.raises(cg.UsageError, match="`depth` must be"):
        bundled.neighbors("zinc", depth=1.5)
    with pytest.raises(cg.UsageError, match="reads documents"):
        f = tmp_path / "g.cg"
        bundled.save(f)
        cg.extract(f)
    assert cg.UsageError("x").exit_code == 2


def test_missing_dot_is_a_missing_tool_error(bundled, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(cg.MissingToolError, match="install Graphviz") as info:
        bundled.export("svg")
    assert info.value.exit_code == 3 and info.value.program == "dot"


def test_keep_going_skips_a_bad_document_and_keeps_the_others(cli, tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("A note\nZinc suppresses the production of IL-6 in macrophages.\n")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"Zinc suppresses \xff\xfe IL-6.\n")
    later = tmp_path / "c.txt"
    later.write_text("A note\nVitamin D increases zinc absorption.\n")
    # By default the bad document's error is raised, as the CLI stops on it.
    with pytest.raises(cg.ParseError) as info:
        cg.extract([good, bad, later])
    assert info.value.path == str(bad)
    # With keep_going, the others' claims come back and the bad one is a warning that
    # names it, as `claimgraph extract --keep-going` reports it.
    with pytest.warns(cg.DocumentSkipped) as caught:
        claims = cg.extract([good, bad, later], keep_going=True)
    assert [str(w.message).split(":")[0] for w in caught] == ["b"]
    assert "not UTF-8" in str(caught[0].message) or "UTF-8" in str(caught[0].message)
    docs = [c["evidence"]["document"] for c in claims]
    assert "a" in docs and "c" in docs and "b" not in docs
    run = cli("extract", "--keep-going", str(good), str(bad), str(later), cwd=tmp_path)
    assert run.code == 1
    import json
    cli_docs = [json.loads(line)["evidence"]["document"] for line in run.stdout.splitlines()]
    assert cli_docs == docs
