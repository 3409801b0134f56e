//! Polarity and hedging of the reader's claims, from the cue lists in `graph/words/`.

use rustc_hash::FxHashSet;

use super::tokens::Sent;

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
}
