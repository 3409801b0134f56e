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

/// An extra lexicon of `n` entities (two names each) loads and its last entity is found.
fn extra_lexicon_of(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut tsv = String::from("id\tlabel\tkind\tsynonyms\n");
    for i in 0..n {
        tsv.push_str(&format!("X:{i}\tsynthetic protein {i}\tprotein\tSYNP{i}\n"));
    }
    let lex = write(dir.path(), "big.tsv", &tsv);
    let last = n - 1;
    let doc = write(
        dir.path(),
        "d.txt",
        &format!("Title\nSYNP123456 is absent. SYNP{last} suppresses IL-6.\n"),
    );
    let out = run_ok(
        bin()
            .arg("--lexicon")
            .arg(&lex)
            .args(["extract", "--format", "tsv"])
            .arg(&doc),
    );
    assert!(
        out.contains(&format!("synthetic protein {last}\tsuppresses\tIL-6")),
        "{out}"
    );
}

#[test]
fn a_large_extra_lexicon_loads_and_is_used() {
    extra_lexicon_of(200_000);
}

/// The issue's million-entry lexicon; too slow for a debug build in CI. Run with
/// `cargo test --release --test integration -- --ignored a_million_entry_lexicon`.
#[test]
#[ignore]
fn a_million_entry_lexicon_loads_and_is_used() {
    extra_lexicon_of(1_000_000);
}

/// Writes at least `bytes` of claims JSON Lines to `path`: the seed's claims again and
/// again, the copy `n` as document `doc-{n % documents}`. Returns the bytes written.
fn write_claims(path: &std::path::Path, bytes: usize, documents: usize) -> usize {
    let lines: Vec<String> = run_ok(bin().arg("extract").arg(seed()))
        .lines()
        .map(String::from)
        .collect();
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut written = 0usize;
    let mut copy = 0;
    while written < bytes {
        for l in &lines {
            let l = l.replace(
                "\"document\":\"zinc-vitamin-d\"",
                &format!("\"document\":\"doc-{}\"", copy % documents),
            );
            written += l.len() + 1;
            writeln!(f, "{l}").unwrap();
        }
        copy += 1;
    }
    f.flush().unwrap();
    written
}

#[test]
fn fifty_megabytes_of_claims_build() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.jsonl");
    write_claims(&p, 50_000_000, usize::MAX);
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
        // Killed at any point (SIGKILL: nothing runs on the way out), the directory holds
        // no temporary file: it has no name until the output is whole.
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        if cfg!(target_os = "linux") {
            assert_eq!(
                left,
                ["big.txt", "graph.cg", "graph.svg"],
                "after {delay} ms"
            );
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

/// A gigabyte of claims (generated here, in a temporary directory) builds with bounded
/// memory and does not hang: the claims file is read as a stream, so the builder's peak
/// memory follows the graph (the seed's edges with the evidence of 1,000 documents),
/// not the input. Ignored by default: it writes 1 GB and runs for minutes. Run it with
///
/// ```sh
/// cargo test --release --test integration -- --ignored a_gigabyte_of_claims --nocapture
/// ```
#[test]
#[ignore = "writes 1 GB and runs for minutes; see the doc comment for how to run it"]
fn a_gigabyte_of_claims_builds_in_bounded_memory() {
    const LIMIT: Duration = Duration::from_secs(30 * 60);
    const PEAK_RSS_LIMIT_KB: i64 = 512 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.jsonl");
    let t = Instant::now();
    let bytes = write_claims(&p, 1 << 30, 1000);
    eprintln!("1 GB test: wrote {bytes} bytes in {:?}", t.elapsed());

    let t = Instant::now();
    let child = bin()
        .args(["build", "--format", "json", "-o"])
        .arg(dir.path().join("g.cg"))
        .arg(&p)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    // A watchdog kills the build if it hangs.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watchdog = {
        let done = done.clone();
        std::thread::spawn(move || {
            while t.elapsed() < LIMIT {
                if done.load(std::sync::atomic::Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            // SAFETY: signals our own child, which is not reaped before `done` is set.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        })
    };
    // Read the pipes while the build runs, then reap it with wait4 for its peak RSS.
    let mut child = child;
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut s).unwrap();
        s
    });
    let mut out = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut out).unwrap();
    let err = err_reader.join().unwrap();
    let mut status = 0;
    // SAFETY: plain FFI calls with valid out-pointers; `pid` is our unreaped child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    watchdog.join().unwrap();
    let elapsed = t.elapsed();
    assert_eq!(reaped, pid, "wait4 failed");
    let peak_kb = usage.ru_maxrss;
    eprintln!(
        "1 GB test: build took {elapsed:?}, peak RSS {} MB",
        peak_kb / 1024
    );
    assert!(elapsed < LIMIT, "the build hung (killed after {LIMIT:?})");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "build failed (status {status}): {err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let edges = v["claims"].as_u64().unwrap();
    assert!((10..100).contains(&edges), "{edges}");
    assert!(
        peak_kb < PEAK_RSS_LIMIT_KB,
        "peak RSS {peak_kb} kB for a 1 GB input (limit {PEAK_RSS_LIMIT_KB} kB)"
    );
}

