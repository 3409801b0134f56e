//! Arbitrary bytes → `KnowledgeGraph::load`; a graph that loads must save, load again
//! with the same counts, and save to the same bytes (saving is canonical).
#![no_main]

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use claimgraph::kg::KnowledgeGraph;
use libfuzzer_sys::fuzz_target;

/// With `FUZZ_SKIP_KNOWN=1` in the environment, inputs that only reproduce a bug already
/// reported (fuzz/README.md) are skipped, so a long run can look for new ones.
fn skip_known(g: &KnowledgeGraph) -> bool {
    static SKIP: OnceLock<bool> = OnceLock::new();
    if !*SKIP.get_or_init(|| std::env::var_os("FUZZ_SKIP_KNOWN").is_some_and(|v| v == "1")) {
        return false;
    }
    // Known bug 2: format 1 (JSON) loads the same claim (source, relation, target,
    // negated) twice; the binary format 2 that `save` writes then refuses it.
    let keys: Vec<_> = g
        .claims_sorted()
        .into_iter()
        .map(|(s, o, c)| (g.node(s).id.clone(), c.relation.clone(), g.node(o).id.clone(), c.negated))
        .collect();
    keys.len() != keys.iter().collect::<BTreeSet<_>>().len()
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.cg");
    let Ok(g) = KnowledgeGraph::load(data, path) else {
        return;
    };
    if skip_known(&g) {
        return;
    }
    let mut first = Vec::new();
    g.save(&mut first).expect("saving to memory cannot fail");
    let g2 = match KnowledgeGraph::load(&first[..], path) {
        Ok(g2) => g2,
        Err(e) => panic!("a saved graph does not load again: {e}"),
    };
    let mut second = Vec::new();
    g2.save(&mut second).expect("saving to memory cannot fail");
    assert!(first == second, "the second save differs from the first");
    let g = g.canonicalize();
    assert_eq!(g.node_count(), g2.node_count(), "node count changed on reload");
    assert_eq!(g.claim_count(), g2.claim_count(), "claim count changed on reload");
});
