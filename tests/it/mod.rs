//! Shared helpers for the integration tests.

mod cli;
mod engine;
mod exports;
mod extract;
mod hierarchy;
mod html;
mod import_claims;
mod import_docs;
mod interop;
mod paths;
mod picture;
mod robust;
mod roundtrip;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The claimgraph binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimgraph"))
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled seed summary.
pub fn seed() -> PathBuf {
    root().join("graph/corpus/zinc-vitamin-d.txt")
}

/// Whether we run in CI, where a missing external tool is a failure, not a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Skips (returns false) with a printed reason when `what` is missing locally; panics in CI.
pub fn require(available: bool, what: &str) -> bool {
    if !available {
        assert!(!in_ci(), "{what} is required in CI but missing");
        eprintln!("SKIPPED: {what} is not installed (run `bash .ci/setup`)");
    }
    available
}

/// Whether a program runs.
pub fn has_program(name: &str, arg: &str) -> bool {
    Command::new(name)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The Python with the interop packages: $CLAIMGRAPH_PYTHON, else .venv/bin/python.
pub fn python() -> Option<PathBuf> {
    let candidate = std::env::var_os("CLAIMGRAPH_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".venv/bin/python"));
    let ok = Command::new(&candidate)
        .args(["-c", "import pyld, pyoxigraph, rdflib"])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(candidate)
}

/// Runs a command and returns stdout, asserting success.
pub fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().expect("command runs");
    assert!(
        out.status.success(),
        "command failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Writes a file in a temporary directory and returns its path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write fixture");
    p
}

/// An id as the KGX exports write it: the local part percent-encoded (UTF-8) where a
/// CURIE cannot hold a character (letters, digits, `-._~+` and `%XX` escapes stay).
pub fn kgx_id(s: &str) -> String {
    let Some((prefix, local)) = s.split_once(':') else {
        return s.to_string();
    };
    let b = local.as_bytes();
    let mut out = format!("{prefix}:");
    for (i, &c) in b.iter().enumerate() {
        let escape = c == b'%'
            && b.len() > i + 2
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit();
        if c.is_ascii_alphanumeric() || b"-._~+".contains(&c) || escape {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}