/// The two sentences of the panic report: a parenthesised first word before a suffix
/// trigger (`(LPS)-mediated`) once read before the sentence's start.
#[test]
fn a_sentence_that_starts_with_a_parenthesis_extracts() {
    let dir = tempfile::tempdir().unwrap();
    let one = write(
        dir.path(),
        "one.txt",
        "(LPS)-mediated responses include activation of monocytes.\n",
    );
    let two = write(
        dir.path(),
        "two.txt",
        "(TNF)-induced activation of monocytes and macrophages was observed.\n",
    );
    let out = run_ok(
        bin()
            .args(["extract", "--format", "tsv"])
            .arg(&one)
            .arg(&two),
    );
    assert!(out.starts_with("subject\t"), "{out}");
}

/// Real sentences (the bundled summary's), mutated the way careless text and bad
/// conversions mutate them: tokens dropped, doubled and moved, brackets added, punctuation
/// glued to its neighbours. Extraction never panics and every evidence span is its
/// sentence. The seed is fixed in CI (`PROPTEST_RNG_SEED` in `.ci/run`).
mod mutated_sentences {
    use claimgraph::document::Document;
    use claimgraph::extract::Extractor;
    use proptest::prelude::*;

    /// The bundled summary's sentences and a few abstract-style ones with the
    /// constructions whose index arithmetic looks around a token (hyphen suffixes,
    /// parentheses, abbreviations, nominalisations, coordination).
    fn sentences() -> Vec<String> {
        let text = std::fs::read_to_string(super::seed()).unwrap();
        let doc = Document::parse("seed", text.clone());
        let mut out: Vec<String> = doc
            .sentences
            .iter()
            .map(|s| text[s.start..s.end].to_string())
            .filter(|s| s.split_whitespace().count() >= 4)
            .collect();
        out.extend(
            [
                "LPS-mediated responses include activation of monocytes by TNF-alpha.",
                "Tumor necrosis factor (TNF) induces the expression of IL-6 and IL-8 in macrophages.",
                "Inhibition of NF-kappa B by dexamethasone did not reduce IL-2 production.",
                "Zinc deficiency, but not vitamin A deficiency, increases IL-17 secretion [12].",
                "Both zinc and vitamin D suppress interferon-gamma (IFN-gamma)-induced inflammation.",
                "Paclitaxel (Taxol)-induced apoptosis was blocked by Bcl-2 overexpression.",
            ]
            .map(String::from),
        );
        out
    }

    #[derive(Debug, Clone)]
    enum Edit {
        Drop(usize),
        Double(usize),
        Move(usize, usize),
        Bracket(usize, bool),
        Glue(usize),
        Split(usize),
        Wrap(usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            any::<usize>().prop_map(Edit::Drop),
            any::<usize>().prop_map(Edit::Double),
            (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Move(a, b)),
            (any::<usize>(), any::<bool>()).prop_map(|(a, open)| Edit::Bracket(a, open)),
            any::<usize>().prop_map(Edit::Glue),
            any::<usize>().prop_map(Edit::Split),
            any::<usize>().prop_map(Edit::Wrap),
        ]
    }

    /// Tokens, each with whether it is written glued to the one before: words, each
    /// bracket or punctuation mark, and a hyphen suffix (`-induced`) on its own.
    fn tokens(s: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for w in s.split_whitespace() {
            let mut cur = String::new();
            let mut glued = false;
            for ch in w.chars() {
                if "()[],;:.".contains(ch) || (ch == '-' && !cur.is_empty()) {
                    if !cur.is_empty() {
                        out.push((std::mem::take(&mut cur), glued));
                        glued = true;
                    }
                    if ch == '-' {
                        cur.push(ch);
                    } else {
                        out.push((ch.to_string(), glued));
                        glued = true;
                    }
                } else {
                    cur.push(ch);
                }
            }
            if !cur.is_empty() {
                out.push((cur, glued));
            }
        }
        out
    }

