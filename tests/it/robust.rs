//! Hostile and large inputs: no panic, no hang, a clear error, and outputs that are
//! either complete or untouched.

use std::io::Write;
use std::time::{Duration, Instant};

use super::{bin, run_ok, seed, write};

#[test]
fn a_ten_megabyte_single_line_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "zinc suppresses IL-6 and vitamin D reduces inflammation, which (in mice) they ";
    let line = unit.repeat(10_000_000 / unit.len() + 1);
    let p = write(dir.path(), "line.txt", &format!("Title\n{line}\n"));
    let t = Instant::now();
    let out = bin()
        .args(["extract", "--format", "tsv"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.len() > 1000);
    assert!(
        t.elapsed() < Duration::from_secs(240),
        "took {:?}",
        t.elapsed()
    );
}

#[test]
fn binary_garbage_is_a_clear_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"Title\nZinc suppresses IL-6.\n".to_vec();
    let mut x: u32 = 12345;
    for _ in 0..1_000_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bytes.push((x >> 16) as u8);
    }
    let p = dir.path().join("garbage.txt");
    std::fs::write(&p, &bytes).unwrap();
    let out = bin().arg("extract").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("garbage.txt:3:1") && err.contains("invalid UTF-8 at byte offset"),
        "{err}"
    );
    // The same garbage as a saved graph or claims file is an error too.
    let g = dir.path().join("garbage.cg");
    std::fs::write(&g, &bytes[30..]).unwrap();
    let out = bin().args(["stats", "--graph"]).arg(&g).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let nested = format!("{}{}\n", "[".repeat(200_000), "]".repeat(200_000));
    let p = write(dir.path(), "deep.jsonl", &nested);
    let out = bin().arg("stats").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("deep.jsonl:1:"));
}

#[test]
fn a_large_extra_lexicon_loads_and_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let mut tsv = String::from("id\tlabel\tkind\tsynonyms\n");
    for i in 0..200_000 {
        tsv.push_str(&format!("X:{i}\tsynthetic protein {i}\tprotein\tSYNP{i}\n"));
    }
    let lex = write(dir.path(), "big.tsv", &tsv);
    let doc = write(
        dir.path(),
        "d.txt",
        "Title\nSYNP123456 is absent. SYNP199999 suppresses IL-6.\n",
    );
    let out = run_ok(
        bin()
            .arg("--lexicon")
            .arg(&lex)
            .args(["extract", "--format", "tsv"])
            .arg(&doc),
    );
    assert!(
        out.contains("synthetic protein 199999\tsuppresses\tIL-6"),
        "{out}"
    );
}

#[test]
fn fifty_megabytes_of_claims_build() {
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<String> = run_ok(bin().arg("extract").arg(seed()))
        .lines()
        .map(String::from)
        .collect();
    let p = dir.path().join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    let mut written = 0usize;
    let mut doc = 0;
    while written < 50_000_000 {
        for l in &lines {
            let l = l.replace(
                "\"document\":\"zinc-vitamin-d\"",
                &format!("\"document\":\"doc-{doc}\""),
            );
            written += l.len() + 1;
            writeln!(f, "{l}").unwrap();
        }
        doc += 1;
    }
    f.flush().unwrap();
    drop(f);
    let out = run_ok(
        bin()
            .args(["build", "--format", "json", "-o"])
            .arg(dir.path().join("g.cg"))
            .arg(&p),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The same claims from many documents merge into the seed's edges.
    let edges = v["claims"].as_u64().unwrap();
    assert!((10..100).contains(&edges), "{edges}");
}

#[test]
fn a_failed_or_killed_write_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out_svg = write(dir.path(), "graph.svg", "previous contents\n");
    // `dot` cannot be found: exit 3, the previous file is untouched.
    let out = bin()
        .env("PATH", dir.path())
        .args(["export", "--format", "svg", "--out"])
        .arg(&out_svg)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Graphviz"));
    assert_eq!(
        std::fs::read_to_string(&out_svg).unwrap(),
        "previous contents\n"
    );

    // A build killed while it works leaves the previous saved graph byte-identical.
    let big = dir.path().join("big.txt");
    let body = std::fs::read_to_string(seed()).unwrap();
    std::fs::write(
        &big,
        body.replace("Sources and full results", "").repeat(400),
    )
    .unwrap();
    let cg = write(dir.path(), "graph.cg", "previous graph\n");
    for delay in [50u64, 200, 800] {
        let mut child = bin()
            .args(["build", "-o"])
            .arg(&cg)
            .arg(&big)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = std::fs::read(&cg).unwrap();
        if status.success() {
            assert!(
                now.starts_with(b"CLAIMGRAPH\n"),
                "a finished build wrote a whole graph"
            );
        } else {
            assert_eq!(now, b"previous graph\n");
        }
    }
}

#[test]
fn fuzz_regression_inputs_no_longer_fail() {
    let dir = super::root().join("tests/fixtures/fuzz");
    let ex = claimgraph::extract::Extractor::bundled();
    for entry in std::fs::read_dir(dir.join("document_extract"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let bytes = std::fs::read(entry.path()).unwrap();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let doc = claimgraph::document::Document::parse("f", text);
            for c in ex.extract(&doc) {
                let (s, e) = (c.evidence.start.unwrap(), c.evidence.end.unwrap());
                assert_eq!(&text[s..e], &*c.evidence.sentence);
            }
        }
    }
    for entry in std::fs::read_dir(dir.join("saved_graph"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let bytes = std::fs::read(entry.path()).unwrap();
        if let Ok(g) = claimgraph::kg::KnowledgeGraph::load(&bytes[..], &entry.path()) {
            let mut saved = Vec::new();
            g.save(&mut saved).unwrap();
            let again = claimgraph::kg::KnowledgeGraph::load(&saved[..], &entry.path())
                .expect("a saved graph loads back");
            assert_eq!(again.claim_count(), g.claim_count());
        }
    }
}
