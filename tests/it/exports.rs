//! Exports for graph databases and tools, each loaded by its real consumer.
//!
//! Every test exports a graph, hands the output to the program that would use it, and
//! compares what that program read back with the graph itself: every node with its
//! label, every claim with its relation, polarity, confidence, citations and evidence
//! sentences, every membership and hierarchy edge. The consumers print what they read in one
//! normalised JSON form (`tests/interop/consume.py`, `tests/interop/node/cyjs_load.cjs`);
//! [`expected`] builds the same form from the graph through the library.
//!
//! Two corpora go through every format: the bundled summary (with the known claim
//! "zinc + vitamin D3 suppresses IL-17", its sentence and sources 2, 6, 8), and
//! `tests/fixtures/hostile.jsonl`, whose names, ids and sentences carry quotes,
//! backslashes, line breaks, tabs, markup, `]]>`, `"}`, `;`, `//`, `%%{`, unicode and a
//! 25 kB line. The only changes allowed on the way are those a format or its consumer
//! makes by design, each written down in a [`Mapping`].
//!
//! Locally a missing consumer skips with a printed reason; in CI (CI=true) it fails.
//! `bash .ci/setup` installs them all.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use claimgraph::export::jsonld;
use claimgraph::export::kgx::tsv_text;
use claimgraph::export::neo4j::one_line;
use claimgraph::export::summary::ClaimSummary;
use claimgraph::extract::Extractor;
use claimgraph::kg::KnowledgeGraph;
use claimgraph::source;
use serde_json::{Value, json};

use super::{bin, has_program, kgx_id, python, require, root, run_ok, seed};

/// The corpora every format goes through.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Corpus {
    Bundled,
    Hostile,
}

const CORPORA: [Corpus; 2] = [Corpus::Bundled, Corpus::Hostile];

impl Corpus {
    fn path(self) -> PathBuf {
        match self {
            Corpus::Bundled => seed(),
            Corpus::Hostile => root().join("tests/fixtures/hostile.jsonl"),
        }
    }

    fn graph(self) -> KnowledgeGraph {
        let inputs = source::resolve(&[self.path()]).expect("corpus resolves");
        source::load_graph(&inputs, &Extractor::bundled()).expect("corpus loads")
    }
}

/// How a format (or its consumer) changes ids and text on the way, by design.
#[derive(Clone, Copy)]
struct Mapping {
    /// The id a consumer reports for a node id.
    id: fn(&str) -> String,
    /// A node label as the consumer gives it back.
    label: fn(&str) -> String,
    /// An evidence sentence as the consumer gives it back.
    sentence: fn(&str) -> String,
    /// Whether the consumer reads evidence (sentences, citations, confidence) per edge.
    evidence: bool,
}

fn same(s: &str) -> String {
    s.to_string()
}

const EXACT: Mapping = Mapping {
    id: same,
    label: same,
    sentence: same,
    evidence: true,
};

/// kgx's reader turns tab and LF into a space in every text it reads, JSON Lines too.
fn kgx_reader_text(s: &str) -> String {
    s.replace(['\t', '\n'], " ")
}

/// The normalised form of a graph: what a consumer should read back.
fn expected(kg: &KnowledgeGraph, m: Mapping) -> Value {
    let mut nodes: Vec<Value> = kg
        .nodes_sorted()
        .into_iter()
        .map(|ix| {
            let n = kg.node(ix);
            json!({"id": (m.id)(&n.id), "label": (m.label)(&n.label)})
        })
        .collect();
    nodes.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let mut edges: Vec<Value> = Vec::new();
    for (s, o, c) in kg.claims_sorted() {
        let sum = ClaimSummary::of(c);
        let mut sentences: Vec<String> = sum.sentences.iter().map(|t| (m.sentence)(t)).collect();
        sentences.sort();
        sentences.dedup();
        let (confidence, citations) = if m.evidence {
            (json!(sum.confidence), json!(sum.citations))
        } else {
            sentences.clear();
            (Value::Null, json!([]))
        };
        edges.push(json!({
            "source": (m.id)(&kg.node(s).id),
            "target": (m.id)(&kg.node(o).id),
            "relation": c.relation,
            "negated": c.negated,
            "confidence": confidence,
            "citations": citations,
            "sentences": sentences,
        }));
    }
    for (s, o) in kg.memberships_sorted() {
        edges.push(json!({
            "source": (m.id)(&kg.node(s).id),
            "target": (m.id)(&kg.node(o).id),
            "relation": "has-member",
            "negated": false,
            "confidence": null,
            "citations": [],
            "sentences": [],
        }));
    }
    for (s, o) in kg.hierarchy_sorted() {
        edges.push(json!({
            "source": (m.id)(&kg.node(s).id),
            "target": (m.id)(&kg.node(o).id),
            "relation": "is-a",
            "negated": false,
            "confidence": null,
            "citations": [],
            "sentences": [],
        }));
    }
    let key = |e: &Value| {
        (
            e["source"].as_str().unwrap_or_default().to_string(),
            e["relation"].as_str().unwrap_or_default().to_string(),
            e["target"].as_str().unwrap_or_default().to_string(),
            e["negated"].as_bool().unwrap_or_default(),
        )
    };
    edges.sort_by_key(key);
    json!({"nodes": nodes, "edges": edges})
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 600 {
        format!("{}…", s.chars().take(600).collect::<String>())
    } else {
        s
    }
}

