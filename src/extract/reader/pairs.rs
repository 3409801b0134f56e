//! Claim candidates and their features: every ordered pair of mentions in a sentence
//! (subject, object), described by the words around and between them, the trigger words
//! of the vocabulary among those, their order and distance, and their kinds.

use rustc_hash::FxHashMap;

use super::perceptron::Hasher;
use super::tagging::Span;
use super::tokens::{Sent, offset};
use crate::vocab::{Sign, Vocabulary};

/// The relation families the pair model predicts; class 0 is "no claim".
pub const FAMILIES: [&str; 3] = ["up", "down", "assoc"];

/// The number of classes of the pair model.
pub const CLASSES: usize = 1 + FAMILIES.len();

/// The longest pair (in tokens from the first mention's start to the second's end) the
/// model considers.
pub const MAX_PAIR_TOKENS: usize = 80;

/// Trigger stems of the vocabulary: the first word of each verb, phrase, nominal and
/// suffix, cut to its first six characters, with the sign of its relation.
#[derive(Debug, Clone, Default)]
pub struct TriggerStems {
    signs: FxHashMap<String, u8>,
}

/// The stem the trigger table and the features use: the first six characters.
pub fn stem(w: &str) -> &str {
    match w.char_indices().nth(6) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

impl TriggerStems {
    /// The stems of a vocabulary's trigger phrases.
    pub fn new(vocab: &Vocabulary) -> TriggerStems {
        let mut signs = FxHashMap::default();
        for r in vocab.relations() {
            let sign = match r.sign {
                Sign::Positive => b'+',
                Sign::Negative => b'-',
                _ => b'0',
            };
            let phrases = r.verbs.iter().chain(&r.phrases).chain(&r.nominals);
            for p in phrases.chain(&r.suffixes) {
                let first = p
                    .trim_start_matches('-')
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                if first.len() < 3 {
                    continue;
                }
                let s = stem(&first.to_lowercase()).to_string();
                // Several signs for one stem: the stem says only that a relation is named.
                signs
                    .entry(s)
                    .and_modify(|old: &mut u8| {
                        if *old != sign {
                            *old = b'?';
                        }
                    })
                    .or_insert(sign);
            }
        }
        TriggerStems { signs }
    }

    /// The sign of a word's stem, if it is a trigger stem.
    pub fn sign(&self, word: &str) -> Option<u8> {
        self.signs.get(stem(word)).copied()
    }
}

fn bucket(d: usize) -> u8 {
    match d {
        0..=4 => d as u8,
        5..=7 => 5,
        8..=12 => 6,
        13..=20 => 7,
        _ => 8,
    }
}

/// The features of the candidate (subject `a`, object `b`) among `mentions`, appended
/// to `out` (cleared first).
pub fn features(
    s: &Sent,
    a: Span,
    b: Span,
    mentions: &[Span],
    triggers: &TriggerStems,
    out: &mut Vec<u64>,
) {
    out.clear();
    let n = s.len();
    let forward = a.start < b.start;
    let (first, second) = if forward { (a, b) } else { (b, a) };
    let dir = u8::from(forward);
    let t = |id: u8| Hasher::template(id).byte(dir);
    let head = |m: Span| s.low(m.end.checked_sub(1));
    let gap_lo = first.end.min(second.start);
    let gap_hi = second.start.max(gap_lo);
    let gap = gap_hi - gap_lo;
    let dist = bucket(gap);
    out.push(t(0).finish());
    out.push(t(1).byte(dist).finish());
    out.push(t(2).byte(a.kind as u8).byte(b.kind as u8).finish());
    out.push(t(3).str(head(a)).finish());
    out.push(t(4).str(head(b)).finish());
    out.push(t(5).str(head(a)).str(head(b)).finish());
    let nested = a.start >= b.start && a.end <= b.end || b.start >= a.start && b.end <= a.end;
    out.push(t(6).byte(u8::from(nested)).finish());
    let between = mentions
        .iter()
        .filter(|m| m.start >= gap_lo && m.end <= gap_hi)
        .count()
        .min(4) as u8;
    out.push(t(7).byte(between).finish());
    out.push(t(8).byte(between).byte(dist).finish());
    // The words between, as a bag, by stem, and with their position from either end.
    let in_mention = |k: usize| mentions.iter().any(|m| k >= m.start && k < m.end);
    let mut signs: Vec<u8> = Vec::new();
    let by = (gap_lo..gap_hi).any(|k| s.low(Some(k)) == "by");
    let of = (gap_lo..gap_hi).any(|k| s.low(Some(k)) == "of");
    out.push(
        t(9).byte(u8::from(by))
            .byte(u8::from(of))
            .byte(dist)
            .finish(),
    );
    let mut words_between = String::new();
    for k in gap_lo..gap_hi {
        let w = s.low(Some(k));
        let mentioned = in_mention(k);
        let w = if mentioned { "<m>" } else { w };
        out.push(t(10).str(w).finish());
        out.push(t(11).str(stem(w)).byte(dist).finish());
        if !mentioned && let Some(sign) = triggers.sign(w) {
            signs.push(sign);
            out.push(t(12).byte(sign).finish());
            out.push(t(13).str(stem(w)).finish());
            out.push(t(14).byte(sign).byte(between).finish());
            out.push(t(15).str(stem(w)).str(head(b)).finish());
            out.push(t(19).str(stem(w)).byte(u8::from(by)).byte(between).finish());
            out.push(
                t(26)
                    .str(w)
                    .byte(u8::from(k == gap_lo))
                    .byte(u8::from(k + 1 == gap_hi))
                    .finish(),
            );
        }
        if gap <= 6 {
            words_between.push_str(w);
            words_between.push(' ');
        }
    }
    out.push(t(16).byte(signs.len().min(3) as u8).finish());
    if let (Some(&f), Some(&l)) = (signs.first(), signs.last()) {
        out.push(t(17).byte(f).byte(l).finish());
    }
    if gap <= 6 {
        out.push(t(18).str(&words_between).finish());
    }
    for (id, k) in [
        (20u8, first.start.checked_sub(1)),
        (21, first.start.checked_sub(2)),
        (22, offset(second.end, 0, n)),
        (23, offset(second.end, 1, n)),
        (24, offset(first.end, 0, n).filter(|&k| k < second.start)),
        (25, second.start.checked_sub(1).filter(|&k| k >= first.end)),
    ] {
        let w = s.low(k);
        out.push(t(id).str(w).finish());
        if let Some(sign) = triggers.sign(w) {
            out.push(t(id + 10).byte(sign).finish());
        }
    }
    // The words right around the object and the subject, by role.
    out.push(t(40).str(s.low(b.start.checked_sub(1))).finish());
    out.push(t(41).str(s.low(offset(b.end, 0, n))).finish());
    out.push(t(42).str(s.low(a.start.checked_sub(1))).finish());
    out.push(t(43).str(s.low(offset(a.end, 0, n))).finish());
    out.push(
        t(44)
            .str(s.low(b.start.checked_sub(1)))
            .str(s.low(offset(b.end, 0, n)))
            .finish(),
    );
    // Trigger words just outside the pair (nominal triggers: "activation of B by A").
    for k in [first.start.checked_sub(1), first.start.checked_sub(2)] {
        if let Some(sign) = triggers.sign(s.low(k)) {
            out.push(t(45).byte(sign).str(s.low(k)).finish());
        }
    }
    let lex = |m: Span| s.lexicon.get(m.start).copied().unwrap_or(0).min(1);
    out.push(t(46).byte(lex(a)).byte(lex(b)).finish());
}
