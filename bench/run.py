#!/usr/bin/env python3
"""claimgraph benchmark: claimgraph and the Python tools users would pick instead
(networkx, rdflib, pyahocorasick), measured in one run on the same synthetic inputs.

    python3 bench/run.py            # 10k, 100k and 1M claims (about 20-30 min on 2 cores)
    python3 bench/run.py --quick    # 10k claims only (under a minute once data exists)

It builds the release binary (``cargo build --release``; ``--target-dir`` or
``CARGO_TARGET_DIR`` moves it), creates ``bench/.venv`` from ``bench/requirements.txt``
if missing, generates the corpora with ``bench/synth.py`` under ``--data`` (default
``/tmp/claimgraph-bench``, reused while the generator and seed are the same), prints a
Markdown table and writes it to ``bench/RESULTS.md`` (keeping the hand-written parts of
that file outside the generated block) and the raw figures to ``bench/results.json``.

Every command runs as its own process; wall time comes from a monotonic clock around it,
CPU time and peak resident memory from ``wait4`` (the process's own rusage). Python-side
figures that must leave out interpreter start-up (building, per-query, serialising) are
timed inside the process, both wall and CPU. No timing is in any test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
import synth  # noqa: E402

VENV = BENCH / ".venv"
PY = VENV / "bin" / "python"
BEGIN = "<!-- BEGIN run.py: generated, do not edit by hand -->"
END = "<!-- END run.py -->"
EXPORTS = ["nt", "jsonld", "graphml"]
GIB = 1024 * 1024  # KiB in a GiB


# --------------------------------------------------------------------------- processes


class Meas:
    """One process run: wall and CPU seconds, peak RSS in KiB, exit code, output."""

    def __init__(self, wall: float, cpu: float, rss: int, rc: int, out: str, err: str):
        self.wall, self.cpu, self.rss, self.rc, self.out, self.err = wall, cpu, rss, rc, out, err

    def json(self) -> dict:
        return {"wall": self.wall, "cpu": self.cpu, "rss_kib": self.rss, "rc": self.rc}

    def last_json(self) -> dict:
        lines = [l for l in self.out.splitlines() if l.startswith("{")]
        return json.loads(lines[-1]) if lines else {}


def run(cmd: list, env: dict | None = None, stdout_path: str | None = None, check: bool = True, timeout: float = 3600) -> Meas:
    """Runs ``cmd`` and measures it (its own rusage, by wait4)."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    with tempfile.TemporaryFile("w+") as err, (open(stdout_path, "w") if stdout_path else tempfile.TemporaryFile("w+")) as out:
        t0 = time.perf_counter()
        p = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=err, env=full_env, cwd=REPO)
        deadline = t0 + timeout
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                p.kill()
                pid, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.002)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        e = err.read()
        o = ""
        if not stdout_path:
            out.seek(0)
            o = out.read()
    m = Meas(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, p.returncode, o, e)
    if check and m.rc != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {m.rc}:\n{e[-3000:]}")
    return m


def best(cmd: list, repeat: int, **kw) -> Meas:
    """The fastest of ``repeat`` runs (peak memory: the largest seen)."""
    runs = [run(cmd, **kw) for _ in range(max(1, repeat))]
    m = min(runs, key=lambda r: r.wall)
    m.rss = max(r.rss for r in runs)
    return m


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


# --------------------------------------------------------------------------- set-up


def ensure_venv() -> None:
    req = BENCH / "requirements.txt"
    stamp = VENV / ".requirements"
    if PY.exists() and stamp.exists() and stamp.read_text() == req.read_text():
        return
    log("creating bench/.venv from bench/requirements.txt")
    if not PY.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(PY), "-m", "pip", "install", "-q", "-r", str(req)], check=True)
    stamp.write_text(req.read_text())


def build_binary(target_dir: Path) -> Path:
    log(f"cargo build --release --target-dir {target_dir}")
    subprocess.run(["cargo", "build", "--release", "--target-dir", str(target_dir)], cwd=REPO, check=True)
    return target_dir / "release" / "claimgraph"


def machine_info(cg: Path) -> dict:
    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO).stdout.strip()
        except OSError:
            return "?"

    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / GIB:.1f} GiB"
    versions = json.loads(
        out(
            [
                str(PY),
                "-c",
                "import json,importlib.metadata as m;print(json.dumps({p:m.version(p) for p in ['networkx','rdflib','pyahocorasick']}))",
            ]
        )
        or "{}"
    )
    dirty = out(["git", "status", "--porcelain", "--untracked-files=no", "--", "src", "Cargo.toml"])
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "os": platform.platform(),
        "claimgraph": out([str(cg), "--version"]),
        "commit": out(["git", "rev-parse", "--short", "HEAD"]) + (" + uncommitted changes in src/" if dirty else ""),
        "rustc": out(["rustc", "--version"]),
        "python": platform.python_version() + " (" + out([str(PY), "-c", "import platform;print(platform.python_version())"]) + " in bench/.venv)",
        **versions,
    }


# --------------------------------------------------------------------------- workloads


def available_exports(cg: Path, empty: Path, work: Path) -> dict[str, bool]:
    have = {}
    for f in EXPORTS:
        m = run([cg, "export", "--graph", empty, "--format", f, "--out", work / f"probe.{f}"], check=False)
        have[f] = m.rc == 0
    return have


def paths_lengths(text: str) -> list[list[int]]:
    out = []
    for line in text.splitlines():
        if not line.startswith("{"):
            continue
        a = json.loads(line)
        out.append([len(p["hops"]) for p in a.get("paths", [])] if "error" not in a else [])
    return out


