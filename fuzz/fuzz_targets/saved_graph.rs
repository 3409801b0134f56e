//! Arbitrary bytes → `KnowledgeGraph::load`; a graph that loads must save, load again
//! with the same counts, and save to the same bytes (saving is canonical).
#![no_main]

use std::path::Path;

use claimgraph::kg::KnowledgeGraph;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.cg");
    let Ok(g) = KnowledgeGraph::load(data, path) else {
        return;
    };
    let mut first = Vec::new();
    g.save(&mut first).expect("saving to memory cannot fail");
    let g2 = match KnowledgeGraph::load(&first[..], path) {
        Ok(g2) => g2,
        Err(e) => panic!("a saved graph does not load again: {e}"),
    };
    let mut second = Vec::new();
    g2.save(&mut second).expect("saving to memory cannot fail");
    assert!(first == second, "the second save differs from the first");
    assert_eq!(g.canonicalize().node_count(), g2.node_count(), "node count changed on reload");
    assert_eq!(g.canonicalize().claim_count(), g2.claim_count(), "claim count changed on reload");
});
