"""PubMed XML and BioC files through the package: ``extract`` and ``build`` on paths read
them as the command line does (tests/fixtures/import)."""

from __future__ import annotations

import warnings

import claimgraph as cg
from conftest import REPO, jsonl

FIXTURES = REPO / "tests" / "fixtures" / "import"


def test_extract_reads_pubmed_and_bioc_as_the_cli(cli):
    for name in ["genia.pubmed.xml", "genia.pubmed.xml.gz", "pubtator.bioc.xml", "pubtator.bioc.json"]:
        path = FIXTURES / name
        run = cli("extract", str(path))
        assert run.code == 0, run.stderr
        claims = cg.extract(path)
        assert claims == jsonl(run.stdout), name
        assert claims and all(c["evidence"]["document"].startswith("PMID:") for c in claims)


def test_extract_keeps_the_good_articles(cli):
    path = FIXTURES / "bad-article.pubmed.xml"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        claims = cg.extract(path, keep_going=True)
    assert any("without a numeric PMID" in str(w.message) for w in caught)
    docs = {c["evidence"]["document"] for c in claims}
    assert docs == {"PMID:10022882", "PMID:10022897"}


def test_build_reads_pubmed(cli, tmp_path):
    out = tmp_path / "g.cg"
    run = cli("build", "-o", str(out), str(FIXTURES / "genia.pubmed.xml"), str(FIXTURES / "pubtator.bioc.json"))
    assert run.code == 0, run.stderr
    g = cg.build([FIXTURES / "genia.pubmed.xml", FIXTURES / "pubtator.bioc.json"])
    g.save(tmp_path / "p.cg")
    assert (tmp_path / "p.cg").read_bytes() == out.read_bytes()
