//! The interactive HTML page (`export --format html`) in a real browser: playwright-core
//! drives Debian's chromium through `tests/interop/html/e2e.mjs`.

use std::path::PathBuf;
use std::process::Command;

use super::{bin, has_program, require, root, run_ok};

fn html_dir() -> PathBuf {
    root().join("tests/interop/html")
}

/// Whether node, chromium and playwright-core are installed (skips locally, fails in CI).
fn browser_ready() -> bool {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    require(has_program("node", "--version"), "node")
        && require(chromium.exists(), "chromium (/usr/bin/chromium)")
        && require(
            html_dir().join("node_modules/playwright-core").exists(),
            "playwright-core (tests/interop/html, npm ci)",
        )
}

fn e2e(args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new("node")
        .arg(html_dir().join("e2e.mjs"))
        .args(args)
        .current_dir(html_dir())
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "e2e failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn html_page_is_self_contained_and_escapes_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("hostile.html");
    run_ok(
        bin()
            .args(["export", "--format", "html", "--out"])
            .arg(&page)
            .arg(root().join("tests/fixtures/hostile.jsonl"))
            .arg(html_dir().join("hostile.jsonl")),
    );
    let text = std::fs::read_to_string(&page).unwrap();
    assert_eq!(
        text.matches("</script>").count(),
        3,
        "only the three scripts close"
    );
    assert!(
        !text.contains("<img"),
        "markup from the data reached the page"
    );
    assert!(
        !text.contains("<script src") && !text.contains("<link"),
        "nothing is fetched"
    );
    assert!(text.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
}

#[test]
fn html_page_works_in_chromium_and_answers_like_paths() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    run_ok(
        bin()
            .args(["export", "--format", "html", "--out"])
            .arg(&page),
    );
    let cyjs: serde_json::Value =
        serde_json::from_str(&run_ok(bin().args(["export", "--format", "cyjs"]))).unwrap();
    let paths: serde_json::Value = serde_json::from_str(&run_ok(
        bin().args(["paths", "zinc", "IL-17", "--format", "json"]),
    ))
    .unwrap();
    assert_eq!(paths["paths"][0]["sign"], "-");
    let expected = serde_json::json!({
        "nodes": cyjs["elements"]["nodes"].as_array().unwrap().len(),
        "edges": cyjs["elements"]["edges"].as_array().unwrap().len(),
        "paths": paths,
    });
    let expected_file = dir.path().join("EXPECTED.json");
    std::fs::write(&expected_file, expected.to_string()).unwrap();
    let shot = dir.path().join("shot.png");
    let started = std::time::Instant::now();
    let report = e2e(&[
        page.as_os_str(),
        expected_file.as_os_str(),
        shot.as_os_str(),
    ]);
    eprintln!("e2e seed: {report} ({:?})", started.elapsed());
    let report: serde_json::Value = serde_json::from_str(report.trim()).expect("a JSON report");
    // Readable as it opens: the node labels are drawn at 7 px or more.
    let font = report["view"]["node_font_px"].as_f64().unwrap();
    assert!(font >= 7.0, "node labels at {font} px in the first view");
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "screenshot is a PNG");
}

#[test]
fn html_page_runs_no_hostile_payload_in_chromium() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("hostile.html");
    run_ok(
        bin()
            .args(["export", "--format", "html", "--out"])
            .arg(&page)
            .arg(root().join("tests/fixtures/hostile.jsonl"))
            .arg(html_dir().join("hostile.jsonl")),
    );
    let started = std::time::Instant::now();
    let report = e2e(&[std::ffi::OsStr::new("--hostile"), page.as_os_str()]);
    eprintln!("e2e hostile: {report} ({:?})", started.elapsed());
}

/// Claims among `n` entities: a random tree (entity `i` is reached from an earlier one)
/// and `n / 2` more claims between random pairs, of several kinds and relations, the
/// labels one to three words long. Deterministic.
fn generated_claims(dir: &std::path::Path, n: usize) -> PathBuf {
    const KINDS: [&str; 6] = [
        "protein",
        "cytokine",
        "process",
        "condition",
        "cell",
        "nutrient",
    ];
    const WORDS: [&str; 6] = [
        "alpha",
        "signalling",
        "receptor",
        "response",
        "factor",
        "kinase",
    ];
    let mut seed = 20_261_207u64;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(seed >> 33).unwrap()
    };
    let entity = |i: usize| {
        let words = (i % 3) + 1;
        let label: Vec<String> = (0..words)
            .map(|w| WORDS[(i + w) % WORDS.len()].to_string())
            .chain(std::iter::once(i.to_string()))
            .collect();
        serde_json::json!({"id": format!("claimgraph:g{i}"), "label": label.join(" "),
            "kind": KINDS[i % KINDS.len()], "mention": format!("g{i}")})
    };
    let claim = |s: usize, o: usize, k: usize| {
        let sentence = format!("Claim {k}: {s} acts on {o}.");
        serde_json::json!({
            "subject": entity(s), "relation": if k.is_multiple_of(3) { "suppresses" } else { "induces" },
            "object": entity(o), "negated": false, "hedged": k.is_multiple_of(5),
            "context": {"species": null, "population": null, "tissue": null},
            "evidence": {"document": "generated", "section": null, "sentence": sentence,
                         "start": 0, "end": sentence.len(), "citations": [k % 7 + 1], "trigger": "acts on"}
        })
    };
    let mut text = String::new();
    let mut k = 0;
    for i in 1..n {
        text.push_str(&claim(next() % i, i, k).to_string());
        text.push('\n');
        k += 1;
    }
    for _ in 0..n / 2 {
        let (a, b) = (next() % n, next() % n);
        if a != b {
            text.push_str(&claim(a, b, k).to_string());
            text.push('\n');
            k += 1;
        }
    }
    let path = dir.join("generated.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn html_page_opens_fitted_without_overlaps_and_answers_fast_at_the_picture_limit() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let n = claimgraph::export::MAX_PICTURE_NODES;
    let claims = generated_claims(dir.path(), n);
    let page = dir.path().join("large.html");
    let started = std::time::Instant::now();
    // The default limit of the picture formats draws this graph whole.
    run_ok(
        bin()
            .args(["export", "--format", "html", "--out"])
            .arg(&page)
            .arg(&claims),
    );
    let export_ms = started.elapsed().as_millis();
    let report = e2e(&[std::ffi::OsStr::new("--scale"), page.as_os_str()]);
    let r: serde_json::Value = serde_json::from_str(report.trim()).expect("a JSON report");
    eprintln!("e2e scale ({n} nodes; export {export_ms} ms): {report}");
    assert_eq!(r["nodes"].as_u64(), Some(n as u64));
    assert_eq!(r["view"]["overlaps"].as_u64(), Some(0));
    // Generous bounds for a shared two-core machine: the first view within 30 s, a
    // click answered within 3 s.
    let first = r["first_render_ms"].as_f64().unwrap();
    let click = r["click_ms"].as_f64().unwrap();
    assert!(first > 0.0 && first < 30_000.0, "first render {first} ms");
    assert!((0.0..3_000.0).contains(&click), "click response {click} ms");
}
