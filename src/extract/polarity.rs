//! Polarity: whether a claim is negated ("not", "failed to", "without", "neither",
//! "A did not") or hedged ("may", "suggests", "whether"), from the words of its clause
//! before its trigger.

use std::collections::HashSet;

use crate::claim::Claim;

use super::claims::Reading;
use super::groups::Group;
use super::tagging::Analysis;
use super::words::{WORDS, WordList};

/// Whether the claims of one trigger are hedged and whether they are negated.
pub(super) struct Polarity {
    pub(super) hedged: bool,
    pub(super) negated: bool,
}

impl Analysis<'_> {
    /// The polarity of trigger `hi` with its subject and object groups, given the
    /// readings of the triggers before it: hedged by a hedge in the clause before the
    /// trigger (or inherited with an earlier trigger's subject), negated by a cue between
    /// the subject and the trigger, or by a subject that denies ("neither").
    pub(super) fn polarity(
        &self,
        hi: usize,
        subject: Option<&Group>,
        object: Option<&Group>,
        readings: &[Reading],
    ) -> Polarity {
        let h = &self.hits[hi];
        let inherited = subject.is_some_and(|g| {
            g.end <= h.start
                && readings
                    .iter()
                    .any(|r| r.subject.as_ref().is_some_and(|p| p.start == g.start))
        });
        let left_end = match (subject, object) {
            (Some(sg), _) if sg.end <= h.start => sg.end,
            (_, Some(og)) if og.end <= h.start => og.end,
            _ => h.start,
        };
        let left_start = subject.map_or(h.start, |g| g.start.min(h.start));
        let mut hedged = self.any_word(
            self.clause_start(left_start).min(left_end),
            h.start,
            &WORDS.hedges,
        ) || self.any_word(self.clause_start(h.start), h.start, &WORDS.hedges);
        if inherited {
            hedged |= readings
                .iter()
                .rev()
                .find(|r| r.subject.is_some())
                .is_some_and(|r| r.hedged);
        }
        let denied_subject = subject.is_some_and(|g| g.args.iter().any(|&a| self.args[a].negates));
        // A cue before an earlier trigger negates that one, not this one ("decreases
        // A without affecting B and increases C").
        let after_previous = self.hits[..hi]
            .iter()
            .filter(|p| p.end <= h.start)
            .map(|p| p.end)
            .max()
            .unwrap_or(0);
        let from = if inherited {
            self.clause_start(h.start)
        } else {
            left_end
        };
        let negated = denied_subject || self.negated_between(from.max(after_previous), h.start);
        Polarity { hedged, negated }
    }

    /// Whether a word from `words` stands in tokens `from..to`.
    fn any_word(&self, from: usize, to: usize, words: &WordList) -> bool {
        (from..to.min(self.toks.len()))
            .any(|k| !self.toks[k].hidden && self.toks[k].word().is_some_and(|w| words.contains(w)))
    }

    /// Whether a negation cue stands in tokens `from..to` (`to` is the trigger). "without"
    /// negates only the verb right after it ("without affecting").
    fn negated_between(&self, from: usize, to: usize) -> bool {
        let to = to.min(self.toks.len());
        (from..to).any(|k| {
            let w = self.word(k);
            WORDS.negations.contains(w)
                && !(w == "not" && self.word(k + 1) == "only")
                && !self.toks[k].hidden
                && (w != "without" || (k + 1..to).all(|m| Self::is_adverbish(self.word(m))))
        })
    }

    /// The start of the clause holding token `i`.
    fn clause_start(&self, i: usize) -> usize {
        let mut k = i;
        while k > 0 {
            let t = &self.toks[k - 1];
            if t.is_punct(';') {
                return k;
            }
            if t.is_punct(',')
                && matches!(self.word(k), "and" | "but" | "whereas" | "while" | "which")
            {
                return k;
            }
            k -= 1;
        }
        0
    }

    /// "while A activated X, B did not": B denies the claims of the nearest trigger
    /// before it, with B as their subject.
    pub(super) fn add_elliptical_denials(
        &self,
        out: &mut Vec<Claim>,
        from_hit: &[usize],
        seen: &mut HashSet<(String, String, String, bool)>,
    ) {
        let n = self.toks.len();
        for i in 0..n.saturating_sub(2) {
            let elliptical = self.is_arg(i)
                && matches!(
                    self.word(i + 1),
                    "did" | "does" | "do" | "could" | "can" | "was" | "were"
                )
                && self.word(i + 2) == "not"
                && self
                    .toks
                    .get(i + 3)
                    .is_none_or(|t| t.is_punct('.') || t.is_punct(',') || t.is_punct(';'));
            if !elliptical {
                continue;
            }
            let Some(&hi) = from_hit.iter().filter(|&&h| self.hits[h].end <= i).max() else {
                continue;
            };
            let Some(refs) = self.toks[i].entity().map(|a| &self.args[a].refs) else {
                continue;
            };
            let copies: Vec<Claim> = out
                .iter()
                .zip(from_hit)
                .filter(|&(c, &h)| h == hi && !c.negated)
                .flat_map(|(c, _)| {
                    refs.iter().filter(|r| r.id != c.object.id).map(|r| Claim {
                        subject: r.clone(),
                        negated: true,
                        ..c.clone()
                    })
                })
                .collect();
            for c in copies {
                let key = (
                    c.subject.id.clone(),
                    c.relation.clone(),
                    c.object.id.clone(),
                    true,
                );
                if seen.insert(key) {
                    out.push(c);
                }
            }
        }
    }
}
