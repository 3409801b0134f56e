//! Objects: what a trigger acts on. The first argument group after it, through "the
//! expression of", apposition, examples ("cytokines like IFN-gamma") and parenthesised
//! members; for a passive the argument before it; for "the association between A and B"
//! the second member. The aspect named on the way ("absorption of") refines the
//! relation.

use crate::vocab::Aspect;

use super::groups::Group;
use super::tagging::Analysis;
use super::tokens::{Tok, Token};
use super::triggers::Form;
use super::words::WORDS;

/// A trigger's object: its group, the aspect named on the way to it, and the gap words
/// between the trigger and the group.
pub(super) type Object<'a> = (Group, Option<&'a Aspect>, Vec<String>);

impl<'a> Analysis<'a> {
    /// The object of trigger `h`: a group after it, the aspect named on the way, the
    /// gap words, and the index of the next trigger it absorbed up to.
    pub(super) fn object(&self, hi: usize) -> Option<Object<'a>> {
        let h = &self.hits[hi];
        if matches!(h.form, Form::Postfix) {
            let before = h.start.checked_sub(1).filter(|&b| self.is_arg(b))?;
            return Some((self.group_left(before, 0), None, Vec::new()));
        }
        let start = match self.passive_agent(h) {
            Some(Some(_)) | Some(None) => return self.passive_object(hi),
            None => h.end,
        };
        let stop = self.next_strong_hit(hi).unwrap_or(self.toks.len());
        let mut gap: Vec<String> = Vec::new();
        let mut j = start;
        while j < stop {
            let t = &self.toks[j];
            // "the expression of other monocytic genes (TNF-alpha, IL-6, IL-8)": a class
            // noun that no lexicon knows, with its members in parentheses.
            if t.is_punct('(') && gap.last().is_some_and(|w| w.len() > 3 && w.ends_with('s')) {
                let members = self.parenthesized_list(j);
                let close = (j..stop).find(|&k| self.toks[k].is_punct(')'));
                if let (Some(close), false) = (close, members.is_empty())
                    && !(j + 1..close).any(|k| self.not_arg[k])
                {
                    let g = Group {
                        args: members,
                        combination: false,
                        start: j + 1,
                        end: close + 1,
                        flip: false,
                    };
                    let aspect = self.aspect_in(&gap);
                    return Some((g, aspect, gap));
                }
            }
            if t.hidden {
                j += 1;
                continue;
            }
            let after = (j + 1..stop)
                .find(|&k| !self.toks[k].hidden)
                .unwrap_or(stop);
            if self.is_arg(j)
                && self
                    .hits
                    .iter()
                    .any(|x| x.start == after && matches!(x.form, Form::Suffix))
            {
                // "the LPS-induced activity of X": LPS belongs to the suffix, not to us.
                j = after + 1;
                continue;
            }
            if self.is_arg(j) {
                // "bone uptake of zinc": an argument modifying the head of an "of" phrase.
                let of_at = (j + 1..(j + 4).min(stop)).find(|&k| self.word(k) == "of");
                if let Some(k) = of_at
                    && (j + 1..k).all(|m| self.toks[m].word().is_some_and(|w| !w.starts_with('-')))
                    && self.is_arg(k + 1)
                {
                    for m in j..=k {
                        if let Some(w) = self.toks[m].word() {
                            gap.push(w.to_string());
                        }
                    }
                    j = k + 1;
                    continue;
                }
                // Apposition: a class name right before a specific one ("the
                // transporter CTR1", "serum 25-hydroxyvitamin D"): the specific one.
                let mut j = j;
                while self.is_arg(j + 1) && j + 1 < stop {
                    j += 1;
                }
                let mut g = self.group_right(j, stop, true);
                // Examples replace a general argument: "cytokines like IFN-γ".
                let mut k = g.end;
                while k < stop
                    && (self.toks[k].is_punct(',') || matches!(self.word(k), "such" | "as"))
                {
                    k += 1;
                }
                if k < stop
                    && (WORDS.examples.contains(self.word(k))
                        || (k > g.end && self.word(k - 1) == "as"))
                    && !(self.word(k - 1) == "as" && WORDS.examples.contains(self.word(k)))
                {
                    let e = if WORDS.examples.contains(self.word(k)) {
                        k + 1
                    } else {
                        k
                    };
                    if self.is_arg(e) {
                        g = self.group_right(e, stop, true);
                    }
                }
                // A parenthesised list names members of the argument: "cytokines (IL-2,
                // IL-6, TNF-alpha)".
                g.args.extend(self.parenthesized_list(g.end));
                // An aspect noun right after the object: "IL-17 secretion".
                if let Some(w) = self.toks.get(g.start + 1).and_then(Token::word) {
                    gap.push(w.to_string());
                }
                let aspect = self.aspect_in(&gap);
                return Some((g, aspect, gap));
            }
            match &t.tok {
                Tok::Punct(',') => {
                    let next = self.word(j + 1);
                    if WORDS.examples.contains(next) || next == "such" {
                        j += 1;
                        continue;
                    }
                    return None;
                }
                Tok::Punct(_) => return None,
                Tok::Word(w) => {
                    if WORDS.object_stops.contains(w.as_str()) && !(w == "as" || w == "such") {
                        return None;
                    }
                    if matches!(w.as_str(), "between" | "relationship" | "association") {
                        return None;
                    }
                    // "lowered X antibodies in patients with Y": Y is the population.
                    if matches!(w.as_str(), "in" | "among")
                        && !gap.is_empty()
                        && WORDS.populations.contains(self.word(j + 1))
                    {
                        return None;
                    }
                    gap.push(w.clone());
                    let content = gap
                        .iter()
                        .filter(|g| {
                            !matches!(
                                g.as_str(),
                                "the" | "a" | "an" | "of" | "as" | "well" | "its" | "their"
                            )
                        })
                        .count();
                    if content > 6 {
                        return None;
                    }
                }
                Tok::Ent(_) => {}
            }
            j += 1;
        }
        None
    }

    /// For a passive trigger the object is the argument before it ("Copper absorption
    /// is mediated by ...").
    fn passive_object(&self, hi: usize) -> Option<Object<'a>> {
        let h = &self.hits[hi];
        let mut j = h.start;
        let mut gap = Vec::new();
        while j > 0 {
            j -= 1;
            // "genes (TNF-alpha, IL-6) activated by X": the members of an unnamed class.
            if gap.is_empty() && self.toks[j].is_punct(')') {
                let open = (j.saturating_sub(12)..j)
                    .rev()
                    .find(|&k| self.toks[k].is_punct('('));
                if let Some(open) = open
                    && open > 0
                    && self.toks[open - 1]
                        .word()
                        .is_some_and(|w| w.len() > 3 && w.ends_with('s'))
                    && !(open + 1..j).any(|k| self.not_arg[k])
                {
                    let members = self.parenthesized_list(open);
                    if !members.is_empty() {
                        let g = Group {
                            args: members,
                            combination: false,
                            start: open + 1,
                            end: j,
                            flip: false,
                        };
                        return Some((g, None, gap));
                    }
                }
            }
            if self.toks[j].hidden {
                continue;
            }
            if self.is_arg(j) {
                let g = self.group_left(j, 0);
                let aspect = self.aspect_in(&gap);
                return Some((g, aspect, gap));
            }
            match self.toks[j].word() {
                // "was blocked by A and partially blocked by B": the second passive shares
                // the first one's subject, which is not the argument before "and".
                Some("and" | "or") => return None,
                // "Phosphorylation of A, but not of B, was inhibited by X": the comma
                // closing a contrast right before the verb.
                None if gap.is_empty() && self.toks[j].is_punct(',') => {}
                Some(w)
                    if self.is_be(w) || Self::is_adverbish(w) || WORDS.auxiliaries.contains(w) => {}
                Some(w) if gap.len() < 2 => gap.insert(0, w.to_string()),
                _ => return None,
            }
        }
        None
    }

    fn aspect_in(&self, gap: &[String]) -> Option<&'a Aspect> {
        let mut best: Option<(usize, &'a Aspect)> = None;
        for aspect in self.ex.vocab.aspects() {
            for noun in &aspect.nouns {
                let words: Vec<&str> = noun.split_whitespace().collect();
                if words.is_empty() || words.len() > gap.len() {
                    continue;
                }
                for s in 0..=gap.len() - words.len() {
                    if gap[s..s + words.len()]
                        .iter()
                        .zip(&words)
                        .all(|(g, w)| g == w)
                        && best.is_none_or(|(p, _)| s >= p)
                    {
                        best = Some((s, aspect));
                    }
                }
            }
        }
        best.map(|(_, a)| a)
    }

    /// The next trigger after `hi` that ends an object search (nominal triggers do not).
    fn next_strong_hit(&self, hi: usize) -> Option<usize> {
        self.hits[hi + 1..]
            .iter()
            .find(|h| {
                !matches!(
                    h.form,
                    Form::Phrase { nominal: true } | Form::Suffix | Form::Postfix
                )
            })
            .map(|h| h.start)
    }

    /// "the association between A and B": A is the subject, B the object.
    pub(super) fn between(&self, hi: usize) -> (Option<Group>, Option<Object<'a>>) {
        let h = &self.hits[hi];
        let mut j = h.end;
        while j < self.toks.len() && WORDS.modifiers.contains(self.word(j)) {
            j += 1;
        }
        if !self.is_arg(j) {
            return (None, None);
        }
        let g = self.group_right(j, self.toks.len(), true);
        if g.args.len() < 2 {
            return (None, None);
        }
        let subject = Group {
            args: vec![g.args[0]],
            combination: false,
            start: g.start,
            end: g.start + 1,
            flip: false,
        };
        let object = Group {
            args: g.args[1..].to_vec(),
            combination: false,
            start: g.start + 1,
            end: g.end,
            flip: false,
        };
        (Some(subject), Some((object, None, Vec::new())))
    }
}
