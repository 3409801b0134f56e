//! Part-of-speech tags for the reader's fine tokens, learned from the GENIA treebank.
//!
//! The treebank's Penn tags are folded into [`TAGS`] (plurals, tenses and persons that the
//! claim features do not need apart are merged), and each fine token takes the tag of the
//! treebank token that covers it (`IL-2` is one `NN`, so `IL`, `-` and `2` are each `NN`).
//! The tagger is a greedy left-to-right averaged perceptron.

use std::path::Path;

use super::perceptron::{Hasher, Perceptron, Trainer};
use super::tokens::{Sent, offset};
use crate::error::Result;
use crate::lexicon::Matcher;

/// The coarse tags, in model order.
pub const TAGS: [&str; 19] = [
    "NN", "NNS", "NNP", "VB", "VBD", "VBN", "VBG", "VBZ", "JJ", "RB", "IN", "DT", "CC", "TO", "WP",
    "CD", "PUNCT", "MD", "X",
];

/// The coarse tag index of a treebank tag.
pub fn coarse(cat: &str) -> u8 {
    let name = match cat {
        "NN" => "NN",
        "NNS" => "NNS",
        "NNP" | "NNPS" => "NNP",
        "VB" => "VB",
        "VBD" => "VBD",
        "VBN" => "VBN",
        "VBG" => "VBG",
        "VBZ" | "VBP" => "VBZ",
        "JJ" | "JJR" | "JJS" => "JJ",
        "RB" | "RBR" | "RBS" | "RP" => "RB",
        "IN" => "IN",
        "DT" | "PDT" => "DT",
        "CC" => "CC",
        "TO" => "TO",
        "WDT" | "WP" | "WPP" | "WRB" | "PRP" | "PRPP" | "EX" => "WP",
        "CD" => "CD",
        "MD" => "MD",
        "PERIOD" | "COMMA" | "COLON" | "LRB" | "RRB" | "LQT" | "RQT" | "POS" => "PUNCT",
        _ => "X",
    };
    TAGS.iter()
        .position(|t| *t == name)
        .unwrap_or(TAGS.len() - 1) as u8
}

/// One parsed sentence of the treebank: its text and, per fine token, the coarse tag.
#[derive(Debug, Clone)]
pub struct Tagged {
    /// The sentence, tokenised.
    pub sent: Sent,
    /// The gold coarse tag of each token.
    pub tags: Vec<u8>,
}

/// One treebank abstract.
#[derive(Debug, Clone)]
pub struct TreebankAbstract {
    /// Its PubMed id.
    pub pmid: String,
    /// Its sentences.
    pub sentences: Vec<Tagged>,
}

fn walk(node: roxmltree::Node, text: &mut String, toks: &mut Vec<(usize, usize, u8)>) {
    for child in node.children() {
        if child.is_text() {
            text.push_str(child.text().unwrap_or(""));
        } else if child.is_element() {
            let start = text.len();
            walk(child, text, toks);
            if child.tag_name().name() == "tok" {
                toks.push((
                    start,
                    text.len(),
                    coarse(child.attribute("cat").unwrap_or("")),
                ));
            }
        }
    }
}

/// Read one treebank abstract's XML.
pub fn parse(xml: &str, path: &Path, matcher: &Matcher) -> Result<TreebankAbstract> {
    let (doc, pmid) = super::genia::parse_xml(xml, path, "GENIA treebank XML")?;
    let mut sentences = Vec::new();
    for node in doc.descendants().filter(|n| n.has_tag_name("sentence")) {
        let mut text = String::new();
        let mut toks = Vec::new();
        walk(node, &mut text, &mut toks);
        let sent = Sent::new(&text, 0, text.len(), matcher);
        let tags = sent
            .spans
            .iter()
            .map(|&(a, b)| {
                if !text
                    .get(a..b)
                    .unwrap_or("")
                    .chars()
                    .any(char::is_alphanumeric)
                {
                    return coarse("PERIOD");
                }
                toks.iter()
                    .find(|&&(s, e, _)| s <= a && b <= e)
                    .map_or(coarse("X"), |t| t.2)
            })
            .collect();
        sentences.push(Tagged { sent, tags });
    }
    Ok(TreebankAbstract { pmid, sentences })
}

