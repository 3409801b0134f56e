//! The mention tagger: greedy left-to-right BIO tagging with an averaged perceptron.
//!
//! Tag 0 is `O`; for kind number `k` of the kind table, `1 + 2k` is `B-k` and `2 + 2k` is
//! `I-k`. Decoding repairs an `I` that does not continue a mention of its kind into a `B`.

use super::perceptron::{Hasher, Perceptron, Trainer};
use super::tokens::{Sent, offset};

/// A mention found by the tagger: tokens `start..end` of a sentence, of kind `kind`
/// (an index into the kind table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Index into the kind table.
    pub kind: usize,
}

/// The number of tags for `kinds` kinds.
pub fn tag_count(kinds: usize) -> usize {
    1 + 2 * kinds
}

fn prefix(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

fn suffix(w: &str, n: usize) -> &str {
    let count = w.chars().count();
    match count.checked_sub(n) {
        Some(skip) if skip > 0 => w.char_indices().nth(skip).map_or(w, |(i, _)| &w[i..]),
        _ => w,
    }
}

/// The features of token `i` given the two previous tags, appended to `out` (cleared
/// first).
pub fn features(s: &Sent, i: usize, prev: usize, prev2: usize, out: &mut Vec<u64>) {
    out.clear();
    let n = s.len();
    let at = |d: isize| offset(i, d, n);
    let w = s.low(Some(i));
    let t = |id: u8| Hasher::template(id);
    out.push(t(0).finish());
    out.push(t(1).str(w).finish());
    out.push(t(2).str(s.words.get(i).map_or("", String::as_str)).finish());
    out.push(t(3).str(s.shape(Some(i))).finish());
    for k in 1..=3u8 {
        out.push(t(4).byte(k).str(prefix(w, k.into())).finish());
    }
    for k in 1..=4u8 {
        out.push(t(5).byte(k).str(suffix(w, k.into())).finish());
    }
    for (id, d) in [(6u8, -1isize), (7, 1), (8, -2), (9, 2)] {
        out.push(t(id).str(s.low(at(d))).finish());
        out.push(t(id + 10).str(s.shape(at(d))).finish());
    }
    out.push(t(30).str(s.low(at(-1))).str(w).finish());
    out.push(t(31).str(w).str(s.low(at(1))).finish());
    out.push(
        t(32)
            .str(s.shape(at(-1)))
            .str(s.shape(Some(i)))
            .str(s.shape(at(1)))
            .finish(),
    );
    let lex = |j: Option<usize>| j.and_then(|j| s.lexicon.get(j)).copied().unwrap_or(9);
    out.push(t(33).byte(lex(Some(i))).finish());
    out.push(
        t(34)
            .byte(lex(at(-1)))
            .byte(lex(Some(i)))
            .byte(lex(at(1)))
            .finish(),
    );
    let space = s.space_before.get(i).copied().unwrap_or(true);
    let space_next = at(1)
        .and_then(|j| s.space_before.get(j))
        .copied()
        .unwrap_or(true);
    out.push(
        t(35)
            .byte(u8::from(space))
            .byte(u8::from(space_next))
            .finish(),
    );
    let len = w.chars().count().min(12) as u8;
    out.push(t(36).byte(len).finish());
    let (p, p2) = (prev as u8, prev2 as u8);
    out.push(t(40).byte(p).finish());
    out.push(t(41).byte(p).byte(p2).finish());
    out.push(t(42).byte(p).str(w).finish());
    out.push(t(43).byte(p).str(s.shape(Some(i))).finish());
    out.push(t(44).byte(p).byte(lex(Some(i))).finish());
    // Parts of speech (255 when the sentence is untagged).
    let pos = s.tag(Some(i));
    out.push(t(50).byte(pos).finish());
    out.push(
        t(51)
            .byte(s.tag(at(-1)))
            .byte(pos)
            .byte(s.tag(at(1)))
            .finish(),
    );
    out.push(t(52).byte(pos).byte(p).finish());
    out.push(t(53).byte(pos).str(w).finish());
    // Base-phrase chunks (255 when unchunked): mentions mostly end where noun phrases do.
    let chunk = s.chunk(Some(i));
    out.push(t(54).byte(chunk).finish());
    out.push(t(55).byte(chunk).byte(s.chunk(at(1))).finish());
    out.push(t(56).byte(p).byte(chunk).finish());
    out.push(
        t(57)
            .byte(s.chunk(at(-1)))
            .byte(chunk)
            .byte(s.chunk(at(1)))
            .finish(),
    );
}

/// Repair an `I` after an `O` into a `B` of its kind. An `I` of another kind than the
/// mention it follows continues that mention (the kind is the first token's).
fn repair(tag: usize, prev: usize) -> usize {
    if tag != 0 && tag.is_multiple_of(2) && prev == 0 {
        tag - 1
    } else {
        tag
    }
}

/// Tag a sentence with a trained model.
pub fn tag(model: &Perceptron, s: &Sent) -> Vec<usize> {
    let mut tags = Vec::with_capacity(s.len());
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    let (mut prev, mut prev2) = (0, 0);
    for i in 0..s.len() {
        features(s, i, prev, prev2, &mut feats);
        model.scores(&feats, &mut scores);
        let t = repair(Perceptron::best(&scores).0, prev);
        tags.push(t);
        prev2 = prev;
        prev = t;
    }
    tags
}

/// One training pass over a sentence with gold tags; the model decodes with its own
/// previous predictions, as it will when tagging.
pub fn train_sentence(trainer: &mut Trainer, s: &Sent, gold: &[usize]) {
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    let (mut prev, mut prev2) = (0, 0);
    for (i, &g) in gold.iter().enumerate().take(s.len()) {
        features(s, i, prev, prev2, &mut feats);
        trainer.current().scores(&feats, &mut scores);
        let p = Perceptron::best(&scores).0;
        trainer.update(&feats, g, p);
        prev2 = prev;
        prev = repair(p, prev);
    }
}

/// The mentions a tag sequence spells.
pub fn spans(tags: &[usize]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        if t == 0 {
            continue;
        }
        let kind = (t - 1) / 2;
        let inside = t.is_multiple_of(2);
        match out.last_mut() {
            Some(last) if inside && last.end == i => last.end = i + 1,
            _ => out.push(Span {
                start: i,
                end: i + 1,
                kind,
            }),
        }
    }
    out
}

