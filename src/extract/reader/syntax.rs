//! Part-of-speech tags for the reader's fine tokens, learned from the GENIA treebank.
//!
//! The treebank's Penn tags are folded into [`TAGS`] (plurals, tenses and persons that the
//! claim features do not need apart are merged), and each fine token takes the tag of the
//! treebank token that covers it (`IL-2` is one `NN`, so `IL`, `-` and `2` are each `NN`).
//! The tagger is a greedy left-to-right averaged perceptron.
//!
//! Base phrases come the same way: each treebank token's chunk is the constituent right
//! above it (`NP`, `VP`, `PP`, ...; [`CHUNKS`], begin or inside), and a second greedy
//! perceptron, which also reads the predicted parts of speech, learns to chunk. The
//! claim features read the chunks between a trigger and its argument as a short
//! stand-in for the parse path.

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

/// The chunk kinds; chunk tag `2k` begins a chunk of kind `k`, `2k + 1` continues it.
pub const CHUNKS: [&str; 6] = ["NP", "VP", "PP", "ADJP", "ADVP", "O"];

/// The number of chunk tags.
pub const CHUNK_TAGS: usize = 2 * CHUNKS.len();

/// The chunk kind of a constituent category.
pub fn chunk_kind(cat: &str) -> u8 {
    let name = match cat {
        "NP" | "NX" | "QP" | "WHNP" => "NP",
        "VP" => "VP",
        "PP" | "WHPP" => "PP",
        "ADJP" | "WHADJP" => "ADJP",
        "ADVP" | "WHADVP" => "ADVP",
        _ => "O",
    };
    CHUNKS
        .iter()
        .position(|c| *c == name)
        .unwrap_or(CHUNKS.len() - 1) as u8
}

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
    /// The gold chunk tag of each token.
    pub chunks: Vec<u8>,
    /// The gold dependency head of each token ([`super::deps`]; `ROOT` for the root).
    pub heads: Vec<u32>,
}

/// One treebank abstract.
#[derive(Debug, Clone)]
pub struct TreebankAbstract {
    /// Its PubMed id.
    pub pmid: String,
    /// Its sentences.
    pub sentences: Vec<Tagged>,
}

/// A treebank token: its byte span, coarse tag, and the constituent above it (its node
/// id, for telling chunks apart, and its chunk kind).
type Tok = (usize, usize, u8, usize, u8);

