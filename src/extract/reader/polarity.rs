//! Polarity and hedging of the reader's claims: two small averaged perceptrons trained
//! on the GENIA events' `assertion` and `uncertainty`, which read the words around a
//! claim's trigger and arguments and the cue lists in `graph/words/`. The cue lists alone
//! decide for a claim without a trigger (or with an untrained model).

use rustc_hash::FxHashSet;

use super::pairs::stem;
use super::perceptron::Hasher;
use super::tagging::Span;
use super::tokens::Sent;

/// The polarity models' classes: 0 no, 1 yes (negated, or hedged).
pub const CLASSES: usize = 2;

/// log2 of the polarity models' feature rows: the training set is a few thousand claims.
pub const BITS: u32 = 16;

/// The negation and hedging cues.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    negation: FxHashSet<String>,
    hedge: FxHashSet<String>,
}

/// The words of a cue list: one a line, `#` starts a comment.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

/// How many tokens before the first mention a negation cue still reaches.
const NEGATION_REACH: usize = 4;

impl Cues {
    /// The bundled cue lists.
    pub fn bundled() -> Cues {
        Cues::new(super::NEGATION_WORDS, super::HEDGE_WORDS)
    }

    /// Cue lists from their text.
    pub fn new(negation: &str, hedge: &str) -> Cues {
        Cues {
            negation: words(negation).map(str::to_lowercase).collect(),
            hedge: words(hedge).map(str::to_lowercase).collect(),
        }
    }

    /// Whether a negation cue stands from a little before token `first` up to token
    /// `second` (the two mentions' starts, in order).
    pub fn negated(&self, s: &Sent, first: usize, second: usize) -> bool {
        let from = first.saturating_sub(NEGATION_REACH);
        (from..second.min(s.len())).any(|k| self.negation.contains(s.low(Some(k))))
    }

    /// Whether a hedging cue is anywhere in the sentence.
    pub fn hedged(&self, s: &Sent) -> bool {
        s.lower.iter().any(|w| self.hedge.contains(w))
    }

    /// Whether `w` is a negation cue.
    pub fn is_negation(&self, w: &str) -> bool {
        self.negation.contains(w)
    }

    /// Whether `w` is a hedging cue.
    pub fn is_hedge(&self, w: &str) -> bool {
        self.hedge.contains(w)
    }
}

/// Where token `k` stands relative to a claim whose tokens run from `first` to `last`
/// with its trigger at `t`: 0 before it all, 1 between the first and the trigger, 2 the
/// trigger, 3 between the trigger and the last, 4 after it all.
fn region(k: usize, first: usize, t: usize, last: usize) -> u8 {
    if k < first {
        0
    } else if k < t {
        1
    } else if k == t {
        2
    } else if k < last {
        3
    } else {
        4
    }
}

/// The features of a claim (subject `a`, object `b`, trigger token `t`) for the polarity
/// models, appended to `out` (cleared first).
pub fn features(s: &Sent, a: Span, b: Span, t: usize, cues: &Cues, out: &mut Vec<u64>) {
    out.clear();
    let n = s.len();
    let first = a.start.min(b.start).min(t);
    let last = a.end.max(b.end).max(t + 1);
    let h = Hasher::template;
    let tw = s.low(Some(t));
    out.push(h(0).finish());
    out.push(h(1).str(stem(tw)).finish());
    out.push(
        h(2).byte(u8::from(a.start < t))
            .byte(u8::from(b.start < t))
            .finish(),
    );
    // The words near the claim, by where they stand; cue words also as cues.
    let from = first.saturating_sub(6);
    let to = (last + 3).min(n);
    let mut neg_regions = 0u8;
    let mut hedge_regions = 0u8;
    for k in from..to {
        let w = s.low(Some(k));
        let r = region(k, first, t, last);
        if r != 2 {
            out.push(h(3).byte(r).str(w).finish());
        }
        if cues.is_negation(w) {
            neg_regions |= 1 << r;
            out.push(h(4).byte(r).str(w).str(stem(tw)).finish());
        }
        if cues.is_hedge(w) {
            hedge_regions |= 1 << r;
        }
    }
    out.push(h(5).byte(neg_regions).finish());
    out.push(h(6).byte(hedge_regions).finish());
    // The two words before the trigger and the one after, which carry "not", "no", "failed
    // to", "without".
    let before = |d: usize| s.low(t.checked_sub(d));
    out.push(h(7).str(before(1)).finish());
    out.push(h(8).str(before(2)).str(before(1)).finish());
    out.push(h(9).str(before(1)).str(stem(tw)).finish());
    out.push(
        h(10)
            .str(stem(tw))
            .str(s.low(Some(t + 1).filter(|&k| k < n)))
            .finish(),
    );
    // Cues anywhere in the sentence: hedges ("suggest that ...") often stand far ahead.
    for k in 0..n {
        let w = s.low(Some(k));
        if cues.is_hedge(w) || cues.is_negation(w) {
            out.push(h(11).byte(u8::from(k < first)).str(w).finish());
        }
    }
    out.push(h(12).byte(u8::from(cues.negated(s, first, last))).finish());
}
