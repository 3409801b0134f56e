//! Extraction as a map step and assembly as a reduce, run on a real distributed engine.
//!
//! `tests/engine/run_engine.py` shards the dev corpus (shuffled, dealt round-robin),
//! pipes each shard as `{"id", "text"}` lines into `claimgraph extract` on the workers of
//! a Dask `LocalCluster` (two worker processes), builds a graph per shard there, and
//! reduces the shard graphs with `claimgraph build`. The saved graph must be the very
//! bytes that one `claimgraph build` of the same files gives: ids are content-derived and
//! assembly is order- and grouping-independent, so no coordination between shards is needed.

use super::*;
use std::path::PathBuf;

/// The Python of the engine venv: $CLAIMGRAPH_ENGINE_PYTHON, else .venv-engine/bin/python,
/// if it imports Dask distributed.
fn engine_python() -> Option<PathBuf> {
    let candidate = std::env::var_os("CLAIMGRAPH_ENGINE_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".venv-engine/bin/python"));
    let ok = Command::new(&candidate)
        .args(["-c", "import dask, distributed"])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(candidate)
}

/// The `*.txt` files directly in `dir`, sorted.
fn texts(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

#[test]
fn dask_map_reduce_equals_single_process_build() {
    let corpus = root().join("../shared/corpus");
    if !require(
        corpus.join("genia-dev").is_dir(),
        "../shared/corpus (dev corpus)",
    ) {
        return;
    }
    let Some(py) = engine_python() else {
        require(false, "the engine venv .venv-engine with Dask distributed");
        return;
    };

    // The documents: the GENIA dev abstracts, the research summaries and the bundled one
    // (the same file as the shared zinc-vitamin-d.txt; the engine drops the duplicate, and
    // a document read twice adds nothing to a graph).
    let mut docs = texts(&corpus.join("genia-dev"));
    docs.extend(texts(&corpus));
    docs.push(seed());
    assert!(docs.len() > 60, "corpus too small: {} files", docs.len());

    let dir = tempfile::tempdir().unwrap();
    let single = dir.path().join("single.cg");
    let summary = run_ok(
        bin()
            .arg("build")
            .args(&docs)
            .arg("-o")
            .arg(&single)
            .args(["--format", "json"]),
    );
    let summary: serde_json::Value = serde_json::from_str(&summary).unwrap();
    let nodes = summary["nodes"].as_u64().unwrap();
    assert!(
        nodes > 50,
        "graph too small to prove anything: {nodes} nodes"
    );

    let out = dir.path().join("engine");
    let log = run_ok(
        Command::new(&py)
            .arg(root().join("tests/engine/run_engine.py"))
            .arg(env!("CARGO_BIN_EXE_claimgraph"))
            .args(&docs)
            .arg(&out),
    );
    eprintln!("{log}");
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("engine-run.json")).unwrap()).unwrap();
    let workers = run["workers_used"].as_array().unwrap().len();
    assert!(
        workers >= 2,
        "the map ran on {workers} worker process(es), not 2"
    );
    assert!(run["shards"].as_u64().unwrap() >= 4, "{run}");
    let unique_ids: std::collections::BTreeSet<_> = docs
        .iter()
        .map(|p| p.file_stem().unwrap().to_owned())
        .collect();
    assert_eq!(run["documents"].as_u64().unwrap(), unique_ids.len() as u64);

    let engine = std::fs::read(out.join("engine.cg")).unwrap();
    let single = std::fs::read(&single).unwrap();
    assert!(
        engine == single,
        "engine.cg ({} bytes) differs from single.cg ({} bytes)",
        engine.len(),
        single.len()
    );
}