def nx_build_and_save(nb: dict) -> dict:
    """networkx's build followed by pickle.dump, CPU (wall)."""
    return {
        "cpu": nb["build_cpu_s"] + nb.get("pickle_cpu_s", nb["pickle_s"]),
        "wall": nb["build_s"] + nb["pickle_s"],
    }


def bench_size(cg: Path, size: int, claims: Path, data: Path, empty_cg: Path, exports: dict, a) -> dict:
    name = synth.size_name(size)
    work = data / f"work-{name}"
    work.mkdir(parents=True, exist_ok=True)
    rep = a.repeat if size <= 10_000 else 1
    r: dict = {"size": size, "name": name, "load_before": loadavg()}
    g = work / "g.cg"

    log(f"{name}: claimgraph build")
    m = best([cg, "build", "-o", g, claims], rep)
    r["cg_build"] = m.json()
    r["cg_graph_bytes"] = g.stat().st_size
    first = m.out.splitlines()[1] if len(m.out.splitlines()) > 1 else ""
    r["cg_summary"] = first

    # Like for like with networkx, which builds in memory and saves nothing: `stats` on
    # the claims file parses and merges them (and prints a summary) without a save.
    # The target figure: the best of three at every size, like the reload below (a 1M
    # run takes 4 s and its system time swings by up to 2 s on this VM; networkx's
    # 41 s build varied by under 1% between runs, so it is run once).
    log(f"{name}: claimgraph build in memory (stats)")
    m = best([cg, "stats", claims], max(rep, 3))
    r["cg_build_mem"] = m.json()

    # A reload takes seconds, and a single run at 1M swings by a second with the
    # kernel's page work (system time 0.2-1.4 s on this VM): the best of three at
    # every size.
    log(f"{name}: claimgraph reload (stats)")
    m = best([cg, "stats", "--graph", g], max(rep, 3))
    e = best([cg, "stats", "--graph", empty_cg], 3)
    r["cg_stats"] = m.json()
    r["cg_stats_empty"] = e.json()
    r["cg_reload"] = {"wall": m.wall - e.wall, "cpu": m.cpu - e.cpu, "rss_kib": m.rss}

    log(f"{name}: networkx build")
    nxw = work / "nx"
    cmd = [PY, BENCH / "pyside.py", "nx-build", claims, "--workdir", nxw, "--pairs", a.pairs, "--seed", a.seed]
    do_graphml = size <= a.nx_graphml_max
    if do_graphml:
        cmd.append("--graphml")
    m = run(cmd)
    r["nx_build"] = {**m.last_json(), "process": m.json()}
    pairs = nxw / "pairs.tsv"
    plist = pairs.read_text().splitlines()
    no_pairs = work / "pairs-0.tsv"
    no_pairs.write_text("# no pairs: the load alone\n")
    kp = work / f"pairs-k.tsv"
    kp.write_text("\n".join(plist[: a.k_pairs]) + "\n")

    log(f"{name}: networkx reload (pickle)")
    m = run([PY, BENCH / "pyside.py", "nx-reload", nxw / "nx-multi.pickle"])
    r["nx_reload"] = {**m.last_json(), "process": m.json()}

    log(f"{name}: shortest paths")
    m0 = best([cg, "paths", "--batch", no_pairs, "--graph", g, "--format", "json"], rep)
    m100 = best([cg, "paths", "--batch", pairs, "--graph", g, "--format", "json"], rep)
    n = len(plist)
    r["cg_paths_load"] = m0.json()
    # Per query, in process: CLAIMGRAPH_TIMINGS prints the searching thread's CPU time
    # (a whole-process difference drowns microseconds in the noise of a 2-second load).
    # The in-process timing is also the best of three runs (by mean).
    def in_process(extra):
        timed = []
        for _ in range(3):
            mt = run([cg, "paths", "--batch", pairs, "--graph", g, "--format", "json", *extra], env={"CLAIMGRAPH_TIMINGS": "1"})
            t = re.search(r"search ([\d.]+) ms \(mean ([\d.]+) µs, median ([\d.]+) µs\)", mt.err)
            if t:
                timed.append(t)
        return min(timed, key=lambda t: float(t.group(2))) if timed else None

    tm = in_process([])
    # Like for like with `nx.shortest_path`, which returns one path: `--limit 1` (the
    # first shortest path by node ids); the default lists the first 10 in that order.
    t1 = in_process(["--limit", "1"])
    r["cg_paths_one"] = {
        "per_query_cpu": float(t1.group(2)) / 1e6 if t1 else None,
        "median_cpu": float(t1.group(3)) / 1e6 if t1 else None,
    }
    r["cg_paths"] = {
        "batch": m100.json(),
        "n": n,
        "per_query_wall": (m100.wall - m0.wall) / max(1, n),
        "per_query_cpu": float(tm.group(2)) / 1e6 if tm else (m100.cpu - m0.cpu) / max(1, n),
        "median_cpu": float(tm.group(3)) / 1e6 if tm else None,
        "lengths": paths_lengths(m100.out),
    }
    m = run([PY, BENCH / "pyside.py", "nx-paths", nxw / "nx-paths.pickle", pairs])
    j = m.last_json()
    r["nx_paths"] = {
        "process": m.json(),
        "load_s": j["load_s"],
        "per_query_wall": sum(j["query_s"]) / max(1, len(j["query_s"])),
        "per_query_cpu": sum(j["query_cpu_s"]) / max(1, len(j["query_cpu_s"])),
        "median_cpu": sorted(j["query_cpu_s"])[len(j["query_cpu_s"]) // 2] if j["query_cpu_s"] else None,
        "lengths": j["lengths"],
    }
    cl = [min(x) if x else None for x in r["cg_paths"]["lengths"]]
    nl = [min(x) if x else None for x in j["lengths"]]
    r["paths_agree"] = sum(1 for x, y in zip(cl, nl) if x == y)
    r["paths_differ_siblings"] = sum(1 for x, y, sib in zip(cl, nl, j["through_siblings"]) if x != y and sib)

    log(f"{name}: k=5 shortest simple paths ({a.k_pairs} pairs)")
    kn = len(plist[: a.k_pairs])
    mk = best([cg, "paths", "--batch", kp, "--graph", g, "--format", "json", "--k", "5"], rep)
    mkt = run([cg, "paths", "--batch", kp, "--graph", g, "--format", "json", "--k", "5"], env={"CLAIMGRAPH_TIMINGS": "1"})
    tk = re.search(r"search ([\d.]+) ms \(mean ([\d.]+) µs, median ([\d.]+) µs\)", mkt.err)
    r["cg_k5"] = {
        "batch": mk.json(),
        "n": kn,
        "per_query_wall": (mk.wall - m0.wall) / max(1, kn),
        "per_query_cpu": float(tk.group(2)) / 1e6 if tk else (mk.cpu - m0.cpu) / max(1, kn),
        "found": [len(x) for x in paths_lengths(mk.out)],
    }
    m = run([PY, BENCH / "pyside.py", "nx-paths", nxw / "nx-paths.pickle", kp, "--k", "5"])
    j = m.last_json()
    r["nx_k5"] = {
        "process": m.json(),
        "per_query_wall": sum(j["query_s"]) / max(1, len(j["query_s"])),
        "per_query_cpu": sum(j["query_cpu_s"]) / max(1, len(j["query_cpu_s"])),
        "found": [len(x) for x in j["lengths"]],
    }

    for f in EXPORTS:
        if not exports.get(f):
            continue
        log(f"{name}: claimgraph export {f}")
        out = work / f"cg.{f}"
        if out.exists():
            out.unlink()
        m = best([cg, "export", "--graph", g, "--format", f, "--out", out], rep, check=False, timeout=a.export_timeout)
        r[f"cg_export_{f}"] = {
            **m.json(),
            "timed_out": m.rc != 0 and m.wall >= a.export_timeout,
            "bytes": out.stat().st_size if out.exists() else None,
            "minus_load_wall": m.wall - r["cg_paths_load"]["wall"],
            "minus_load_cpu": m.cpu - r["cg_paths_load"]["cpu"],
        }
        if m.rc != 0 and not r[f"cg_export_{f}"]["timed_out"]:
            raise RuntimeError(f"export {f} failed: {m.err[-2000:]}")
    if do_graphml and "graphml_s" in r["nx_build"]:
        r["nx_graphml"] = {"wall": r["nx_build"]["graphml_s"], "cpu": r["nx_build"]["graphml_cpu_s"], "bytes": r["nx_build"]["graphml_bytes"]}

    if size <= a.rdflib_max and (exports.get("nt") or exports.get("jsonld")):
        src, fmt = (work / "cg.nt", "nt") if exports.get("nt") else (work / "cg.jsonld", "json-ld")
        log(f"{name}: rdflib (triples from claimgraph's {fmt})")
        m = run([PY, BENCH / "pyside.py", "rdf", src, "--workdir", work / "rdflib", "--source-format", fmt])
        r["rdflib"] = {**m.last_json(), "process": m.json(), "source": fmt}
    shutil.rmtree(work / "rdflib", ignore_errors=True)
    r["load_after"] = loadavg()
    return r


def bench_extract(cg: Path, summaries: dict, a) -> dict:
    d = summaries["path"]
    r = {"documents": summaries["documents"], "sentences": summaries["sentences"], "bytes": summaries["bytes"], "load_before": loadavg()}
    log("extraction: claimgraph, one core")
    m = best([cg, "extract", d], a.repeat, env={"RAYON_NUM_THREADS": "1"}, stdout_path=os.devnull)
    r["cg_1"] = m.json()
    log("extraction: claimgraph, all cores")
    m = best([cg, "extract", d], a.repeat, stdout_path=os.devnull)
    r["cg_all"] = m.json()
    n = os.cpu_count() or 1
    log("extraction: Python baseline, one process")
    m = best([PY, BENCH / "pyside.py", "extract", d, "--procs", "1"], a.repeat)
    r["py_1"] = {**m.last_json(), "process": m.json()}
    log(f"extraction: Python baseline, {n} processes")
    m = best([PY, BENCH / "pyside.py", "extract", d, "--procs", str(n)], a.repeat)
    r["py_all"] = {**m.last_json(), "process": m.json()}
    m = run([cg, "extract", d, "--format", "tsv"])
    r["cg_claims"] = max(0, len(m.out.splitlines()) - 1)
    return r


# --------------------------------------------------------------------------- report


def secs(x: float | None) -> str:
    if x is None or x < 0:
        return "–"
    if x < 0.001:
        return f"{x * 1e6:.0f} µs"
    if x < 1:
        return f"{x * 1e3:.1f} ms"
    return f"{x:.2f} s"


def mib(kib: float | None) -> str:
    if kib is None:
        return "–"
    if kib >= GIB:
        return f"{kib / GIB:.2f} GiB"
    return f"{kib / 1024:.0f} MiB"


def ratio(slow: float | None, fast: float | None) -> float | None:
    if not slow or not fast or fast <= 0:
        return None
    return slow / fast


def rfmt(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.3f}×" if x < 0.1 else f"{x:.1f}×" if x < 100 else f"{x:.0f}×"


def verdict(ok: bool | None) -> str:
    return {True: "**met**", False: "**missed**", None: "n/a"}[ok]


def tw(d: dict | None, cpu_key: str = "cpu", wall_key: str = "wall") -> str:
    """'CPU (wall)' of a measurement."""
    if not d:
        return "–"
    c, w = d.get(cpu_key), d.get(wall_key)
    if d.get("timed_out"):
        return f"> {secs(w)} wall (stopped; CPU {secs(c)})"
    return f"{secs(c)} ({secs(w)} wall)"


def both_ratio(py: dict | None, cg: dict | None, py_cpu="cpu", py_wall="wall", cg_cpu="cpu", cg_wall="wall") -> str:
    if not py or not cg:
        return "–"
    rc = ratio(py.get(py_cpu), cg.get(cg_cpu))
    rw = ratio(py.get(py_wall), cg.get(cg_wall))
    prefix = "< " if cg.get("timed_out") else ""
    return f"{prefix}{rfmt(rc)} ({prefix}{rfmt(rw)})"


def report(info: dict, sizes: list[dict], ex: dict, exports: dict, a) -> str:
    big = sizes[-1]
    n = info["nproc"] or 1
    L = []
    L.append(f"Measured {info['date']} by `python3 bench/run.py{' --quick' if a.quick else ''}` ({info.get('elapsed', '?')} in all).\n")
    L.append(
        "**Read CPU time first.** The machine is shared with other engineers' builds, tests and fuzzers "
        "(load average below, on 2 cores), so a process often waits for a core and its wall time "
        "measures the neighbours as much as the tool. CPU time (user + system, from the process's own "
        "rusage; `time.process_time()` inside Python for in-process figures) is what the same work "
        "costs on a core of its own. Every figure is given as CPU (wall); ratios are CPU (wall), and "
        "targets are judged on CPU, except the all-cores extraction rate, which only wall time can show.\n"
    )
    L.append("## Machine\n")
    L.append("| | |\n|---|---|")
    for k in ("nproc", "cpu", "memory", "os", "claimgraph", "commit", "rustc", "python", "networkx", "rdflib", "pyahocorasick"):
        L.append(f"| {k} | {info.get(k, '?')} |")
    L.append("| load average (1/5/15 min) | " + "; ".join(f"{s['name']}: {s['load_before']} → {s['load_after']}" for s in sizes) + " |")
    L.append("")

    # ---- targets
    t = []
    b = big
    nxb = {"cpu": b["nx_build"]["build_cpu_s"], "wall": b["nx_build"]["build_s"]}
    mem = b.get("cg_build_mem")
    if mem:
        br = ratio(nxb["cpu"], mem["cpu"])
        nxs = nx_build_and_save(b["nx_build"])
        t.append((
            "Build ≥ 10× networkx",
            f"{b['name']}, like for like in memory (parse, merge; no save): claimgraph {tw(mem)} vs networkx {tw(nxb)}: {both_ratio(nxb, mem)}; "
            f"with the save on both sides: claimgraph `build` {tw(b['cg_build'])} vs networkx + pickle.dump {tw(nxs)}: {both_ratio(nxs, b['cg_build'])}",
            br is not None and br >= 10,
        ))
    else:
        br = ratio(nxb["cpu"], b["cg_build"]["cpu"])
        t.append(("Build ≥ 10× networkx", f"{b['name']}: claimgraph {tw(b['cg_build'])} vs networkx {tw(nxb)}: {both_ratio(nxb, b['cg_build'])}", br is not None and br >= 10))
    pq_cg = {"cpu": b["cg_paths"]["per_query_cpu"], "wall": None}
    pq_nx = {"cpu": b["nx_paths"]["per_query_cpu"], "wall": b["nx_paths"]["per_query_wall"]}
    one = b.get("cg_paths_one", {})
    pq_one = {"cpu": one.get("per_query_cpu"), "wall": None}
    pr = ratio(pq_nx["cpu"], pq_one["cpu"])
    med_cg, med_nx = one.get("median_cpu"), b["nx_paths"].get("median_cpu")
    med = f"; median claimgraph {secs(med_cg)} vs networkx {secs(med_nx)} (issue 5: median < 0.1 ms)" if med_cg and med_nx else ""
    t.append((
        "Shortest path ≥ 5× networkx",
        f"{b['name']}, per query, graph loaded, mean CPU in process, one path each (`--limit 1`, as `nx.shortest_path` returns one): "
        f"claimgraph {tw(pq_one)} vs networkx {tw(pq_nx)}: {both_ratio(pq_nx, pq_one)}{med}; "
        f"the default answer (the first 10 shortest paths in order, and whether there are more): {tw(pq_cg)}, {both_ratio(pq_nx, pq_cg)}",
        pr is not None and pr >= 5,
    ))
    rd = [s for s in sizes if "rdflib" in s]
    for f, need, label in (("nt", 10, "N-Triples ≥ 10× rdflib"), ("jsonld", 20, "JSON-LD ≥ 20× rdflib")):
        rows = [s for s in rd if f"cg_export_{f}" in s]
        if not exports.get(f):
            t.append((label, "claimgraph export format not yet available", None))
        elif not rows:
            t.append((label, f"rdflib not run (it runs up to --rdflib-max, {a.rdflib_max:,} claims here)", None))
        else:
            s = rows[-1]
            py = {"cpu": s["rdflib"][f"{f}_cpu_s"], "wall": s["rdflib"][f"{f}_s"]}
            c = s[f"cg_export_{f}"]
            x = ratio(py["cpu"], c["cpu"])
            t.append((label, f"{s['name']}: claimgraph {tw(c)}, whole command with the load, vs rdflib serialize {tw(py)}: {both_ratio(py, c)}", x is not None and x >= need))
    rate1_cpu = ex["sentences"] / ex["cg_1"]["cpu"]
    rate1 = ex["sentences"] / ex["cg_1"]["wall"]
    rate_all = ex["sentences"] / ex["cg_all"]["wall"]
    t.append(("Extraction ≥ 20,000 sentences/s per core", f"{rate1_cpu:,.0f} sentences per CPU-second on one core ({rate1:,.0f}/s wall)", rate1_cpu >= 20000))
    load = ex.get("load_before") or sizes[-1]["load_after"]
    busy = float(load.split()[0]) >= n
    scaled = (rate_all / rate1 >= 1.5) if n > 1 else None
    t.append(
        (
            "Extraction scales with cores",
            f"{rate_all:,.0f} sentences/s wall on {n} cores = {rate_all / rate1:.2f}× one core; "
            f"CPU {secs(ex['cg_all']['cpu'])} vs {secs(ex['cg_1']['cpu'])} on one"
            + (f". Load average {load} on {n} cores: no core was free, so scaling could not be observed" if busy and not scaled else ""),
            None if (busy and not scaled) else scaled,
        )
    )
    one_m = [s for s in sizes if s["size"] >= 1_000_000]
    if one_m:
        s = one_m[-1]
        cmds = {k: v for k, v in s.items() if k.startswith("cg_") and isinstance(v, dict) and "rss_kib" in v}
        worst = max(cmds, key=lambda k: cmds[k]["rss_kib"])
        t.append(
            (
                "Peak memory for 1M claims ≤ 1 GiB",
                f"build {mib(s['cg_build']['rss_kib'])}, reload {mib(s['cg_stats']['rss_kib'])}, paths {mib(s['cg_paths']['batch']['rss_kib'])}; "
                f"largest: `{worst[3:]}` {mib(cmds[worst]['rss_kib'])}",
                s["cg_build"]["rss_kib"] <= GIB and cmds[worst]["rss_kib"] <= GIB,
            )
        )
        t.append(
            (
                "Reload of a saved 1M-claim graph ≤ 1 s",
                f"{tw(s['cg_reload'])}: `stats --graph g.cg` minus the empty graph; file {s['cg_graph_bytes'] / 1e6:.0f} MB",
                s["cg_reload"]["cpu"] <= 1.0,
            )
        )
    else:
        t.append(("Peak memory for 1M claims ≤ 1 GiB", f"not run (--quick); {b['name']} build: {mib(b['cg_build']['rss_kib'])}", None))
        t.append(("Reload of a saved 1M-claim graph ≤ 1 s", f"not run (--quick); {b['name']}: {tw(b['cg_reload'])}", None))
    L.append("## Targets (issue 6)\n")
    L.append("| target | measured, CPU (wall) | |\n|---|---|---|")
    for name, what, ok in t:
        L.append(f"| {name} | {what} | {verdict(ok)} |")
    L.append("")

    # ---- side by side
    for s in sizes if a.quick else sizes[-1:]:
        L.append(f"## Side by side, {s['name']} claims\n")
        L.append(f"Graph: {s['cg_summary']}; saved graph {s['cg_graph_bytes'] / 1e6:.1f} MB. CPU (wall); memory is the process's peak RSS.\n")
        L.append("| workload | claimgraph | Python | ratio CPU (wall) | target |\n|---|---|---|---|---|")
        cb, nb = s["cg_build"], s["nx_build"]
        nxb = {"cpu": nb["build_cpu_s"], "wall": nb["build_s"]}
        if s.get("cg_build_mem"):
            cm = s["cg_build_mem"]
            L.append(
                f"| build from JSONL in memory | {tw(cm)}, {mib(cm['rss_kib'])}; `stats`: parse, merge, summary, no save | "
                f"networkx MultiDiGraph {tw(nxb)}, {mib(nb['build_rss_kib'])}; parse, add_edge, no save | {both_ratio(nxb, cm)} | ≥ 10× |"
            )
            nxs = nx_build_and_save(nb)
            L.append(
                f"| build from JSONL and save | {tw(cb)}, {mib(cb['rss_kib'])}; `build`: parse, merge, save | "
                f"networkx {tw(nxs)}; parse, add_edge, pickle.dump | {both_ratio(nxs, cb)} | |"
            )
        else:
            L.append(
                f"| build from JSONL | {tw(cb)}, {mib(cb['rss_kib'])}; parse, merge, save | "
                f"networkx MultiDiGraph {tw(nxb)}, {mib(nb['build_rss_kib'])}; parse, add_edge, no save | {both_ratio(nxb, cb)} | ≥ 10× |"
            )
        cp, np_ = s["cg_paths"], s["nx_paths"]
        pq_cg = {"cpu": cp["per_query_cpu"], "wall": None}
        pq_nx = {"cpu": np_["per_query_cpu"], "wall": np_["per_query_wall"]}
        one = s.get("cg_paths_one", {})
        pq_one = {"cpu": one.get("per_query_cpu"), "wall": None}
        L.append(
            f"| shortest path, per query, graph loaded, one path (`--limit 1`) | {tw(pq_one)}: mean search CPU time over {cp['n']} queries, in process (`CLAIMGRAPH_TIMINGS`) | "
            f"`nx.shortest_path` (one path) {tw(pq_nx)} | {both_ratio(pq_nx, pq_one)} | ≥ 5× |"
        )
        L.append(
            f"| shortest paths, per query, graph loaded, default answer (first 10 in order) | {tw(pq_cg)}: mean search CPU time, in process | "
            f"`nx.shortest_path` (one path) {tw(pq_nx)} | {both_ratio(pq_nx, pq_cg)} | |"
        )
        L.append(
            f"| {cp['n']} shortest paths, load included | {tw(cp['batch'])}, {mib(cp['batch']['rss_kib'])}; load alone {tw(s['cg_paths_load'])} | "
            f"{tw(np_['process'])}, {mib(np_['process']['rss_kib'])}: python start, pickle load {secs(np_['load_s'])} wall, queries | "
            f"{both_ratio(np_['process'], cp['batch'])} | |"
        )
        ck, nk = s["cg_k5"], s["nx_k5"]
        k_cg = {"cpu": ck["per_query_cpu"], "wall": None}
        k_nx = {"cpu": nk["per_query_cpu"], "wall": nk["per_query_wall"]}
        L.append(f"| k = 5 shortest simple paths, per query ({ck['n']} pairs) | {tw(k_cg)}: mean search CPU time, in process | `nx.shortest_simple_paths`, first 5: {tw(k_nx)} | {both_ratio(k_nx, k_cg)} | ≥ 5× |")
        nr = {"cpu": s["nx_reload"].get("load_cpu_s"), "wall": s["nx_reload"]["load_s"]}
        L.append(
            f"| reload saved graph | {tw(s['cg_reload'])}, {mib(s['cg_stats']['rss_kib'])}: `stats` minus empty graph | "
            f"pickle.load of the MultiDiGraph {tw(nr)}, {mib(s['nx_reload']['rss_kib'])} | {both_ratio(nr, s['cg_reload'])} | ≤ 1 s at 1M |"
        )
        for f, tool, tgt in (("nt", "rdflib serialize nt", "≥ 10×"), ("jsonld", "rdflib serialize json-ld", "≥ 20×"), ("graphml", "networkx write_graphml", "")):
            c = s.get(f"cg_export_{f}")
            if c:
                size_mb = f", {c['bytes'] / 1e6:.0f} MB" if c.get("bytes") else ""
                cg_cell = f"{tw(c)}, {mib(c['rss_kib'])}{size_mb}; without the load ≈ {secs(max(0.0, c['minus_load_cpu']))} CPU"
            else:
                cg_cell = "not yet available"
            if f == "graphml":
                p = s.get("nx_graphml")
                py_cell = f"{tw(p)}, {p['bytes'] / 1e6:.0f} MB" if p else f"not run at this size (--nx-graphml-max {a.nx_graphml_max:,})"
                x = both_ratio(p, c) if (c and p) else "–"
            else:
                rr = s.get("rdflib")
                py = {"cpu": rr[f"{f}_cpu_s"], "wall": rr[f"{f}_s"]} if rr else None
                py_cell = (
                    f"{tw(py)}, {rr[f + '_bytes'] / 1e6:.0f} MB; {rr['triples']:,} triples parsed from claimgraph's {rr['source']} first ({secs(rr['parse_s'])} wall, not counted), {mib(rr['rss_kib'])}"
                    if rr
                    else f"not run at this size (--rdflib-max {a.rdflib_max:,})"
                )
                x = both_ratio(py, c) if (c and py) else "–"
            L.append(f"| export {f} | {cg_cell} | {tool}: {py_cell} | {x} | {tgt} |")
        L.append("")
        L.append(
            f"Shortest-path lengths agree on {s['paths_agree']} of {cp['n']} pairs; of the others, "
            f"{s['paths_differ_siblings']} {'is a networkx path' if s['paths_differ_siblings'] == 1 else 'are networkx paths'} from one member of a combination to another "
            f"(member-of, then has-member), which claimgraph forbids by design (networkx walks a DiGraph of "
            f"affirmed claims plus membership both ways). k = 5: claimgraph found {sum(ck['found'])} paths, "
            f"networkx {sum(nk['found'])}.\n"
        )

    # ---- growth
    if len(sizes) > 1:
        L.append("## Growth (CPU time unless marked)\n")
        L.append("Each step is 10× the claims; a step ratio well above 10× is super-linear.\n")
        head = "| measure | " + " | ".join(s["name"] for s in sizes) + " | " + " | ".join(f"{sizes[i]['name']}→{sizes[i + 1]['name']}" for i in range(len(sizes) - 1)) + " |"
        L.append(head)
        L.append("|---" * (len(sizes) * 2) + "|")

        def row(label, get, fmt, stopped=lambda s: False):
            vals = []
            for s in sizes:
                try:
                    vals.append(get(s))
                except (KeyError, TypeError):
                    vals.append(None)
            low = [bool(stopped(s)) for s in sizes]
            steps = [
                ("> " if low[i + 1] else "") + rfmt(ratio(vals[i + 1], vals[i])) if vals[i] and vals[i + 1] else "–"
                for i in range(len(vals) - 1)
            ]
            cells = [("> " if lo else "") + fmt(v) if v is not None else "–" for v, lo in zip(vals, low)]
            L.append(f"| {label} | " + " | ".join(cells) + " | " + " | ".join(steps) + " |")

        row("claimgraph build", lambda s: s["cg_build"]["cpu"], secs)
        row("claimgraph build, wall", lambda s: s["cg_build"]["wall"], secs)
        row("claimgraph build in memory (`stats`)", lambda s: s["cg_build_mem"]["cpu"], secs)
        row("claimgraph build, peak RSS", lambda s: s["cg_build"]["rss_kib"], mib)
        row("networkx build", lambda s: s["nx_build"]["build_cpu_s"], secs)
        row("networkx build, peak RSS", lambda s: s["nx_build"]["build_rss_kib"], mib)
        row("claimgraph reload", lambda s: s["cg_reload"]["cpu"], secs)
        row("claimgraph reload, peak RSS", lambda s: s["cg_stats"]["rss_kib"], mib)
        row("networkx pickle reload", lambda s: s["nx_reload"]["load_cpu_s"], secs)
        row("claimgraph shortest path, per query (`--limit 1`)", lambda s: s.get("cg_paths_one", {}).get("per_query_cpu"), secs)
        row("claimgraph shortest paths, per query (default, 10)", lambda s: s["cg_paths"]["per_query_cpu"], secs)
        row("networkx shortest path, per query", lambda s: s["nx_paths"]["per_query_cpu"], secs)
        row("claimgraph k=5, per query", lambda s: s["cg_k5"]["per_query_cpu"], secs)
        row("networkx k=5, per query", lambda s: s["nx_k5"]["per_query_cpu"], secs)
        for f in EXPORTS:
            if exports.get(f):
                stop = lambda s, f=f: s.get(f"cg_export_{f}", {}).get("timed_out")  # noqa: E731
                row(f"claimgraph export {f}", lambda s, f=f: s[f"cg_export_{f}"]["cpu"], secs, stop)
                row(f"claimgraph export {f}, peak RSS", lambda s, f=f: s[f"cg_export_{f}"]["rss_kib"], mib, stop)
        row("networkx write_graphml", lambda s: s["nx_graphml"]["cpu"], secs)
        row("rdflib serialize nt", lambda s: s["rdflib"]["nt_cpu_s"], secs)
        row("rdflib serialize json-ld", lambda s: s["rdflib"]["jsonld_cpu_s"], secs)
        L.append("")
        stopped = [f"{s['name']} {k[10:]}" for s in sizes for k, v in s.items() if k.startswith("cg_export_") and v.get("timed_out")]
        if stopped:
            L.append(f"Stopped at --export-timeout ({a.export_timeout:.0f} s wall), so their figures are lower bounds: {', '.join(stopped)}.\n")

    # ---- extraction
    L.append("## Extraction\n")
    L.append(
        f"{ex['documents']:,} synthetic research summaries, {ex['sentences']:,} body sentences, "
        f"{ex['bytes'] / 1e6:.1f} MB (`bench/synth.py`). Whole commands, start-up included.\n"
    )
    L.append("| extractor | cores | CPU (wall) | sentences per CPU-second | sentences/s wall | peak RSS | claims |\n|---|---|---|---|---|---|---|")
    for key, cores in (("cg_1", 1), ("cg_all", n)):
        c = ex[key]
        L.append(
            f"| claimgraph extract{' (`RAYON_NUM_THREADS=1`)' if cores == 1 else ''} | {cores} | {tw(c)} | "
            f"{ex['sentences'] / c['cpu']:,.0f} | {ex['sentences'] / c['wall']:,.0f} | {mib(c['rss_kib'])} | {ex['cg_claims']:,} |"
        )
    for key, cores in (("py_1", 1), ("py_all", n)):
        p = ex[key]
        L.append(
            f"| Python: pyahocorasick lexicon + trigger regex | {cores} | {tw(p['process'])} | "
            f"{ex['sentences'] / p['process']['cpu']:,.0f} | {ex['sentences'] / p['process']['wall']:,.0f} | {mib(p['process']['rss_kib'])} | {p['claims']:,} |"
        )
    L.append("| scispaCy (published figure, **not measured here**) | 1 | | | ~250 | | |")
    L.append("")
    L.append(
        f"claimgraph vs the Python baseline: {both_ratio(ex['py_1']['process'], ex['cg_1'])} on one core; "
        f"wall on {n}: {rfmt(ratio(ex['py_all']['process']['wall'], ex['cg_all']['wall']))}. The baseline matches the same lexicon names "
        "and trigger phrases and pairs the nearest entities around a trigger; it does none of claimgraph's "
        "coordination, anaphora, aspects, combinations or context, so it is a lower bound on the Python cost. "
        "With the other engineers' jobs on the machine, the all-cores rows show how much a second core "
        "was free to give, not the scaling of an idle machine.\n"
    )
    L.append("## How the figures are taken\n")
    L.append(
        "- Inputs: `bench/synth.py` (seed 42): claims over 200,000 entities with Zipf-like popularity "
        "(ids CHEBI/HGNC/PR/FPLX/GO/MONDO/HP/CL/UBERON, the curated lexicon first), relations from "
        "`graph/relations.toml` within each relation's domain and range, ~5 % negated, ~20 % hedged, "
        "1 % combinations, context, one evidence sentence per claim with the trigger as written; "
        "10k and 100k are prefixes of 1M.\n"
        "- claimgraph: the release binary; every figure is a whole command (process start, reading, "
        f"writing) measured by `wait4`. 10k: the best of {a.repeat} runs; larger sizes: one run, except claimgraph's in-memory build, its reload and the in-process per-query path timing, the best of three at every size (a single 1M run swings by one to two seconds of system time with the kernel's page work; networkx's 41 s build varied by under 1% between runs and is run once).\n"
        "- networkx build: `json.loads` per line and `add_node`/`add_edge` with the claim's fields as "
        "attributes (lists as JSON strings so that `write_graphml` accepts them), timed inside the "
        "process (no interpreter start, no save). Paths: a DiGraph of affirmed claims plus membership "
        "both ways (`shortest_simple_paths` does not take multigraphs), loaded from pickle.\n"
        "- Per-query claimgraph path time: (batch of N pairs − batch of no pairs) / N, both with "
        "`--graph g.cg --format json`; networkx: mean of in-process calls. The pairs are drawn with "
        "a path of 2 to 4 hops.\n"
        "- rdflib: claimgraph's own N-Triples are parsed into an rdflib Graph (not timed), then "
        "`serialize` to nt and json-ld is timed; claimgraph's figure is the whole `export` command, "
        "load of the saved graph included, so the ratio is conservative. rdflib runs up to "
        f"--rdflib-max ({a.rdflib_max:,} claims; 10k gives ~210,000 triples): at 1M claims its "
        "in-memory graph of ~20M triples would need tens of GB and most of an hour.\n"
        "- Reload: `claimgraph stats --graph g.cg` minus the same for a graph with no claims.\n"
    )
    return "\n".join(L)


def write_results(text: str, path: Path) -> None:
    block = f"{BEGIN}\n{text}\n{END}"
    if path.exists():
        old = path.read_text()
        if BEGIN in old and END in old:
            pre, rest = old.split(BEGIN, 1)
            _, post = rest.split(END, 1)
            path.write_text(pre + block + post)
            return
    path.write_text("# Benchmark results\n\nclaimgraph against networkx, rdflib and a pyahocorasick baseline (issue 6). "
                    "Regenerate with `python3 bench/run.py`; see bench/README.md.\n\n" + block + "\n")


# --------------------------------------------------------------------------- main


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="10k claims and 400 summaries only")
    ap.add_argument("--sizes", default=None, help="claim counts, comma-separated (default 10000,100000,1000000)")
    ap.add_argument("--data", type=Path, default=Path("/tmp/claimgraph-bench"), help="where corpora and outputs go")
    ap.add_argument("--target-dir", type=Path, default=Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target")))
    ap.add_argument("--binary", type=Path, help="use this claimgraph binary, do not build")
    ap.add_argument("--commit", help="what the binary was built from, for the report (default: this work tree's HEAD)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure up to 100k claims (the best is kept)")
    ap.add_argument("--pairs", type=int, default=100, help="shortest-path pairs")
    ap.add_argument("--k-pairs", type=int, default=20, help="pairs for k = 5")
    ap.add_argument("--summaries", type=int, default=None, help="research summaries for extraction (default 4000; --quick 400)")
    ap.add_argument("--rdflib-max", type=int, default=None, help="largest size rdflib is run at (default 10000; --quick: 0, i.e. not run)")
    ap.add_argument("--nx-graphml-max", type=int, default=100_000, help="largest size networkx write_graphml is run at")
    ap.add_argument("--export-timeout", type=float, default=300, help="seconds after which a claimgraph export is stopped (reported as a lower bound)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--report-only", action="store_true", help="rewrite the report from the --json file of an earlier run")
    ap.add_argument("--results", type=Path, default=None, help="Markdown file (default bench/RESULTS.md; --quick: DATA/RESULTS-quick.md)")
    ap.add_argument("--json", type=Path, default=None, help="raw figures (default bench/results.json; --quick: DATA/results-quick.json)")
    a = ap.parse_args(argv)
    sizes = [int(x) for x in (a.sizes or ("10000" if a.quick else "10000,100000,1000000")).split(",")]
    n_summaries = a.summaries or (400 if a.quick else 4000)
    if a.quick:
        a.repeat = min(a.repeat, 2)
    if a.rdflib_max is None:
        a.rdflib_max = 0 if a.quick else 10_000
    if a.results is None:
        a.results = a.data / "RESULTS-quick.md" if a.quick else BENCH / "RESULTS.md"
    if a.json is None:
        a.json = a.data / "results-quick.json" if a.quick else BENCH / "results.json"

    if a.report_only:
        raw = json.loads(a.json.read_text())
        for k, v in raw.get("args", {}).items():
            if k in ("repeat", "rdflib_max", "nx_graphml_max", "export_timeout", "quick"):
                setattr(a, k, v)
        text = report(raw["info"], raw["sizes"], raw["extraction"], raw["exports"], a)
        write_results(text, a.results)
        print(text)
        return 0
    t_start = time.perf_counter()
    ensure_venv()
    cg = a.binary.resolve() if a.binary else build_binary(a.target_dir.resolve())
    info = machine_info(cg)
    if a.commit:
        info["commit"] = a.commit
    manifest = synth.generate(a.data, sizes, 200_000, n_summaries, a.seed)
    data = a.data
    empty_jsonl = data / "empty.jsonl"
    empty_jsonl.write_text("")
    empty_cg = data / "empty.cg"
    run([cg, "build", "-o", empty_cg, empty_jsonl])
    exports = available_exports(cg, empty_cg, data)
    log("exports available: " + ", ".join(f"{f}={'yes' if ok else 'no'}" for f, ok in exports.items()))

    results = []
    for size in sorted(sizes):
        entry = manifest["claims"][synth.size_name(size)]
        results.append(bench_size(cg, size, Path(entry["path"]), data, empty_cg, exports, a))
    ex = bench_extract(cg, manifest["summaries"][str(n_summaries)], a)
    info["elapsed"] = f"{time.perf_counter() - t_start:.0f} s"

    text = report(info, results, ex, exports, a)
    print(text)
    if a.results:
        write_results(text, a.results)
        log(f"wrote {a.results}")
    if a.json:
        args = {k: getattr(a, k) for k in ("repeat", "rdflib_max", "nx_graphml_max", "export_timeout", "quick")}
        a.json.write_text(json.dumps({"info": info, "args": args, "exports": exports, "sizes": results, "extraction": ex}, indent=1, default=str))
    log(f"done in {info['elapsed']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
