//! The command line: commands, formats, exit codes, determinism, bundled exports.

use super::{bin, root, run_ok, seed, write};

fn seed_claims() -> Vec<serde_json::Value> {
    let out = run_ok(bin().arg("extract").arg(seed()));
    out.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn extract_writes_claims_in_the_design_format() {
    let claims = seed_claims();
    assert!(claims.len() >= 10, "{} claims", claims.len());
    for c in &claims {
        for key in [
            "subject", "relation", "object", "negated", "hedged", "context", "evidence",
        ] {
            assert!(c.get(key).is_some(), "missing {key}: {c}");
        }
        let e = &c["evidence"];
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        let text = std::fs::read_to_string(seed()).unwrap();
        assert_eq!(&text[s..t], e["sentence"].as_str().unwrap());
    }
    // A negated claim, a hedged one and a combination are among them.
    assert!(claims.iter().any(|c| c["negated"] == true));
    assert!(claims.iter().any(|c| c["hedged"] == true));
    assert!(claims.iter().any(|c| {
        c["subject"]["kind"] == "combination"
            && c["subject"]["members"]
                .as_array()
                .is_some_and(|m| m.len() >= 2)
    }));
    // Claims of a cited paragraph carry its sources; the conclusion cites none.
    let transporters = claims
        .iter()
        .find(|c| {
            c["object"]["label"]
                .as_str()
                .is_some_and(|l| l.contains("zinc transporter"))
        })
        .expect("vitamin D induces zinc transporters");
    assert_eq!(
        transporters["evidence"]["citations"],
        serde_json::json!([1, 4])
    );
    assert_eq!(transporters["relation"], "induces");
    assert_eq!(transporters["hedged"], true);
}

#[test]
fn extract_tsv_has_a_header_and_builds_back() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = run_ok(bin().args(["extract", "--format", "tsv"]).arg(seed()));
    assert!(tsv.starts_with("subject\trelation\tobject\t"));
    let p = write(dir.path(), "claims.tsv", &tsv);
    let out = run_ok(
        bin()
            .args(["build", "--format", "json", "-o"])
            .arg(dir.path().join("g.cg"))
            .arg(&p),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["claims"].as_u64().unwrap() >= 10);
}

#[test]
fn extract_streams_json_lines_from_stdin() {
    use std::io::Write;
    let mut child = bin()
        .arg("extract")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let input = "{\"id\": \"a\", \"text\": \"Title\\nSelenium lowers IL-6.\"}\n{\"id\": \"b\", \"text\": \"Title\\nVitamin C enhances iron absorption.\"}\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let docs: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["evidence"]["document"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(docs, vec!["a", "b"]);
}