/// Asserts that a consumer read back exactly the expected nodes and edges, naming the
/// first difference.
fn assert_same(what: &str, actual: &Value, expected: &Value) {
    for part in ["nodes", "edges"] {
        let (a, e) = (
            actual[part].as_array().cloned().unwrap_or_default(),
            expected[part].as_array().cloned().unwrap_or_default(),
        );
        for (i, (x, y)) in a.iter().zip(&e).enumerate() {
            assert_eq!(
                x,
                y,
                "{what}: {part}[{i}] differs\n  read back: {}\n  expected:  {}",
                short(x),
                short(y)
            );
        }
        assert_eq!(
            a.len(),
            e.len(),
            "{what}: {} {part} read back, {} expected",
            a.len(),
            e.len()
        );
    }
}

/// The known claim of the bundled graph, with its evidence.
fn assert_known_claim(what: &str, actual: &Value, m: Mapping) {
    let (s, o) = (
        (m.id)("combination:CHEBI%3A27363+CHEBI%3A28940"),
        (m.id)("HGNC:5981"),
    );
    let found = actual["edges"].as_array().into_iter().flatten().find(|e| {
        e["source"] == s.as_str()
            && e["target"] == o.as_str()
            && e["relation"] == "suppresses"
            && e["negated"] == false
    });
    let Some(e) = found else {
        panic!("{what}: no claim zinc + vitamin D3 suppresses IL-17");
    };
    if m.evidence {
        assert!(
            e["sentences"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|t| t.as_str().is_some_and(|t| t.contains("IL-17 secretion"))),
            "{what}: the IL-17 claim lost its sentence: {e}"
        );
        assert_eq!(e["citations"], json!([2, 6, 8]), "{what}: citations");
    }
}