fn walk(node: roxmltree::Node, text: &mut String, toks: &mut Vec<Tok>) {
    for child in node.children() {
        if child.is_text() {
            text.push_str(child.text().unwrap_or(""));
        } else if child.is_element() {
            let start = text.len();
            walk(child, text, toks);
            if child.tag_name().name() == "tok" {
                let parent = node.id().get_usize();
                let kind = if node.has_tag_name("cons") {
                    chunk_kind(node.attribute("cat").unwrap_or(""))
                } else {
                    chunk_kind("")
                };
                toks.push((
                    start,
                    text.len(),
                    coarse(child.attribute("cat").unwrap_or("")),
                    parent,
                    kind,
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
                    .find(|&&(s, e, ..)| s <= a && b <= e)
                    .map_or(coarse("X"), |t| t.2)
            })
            .collect();
        // A token begins a chunk when the constituent above it differs from the previous
        // token's (punctuation outside any phrase is O).
        let mut chunks = Vec::with_capacity(sent.len());
        let mut last: Option<usize> = None;
        for &(a, b) in &sent.spans {
            let tok = toks.iter().find(|&&(s, e, ..)| s <= a && b <= e);
            let (parent, kind) = tok.map_or((usize::MAX, chunk_kind("")), |t| (t.3, t.4));
            let inside = last == Some(parent) && parent != usize::MAX;
            chunks.push(2 * kind + u8::from(inside));
            last = Some(parent);
        }
        let heads = super::deps::project(&super::deps::tree_heads(node), &sent.spans);
        sentences.push(Tagged {
            sent,
            tags,
            chunks,
            heads,
        });
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

/// The chunker's features of token `i` given the previous two chunk tags: the word, its
/// neighbours and the parts of speech around it (the sentence must be tagged).
fn chunk_features(s: &Sent, i: usize, prev: u8, prev2: u8, out: &mut Vec<u64>) {
    out.clear();
    let n = s.len();
    let at = |d: isize| offset(i, d, n);
    let w = s.low(Some(i));
    let t = Hasher::template;
    let p = s.tag(Some(i));
    out.push(t(0).finish());
    out.push(t(1).str(w).finish());
    out.push(t(2).byte(p).finish());
    out.push(t(3).byte(s.tag(at(-1))).byte(p).finish());
    out.push(t(4).byte(p).byte(s.tag(at(1))).finish());
    out.push(t(5).byte(s.tag(at(-1))).byte(p).byte(s.tag(at(1))).finish());
    out.push(
        t(6).byte(s.tag(at(-2)))
            .byte(s.tag(at(-1)))
            .byte(p)
            .finish(),
    );
    out.push(t(7).str(s.low(at(-1))).byte(p).finish());
    out.push(t(8).str(s.low(at(1))).byte(p).finish());
    out.push(t(9).byte(prev).finish());
    out.push(t(10).byte(prev).byte(prev2).finish());
    out.push(t(11).byte(prev).byte(p).finish());
    out.push(t(12).byte(prev).byte(s.tag(at(-1))).byte(p).finish());
    out.push(t(13).byte(prev).str(w).finish());
    let glued = s.space_before.get(i).is_some_and(|space| !space);
    out.push(t(14).byte(u8::from(glued)).byte(prev).finish());
    out.push(t(15).str(s.shape(Some(i))).byte(p).finish());
}

/// The features of a token given the two previous tags (a tagger's or the chunker's).
type Features = fn(&Sent, usize, u8, u8, &mut Vec<u64>);

/// Tag a sentence greedily left to right with `model` over `features`.
fn greedy(model: &Perceptron, s: &Sent, features: Features) -> Vec<u8> {
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

/// Train a greedy tagger of `classes` tags on (sentence, gold tags) pairs, shuffled per
/// pass with `seed + salt + pass`; it decodes with its own previous predictions, as it
/// will when tagging.
fn train_greedy(
    sentences: &[(&Sent, &[u8])],
    classes: usize,
    features: Features,
    (epochs, bits, seed, salt): (usize, u32, u64, u64),
) -> Perceptron {
    let mut trainer = Trainer::new(classes, bits);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    for epoch in 0..epochs {
        super::perceptron::shuffle(&mut order, seed.wrapping_add(salt + epoch as u64));
        for &k in &order {
            let Some(&(s, gold)) = sentences.get(k) else {
                continue;
            };
            let (mut prev, mut prev2) = (255u8, 255u8);
            for (i, &g) in gold.iter().enumerate().take(s.len()) {
                features(s, i, prev, prev2, &mut feats);
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

/// Chunk a part-of-speech-tagged sentence.
pub fn chunk(model: &Perceptron, s: &Sent) -> Vec<u8> {
    greedy(model, s, chunk_features)
}

/// Train a chunker on treebank sentences whose parts of speech `pos` has tagged (as
/// extraction will see them), shuffled per pass.
pub fn train_chunker(
    sentences: &[&Tagged],
    pos: &Perceptron,
    epochs: usize,
    bits: u32,
    seed: u64,
) -> Perceptron {
    let tagged: Vec<Sent> = sentences
        .iter()
        .map(|ex| {
            let mut s = ex.sent.clone();
            s.pos = tag(pos, &s);
            s
        })
        .collect();
    let pairs: Vec<(&Sent, &[u8])> = tagged
        .iter()
        .zip(sentences)
        .map(|(s, ex)| (s, ex.chunks.as_slice()))
        .collect();
    train_greedy(
        &pairs,
        CHUNK_TAGS,
        chunk_features,
        (epochs, bits, seed, 5000),
    )
}

/// Tag a sentence.
pub fn tag(model: &Perceptron, s: &Sent) -> Vec<u8> {
    greedy(model, s, features)
}

/// Train a tagger on treebank sentences (in the order given, shuffled per pass).
pub fn train(sentences: &[&Tagged], epochs: usize, bits: u32, seed: u64) -> Perceptron {
    let pairs: Vec<(&Sent, &[u8])> = sentences
        .iter()
        .map(|ex| (&ex.sent, ex.tags.as_slice()))
        .collect();
    train_greedy(&pairs, TAGS.len(), features, (epochs, bits, seed, 4000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_the_constituents_above_the_tokens() {
        let xml = r#"<Annotation><PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle><sentence id="S1"><cons cat="S"><cons cat="NP"><tok cat="NN">IL-2</tok> <tok cat="NN">expression</tok></cons> <cons cat="VP"><tok cat="VBZ">requires</tok> <cons cat="NP"><tok cat="NN">NF-kappaB</tok></cons></cons><tok cat="PERIOD">.</tok></cons></sentence></ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet></Annotation>"#;
        let matcher = crate::lexicon::Lexicon::default().matcher();
        let a = parse(xml, Path::new("t.xml"), &matcher).unwrap();
        let s = &a.sentences[0];
        let name = |t: u8| {
            format!(
                "{}-{}",
                if t.is_multiple_of(2) { "B" } else { "I" },
                CHUNKS[usize::from(t / 2)]
            )
        };
        let got: Vec<String> = s.chunks.iter().map(|&t| name(t)).collect();
        // IL - 2 expression | requires | NF - kappaB | .
        assert_eq!(
            got,
            [
                "B-NP", "I-NP", "I-NP", "I-NP", "B-VP", "B-NP", "I-NP", "I-NP", "B-O"
            ]
        );
    }

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
