"""Progress callbacks (plain and tqdm-like), the GIL released during long work, and the
notebook display."""

from __future__ import annotations

import json
import threading
import time

import pytest

import claimgraph as cg


def big_claims(tmp_path, copies: int):
    """A claims file of `copies` variations of the bundled graph's claims."""
    base = [json.dumps(c) for c in cg.build().claims()]
    f = tmp_path / "big.jsonl"
    with f.open("w") as out:
        for i in range(copies):
            for line in base:
                out.write(line.replace('"zinc-vitamin-d"', f'"doc-{i}"'))
                out.write("\n")
    return f


def test_progress_callback_per_document():
    docs = [(f"d{i}", "A note\nZinc suppresses the production of IL-6 in macrophages.\n")
            for i in range(5)]
    seen = []
    claims = cg.extract(docs, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 5) and sorted(seen[1:]) == [(i, 5) for i in range(1, 6)]
    assert [c["evidence"]["document"] for c in claims] == [f"d{i}" for i in range(5)]


class FakeTqdm:
    """What tqdm offers a caller: total, update(n), refresh()."""

    def __init__(self):
        self.total = None
        self.n = 0
        self.refreshed = 0

    def update(self, n=1):
        self.n += n

    def refresh(self):
        self.refreshed += 1


def test_a_tqdm_bar_works_as_progress(tmp_path):
    bar = FakeTqdm()
    files = []
    for i in range(3):
        f = tmp_path / f"n{i}.txt"
        f.write_text("A note\nVitamin D induces the expression of IL-10.\n")
        files.append(f)
    cg.build(files, progress=bar)
    assert (bar.total, bar.n) == (3, 3) and bar.refreshed >= 1


def test_an_exception_in_progress_is_raised_after_the_work():
    def boom(done, total):
        if done == 1:
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        cg.build(progress=boom)


def test_gil_is_released_during_a_long_build(tmp_path):
    f = big_claims(tmp_path, 3000)
    result = {}

    def work():
        t0 = time.perf_counter()
        result["graph"] = cg.build([f])
        result["seconds"] = time.perf_counter() - t0

    worker = threading.Thread(target=work)
    ticks, gap, last = 0, 0.0, time.perf_counter()
    worker.start()
    while worker.is_alive():
        now = time.perf_counter()
        gap, last = max(gap, now - last), now
        ticks += 1
    worker.join()
    seconds = result["seconds"]
    assert result["graph"].claim_count > 0
    assert seconds > 0.1, "the build must take long enough to tell"
    # Holding the GIL would have frozen this loop for the whole build.
    assert gap < seconds / 2, (gap, seconds)
    assert ticks > 1000


def test_notebook_shows_svg_when_dot_is_there(bundled, dot):
    svg = bundled._repr_svg_()
    assert svg is not None and "<svg" in svg and ">zinc<" in svg
    assert bundled._repr_html_() is None  # the SVG is the richer view


def test_notebook_shows_the_page_for_graphs_too_big_to_draw(monkeypatch):
    monkeypatch.setattr(cg, "SVG_MAX_NODES", 3)
    g = cg.build()
    assert g._repr_svg_() is None
    page = g._repr_html_()
    assert page.startswith("<iframe") and "cytoscape" in page.lower()
    monkeypatch.setattr(cg, "HTML_MAX_CLAIMS", 3)
    assert cg.build()._repr_html_() is None
    assert repr(g) == f"<claimgraph.Graph: {g.node_count} nodes, {g.claim_count} claims>"


def test_graphs_pickle_as_their_saved_bytes(bundled):
    import pickle

    again = pickle.loads(pickle.dumps(bundled))
    assert again.to_bytes() == bundled.to_bytes()
    assert cg.Graph.from_bytes(bundled.to_bytes()).paths("zinc", "IL-17") == bundled.paths(
        "zinc", "IL-17")
    with pytest.raises(cg.InputError):
        cg.Graph.from_bytes(b"not a graph")


def test_relations_as_comma_separated_text_as_on_the_command_line(bundled):
    assert bundled.paths("zinc", "IL-17", relations="suppresses, cofactor-for") == \
        bundled.paths("zinc", "IL-17", relations=["suppresses", "cofactor-for"])
    assert bundled.neighbors("zinc", relations="suppresses") == bundled.neighbors(
        "zinc", relations=["suppresses"])