/// Exports `corpus` in `format` to `out` (a file, or a directory for multi-file formats).
fn export(format: &str, corpus: Corpus, out: &Path) {
    let o = bin()
        .args(["export", "--format", format, "--out"])
        .arg(out)
        .arg(corpus.path())
        .output()
        .expect("claimgraph runs");
    assert!(
        o.status.success(),
        "export --format {format} of {corpus:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Runs a consumer and parses the JSON it prints.
fn consume(cmd: &mut Command, what: &str) -> Value {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    assert!(
        out.status.success(),
        "{what} rejected the export ({:?}):\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{what}: output is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn consume_py(py: &Path, args: &[&OsStr]) -> Command {
    let mut cmd = Command::new(py);
    cmd.arg(root().join("tests/interop/consume.py")).args(args);
    cmd
}

/// The interop venv's Python when it also has `modules`.
fn python_with(modules: &str) -> Option<PathBuf> {
    let py = python()?;
    let ok = Command::new(&py)
        .args(["-c", &format!("import {modules}")])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(py)
}

/// The Python 3.12 venv with FalkorDB: $CLAIMGRAPH_PYTHON312, else .venv312/bin/python.
fn python312() -> Option<PathBuf> {
    let py = std::env::var_os("CLAIMGRAPH_PYTHON312")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".venv312/bin/python"));
    let ok = Command::new(&py)
        .args(["-c", "import redislite.falkordb_client"])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(py)
}

/// The directory of the JavaScript consumers (mermaid-cli, cytoscape.js).
fn node_dir() -> PathBuf {
    root().join("tests/interop/node")
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    eprintln!("{what}: {:.1} s", t.elapsed().as_secs_f64());
    out
}

fn rdf_check(format: &str, py_format: &str, rapper_format: &str) {
    let Some(py) = python_with("pyoxigraph, rdflib, pyld") else {
        require(false, "Python with pyoxigraph, rdflib and pyld");
        return;
    };
    let have_rapper = require(has_program("rapper", "--version"), "rapper (raptor2-utils)");
    let m = Mapping {
        id: |id| jsonld::iri(id),
        ..EXACT
    };
    for corpus in CORPORA {
        let dir = tempfile::tempdir().unwrap();
        let (file, ld) = (
            dir.path().join(format!("g.{format}")),
            dir.path().join("g.jsonld"),
        );
        export(format, corpus, &file);
        export("jsonld", corpus, &ld);
        let what = format!("{format} ({corpus:?}) in pyoxigraph and rdflib");
        // The same RDF as the JSON-LD (pyld's RDF of it is isomorphic), then every
        // node, claim and evidence through pyoxigraph's SPARQL.
        let got = timed(&what, || {
            consume(
                consume_py(
                    &py,
                    &[
                        OsStr::new("rdf"),
                        file.as_os_str(),
                        OsStr::new("--format"),
                        OsStr::new(py_format),
                        OsStr::new("--jsonld"),
                        ld.as_os_str(),
                    ],
                )
                .current_dir(dir.path()),
                &what,
            )
        });
        assert_eq!(got["info"]["isomorphic_with_jsonld"], true);
        assert_same(&what, &got, &expected(&corpus.graph(), m));
        if corpus == Corpus::Bundled {
            assert_known_claim(&what, &got, m);
        }
        if have_rapper {
            let out = timed(&format!("{format} ({corpus:?}) in rapper"), || {
                Command::new("rapper")
                    .args(["-c", "-i", rapper_format])
                    .arg(&file)
                    .output()
                    .unwrap()
            });
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "rapper rejected {format}: {err}");
            let n = got["info"]["triples"].as_u64().unwrap();
            assert!(
                err.contains(&format!("returned {n} triples")),
                "rapper counted differently from pyoxigraph ({n}): {err}"
            );
        }
    }
}

#[test]
fn ntriples_load_in_rapper_pyoxigraph_and_rdflib_as_the_jsonld_rdf() {
    rdf_check("nt", "nt", "ntriples");
}

#[test]
fn turtle_loads_in_rapper_pyoxigraph_and_rdflib_as_the_jsonld_rdf() {
    rdf_check("ttl", "turtle", "turtle");
}

#[test]
fn graphml_loads_in_networkx_and_igraph() {
    let Some(py) = python_with("networkx, igraph") else {
        require(false, "Python with networkx and igraph");
        return;
    };
    for corpus in CORPORA {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.graphml");
        export("graphml", corpus, &file);
        let text = std::fs::read_to_string(&file).unwrap();
        // Every key is declared before the graph.
        let graph_at = text.find("<graph ").unwrap();
        assert!(text.rfind("<key ").unwrap() < graph_at);
        let what = format!("graphml ({corpus:?}) in networkx");
        let got = timed(&what, || {
            consume(
                &mut consume_py(&py, &[OsStr::new("graphml"), file.as_os_str()]),
                &what,
            )
        });
        let want = expected(&corpus.graph(), EXACT);
        assert_same(&what, &got, &want);
        let (n, e) = (
            want["nodes"].as_array().unwrap().len(),
            want["edges"].as_array().unwrap().len(),
        );
        assert_eq!(got["info"]["igraph_nodes"], n, "igraph nodes");
        assert_eq!(got["info"]["igraph_edges"], e, "igraph edges");
        if corpus == Corpus::Bundled {
            assert_known_claim(&what, &got, EXACT);
        }
    }
}

