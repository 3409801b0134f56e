#!/usr/bin/env python3
"""Where the time goes: callgrind profiles of claimgraph on the benchmark's inputs.

    python3 bench/profile.py [--data /tmp/claimgraph-bench] [--only build,reload,...]

Builds the release binary with debug symbols into its own target directory
(``CARGO_PROFILE_RELEASE_DEBUG=true cargo build --release --target-dir
/tmp/bench-target-dbg``), runs each workload under ``valgrind --tool=callgrind`` (which
counts instructions, so the figures do not depend on what else the machine is doing),
and writes the top functions by inclusive cost into ``bench/RESULTS.md`` between the
``profile.py`` markers. Needs the corpora and saved graphs of a ``bench/run.py`` run
under ``--data``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BEGIN = "<!-- BEGIN profile.py: generated, do not edit by hand -->"
END = "<!-- END profile.py -->"


def workloads(data: Path) -> dict[str, tuple[str, list[str]]]:
    w10, w100 = data / "work-10k", data / "work-100k"
    pairs = data / "profile-pairs.tsv"
    src = (w10 / "nx" / "pairs.tsv").read_text().splitlines()
    pairs.write_text("\n".join(src[:20]) + "\n")
    summaries = sorted(data.glob("summaries-*"), key=lambda p: int(p.name.split("-")[1]))[0]
    out = data / "profile-out"
    out.mkdir(exist_ok=True)
    return {
        "build": ("`build -o g.cg claims-100k.jsonl` (100k claims)", ["build", "-o", str(out / "g.cg"), str(data / "claims-100k.jsonl")]),
        "reload": ("`stats --graph g.cg` (saved 100k-claim graph)", ["stats", "--graph", str(w100 / "g.cg")]),
        "paths": (
            "`paths --batch` 20 pairs, `--format json`, saved 10k-claim graph",
            ["paths", "--batch", str(pairs), "--graph", str(w10 / "g.cg"), "--format", "json"],
        ),
        "k5": (
            "`paths --batch` 20 pairs `--k 5`, saved 10k-claim graph",
            ["paths", "--batch", str(pairs), "--graph", str(w10 / "g.cg"), "--format", "json", "--k", "5"],
        ),
        "jsonld": ("`export --format jsonld` (saved 10k-claim graph)", ["export", "--graph", str(w10 / "g.cg"), "--format", "jsonld", "--out", str(out / "g.jsonld")]),
        "nt": ("`export --format nt` (saved 10k-claim graph)", ["export", "--graph", str(w10 / "g.cg"), "--format", "nt", "--out", str(out / "g.nt")]),
        "extract": (f"`extract` {summaries.name} (`RAYON_NUM_THREADS=1`)", ["extract", str(summaries), "--output", str(out / "claims.jsonl")]),
    }


def annotate(path: Path, top: int) -> tuple[int, list[tuple[int, str]]]:
    """Total instructions and the top functions by inclusive cost."""
    text = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(path)], capture_output=True, text=True, check=True
    ).stdout
    total = 0
    m = re.search(r"^\s*([\d,]+)\s+\(100\.0%\)\s+PROGRAM TOTALS", text, re.M)
    if m:
        total = int(m.group(1).replace(",", ""))
    rows = []
    for line in text.splitlines():
        m = re.match(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(\S.*)$", line)
        if not m or "PROGRAM TOTALS" in line:
            continue
        rows.append((int(m.group(1).replace(",", "")), m.group(2)))
    return total, rows


def short(fn: str) -> str:
    """A function name without file path, hash suffixes, or generic noise."""
    fn = re.sub(r"^.*?:(?=[A-Za-z_<])", "", fn, count=1) if ":" in fn.split(" ")[0] and not fn.startswith("<") else fn
    fn = re.sub(r"::h[0-9a-f]{16}", "", fn)
    fn = re.sub(r"\s*\[[^\]]*\]$", "", fn)
    return fn if len(fn) < 160 else fn[:157] + "..."


SKIP = re.compile(
    r"(^|::)(main|_start|__libc_start|lang_start|call_once|__rust_begin_short_backtrace|"
    r"std::rt::|core::ops::function|std::panicking|std::panic|std::sys::backtrace|0x0)"
    r"|\?\?\?|below main|claimgraph::cli::Cli::run$|^claimgraph::main$|rayon|start_thread|thread_start"
)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("/tmp/claimgraph-bench"))
    ap.add_argument("--target-dir", type=Path, default=Path("/tmp/bench-target-dbg"))
    ap.add_argument("--binary", type=Path, help="a claimgraph built with debug symbols; skips the build")
    ap.add_argument("--only", default="", help="comma-separated workloads (default: all)")
    ap.add_argument("--top", type=int, default=16)
    ap.add_argument("--reuse", action="store_true", help="summarise existing callgrind files, do not rerun")
    ap.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    a = ap.parse_args(argv)
    if a.binary:
        cg = a.binary
    else:
        env = dict(os.environ, CARGO_PROFILE_RELEASE_DEBUG="true")
        subprocess.run(["cargo", "build", "--release", "--target-dir", str(a.target_dir)], cwd=REPO, env=env, check=True)
        cg = a.target_dir / "release" / "claimgraph"
    wl = workloads(a.data)
    names = [n for n in (a.only.split(",") if a.only else wl) if n]
    out = a.data / "callgrind"
    out.mkdir(exist_ok=True)
    sections = []
    for name in names:
        what, args = wl[name]
        f = out / f"callgrind.{name}.out"
        print(f"[{time.strftime('%H:%M:%S')}] callgrind: {name}", file=sys.stderr, flush=True)
        if not (a.reuse and f.exists()):
            subprocess.run(
                ["valgrind", "--tool=callgrind", f"--callgrind-out-file={f}", str(cg), *args],
                env=dict(os.environ, RAYON_NUM_THREADS="1"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
        total, rows = annotate(f, a.top)
        lines = [f"### {name}: {what}\n", f"{total / 1e9:.2f} G instructions in all.\n", "| inclusive | share | function |", "|---:|---:|---|"]
        seen = set()
        kept = 0
        for ir, fn in rows:
            s = short(fn)
            if SKIP.search(s) or s in seen:
                continue
            seen.add(s)
            lines.append(f"| {ir / 1e6:,.0f} M | {100 * ir / total:.1f} % | `{s}` |")
            kept += 1
            if kept >= a.top:
                break
        sections.append("\n".join(lines) + "\n")
        print("\n".join(lines), flush=True)
    text = (
        "Instruction counts from `valgrind --tool=callgrind` on the release binary built with debug "
        "symbols (`python3 bench/profile.py`); inclusive cost = the function and everything it calls. "
        "Single-threaded (`RAYON_NUM_THREADS=1`).\n\n" + "\n".join(sections)
    )
    block = f"{BEGIN}\n{text}\n{END}"
    if a.results.exists():
        old = a.results.read_text()
        if BEGIN in old and END in old:
            pre, rest = old.split(BEGIN, 1)
            _, post = rest.split(END, 1)
            a.results.write_text(pre + block + post)
        else:
            a.results.write_text(old.rstrip("\n") + "\n\n## Where the time goes\n\n" + block + "\n")
    else:
        a.results.write_text("## Where the time goes\n\n" + block + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
