//! Arbitrary bytes → (if UTF-8) `Document::parse` → `Extractor::extract`.
//! Every claim's evidence span must be a char-boundary slice of the text that equals
//! the evidence sentence.
#![no_main]

use std::sync::OnceLock;

use claimgraph::document::Document;
use claimgraph::extract::Extractor;
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ex = EXTRACTOR.get_or_init(Extractor::bundled);
    let doc = Document::parse("f", text);
    assert_eq!(doc.text, text, "Document::parse changed the text");
    for s in &doc.sentences {
        // Sentence spans must be valid slices too (sentence_text would panic otherwise).
        let _ = doc.sentence_text(s);
    }
    let claims = ex.extract(&doc);
    for c in &claims {
        let ev = &c.evidence;
        let (Some(start), Some(end)) = (ev.start, ev.end) else {
            panic!("claim without an evidence span: {c:?}");
        };
        assert!(start <= end, "evidence span {start}..{end} is reversed");
        assert!(end <= text.len(), "evidence span {start}..{end} past the text ({})", text.len());
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "evidence span {start}..{end} not on char boundaries"
        );
        assert_eq!(&text[start..end], &*ev.sentence, "evidence sentence differs from its span");
    }
});