    /// Applies the edits to the sentence's tokens and writes them out again.
    fn mutate(sentence: &str, edits: &[Edit]) -> String {
        let mut toks = tokens(sentence);
        for e in edits {
            let n = toks.len().max(1);
            match *e {
                Edit::Drop(i) if !toks.is_empty() => {
                    toks.remove(i % n);
                }
                Edit::Double(i) if !toks.is_empty() => {
                    let t = toks[i % n].clone();
                    toks.insert(i % n, t);
                }
                Edit::Move(a, b) if !toks.is_empty() => {
                    let t = toks.remove(a % n);
                    toks.insert(b % toks.len().max(1), t);
                }
                Edit::Bracket(i, open) => {
                    let b = if open { "(" } else { ")" };
                    toks.insert(i % (toks.len() + 1), (b.to_string(), !open));
                }
                Edit::Glue(i) if !toks.is_empty() => toks[i % n].1 = true,
                Edit::Split(i) if !toks.is_empty() => toks[i % n].1 = false,
                Edit::Wrap(i) if !toks.is_empty() => {
                    let i = i % n;
                    toks.insert(i + 1, (")".to_string(), true));
                    toks[i].1 = true;
                    toks.insert(i, ("(".to_string(), false));
                }
                _ => {}
            }
        }
        let mut out = String::new();
        for (i, (t, glued)) in toks.iter().enumerate() {
            if i > 0 && !glued {
                out.push(' ');
            }
            out.push_str(t);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn extraction_of_mutated_sentences_never_panics(
            pick in any::<prop::sample::Index>(),
            edits in prop::collection::vec(edit(), 1..8),
            summary in any::<bool>(),
        ) {
            let all = sentences();
            let sentence = mutate(&all[pick.index(all.len())], &edits);
            let text = if summary {
                format!("Title\nPro Research Analysisby \nHeading\n{sentence} 125.\nSources and full results\n")
            } else {
                format!("{sentence}\n")
            };
            let doc = Document::parse("m", text.clone());
            for c in Extractor::bundled().extract(&doc) {
                let (s, e) = (c.evidence.start.unwrap(), c.evidence.end.unwrap());
                prop_assert!(s <= e && e <= text.len());
                prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                prop_assert_eq!(&text[s..e], &*c.evidence.sentence);
            }
        }
    }
}

/// A document that fails inside extraction (a bug, simulated with the test builds'
/// fault injection) is reported like a bad document: with `--keep-going` the others'
/// claims are all written and the run exits 1 with a summary; without it the run stops
/// with an error naming the document and an `-o` output is left as it was.
#[test]
fn an_internal_failure_in_one_document_never_loses_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.txt",
        "A\nZinc suppresses the production of IL-6.\n",
    );
    let bad = write(
        dir.path(),
        "bad.txt",
        &format!(
            "B\nVitamin D induces cathelicidin.\n{}\n",
            claimgraph::source::FAULT_MARKER
        ),
    );
    let c = write(
        dir.path(),
        "c.txt",
        "C\nVitamin C increases iron absorption.\n",
    );

    let out = bin()
        .args(["extract", "--keep-going", "--format", "tsv"])
        .args([&a, &bad, &c])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("IL-6") && stdout.contains("\tc\t"),
        "{stdout}"
    );
    assert!(!stdout.contains("cathelicidin"), "{stdout}");
    assert!(
        stderr.contains("bad.txt") && stderr.contains("internal error"),
        "{stderr}"
    );
    assert!(stderr.contains("1 of 3 inputs failed"), "{stderr}");

    // Without --keep-going: a clear error naming the document, exit 1 (not 101), and the
    // earlier output file untouched, with nothing else left in the directory.
    let target = write(dir.path(), "claims.jsonl", "previous contents\n");
    let before: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    let out = bin()
        .arg("extract")
        .args([&a, &bad, &c])
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.txt"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "previous contents\n"
    );
    let after: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(before, after, "a file was left behind");

    // `build` from documents: the same.
    let graph = dir.path().join("g.cg");
    let out = bin()
        .args(["build", "--keep-going"])
        .args([&a, &bad, &c])
        .arg("-o")
        .arg(&graph)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = bin()
        .args(["build"])
        .args([&a, &bad, &c])
        .arg("-o")
        .arg(&graph)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.txt"));

    // Standard input, one JSON document a line.
    let mut child = bin()
        .args(["extract", "--keep-going", "--format", "tsv"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let lines = [
        serde_json::json!({"id": "d1", "text": "Zinc suppresses the production of IL-6."}),
        serde_json::json!({"id": "d2", "text": format!("Vitamin D induces cathelicidin. {}", claimgraph::source::FAULT_MARKER)}),
        serde_json::json!({"id": "d3", "text": "Vitamin C increases iron absorption."}),
    ];
    {
        let mut stdin = child.stdin.take().unwrap();
        for l in &lines {
            writeln!(stdin, "{l}").unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("\td1\t") && stdout.contains("\td3\t"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("d2"));
}