/// Tidy predicted mentions: two mentions joined by a hyphen written without spaces are
/// one ("I alpha1 germ-line promoter"), and a mention neither starts nor ends with
/// punctuation (a closing parenthesis stays when the mention opens one).
pub fn tidy(s: &Sent, spans: Vec<Span>) -> Vec<Span> {
    let punct = |k: usize| {
        s.words
            .get(k)
            .is_none_or(|w| !w.chars().any(char::is_alphanumeric))
    };
    let glued = |k: usize| !s.space_before.get(k).copied().unwrap_or(true);
    let mut merged: Vec<Span> = Vec::new();
    for sp in spans {
        match merged.last_mut() {
            Some(last)
                if last.end + 1 == sp.start
                    && s.words.get(last.end).is_some_and(|w| w == "-")
                    && glued(last.end)
                    && glued(sp.start) =>
            {
                last.end = sp.end;
            }
            _ => merged.push(sp),
        }
    }
    merged
        .into_iter()
        .filter_map(|mut sp| {
            while sp.start < sp.end && punct(sp.start) {
                sp.start += 1;
            }
            while sp.end > sp.start {
                let last = sp.end - 1;
                let opens = (sp.start..last).any(|k| s.words.get(k).is_some_and(|w| w == "("));
                if punct(last) && !(opens && s.words.get(last).is_some_and(|w| w == ")")) {
                    sp.end = last;
                } else {
                    break;
                }
            }
            (sp.start < sp.end).then_some(sp)
        })
        .collect()
}

/// The gold tags for mentions `spans` over `n` tokens (spans must not overlap).
pub fn gold_tags(n: usize, spans: &[Span]) -> Vec<usize> {
    let mut tags = vec![0; n];
    for sp in spans {
        for i in sp.start..sp.end.min(n) {
            if let Some(t) = tags.get_mut(i) {
                *t = if i == sp.start {
                    1 + 2 * sp.kind
                } else {
                    2 + 2 * sp.kind
                };
            }
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_spell_spans_and_back() {
        let sp = vec![
            Span {
                start: 1,
                end: 3,
                kind: 0,
            },
            Span {
                start: 3,
                end: 4,
                kind: 2,
            },
        ];
        let tags = gold_tags(5, &sp);
        assert_eq!(tags, vec![0, 1, 2, 5, 0]);
        assert_eq!(spans(&tags), sp);
        assert_eq!(repair(2, 0), 1);
        assert_eq!(repair(2, 1), 2);
        assert_eq!(repair(4, 1), 4);
        assert_eq!(suffix("kinase", 3), "ase");
        assert_eq!(prefix("kinase", 2), "ki");
        assert_eq!(suffix("ab", 4), "ab");
    }
}
