//! The exports read by their real consumers: Graphviz renders the DOT, pyld turns the
//! JSON-LD into RDF that pyoxigraph loads and queries, rdflib parses it.
//! Locally a missing tool skips with a printed reason; in CI (CI=true) it fails.

use super::{bin, has_program, python, require, root, run_ok, seed};

/// Attributes Graphviz documents for graphs, nodes and edges that the DOT export uses.
/// `dot` accepts misspelled attributes silently, so the names are checked here.
const GRAPHVIZ_ATTRIBUTES: &[&str] = &[
    "rankdir",
    "fontname",
    "labelloc",
    "tooltip",
    "style",
    "fontsize",
    "label",
    "shape",
    "fillcolor",
    "arrowhead",
    "color",
    "fontcolor",
    "edgetooltip",
    "labeltooltip",
    "id",
    "penwidth",
    "width",
    "height",
    "fixedsize",
];

#[test]
fn dot_renders_with_graphviz_and_carries_evidence_tooltips() {
    let dot = run_ok(bin().args(["export", "--format", "dot"]));
    // Every attribute name is a real Graphviz attribute.
    let html = regex::Regex::new(r"(?s)<<TABLE.*?</TABLE>>").unwrap();
    let plain = html.replace_all(&dot, "\"\"");
    let re = regex::Regex::new(r#"([A-Za-z_]+)=(?:"|<)"#).unwrap();
    for cap in re.captures_iter(&plain) {
        let name = &cap[1];
        assert!(
            GRAPHVIZ_ATTRIBUTES.contains(&name),
            "unknown Graphviz attribute `{name}`"
        );
    }
    assert!(dot.contains("cluster_legend"));
    assert!(dot.contains("arrowhead=\"tee\""));
    if !require(has_program("dot", "-V"), "Graphviz `dot`") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("g.svg");
    run_ok(
        bin()
            .args(["export", "--format", "svg", "--out"])
            .arg(&svg_path),
    );
    let svg = std::fs::read_to_string(&svg_path)
        .unwrap()
        .replace("&#45;", "-")
        .replace("&#10;", "\n");
    assert!(svg.contains("<svg"));
    // The evidence sentence of the IL-17 claim is in a tooltip.
    let tip = regex::Regex::new(r#"xlink:title="zinc \+ vitamin D3 suppresses IL-17\nconfidence [0-9.]+\nzinc-vitamin-d: [^"]*IL-17 secretion[^"]*\[2, 6, 8\]"#).unwrap();
    assert!(
        tip.is_match(&svg),
        "no evidence tooltip with sentence and citations"
    );
    // dot itself accepts our DOT from a file too.
    let dot_path = dir.path().join("g.dot");
    std::fs::write(&dot_path, &dot).unwrap();
    let out = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&dot_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "dot warned: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn jsonld_is_rdf_with_every_claim_and_its_evidence() {
    let Some(py) = python() else {
        require(false, "Python with pyld, pyoxigraph and rdflib");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let jsonld = dir.path().join("g.jsonld");
    run_ok(
        bin()
            .args(["export", "--format", "jsonld", "--out"])
            .arg(&jsonld),
    );
    let claims = dir.path().join("claims.jsonl");
    std::fs::write(&claims, run_ok(bin().arg("extract").arg(seed()))).unwrap();
    let out = run_ok(
        std::process::Command::new(py)
            .arg(root().join("tests/interop/check_rdf.py"))
            .arg(&jsonld)
            .arg(&claims),
    );
    assert!(out.starts_with("ok:"), "{out}");
}
