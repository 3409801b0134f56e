//! Arbitrary bytes → `claim::read_jsonl` and `claim::read_tsv`: Ok or Err, never a panic.
//! The claims read (as `build` would) must make a graph that saves and loads back.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use claimgraph::claim::{Claim, read_jsonl, read_tsv};
use claimgraph::kg::KnowledgeGraph;
use claimgraph::lexicon::Lexicon;
use claimgraph::vocab::Vocabulary;
use libfuzzer_sys::fuzz_target;

static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
static LEXICON: OnceLock<Lexicon> = OnceLock::new();

fn round_trip(claims: &[Claim]) {
    if claims.is_empty() {
        return;
    }
    let g = KnowledgeGraph::from_claims(claims);
    let mut saved = Vec::new();
    g.save(&mut saved).expect("saving to memory cannot fail");
    let back = match KnowledgeGraph::load(&saved[..], Path::new("fuzz.cg")) {
        Ok(back) => back,
        Err(e) => panic!("a graph built from claims does not load back: {e}"),
    };
    assert_eq!(g.node_count(), back.node_count(), "node count changed on reload");
    assert_eq!(g.claim_count(), back.claim_count(), "claim count changed on reload");
}

fuzz_target!(|data: &[u8]| {
    let vocab = VOCAB.get_or_init(Vocabulary::bundled);
    let lexicon = LEXICON.get_or_init(Lexicon::bundled);
    let path = Path::new("fuzz.claims");
    let mut claims = Vec::new();
    let _ = read_jsonl(data, path, vocab, |c| {
        claims.push(c);
        Ok(())
    });
    round_trip(&claims);
    claims.clear();
    let _ = read_tsv(data, path, vocab, lexicon, |c| {
        claims.push(c);
        Ok(())
    });
    round_trip(&claims);
});