#[test]
fn neo4j_csv_follows_the_import_header_rules_and_loads_into_kuzu() {
    let Some(py) = python_with("kuzu") else {
        require(false, "Python with kuzu");
        return;
    };
    // Names lose their line breaks (CR, LF, U+2028...) to spaces; sentences are JSON.
    let m = Mapping {
        label: one_line,
        ..EXACT
    };
    for corpus in CORPORA {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("neo4j");
        export("neo4j", corpus, &out);
        let what = format!("neo4j CSV ({corpus:?}) in Kuzu");
        let mut args: Vec<&OsStr> = vec![OsStr::new("neo4j"), out.as_os_str()];
        if corpus == Corpus::Bundled {
            args.extend(["--path", "zinc", "IL-17"].map(OsStr::new));
        }
        let got = timed(&what, || consume(&mut consume_py(&py, &args), &what));
        let want = expected(&corpus.graph(), m);
        assert_same(&what, &got, &want);
        assert_eq!(
            got["info"]["kuzu_nodes"],
            want["nodes"].as_array().unwrap().len()
        );
        assert_eq!(
            got["info"]["kuzu_edges"],
            want["edges"].as_array().unwrap().len()
        );
        if corpus == Corpus::Bundled {
            assert_known_claim(&what, &got, m);
            // Cypher in Kuzu finds zinc's way to IL-17 through the combination.
            let path = &got["info"]["path"][0];
            assert_eq!(
                path["nodes"],
                json!(["zinc", "zinc + vitamin D3", "IL-17"]),
                "{path}"
            );
            assert_eq!(path["relations"], json!(["has-member", "suppresses"]));
            assert!(
                path["sentences"][1][0]
                    .as_str()
                    .is_some_and(|s| s.contains("IL-17 secretion"))
            );
            assert_eq!(path["citations"][1], json!([2, 6, 8]));
        }
    }
}

#[test]
fn cypher_script_runs_twice_in_falkordb_leaving_one_copy() {
    let Some(py) = python312() else {
        require(false, "Python 3.12 venv with falkordblite (.venv312)");
        return;
    };
    for corpus in CORPORA {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.cypher");
        export("cypher", corpus, &file);
        let what = format!("cypher ({corpus:?}) in FalkorDB");
        let got = timed(&what, || {
            consume(
                &mut consume_py(&py, &[OsStr::new("cypher"), file.as_os_str()]),
                &what,
            )
        });
        let want = expected(&corpus.graph(), EXACT);
        assert_same(&what, &got, &want);
        let counts = json!([
            want["nodes"].as_array().unwrap().len(),
            want["edges"].as_array().unwrap().len()
        ]);
        assert_eq!(
            got["info"]["counts_after_each_run"],
            json!([counts, counts]),
            "one copy after each run"
        );
        if corpus == Corpus::Bundled {
            assert_known_claim(&what, &got, EXACT);
        }
    }
}

