//! The entity hierarchy (the lexicon's `parents`: vitamin D3 `is-a` vitamin D) through
//! the command line: paths that walk it, the sibling rule, `--no-hierarchy`, saved
//! graphs, every export; and one count of claims, membership and hierarchy links across
//! `stats`, `neighbors`, the exports' summaries and the page.

use std::path::Path;

use claimgraph::extract::Extractor;
use claimgraph::kg::KnowledgeGraph;
use claimgraph::source;
use serde_json::{Value, json};

use super::{bin, run_ok, write};

/// The relations of each path of a `paths --format json` answer.
fn relations(answer: &Value) -> Vec<Vec<String>> {
    answer["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["hops"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["relation"].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

fn paths_json(args: &[&str]) -> Value {
    let out = run_ok(bin().arg("paths").args(args).args(["--format", "json"]));
    serde_json::from_str(&out).unwrap()
}

#[test]
fn vitamin_d_reaches_regulatory_t_cells_through_its_form_d3() {
    let answer = paths_json(&["vitamin D", "regulatory T cell"]);
    // The path a scientist expects comes first: one claim, reached through vitamin D3 as
    // a form of vitamin D, before the path through two claims (absorption of zinc).
    let through_d3 = &answer["paths"][0];
    let hops = through_d3["hops"].as_array().unwrap();
    let steps: Vec<(&str, &str, &str)> = hops
        .iter()
        .map(|h| {
            (
                h["from"]["label"].as_str().unwrap(),
                h["relation"].as_str().unwrap(),
                h["to"]["label"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("vitamin D", "has-form", "vitamin D3"),
            ("vitamin D3", "member-of", "zinc + vitamin D3"),
            ("zinc + vitamin D3", "increases", "regulatory T cell"),
        ]
    );
    assert_eq!(through_d3["sign"], "+");
    // A hierarchy hop is no claim: no confidence, no evidence.
    assert!(hops[0].get("confidence").is_none(), "{}", hops[0]);
    assert_eq!(hops[0]["evidence"], json!([]));
    // The most confident path goes through the certain hierarchy link, not the
    // absorption claim of confidence 0.6.
    let weighted = paths_json(&["vitamin D", "regulatory T cell", "--weighted"]);
    assert_eq!(relations(&weighted)[0][0], "has-form");

    // --no-hierarchy: no hop of the hierarchy, and the path through vitamin D3 is gone.
    let without = paths_json(&["vitamin D", "regulatory T cell", "--no-hierarchy"]);
    let rels = relations(&without);
    assert!(!rels.is_empty());
    for r in &rels {
        assert!(!r.iter().any(|x| x == "is-a" || x == "has-form"), "{r:?}");
    }
    assert!(relations(&answer).len() > rels.len());

    // Up the hierarchy: vitamin D3 reaches what vitamin D's claims reach.
    let up = paths_json(&["vitamin D3", "zinc homeostasis"]);
    assert_eq!(relations(&up)[0], ["is-a", "regulates"]);
    let text = run_ok(bin().args(["paths", "vitamin D3", "zinc homeostasis"]));
    assert!(text.contains("vitamin D3 --is-a--> vitamin D"), "{text}");
}

/// Claims about vitamin D2, vitamin D3 and vitamin D (CHEBI ids of the bundled
/// lexicon, whose `parents` make D2 and D3 forms of vitamin D).
fn siblings(dir: &Path) -> std::path::PathBuf {
    let claim = |s: (&str, &str), r: &str, o: (&str, &str)| {
        json!({
            "subject": {"id": s.0, "label": s.1, "kind": "nutrient"},
            "relation": r,
            "object": {"id": o.0, "label": o.1, "kind": "process"},
            "evidence": {"document": "d", "sentence": format!("{} {r} {}.", s.1, o.1)},
        })
        .to_string()
    };
    let lines = [
        claim(
            ("CHEBI:28934", "vitamin D2"),
            "increases",
            ("GO:0055074", "calcium homeostasis"),
        ),
        claim(
            ("CHEBI:28940", "vitamin D3"),
            "increases",
            ("GO:0030282", "bone mineralization"),
        ),
        claim(
            ("CHEBI:27300", "vitamin D"),
            "regulates",
            ("GO:0006882", "zinc homeostasis"),
        ),
    ];
    write(dir, "siblings.jsonl", &(lines.join("\n") + "\n"))
}

#[test]
fn no_path_goes_up_and_down_to_a_sibling() {
    let dir = tempfile::tempdir().unwrap();
    let claims = siblings(dir.path());
    let claims = claims.to_str().unwrap();
    // D2 and D3 are both forms of vitamin D, and linked to it.
    let hood = run_ok(bin().args(["neighbors", "vitamin D", claims]));
    assert!(hood.contains("vitamin D2 --is-a--> vitamin D"), "{hood}");
    assert!(hood.contains("vitamin D3 --is-a--> vitamin D"), "{hood}");
    // Up from D2 to vitamin D and its claims: yes.
    let up = paths_json(&["vitamin D2", "zinc homeostasis", claims]);
    assert_eq!(relations(&up), [["is-a", "regulates"]]);
    // Down from vitamin D to each form and its claims: yes.
    let down = paths_json(&["vitamin D", "bone mineralization", claims]);
    assert_eq!(relations(&down), [["has-form", "increases"]]);
    // Up and then down to a sibling: never, whatever the search.
    for extra in [
        &[][..],
        &["--k", "5"],
        &["--max-hops", "6"],
        &["--weighted"],
    ] {
        let mut args = vec!["vitamin D2", "bone mineralization", claims];
        args.extend_from_slice(extra);
        assert_eq!(paths_json(&args)["paths"], json!([]), "{extra:?}");
        let mut args = vec!["vitamin D2", "vitamin D3", claims];
        args.extend_from_slice(extra);
        assert_eq!(paths_json(&args)["paths"], json!([]), "{extra:?}");
    }
    // Without the hierarchy, nothing links the forms to vitamin D.
    let none = paths_json(&["vitamin D2", "zinc homeostasis", claims, "--no-hierarchy"]);
    assert_eq!(none["paths"], json!([]));
}

#[test]
fn saved_graphs_keep_the_hierarchy_and_older_files_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let claims = siblings(dir.path());
    let saved = dir.path().join("g.cg");
    run_ok(bin().arg("build").arg(&claims).arg("-o").arg(&saved));
    let g = KnowledgeGraph::load_file(&saved).unwrap();
    let links: Vec<(String, String)> = g
        .hierarchy_sorted()
        .into_iter()
        .map(|(c, p)| (g.node(c).id.clone(), g.node(p).id.clone()))
        .collect();
    assert_eq!(
        links,
        [
            ("CHEBI:28934".to_string(), "CHEBI:27300".to_string()),
            ("CHEBI:28940".to_string(), "CHEBI:27300".to_string()),
        ]
    );
    // Saving the loaded graph gives the same bytes; the hierarchy is in a section.
    let mut again = Vec::new();
    g.save(&mut again).unwrap();
    assert_eq!(again, std::fs::read(&saved).unwrap());
    // Paths over the saved graph walk it as over the claims.
    let saved_str = saved.to_str().unwrap();
    let down = paths_json(&["vitamin D", "bone mineralization", saved_str]);
    assert_eq!(relations(&down), [["has-form", "increases"]]);
    let none = paths_json(&["vitamin D2", "vitamin D3", saved_str]);
    assert_eq!(none["paths"], json!([]));

    // A graph with no hierarchy link saves as before: no section at all (the last byte
    // is the zero count of sections), so older builds read it.
    let plain = write(
        dir.path(),
        "plain.jsonl",
        &(json!({
            "subject": {"id": "X:1", "label": "x", "kind": "protein"},
            "relation": "induces",
            "object": {"id": "X:2", "label": "y", "kind": "protein"},
            "evidence": {"document": "d", "sentence": "x induces y."},
        })
        .to_string()
            + "\n"),
    );
    let plain_cg = dir.path().join("plain.cg");
    run_ok(bin().arg("build").arg(&plain).arg("-o").arg(&plain_cg));
    assert_eq!(std::fs::read(&plain_cg).unwrap().last(), Some(&0));

    // A version 4 file written before the hierarchy (no section) of the same claims
    // gains the links when read as an input, alone or with others.
    let claims_graph = {
        let inputs = source::resolve(std::slice::from_ref(&claims)).unwrap();
        let mut unlinked = KnowledgeGraph::new();
        for c in source::load_graph(&inputs, &Extractor::bundled())
            .unwrap()
            .to_claims()
        {
            unlinked.add_claim(&c);
        }
        unlinked.canonicalize()
    };
    assert!(claims_graph.hierarchy_sorted().is_empty());
    let before = dir.path().join("before.cg");
    claims_graph.save_file(&before).unwrap();
    for inputs in [vec![before.clone()], vec![before.clone(), plain.clone()]] {
        let resolved = source::resolve(&inputs).unwrap();
        let g = source::load_graph(&resolved, &Extractor::bundled()).unwrap();
        assert_eq!(g.hierarchy_sorted().len(), 2, "{inputs:?}");
        assert!(g.claim_count() >= 3);
    }
    let out = run_ok(bin().args(["stats"]).arg(&before));
    assert!(out.contains("2 hierarchy links"), "{out}");

    // A version 2 file (before the hierarchy) loads, and gains the hierarchy of the
    // current lexicon when read as an input.
    let v2 = super::root().join("tests/fixtures/zinc-vitamin-d.v2.cg");
    let old = KnowledgeGraph::load_file(&v2).unwrap();
    assert!(old.hierarchy_sorted().is_empty());
    let inputs = source::resolve(&[v2]).unwrap();
    let linked = source::load_graph(&inputs, &Extractor::bundled()).unwrap();
    assert_eq!(linked.claim_count(), old.claim_count());
    assert_eq!(
        linked.hierarchy_sorted().len(),
        1,
        "vitamin D3 is-a vitamin D"
    );
}

/// Every export of the bundled graph carries its hierarchy link, vitamin D3 to vitamin
/// D, in the format's own way (the consumers of `exports.rs` check that they read it).
#[test]
fn every_export_carries_the_hierarchy() {
    let export = |format: &str| run_ok(bin().args(["export", "--format", format]));
    let dot = export("dot");
    assert!(
        dot.contains("\"CHEBI:28940\" -> \"CHEBI:27300\" [label=\"is-a\" arrowhead=\"empty\""),
        "{dot}"
    );
    assert!(dot.contains("style=\"bold\""));
    let jsonld: Value = serde_json::from_str(&export("jsonld")).unwrap();
    assert_eq!(
        jsonld["@context"]["subClassOf"]["@id"],
        json!("rdfs:subClassOf")
    );
    let d3 = jsonld["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["@id"] == "CHEBI:28940")
        .unwrap();
    assert_eq!(d3["subClassOf"], json!(["CHEBI:27300"]));
    let nt = export("nt");
    assert!(
        nt.contains(
            "<http://purl.obolibrary.org/obo/CHEBI_28940> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <http://purl.obolibrary.org/obo/CHEBI_27300> ."
        ),
        "{nt}"
    );
    let graphml = export("graphml");
    assert!(graphml.contains("<data key=\"e_relation\">is-a</data>"));
    assert!(graphml.contains("<data key=\"e_predicate\">biolink:subclass_of</data>"));
    let cypher = export("cypher");
    assert!(
        cypher.contains("MERGE (a)-[r:IS_A {id: 'hierarchy:")
            && cypher.contains("r.predicate = 'biolink:subclass_of'"),
        "{cypher}"
    );
    let mermaid = export("mermaid");
    assert!(
        mermaid.contains("n_CHEBI_28940 ==>|\"is-a\"| n_CHEBI_27300"),
        "{mermaid}"
    );
    let cyjs: Value = serde_json::from_str(&export("cyjs")).unwrap();
    let edge = cyjs["elements"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["classes"] == "hierarchy")
        .expect("a hierarchy element");
    assert_eq!(edge["data"]["predicate"], "biolink:subclass_of");
    assert_eq!(
        (&edge["data"]["source"], &edge["data"]["target"]),
        (&json!("CHEBI:28940"), &json!("CHEBI:27300"))
    );
    let dir = tempfile::tempdir().unwrap();
    for (format, file, needle) in [
        ("neo4j", "relationships.csv", ",IS_A,hierarchy:"),
        ("kgx", "edges.tsv", "biolink:subclass_of"),
        (
            "kgx-jsonl",
            "edges.jsonl",
            "\"predicate\":\"biolink:subclass_of\"",
        ),
    ] {
        let out = dir.path().join(format);
        run_ok(
            bin()
                .args(["export", "--format", format, "--out"])
                .arg(&out),
        );
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        let line = text
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{format}: no hierarchy edge in\n{text}"));
        assert!(
            line.contains("CHEBI:28940") && line.contains("CHEBI:27300"),
            "{line}"
        );
    }
}

/// The three counts of the bundled graph, from `stats --format json`.
fn stats_counts() -> (u64, u64, u64, u64) {
    let stats: Value =
        serde_json::from_str(&run_ok(bin().args(["stats", "--format", "json"]))).unwrap();
    let n = |k: &str| {
        stats[k]
            .as_u64()
            .unwrap_or_else(|| panic!("stats has no {k}"))
    };
    (
        n("nodes"),
        n("claims"),
        n("membership_links"),
        n("hierarchy_links"),
    )
}

#[test]
fn the_counts_agree_across_commands_and_exports() {
    let (nodes, claims, members, hierarchy) = stats_counts();
    // The library's own count of the same graph.
    let kg = source::load_graph(&[], &Extractor::bundled()).unwrap();
    let counts = kg.edge_counts();
    assert_eq!(
        (claims, members, hierarchy),
        (
            counts.claims as u64,
            counts.memberships as u64,
            counts.hierarchy as u64
        )
    );
    assert!(claims > 0 && members > 0 && hierarchy > 0);
    let words = format!(
        "{claims} claims, {members} membership links, {hierarchy} hierarchy link{}",
        if hierarchy == 1 { "" } else { "s" }
    );
    // stats, as text.
    let text = run_ok(bin().arg("stats"));
    assert_eq!(
        text.lines().next(),
        Some(&*format!("{nodes} nodes, {words}"))
    );
    // neighbors: the bundled graph is connected, so the neighbourhood of any node deep
    // enough (negated claims included) is the whole graph, in the same words.
    let hood: Value = serde_json::from_str(&run_ok(bin().args([
        "neighbors",
        "zinc",
        "--depth",
        "50",
        "--include-negated",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(
        hood["counts"],
        json!({"claims": claims, "membership_links": members, "hierarchy_links": hierarchy})
    );
    let listed = |kind: &str| {
        hood["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["edge"] == kind)
            .count() as u64
    };
    assert_eq!(
        (listed("claim"), listed("membership"), listed("hierarchy")),
        (claims, members, hierarchy)
    );
    let hood_text = run_ok(bin().args(["neighbors", "zinc", "--depth", "50", "--include-negated"]));
    assert!(
        hood_text
            .lines()
            .next()
            .is_some_and(|l| l.ends_with(&format!(": {words} within 50 hops"))),
        "{hood_text}"
    );
    // A membership link is shown as one, not as a claim with made-up confidence.
    let zinc = run_ok(bin().args(["neighbors", "zinc"]));
    assert!(
        zinc.contains("zinc + vitamin D3 --has-member--> zinc  (membership link, not a claim)"),
        "{zinc}"
    );
    assert!(!zinc.contains("0 evidence"), "{zinc}");
    assert!(!zinc.contains("[1]"), "{zinc}");
    // The exports' summaries.
    let mermaid = run_ok(bin().args(["export", "--format", "mermaid"]));
    assert_eq!(
        mermaid.lines().next(),
        Some(&*format!("%% claimgraph: {nodes} entities, {words}"))
    );
    let cypher = run_ok(bin().args(["export", "--format", "cypher"]));
    assert!(
        cypher
            .lines()
            .next()
            .is_some_and(|l| l.starts_with(&format!("// claimgraph: {nodes} entities, {words}."))),
        "{cypher}"
    );
    // The page: its elements are classed claim, membership and hierarchy in the same
    // numbers, which its status line counts apart (`part('.claim', ...)`).
    let html = run_ok(bin().args(["export", "--format", "html"]));
    let start = html
        .find("<script type=\"application/json\" id=\"cg-data\">")
        .unwrap();
    let data = &html[start..];
    let data = &data[data.find('>').unwrap() + 1..data.find("</script>").unwrap()];
    let data: Value = serde_json::from_str(data).unwrap();
    let edges = data["elements"]["edges"].as_array().unwrap();
    let classed = |class: &str| {
        edges
            .iter()
            .filter(|e| {
                e["classes"]
                    .as_str()
                    .is_some_and(|c| c.split(' ').any(|x| x == class))
            })
            .count() as u64
    };
    assert_eq!(
        (
            classed("claim"),
            classed("membership"),
            classed("hierarchy")
        ),
        (claims, members, hierarchy)
    );
    assert_eq!(edges.len() as u64, claims + members + hierarchy);
    assert!(html.contains("part('.claim', 'claim', 'claims', true)"));
    assert!(html.contains("part('.membership', 'membership link', 'membership links')"));
    assert!(html.contains("part('.hierarchy', 'hierarchy link', 'hierarchy links')"));
}