#[test]
fn paths_zinc_to_il17_is_inhibitory_with_evidence() {
    let out = run_ok(bin().args(["paths", "zinc", "IL-17", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["from"]["id"], "CHEBI:27363");
    let paths = v["paths"].as_array().unwrap();
    assert!(!paths.is_empty());
    let p = &paths[0];
    assert_eq!(p["sign"], "-");
    let hops = p["hops"].as_array().unwrap();
    let last = hops.last().unwrap();
    assert_eq!(last["to"]["label"], "IL-17");
    assert!(!last["evidence"].as_array().unwrap().is_empty());
    assert!(
        last["evidence"][0]["sentence"]
            .as_str()
            .unwrap()
            .contains("IL-17")
    );
    // text output names the sign
    let text = run_ok(bin().args(["paths", "Zn", "il-17"]));
    assert!(text.contains("net effect - (inhibition)"), "{text}");
}

#[test]
fn unknown_names_get_suggestions_and_exit_1() {
    let out = bin().args(["paths", "zink", "IL-17"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("zink") && err.contains("zinc"), "{err}");
}

#[test]
fn a_combination_is_found_by_its_id_in_either_form() {
    // The bundled graph's zinc + vitamin D3: its id now, and as claims files before
    // format 4 wrote it (members' colons as they are, in either order).
    let v: serde_json::Value = serde_json::from_str(&run_ok(bin().args([
        "neighbors",
        "zinc + vitamin D3",
        "--format",
        "json",
    ])))
    .unwrap();
    let id = v["center"]["id"].as_str().unwrap().to_string();
    let members = claimgraph::claim::combination_members(&id).unwrap();
    assert_eq!(members.len(), 2);
    let legacy = format!("combination:{}", members.join("+"));
    let reversed = format!("combination:{}+{}", members[1], members[0]);
    for name in [id.as_str(), legacy.as_str(), reversed.as_str()] {
        let out = run_ok(bin().args(["paths", name, "regulatory T cell", "--format", "json"]));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["from"]["id"], id.as_str(), "{name}");
        assert!(!v["paths"].as_array().unwrap().is_empty(), "{name}");
    }
}

#[test]
fn no_path_is_success_with_empty_paths() {
    let out = run_ok(bin().args(["paths", "IL-17", "zinc", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["paths"].as_array().unwrap().len(), 0);
}

#[test]
fn bad_inputs_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = write(dir.path(), "bad.tsv", "zinc\tsuppresses\tIL-17\n");
    let out = bin()
        .args(["build", "-o"])
        .arg(dir.path().join("g.cg"))
        .arg(&tsv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.tsv:1:1") && err.contains("header"),
        "{err}"
    );
    assert!(!dir.path().join("g.cg").exists(), "no output on failure");

    let jsonl = write(
        dir.path(),
        "bad.jsonl",
        "{\"subject\": {\"id\": \"A:1\", \"label\": \"a\", \"kind\": \"gene\"}, \"relation\": \"teleports\", \"object\": {\"id\": \"B:1\", \"label\": \"b\", \"kind\": \"gene\"}}\n",
    );
    let out = bin().args(["stats"]).arg(&jsonl).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.jsonl:1:1") && err.contains("teleports") && err.contains("induces"),
        "{err}"
    );

    let graph = write(dir.path(), "future.cg", "CLAIMGRAPH\nversion 99\n{}\n");
    let out = bin()
        .args(["stats", "--graph"])
        .arg(&graph)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer"));

    let out = bin().args(["export", "--format", "gif"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn build_is_order_and_grouping_independent() {
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<String> = run_ok(bin().arg("extract").arg(seed()))
        .lines()
        .map(String::from)
        .collect();
    let forward = write(dir.path(), "forward.jsonl", &(lines.join("\n") + "\n"));
    let mut rev = lines.clone();
    rev.reverse();
    let (a, b) = rev.split_at(rev.len() / 3);
    let part_a = write(dir.path(), "a.jsonl", &(a.join("\n") + "\n"));
    let part_b = write(dir.path(), "b.jsonl", &(b.join("\n") + "\n"));
    let g1 = dir.path().join("one.cg");
    run_ok(bin().args(["build", "-o"]).arg(&g1).arg(&forward));
    let ga = dir.path().join("a.cg");
    let gb = dir.path().join("b.cg");
    run_ok(bin().args(["build", "-o"]).arg(&ga).arg(&part_a));
    run_ok(bin().args(["build", "-o"]).arg(&gb).arg(&part_b));
    let g2 = dir.path().join("two.cg");
    run_ok(bin().args(["build", "-o"]).arg(&g2).arg(&gb).arg(&ga));
    assert_eq!(std::fs::read(&g1).unwrap(), std::fs::read(&g2).unwrap());
    // and the same graph as building from the document
    let g3 = dir.path().join("doc.cg");
    run_ok(bin().args(["build", "-o"]).arg(&g3).arg(seed()));
    assert_eq!(std::fs::read(&g1).unwrap(), std::fs::read(&g3).unwrap());
    // a saved graph answers queries
    let out = run_ok(
        bin()
            .args(["paths", "zinc", "IL-17", "--format", "json", "--graph"])
            .arg(&g3),
    );
    assert!(out.contains("\"sign\":\"-\""));
}

#[test]
fn exports_are_up_to_date() {
    // exports/ is regenerated by `cargo run --release -- export ...` as the README says.
    for (format, file) in [
        ("dot", "zinc-vitamin-d.dot"),
        ("jsonld", "zinc-vitamin-d.jsonld"),
    ] {
        let fresh = run_ok(bin().args(["export", "--format", format]));
        let committed =
            std::fs::read_to_string(root().join("exports").join(file)).unwrap_or_default();
        assert!(
            fresh == committed,
            "exports/{file} is stale: run `bash .ci/regenerate-exports` and commit the result"
        );
    }
}

#[test]
fn check_reports_domain_and_range_violations() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = write(
        dir.path(),
        "curated.tsv",
        "subject\trelation\tobject\tnegated\nvitamin D\tenhances-absorption\tIL-6\tfalse\nzinc\tsuppresses\tIL-6\tfalse\nzinc\tsuppresses\tIL-6\ttrue\n",
    );
    let out = bin().arg("check").arg(&tsv).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("enhances-absorption IL-6 (cytokine): object kind not allowed"),
        "{text}"
    );
    assert!(text.contains("contradictions"), "{text}");
    let json = bin()
        .args(["check", "--format", "json"])
        .arg(&tsv)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(
        v["groups"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["severity"] == "error")
    );
    // The bundled data is clean.
    let out = bin().arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn keep_going_reports_every_bad_file_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-bad.tsv", "no header here\n");
    write(
        dir.path(),
        "b-good.jsonl",
        &run_ok(bin().arg("extract").arg(seed())),
    );
    write(dir.path(), "c-bad.jsonl", "{not json\n");
    let g = dir.path().join("out.cg");
    // Default: the first bad file stops the run, no output.
    let out = bin()
        .args(["build", "-o"])
        .arg(&g)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!g.exists());
    // --keep-going: both bad files reported, the good one built, exit 1.
    let out = bin()
        .args(["build", "--keep-going", "-o"])
        .arg(&g)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a-bad.tsv")
            && err.contains("c-bad.jsonl")
            && err.contains("2 of 3 inputs failed"),
        "{err}"
    );
    assert!(g.exists());
}

/// An unknown name suggests close names with their kinds, and nothing when nothing is
/// close.
#[test]
fn unknown_names_suggest_only_close_names() {
    let out = bin().args(["paths", "zinx", "IL-17"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean zinc (nutrient)?"), "{err}");
    let out = bin().args(["paths", "copper", "IL-17"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no entity named `copper`") && !err.contains("did you mean"),
        "{err}"
    );
}

#[test]
fn reader_option_chooses_the_readers() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write(
        dir.path(),
        "abstract.txt",
        "Interleukin-2 induces the expression of c-fos in human T cells. \
         Dexamethasone inhibits NF-kappa B activation in monocytes.\n",
    );
    let claims = |reader: &str| -> Vec<serde_json::Value> {
        run_ok(bin().args(["extract", "--reader", reader]).arg(&doc))
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON"))
            .collect()
    };
    let key = |c: &serde_json::Value| {
        (
            c["subject"]["id"].to_string(),
            c["relation"].to_string(),
            c["object"]["id"].to_string(),
        )
    };
    // The rules' claims carry no model score, the learned reader's all do.
    let rules = claims("rules");
    let learned = claims("learned");
    assert!(!rules.is_empty() && !learned.is_empty());
    assert!(rules.iter().all(|c| c["evidence"]["score"].is_null()));
    assert!(learned.iter().all(|c| c["evidence"]["score"].is_f64()));
    // Both (the default) keeps every rule claim.
    let both = claims("both");
    let default: Vec<serde_json::Value> = run_ok(bin().arg("extract").arg(&doc))
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(both, default);
    assert!(rules.iter().all(|r| both.iter().any(|b| key(b) == key(r))));
    // An unknown reader is a usage error.
    let out = bin()
        .args(["extract", "--reader", "neural"])
        .arg(&doc)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("rules"));
}
