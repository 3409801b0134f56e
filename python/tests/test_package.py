"""The installed package itself: where it comes from, what it ships, what help() says."""

from __future__ import annotations

import inspect
from pathlib import Path

import claimgraph as cg
from conftest import REPO


def test_imported_from_the_installed_wheel_not_the_source_tree():
    here = Path(cg.__file__).resolve()
    assert REPO / "python" not in here.parents, here
    assert "site-packages" in here.parts


def test_wheel_carries_stubs_and_py_typed():
    pkg = Path(cg.__file__).parent
    assert (pkg / "py.typed").is_file()
    stub = (pkg / "_native.pyi").read_text()
    assert "class NativeGraph" in stub and "def build(" in stub


def test_bundled_data_travels_inside_the_wheel():
    # No file of the source tree is read: the corpus and lexicon are compiled in.
    (doc_id, text), = cg.bundled_corpus()
    assert doc_id == "zinc-vitamin-d" and text.startswith("Zinc")
    g = cg.build()
    assert g.node_count > 10 and g.claim_count > 10


def test_options_are_keywords_with_the_cli_defaults():
    p = inspect.signature(cg.Graph.paths).parameters
    assert p["limit"].default == 10 and p["limit"].kind is inspect.Parameter.KEYWORD_ONLY
    assert p["min_confidence"].default == 0.0
    assert p["k"].default is None and p["sign"].default is None
    assert p["include_negated"].default is False and p["undirected"].default is False
    n = inspect.signature(cg.Graph.neighbors).parameters
    assert n["depth"].default == 1
    assert inspect.signature(cg.extract).parameters["document_id"].default == "stdin"


def test_docstrings_explain_the_api():
    for f in (cg.extract, cg.build, cg.Graph.load, cg.Graph.paths, cg.Graph.neighbors,
              cg.Graph.explain, cg.Graph.export, cg.Graph.to_networkx, cg.Graph.claims_frame,
              cg.Graph.nodes_frame, cg.Graph.save):
        assert f.__doc__ and len(f.__doc__) > 60, f
    assert "claimgraph paths" in cg.Graph.paths.__doc__
    assert issubclass(cg.ParseError, cg.InputError) and issubclass(cg.InputError, cg.Error)
    assert issubclass(cg.UsageError, ValueError) and issubclass(cg.FileError, OSError)
