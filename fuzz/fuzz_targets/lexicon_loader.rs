//! Arbitrary bytes → (if UTF-8) `Lexicon::add_tsv` and `Vocabulary::parse`: Ok or Err,
//! never a panic. A lexicon that loads must also build its matcher and match its own text.
#![no_main]

use std::path::Path;

use claimgraph::lexicon::Lexicon;
use claimgraph::vocab::Vocabulary;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut lexicon = Lexicon::default();
    if lexicon.add_tsv(text, Path::new("fuzz.tsv")).is_ok() {
        let matcher = lexicon.matcher();
        for m in matcher.find(text) {
            std::hint::black_box(m);
        }
    }
    let _ = Vocabulary::parse(text, Path::new("fuzz.toml"));
});
