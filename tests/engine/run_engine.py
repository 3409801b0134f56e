#!/usr/bin/env python3
"""Run claimgraph as a map step and a reduce on Dask distributed (local cluster).

    run_engine.py CLAIMGRAPH_BIN CORPUS [CORPUS ...] OUT_DIR [--shards N] [--workers N]

Each CORPUS is a document file or a directory (its `*.txt` files, recursively). Every
document becomes a record `{"id": <file stem>, "text": <file contents>}`, the id that
`claimgraph build FILE` gives the same file, so the engine's graph can be compared byte for
byte with a single-process `claimgraph build FILES -o single.cg`.

Map (on the workers, one task per shard, like Spark's `rdd.pipe`): pipe the shard's records
as JSON lines into `claimgraph extract`, stream its claims to `part-NNNNN.jsonl`, then
`claimgraph build part-NNNNN.jsonl -o shard-NNNNN.cg`.
Reduce (on the driver): `claimgraph build shard-*.cg -o OUT_DIR/engine.cg`, with the shard
graphs in the order the workers finished them.

The grouping and order differ on purpose from the single-process run: the documents are
shuffled (fixed seed) and dealt round-robin into the shards, so no shard holds a sorted
run of files, and the reduce sees the shards in completion order. Assembly is associative
and commutative, so the saved bytes must still be the same.

The cluster is a `LocalCluster` of worker processes (one thread each, no dashboard) bound
to 127.0.0.1; nothing leaves the machine. A summary is written to OUT_DIR/engine-run.json
and printed.
"""

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def collect_documents(corpora):
    """(id, text, path) for every document, ids unique (identical duplicates dropped)."""
    paths = []
    for c in corpora:
        p = Path(c)
        if p.is_dir():
            paths.extend(sorted(q for q in p.rglob("*.txt") if q.is_file()))
        elif p.is_file():
            paths.append(p)
        else:
            sys.exit(f"run_engine: {c}: no such file or directory")
    docs, seen = [], {}
    for p in paths:
        # Bytes decoded strictly, no newline translation: the text claimgraph reads.
        text = p.read_bytes().decode("utf-8")
        doc_id = p.stem
        if doc_id in seen:
            if seen[doc_id][0] != text:
                sys.exit(
                    f"run_engine: {p} and {seen[doc_id][1]} share the document id "
                    f"{doc_id!r} with different texts"
                )
            continue  # the same document twice adds nothing to the graph
        seen[doc_id] = (text, p)
        docs.append((doc_id, text))
    return docs


def map_shard(index, records, claimgraph, shard_dir):
    """One map task: records -> `claimgraph extract` (piped) -> claims -> shard graph."""
    t0 = time.perf_counter()
    part = Path(shard_dir) / f"part-{index:05d}.jsonl"
    graph = Path(shard_dir) / f"shard-{index:05d}.cg"
    with open(part, "wb") as out:
        proc = subprocess.Popen(
            [claimgraph, "extract"],
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.PIPE,
        )

        # Feed stdin from a thread while claimgraph streams to the part file, as rdd.pipe.
        def feed():
            try:
                for doc_id, text in records:
                    line = json.dumps({"id": doc_id, "text": text}) + "\n"
                    proc.stdin.write(line.encode("utf-8"))
            finally:
                proc.stdin.close()

        writer = threading.Thread(target=feed)
        writer.start()
        stderr = proc.stderr.read()
        writer.join()
        if proc.wait() != 0:
            raise RuntimeError(
                f"shard {index}: claimgraph extract exited {proc.returncode}: "
                f"{stderr.decode('utf-8', 'replace')}"
            )
    build = subprocess.run(
        [claimgraph, "build", str(part), "-o", str(graph)],
        capture_output=True,
    )
    if build.returncode != 0:
        raise RuntimeError(
            f"shard {index}: claimgraph build exited {build.returncode}: "
            f"{build.stderr.decode('utf-8', 'replace')}"
        )
    with open(part, "rb") as f:
        claims = sum(1 for _ in f)
    return {
        "shard": index,
        "graph": str(graph),
        "documents": len(records),
        "claims": claims,
        "worker": f"{socket.gethostname()}:{os.getpid()}",
        "seconds": round(time.perf_counter() - t0, 3),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("claimgraph", help="the claimgraph binary")
    ap.add_argument("paths", nargs="+", metavar="CORPUS... OUT_DIR")
    ap.add_argument("--shards", type=int, default=8, help="number of shards (default 8)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--seed", type=int, default=9, help="shuffle seed (default 9)")
    args = ap.parse_args()
    if len(args.paths) < 2:
        ap.error("give at least one CORPUS and the OUT_DIR")
    *corpora, out_dir = args.paths
    claimgraph = str(Path(args.claimgraph).resolve())
    out = Path(out_dir).resolve()
    shard_dir = out / "shards"
    if shard_dir.exists():
        shutil.rmtree(shard_dir)
    shard_dir.mkdir(parents=True)

    t_start = time.perf_counter()
    docs = collect_documents(corpora)
    if not docs:
        sys.exit("run_engine: no documents")
    order = list(range(len(docs)))
    random.Random(args.seed).shuffle(order)
    n = max(1, min(args.shards, len(docs)))
    shards = [[docs[i] for i in order[k::n]] for k in range(n)]

    import logging

    import dask
    from distributed import Client, LocalCluster, as_completed

    logging.getLogger("distributed").setLevel(logging.WARNING)
    scratch = tempfile.mkdtemp(prefix="dask-", dir=out)
    t_cluster = time.perf_counter()
    with LocalCluster(
        n_workers=args.workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
        local_directory=scratch,
        silence_logs=logging.WARNING,
    ) as cluster, Client(cluster) as client:
        started = time.perf_counter()
        futures = client.map(
            map_shard,
            range(n),
            shards,
            claimgraph=claimgraph,
            shard_dir=str(shard_dir),
            pure=False,
        )
        results = [f.result() for f in as_completed(futures)]
        mapped = time.perf_counter()
    shutil.rmtree(scratch, ignore_errors=True)

    # Reduce on the driver: the shard graphs in completion order.
    graphs = [r["graph"] for r in results]
    engine_cg = out / "engine.cg"
    reduce = subprocess.run(
        [claimgraph, "build", *graphs, "-o", str(engine_cg), "--format", "json"],
        capture_output=True,
    )
    if reduce.returncode != 0:
        sys.exit(
            f"run_engine: reduce failed ({reduce.returncode}): "
            f"{reduce.stderr.decode('utf-8', 'replace')}"
        )
    done = time.perf_counter()
    built = json.loads(reduce.stdout)
    summary = {
        "engine": "dask.distributed LocalCluster",
        "dask": dask.__version__,
        "documents": len(docs),
        "shards": n,
        "workers_used": sorted({r["worker"] for r in results}),
        "reduce_order": [r["shard"] for r in results],
        "map": sorted(results, key=lambda r: r["shard"]),
        "nodes": built.get("nodes"),
        "claims": built.get("claims"),
        "graph": str(engine_cg),
        "seconds": {
            "cluster_start": round(started - t_cluster, 3),
            "map": round(mapped - started, 3),
            "reduce": round(done - mapped, 3),
            "total": round(done - t_start, 3),
        },
    }
    (out / "engine-run.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