/// Whether `unshare -n` can take the network away (root in a Linux sandbox).
fn can_unshare() -> bool {
    Command::new("unshare")
        .args(["-n", "true"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn kgx_check(format: &str, kgx_format: &str, m: Mapping) {
    let Some(py) = python_with("kgx, bmt, biolink_model, prefixcommons") else {
        require(
            false,
            "Python with kgx (and the biolink-model, prefixcommons wheels)",
        );
        return;
    };
    let unknown_prefix = regex::Regex::new(
        r"^(Node|Edge) property '\w+' has a value '(claimgraph|combination):[^':]+' with a CURIE prefix '(claimgraph|combination)' (is not|that is not) represented in Biolink",
    )
    .unwrap();
    for corpus in CORPORA {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("kgx");
        export(format, corpus, &out);
        let what = format!("{format} ({corpus:?}) in kgx validate");
        // With no network at all where the sandbox allows it; kgx_offline.py also
        // refuses every connection itself.
        let mut cmd = if can_unshare() {
            let mut c = Command::new("unshare");
            c.arg("-n").arg(&py);
            c
        } else {
            Command::new(&py)
        };
        cmd.arg(root().join("tests/interop/consume.py"))
            .args([OsStr::new("kgx"), out.as_os_str()])
            .args(["--format", kgx_format]);
        let got = timed(&what, || consume(&mut cmd, &what));
        // The validator's only findings are that the prefixes of claimgraph's own minted
        // ids are not in Biolink's context: every id is a proper CURIE (one prefix, one
        // colon), combinations included.
        for f in got["info"]["findings"].as_array().into_iter().flatten() {
            let message = f["message"].as_str().unwrap_or("");
            assert!(
                unknown_prefix.is_match(message),
                "{what}: a finding other than an unknown minted prefix: {f}"
            );
            let minted = |s: &str| s.contains("claimgraph:") || s.contains("combination:");
            let places: Vec<&str> = f["where"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            assert!(
                !places.is_empty() && places.iter().all(|p| minted(p)),
                "{what}: a finding beyond the minted ids: {f}"
            );
        }
        let want = expected(&corpus.graph(), m);
        assert_same(&what, &got, &want);
        if corpus == Corpus::Bundled {
            assert_known_claim(&what, &got, m);
            let findings = got["info"]["findings"].as_array().map_or(0, Vec::len);
            eprintln!("{what}: {findings} findings, all on minted ids");
        }
    }
}

#[test]
fn kgx_tsv_passes_kgx_validate_offline_but_for_minted_ids() {
    kgx_check(
        "kgx",
        "tsv",
        Mapping {
            id: kgx_id,
            label: tsv_text,
            sentence: tsv_text,
            ..EXACT
        },
    );
}

#[test]
fn kgx_jsonl_passes_kgx_validate_offline_but_for_minted_ids() {
    kgx_check(
        "kgx-jsonl",
        "jsonl",
        Mapping {
            id: kgx_id,
            label: kgx_reader_text,
            sentence: kgx_reader_text,
            ..EXACT
        },
    );
    // The files themselves keep the text exact; only kgx's reader folds tab and LF.
    let dir = tempfile::tempdir().unwrap();
    export("kgx-jsonl", Corpus::Hostile, dir.path());
    let kg = Corpus::Hostile.graph();
    let text = std::fs::read_to_string(dir.path().join("nodes.jsonl")).unwrap();
    let names: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["name"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    for ix in kg.nodes_sorted() {
        assert!(
            names.contains(&kg.node(ix).label),
            "{:?}",
            kg.node(ix).label
        );
    }
}

#[test]
fn mermaid_renders_with_mermaid_cli() {
    let mmdc = node_dir().join("node_modules/.bin/mmdc");
    let chromium = Path::new("/usr/bin/chromium");
    let Some(py) = python() else {
        require(false, "Python venv (for reading the rendered SVG)");
        return;
    };
    if !require(mmdc.exists(), "mermaid-cli (tests/interop/node)")
        || !require(chromium.exists(), "Debian chromium")
    {
        return;
    }
    for corpus in CORPORA {
        let dir = tempfile::tempdir().unwrap();
        let (file, svg) = (dir.path().join("g.mmd"), dir.path().join("g.svg"));
        export("mermaid", corpus, &file);
        let what = format!("mermaid ({corpus:?}) in mermaid-cli");
        let out = timed(&what, || {
            Command::new(&mmdc)
                .arg("-q")
                .arg("-p")
                .arg(node_dir().join("puppeteer.json"))
                .arg("-i")
                .arg(&file)
                .arg("-o")
                .arg(&svg)
                .output()
                .unwrap()
        });
        assert!(
            out.status.success() && svg.exists(),
            "{what} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = consume(
            &mut consume_py(
                &py,
                &[OsStr::new("mermaid"), file.as_os_str(), svg.as_os_str()],
            ),
            &what,
        );
        let want = expected(&corpus.graph(), EXACT);
        // Labels as rendered in the SVG, evidence from the comment lines.
        assert_same(&what, &got, &want);
        let info = &got["info"];
        assert_eq!(
            info["rendered_nodes"],
            want["nodes"].as_array().unwrap().len()
        );
        assert_eq!(
            info["rendered_edges"],
            want["edges"].as_array().unwrap().len()
        );
        if corpus == Corpus::Bundled {
            assert_known_claim(&what, &got, EXACT);
            assert!(
                info["edge_labels"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|l| l == "suppresses 0.60 [2, 6, 8]"),
                "{info}"
            );
            // GitHub renders diagrams of up to 50,000 characters.
            assert!(info["size"].as_u64().unwrap() < 50_000, "{info}");
        }
    }
}

#[test]
fn cyjs_loads_in_cytoscape_headless_with_the_dot_conventions() {
    let loader = node_dir().join("cyjs_load.cjs");
    let available =
        node_dir().join("node_modules/cytoscape").exists() && has_program("node", "--version");
    if !require(available, "node with cytoscape (tests/interop/node)") {
        return;
    }
    for corpus in CORPORA {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.cyjs");
        export("cyjs", corpus, &file);
        let what = format!("cyjs ({corpus:?}) in cytoscape.js");
        let got = timed(&what, || {
            consume(
                Command::new("node")
                    .arg(&loader)
                    .arg(&file)
                    .current_dir(node_dir()),
                &what,
            )
        });
        assert_same(&what, &got, &expected(&corpus.graph(), EXACT));
        if corpus == Corpus::Bundled {
            assert_known_claim(&what, &got, EXACT);
            let arrows = &got["info"]["arrows"];
            assert_eq!(arrows["suppresses"], "tee", "{arrows}");
            assert_eq!(arrows["increases"], "triangle", "{arrows}");
        }
    }
}

#[test]
fn dot_keeps_hostile_text_through_graphviz() {
    let Some(py) = python() else {
        require(false, "Python venv (for reading the SVG)");
        return;
    };
    if !require(has_program("dot", "-V"), "Graphviz `dot`") {
        return;
    }
    let m = Mapping {
        evidence: false,
        ..EXACT
    };
    for corpus in CORPORA {
        let dir = tempfile::tempdir().unwrap();
        let (file, svg) = (dir.path().join("g.dot"), dir.path().join("g.svg"));
        export("dot", corpus, &file);
        let out = Command::new("dot")
            .arg("-Tsvg")
            .arg(&file)
            .arg("-o")
            .arg(&svg)
            .output()
            .unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "dot: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let what = format!("dot ({corpus:?}) in Graphviz");
        // The SVG is well-formed XML with every label as written.
        let got = consume(
            &mut consume_py(&py, &[OsStr::new("dot"), svg.as_os_str()]),
            &what,
        );
        let kg = corpus.graph();
        assert_same(&what, &got, &expected(&kg, m));
        // Each edge's tooltip carries its sentences (an SVG attribute keeps no tab).
        let tips = &got["info"]["tooltips"];
        for (s, o, c) in kg.claims_sorted() {
            let key = format!(
                "{}|{}|{}|{}",
                kg.node(s).id,
                c.relation,
                kg.node(o).id,
                c.negated
            );
            let tip = tips[&key].as_str().unwrap_or_default();
            for t in ClaimSummary::of(c).sentences {
                assert!(
                    tip.contains(&t.replace('\t', " ")),
                    "{what}: tooltip of {key} lacks {t:?}: {tip:?}"
                );
            }
        }
    }
}

/// A claims file of a star and a chain: entity `hub` induces each of `e1` .. `e{n-1}`
/// and each `ei` induces `e{i+1}`, so `hub` is the most connected entity and every
/// other has two or three claims.
fn star_and_chain(dir: &Path, n: usize) -> PathBuf {
    let entity = |i: usize| {
        let name = if i == 0 {
            "hub".to_string()
        } else {
            format!("e{i}")
        };
        json!({"id": format!("claimgraph:{name}"), "label": name, "kind": "protein", "mention": name})
    };
    let claim = |s: usize, o: usize, k: usize| {
        let sentence = format!("Claim {k} about {s} and {o}.");
        json!({
            "subject": entity(s), "relation": "induces", "object": entity(o),
            "negated": false, "hedged": false,
            "context": {"species": null, "population": null, "tissue": null},
            "evidence": {"document": "synthetic", "section": null, "sentence": sentence,
                         "start": 0, "end": sentence.len(), "citations": [], "trigger": "induces"}
        })
    };
    let mut text = String::new();
    let mut k = 0;
    for i in 1..n {
        text.push_str(&claim(0, i, k).to_string());
        text.push('\n');
        k += 1;
        if i + 1 < n {
            text.push_str(&claim(i, i + 1, k).to_string());
            text.push('\n');
            k += 1;
        }
    }
    let path = dir.join("star.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn picture_formats_refuse_a_whole_large_graph_and_draw_a_focused_one() {
    let dir = tempfile::tempdir().unwrap();
    let claims = star_and_chain(dir.path(), 2_500);
    for format in ["dot", "svg", "mermaid", "html"] {
        let out = bin()
            .args(["export", "--format", format])
            .arg(&claims)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{format}: {err}");
        assert!(out.stdout.is_empty(), "{format} stopped before writing");
        assert!(err.contains("2500 entities"), "{format}: {err}");
        assert!(err.contains("--around") && err.contains("--force"), "{err}");
    }
    // A few entities joined by thousands of claims is no picture either: 12 entities,
    // 126 claims refused at --max-picture-nodes 30 (at most 120 claims), drawn at 40.
    let dense = dir.path().join("dense.jsonl");
    let mut text = String::new();
    for line in std::fs::read_to_string(&claims).unwrap().lines() {
        let c: Value = serde_json::from_str(line).unwrap();
        let (s, o) = (
            c["subject"]["id"].as_str().unwrap().to_string(),
            c["object"]["id"].as_str().unwrap().to_string(),
        );
        let keep = |id: &str| {
            id == "claimgraph:hub"
                || id
                    .strip_prefix("claimgraph:e")
                    .and_then(|n| n.parse::<u32>().ok())
                    .is_some_and(|n| n <= 11)
        };
        if keep(&s) && keep(&o) {
            for r in [
                "increases",
                "decreases",
                "induces",
                "suppresses",
                "potentiates",
                "regulates",
            ] {
                let mut c = c.clone();
                c["relation"] = json!(r);
                text.push_str(&c.to_string());
                text.push('\n');
            }
        }
    }
    std::fs::write(&dense, text).unwrap();
    let out = bin()
        .args(["export", "--format", "dot", "--max-picture-nodes", "30"])
        .arg(&dense)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("12 entities and 126 claims") && err.contains("120 claims"),
        "{err}"
    );
    let out = bin()
        .args(["export", "--format", "dot", "--max-picture-nodes", "40"])
        .arg(&dense)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Data formats are not pictures: Cytoscape.js streams the whole graph.
    let cyjs = run_ok(bin().args(["export", "--format", "cyjs"]).arg(&claims));
    let doc: Value = serde_json::from_str(&cyjs).unwrap();
    assert_eq!(doc["elements"]["nodes"].as_array().unwrap().len(), 2_500);
    // A lower limit refuses a smaller graph; --force draws it anyway.
    let out = bin()
        .args(["export", "--format", "dot", "--force"])
        .arg(&claims)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).matches(" -> ").count(),
        2 * 2_499 - 1
    );

    // The neighbourhood of e10: e9, e11 and the hub, with the claims among them.
    let out = bin()
        .args([
            "export", "--format", "dot", "--around", "e10", "--depth", "1",
        ])
        .arg(&claims)
        .output()
        .unwrap();
    assert!(out.status.success());
    let dot = String::from_utf8_lossy(&out.stdout);
    let nodes: Vec<&str> = dot
        .lines()
        .filter(|l| l.starts_with("  \"claimgraph:"))
        .filter(|l| !l.contains(" -> "))
        .collect();
    assert_eq!(nodes.len(), 4, "{dot}");
    for n in ["hub", "e9", "e10", "e11"] {
        assert!(dot.contains(&format!("\"claimgraph:{n}\"[")), "{n}: {dot}");
    }
    // hub->e9, hub->e10, hub->e11, e9->e10, e10->e11.
    assert_eq!(dot.matches(" -> ").count(), 5, "{dot}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("keeps 4 of 2500 entities"), "{err}");

    // --max-nodes keeps the most connected, ties by id: the hub, then e1.. by id
    // (e1 and the last have two claims, the rest three: e10, e100, e1000 ... first).
    let out = bin()
        .args(["export", "--format", "mermaid", "--max-nodes", "3"])
        .arg(&claims)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mmd = String::from_utf8_lossy(&out.stdout);
    assert!(mmd.starts_with("%% claimgraph: 3 entities"), "{mmd}");
    for n in ["n_claimgraph_hub", "n_claimgraph_e10", "n_claimgraph_e100"] {
        assert!(mmd.contains(n), "{n}: {mmd}");
    }
    assert!(String::from_utf8_lossy(&out.stderr).contains("by --max-nodes"));

    // The paths between two entities, highlighted.
    let out = bin()
        .args(["export", "--format", "dot", "--paths-between", "e5", "e7"])
        .arg(&claims)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dot = String::from_utf8_lossy(&out.stdout);
    assert_eq!(dot.matches("penwidth=\"3\"").count(), 2, "{dot}");
    assert!(dot.contains("\"claimgraph:e6\"["));

    // Relation and confidence filters: no claim has a relation `suppresses`.
    let out = bin()
        .args(["export", "--format", "cyjs", "--relations", "suppresses"])
        .arg(&claims)
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["elements"]["edges"].as_array().unwrap().len(), 0);
}

/// The processes whose environment holds `CLAIMGRAPH_TEST_MARK=mark`.
fn marked_processes(mark: &str) -> Vec<u32> {
    let want = format!("CLAIMGRAPH_TEST_MARK={mark}");
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .is_ok_and(|env| env.split(|&b| b == 0).any(|v| v == want.as_bytes()))
        })
        .collect()
}

#[test]
fn a_killed_svg_export_leaves_no_file_behind() {
    let mark = format!("{}-{:?}", std::process::id(), std::time::SystemTime::now());
    if !require(has_program("dot", "-V"), "Graphviz `dot`") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let claims = star_and_chain(dir.path(), 3_000);
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("graph.svg");
    std::fs::write(&target, "previous contents\n").unwrap();
    for delay in [300u64, 1_500] {
        let mut child = bin()
            .env("TMPDIR", tmp.path())
            .env("CLAIMGRAPH_TEST_MARK", &mark)
            .args(["export", "--format", "svg", "--force", "-o"])
            .arg(&target)
            .arg(&claims)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        assert!(!child.wait().unwrap().success(), "the layout takes longer");
        // Graphviz died with it: no process carrying this run's mark is left.
        if cfg!(target_os = "linux") {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
            while !marked_processes(&mark).is_empty() && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            assert_eq!(
                marked_processes(&mark),
                Vec::<u32>::new(),
                "Graphviz left running"
            );
        }
        // Nothing in the temporary directory (the DOT went through a pipe), and the
        // target is the previous file, whole.
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().collect();
        assert!(left.is_empty(), "left behind: {left:?}");
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "previous contents\n"
        );
        let dots: Vec<_> = std::fs::read_dir(out_dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension() == Some(OsStr::new("dot")))
            .collect();
        assert!(dots.is_empty(), "{dots:?}");
    }
    // A `dot` that fails after reading a little leaves the previous file too, and no
    // temporary of its own beside it.
    let mut before: Vec<_> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    before.sort();
    let fake = tempfile::tempdir().unwrap();
    let script = fake.path().join("dot");
    std::fs::write(
        &script,
        "#!/bin/sh\nhead -c 100 >/dev/null\necho 'syntax error' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![fake.path().to_path_buf()];
    paths.extend(std::env::split_paths(&path));
    let out = bin()
        .env("TMPDIR", tmp.path())
        .env("PATH", std::env::join_paths(paths).unwrap())
        .args(["export", "--format", "svg", "--force", "-o"])
        .arg(&target)
        .arg(&claims)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("syntax error"));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "previous contents\n"
    );
    assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none());
    let mut names: Vec<_> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    names.sort();
    assert_eq!(names, before, "a failed export removes its temporary");
}

