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