/// The features of token `i` given the previous two tags, appended to `out` (cleared
/// first).
fn features(s: &Sent, i: usize, prev: u8, prev2: u8, out: &mut Vec<u64>) {
    out.clear();
    let n = s.len();
    let at = |d: isize| offset(i, d, n);
    let w = s.low(Some(i));
    let t = Hasher::template;
    out.push(t(0).finish());
    out.push(t(1).str(w).finish());
    out.push(t(2).str(s.shape(Some(i))).finish());
    let chars: Vec<char> = w.chars().collect();
    for k in 1..=4usize {
        if let Some(from) = chars.len().checked_sub(k) {
            let suf: String = chars.get(from..).unwrap_or(&[]).iter().collect();
            out.push(t(3).byte(k as u8).str(&suf).finish());
        }
    }
    let pre: String = chars.iter().take(3).collect();
    out.push(t(4).str(&pre).finish());
    out.push(t(5).str(s.low(at(-1))).finish());
    out.push(t(6).str(s.low(at(1))).finish());
    out.push(t(7).str(s.low(at(-2))).finish());
    out.push(t(8).str(s.low(at(2))).finish());
    out.push(t(9).str(s.shape(at(-1))).str(s.shape(at(1))).finish());
    let glued = |j: Option<usize>| {
        j.and_then(|j| s.space_before.get(j))
            .is_some_and(|space| !space)
    };
    out.push(
        t(10)
            .byte(u8::from(glued(Some(i))))
            .byte(u8::from(glued(at(1))))
            .finish(),
    );
    out.push(t(11).byte(prev).finish());
    out.push(t(12).byte(prev).byte(prev2).finish());
    out.push(t(13).byte(prev).str(w).finish());
    out.push(t(14).str(w).str(s.low(at(1))).finish());
}

/// Tag a sentence.
pub fn tag(model: &Perceptron, s: &Sent) -> Vec<u8> {
    let mut tags = Vec::with_capacity(s.len());
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    let (mut prev, mut prev2) = (255u8, 255u8);
    for i in 0..s.len() {
        features(s, i, prev, prev2, &mut feats);
        model.scores(&feats, &mut scores);
        let t = Perceptron::best(&scores).0 as u8;
        tags.push(t);
        prev2 = prev;
        prev = t;
    }
    tags
}

/// Train a tagger on treebank sentences (in the order given, shuffled per pass).
pub fn train(sentences: &[&Tagged], epochs: usize, bits: u32, seed: u64) -> Perceptron {
    let mut trainer = Trainer::new(TAGS.len(), bits);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    for epoch in 0..epochs {
        super::perceptron::shuffle(&mut order, seed.wrapping_add(4000 + epoch as u64));
        for &k in &order {
            let Some(ex) = sentences.get(k) else { continue };
            let (mut prev, mut prev2) = (255u8, 255u8);
            for (i, &g) in ex.tags.iter().enumerate().take(ex.sent.len()) {
                features(&ex.sent, i, prev, prev2, &mut feats);
                trainer.current().scores(&feats, &mut scores);
                let p = Perceptron::best(&scores).0;
                trainer.update(&feats, usize::from(g), p);
                prev2 = prev;
                prev = p as u8;
            }
        }
    }
    trainer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn penn_tags_fold_into_coarse_ones() {
        let name = |c: &str| TAGS[usize::from(coarse(c))];
        assert_eq!(name("NNPS"), "NNP");
        assert_eq!(name("VBP"), "VBZ");
        assert_eq!(name("PERIOD"), "PUNCT");
        assert_eq!(name("LRB"), "PUNCT");
        assert_eq!(name("COMMA"), "PUNCT");
        assert_eq!(name("WDT"), "WP");
        assert_eq!(name("FW"), "X");
    }
}