#[test]
fn standard_input_extraction_streams_claims_in_input_order_on_several_threads() {
    use std::io::{BufRead, BufReader, Write};
    let text = std::fs::read_to_string(seed()).unwrap();
    let mut child = bin()
        .args(["extract", "--threads", "2"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    // Six documents, then the pipe stays open: every claim must come out before it closes.
    for i in 0..6 {
        let doc = json!({"id": format!("doc{i}"), "text": text});
        writeln!(stdin, "{doc}").unwrap();
    }
    stdin.flush().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { return };
            let v: Value = serde_json::from_str(&line).unwrap();
            let doc = v["evidence"]["document"].as_str().unwrap().to_string();
            if tx.send(doc).is_err() {
                return;
            }
        }
    });
    let mut seen: Vec<String> = Vec::new();
    let started = Instant::now();
    while !seen.iter().any(|d| d == "doc5") {
        match rx.recv_timeout(std::time::Duration::from_secs(60)) {
            Ok(doc) => seen.push(doc),
            Err(e) => panic!("claims did not stream while the input stayed open: {e}"),
        }
        assert!(started.elapsed().as_secs() < 120);
    }
    let mut order = seen.clone();
    order.dedup();
    assert_eq!(order, ["doc0", "doc1", "doc2", "doc3", "doc4", "doc5"]);
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_killed_export_to_a_file_leaves_no_temporary_file() {
    // SIGKILL runs no clean-up, so only a temporary file without a name survives it.
    if !cfg!(target_os = "linux") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let claims = star_and_chain(dir.path(), 60_000);
    let saved = dir.path().join("graph.cg");
    assert!(
        bin()
            .args(["build", "-o"])
            .arg(&saved)
            .arg(&claims)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap()
            .success()
    );
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("graph.nt");
    std::fs::write(&target, "previous contents\n").unwrap();
    for delay in [20u64, 60, 120, 250, 400] {
        let mut child = bin()
            .args(["export", "--format", "nt", "-o"])
            .arg(&target)
            .arg(&saved)
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let finished = child.wait().unwrap().success();
        let left: Vec<String> = std::fs::read_dir(out_dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["graph.nt"], "after {delay} ms");
        let now = std::fs::read_to_string(&target).unwrap();
        if !finished {
            assert_eq!(now, "previous contents\n", "after {delay} ms");
        }
    }
}
