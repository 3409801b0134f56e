"""Fixtures of the package's tests: the installed package (never the source tree), the
command line built from the same tree (``CLAIMGRAPH_BIN``, else ``target/debug``), and a
runner that returns what it printed.

Under ``CI=true`` nothing is skipped: a missing binary or tool fails the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import List, NamedTuple

import pytest

REPO = Path(__file__).resolve().parents[2]
CI = os.environ.get("CI") == "true"


def missing(what: str) -> None:
    """Fails under CI, skips (saying why) elsewhere."""
    if CI:
        pytest.fail(f"{what} (CI=true: never skipped)")
    pytest.skip(what)


class Run(NamedTuple):
    code: int
    stdout: bytes
    stderr: str

    @property
    def error(self) -> str:
        """The message after `claimgraph: error: ` on stderr."""
        prefix = "claimgraph: error: "
        line = self.stderr.strip().splitlines()[-1]
        assert line.startswith(prefix), self.stderr
        return line[len(prefix):]


@pytest.fixture(scope="session")
def cli():
    """Runs the claimgraph binary: cli("paths", "zinc", "IL-17") -> Run."""
    binary = os.environ.get("CLAIMGRAPH_BIN") or str(REPO / "target" / "debug" / "claimgraph")
    if not os.access(binary, os.X_OK):
        missing(f"no claimgraph binary at {binary} (cargo build, or set CLAIMGRAPH_BIN)")

    def run(*args: str, stdin: bytes = b"", cwd: Path = REPO) -> Run:
        p = subprocess.run([binary, *args], input=stdin, capture_output=True, cwd=cwd)
        return Run(p.returncode, p.stdout, p.stderr.decode())

    return run


@pytest.fixture(scope="session")
def dot():
    """Graphviz dot must be present (for SVG)."""
    if shutil.which("dot") is None:
        missing("Graphviz `dot` is not installed (apt-get install graphviz)")


@pytest.fixture(scope="session")
def summary_path() -> Path:
    return REPO / "graph" / "corpus" / "zinc-vitamin-d.txt"


@pytest.fixture(scope="session")
def bundled():
    import claimgraph as cg

    return cg.build()


def jsonl(data: bytes) -> List[dict]:
    import json

    return [json.loads(l) for l in data.decode().split("\n") if l]
