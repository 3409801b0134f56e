//! Tagging: one sentence under analysis, its tokens marked before any argument is
//! sought. Contrasts ("A, but not B,") join a coordination as denied conjuncts,
//! suspended hyphens ("IL-1- and LPS-induced") are set aside, locations, producers and
//! modifiers are marked as no arguments, relative clauses closed by a comma are marked,
//! and the triggers are found (the vocabulary's, and "the effect of A on B").

use crate::lexicon::Kind;

use super::Extractor;
use super::mentions::Arg;
use super::relations::{DECREASES, INCREASES, REGULATES};
use super::tokens::{Tok, Token};
use super::triggers::{Form, Hit};
use super::words::WORDS;

/// One sentence under analysis.
pub(super) struct Analysis<'a> {
    pub(super) ex: &'a Extractor,
    pub(super) toks: Vec<Token>,
    pub(super) args: Vec<Arg>,
    pub(super) text: &'a str,
    /// Token is a location or producer, not an argument.
    pub(super) not_arg: Vec<bool>,
    /// Token lies in a relative clause closed by a comma.
    pub(super) relative: Vec<bool>,
    pub(super) hits: Vec<Hit>,
}

impl<'a> Analysis<'a> {
    pub(super) fn new(
        ex: &'a Extractor,
        toks: Vec<Token>,
        args: Vec<Arg>,
        text: &'a str,
    ) -> Analysis<'a> {
        let n = toks.len();
        let mut a = Analysis {
            ex,
            toks,
            args,
            text,
            not_arg: vec![false; n],
            relative: vec![false; n],
            hits: Vec::new(),
        };
        a.mark_contrasts();
        a.mark_suspended_hyphens();
        a.mark_non_arguments();
        a.mark_relative_clauses();
        a.find_triggers();
        a
    }

    #[inline]
    pub(super) fn word(&self, i: usize) -> &str {
        self.toks.get(i).and_then(Token::word).unwrap_or("")
    }

    #[inline]
    pub(super) fn is_arg(&self, i: usize) -> bool {
        i < self.toks.len()
            && self.toks[i].entity().is_some()
            && !self.toks[i].hidden
            && !self.not_arg[i]
    }

    #[inline]
    pub(super) fn kind_of(&self, i: usize) -> Option<Kind> {
        let a = self.toks[i].entity()?;
        self.args[a].refs.first().map(|r| r.kind)
    }

    #[inline]
    pub(super) fn is_be(&self, w: &str) -> bool {
        matches!(w, "is" | "are" | "was" | "were" | "be" | "been" | "being")
    }

    #[inline]
    pub(super) fn is_adverbish(w: &str) -> bool {
        w.ends_with("ly")
            || matches!(
                w,
                "also" | "not" | "further" | "often" | "then" | "partly" | "in" | "part"
            )
    }

    /// Whether `w` names an aspect ("expression") or a nominalised relation ("activation").
    #[inline]
    pub(super) fn is_aspect_noun(&self, w: &str) -> bool {
        self.ex.triggers.is_postfix_noun(w)
            || self
                .ex
                .vocab
                .aspects()
                .iter()
                .any(|a| a.nouns.iter().any(|n| n == w))
    }

    /// Whether token `i` is a plain modifier word: not a trigger, not a function word, not
    /// punctuation or an entity ("human", "bronchial", "16HBE").
    #[inline]
    pub(super) fn modifier_word(&self, i: usize) -> bool {
        let Some(w) = self.toks[i].word() else {
            return false;
        };
        self.ex.triggers.at(&self.toks, i).is_none()
            && !w.starts_with('-')
            && !WORDS.auxiliaries.contains(w)
            && !WORDS.locative.contains(w)
            && !WORDS.object_stops.contains(w)
            && !WORDS.clause_openers.contains(w)
            && !matches!(
                w,
                "of" | "with" | "by" | "for" | "from" | "to" | "on" | "at" | "or"
            )
    }

    /// "A, but not B, induced X" and "induced A but not B": B joins the coordination as
    /// a denied conjunct ("but" reads as "and", "not" is set aside).
    fn mark_contrasts(&mut self) {
        for k in 1..self.toks.len().saturating_sub(2) {
            if !(self.word(k) == "but" && self.word(k + 1) == "not") {
                continue;
            }
            let before = &self.toks[k - 1];
            if !(before.is_punct(',') || before.entity().is_some()) {
                continue;
            }
            let mut j = k + 2;
            while j < self.toks.len() && WORDS.modifiers.contains(self.word(j)) {
                j += 1;
            }
            // "A, but not the immunosuppressant B, inhibits X": between commas the denied
            // conjunct is a whole noun phrase, named by its last entity.
            let enclosed = if before.is_punct(',') {
                self.contrast_head(k + 2)
            } else {
                None
            };
            let Some(a) = enclosed.or_else(|| self.toks.get(j).and_then(Token::entity)) else {
                continue;
            };
            self.args[a].denied = true;
            self.toks[k].tok = Tok::Word("and".to_string());
            self.toks[k + 1].hidden = true;
            // The words naming the denied conjunct's class are set aside with "not", so
            // the coordination reads "A, and B,".
            if enclosed.is_some() {
                for t in &mut self.toks[k + 2..] {
                    if t.entity() == Some(a) {
                        break;
                    }
                    t.hidden = true;
                }
            }
        }
    }

    /// The entity naming a noun phrase from `from` to the next comma ("the immunosuppressant
    /// cyclosporine A,"): its last entity, when the phrase is short and holds no verb or
    /// clause word.
    fn contrast_head(&self, from: usize) -> Option<usize> {
        let close = (from..self.toks.len().min(from + 10)).find(|&j| self.toks[j].is_punct(','))?;
        let mut head = None;
        for j in from..close {
            match &self.toks[j].tok {
                Tok::Ent(a) => head = Some(*a),
                Tok::Word(w) => {
                    if WORDS.auxiliaries.contains(w.as_str())
                        || WORDS.clause_openers.contains(w.as_str())
                        || matches!(w.as_str(), "and" | "or" | "which" | "that")
                        || (self.ex.triggers.at(&self.toks, j).is_some()
                            && !w.ends_with("dependent"))
                    {
                        return None;
                    }
                }
                _ => return None,
            }
        }
        head
    }

    /// "IL-1- and LPS-induced X": the first entity shares the hyphen suffix of the
    /// second. It and its connector are set aside, so it is no argument of its own;
    /// [`Self::suspended_partner`] gives it back to the suffix.
    fn mark_suspended_hyphens(&mut self) {
        for k in 0..self.toks.len().saturating_sub(4) {
            let shape = self.toks[k].entity().is_some()
                && self.toks[k + 1].is_punct('-')
                && matches!(self.word(k + 2), "and" | "or")
                && self.toks[k + 3].entity().is_some()
                && self.word(k + 4).starts_with('-');
            if shape {
                for t in &mut self.toks[k..k + 3] {
                    t.hidden = true;
                }
            }
        }
    }

    /// The entity suspended before entity token `b` ("IL-1-" in "IL-1- and LPS-induced").
    pub(super) fn suspended_partner(&self, b: usize) -> Option<usize> {
        (b >= 3
            && self.toks[b - 1].hidden
            && matches!(self.word(b - 1), "and" | "or")
            && self.toks[b - 2].is_punct('-'))
        .then(|| self.toks[b - 3].entity())
        .flatten()
    }

    /// Locations ("in the gut"), producers ("by monocytes") and modifiers
    /// ("gut-homing", "zinc-deficient") are not arguments.
    fn mark_non_arguments(&mut self) {
        for i in 0..self.toks.len() {
            if self.toks[i].entity().is_none() {
                continue;
            }
            let mut k = i;
            while k > 0
                && matches!(
                    self.word(k - 1),
                    "the"
                        | "a"
                        | "an"
                        | "activated"
                        | "human"
                        | "naive"
                        | "circulating"
                        | "both"
                        | "these"
                        | "those"
                )
            {
                k -= 1;
            }
            let before = if k > 0 { self.word(k - 1) } else { "" };
            let place = matches!(self.kind_of(i), Some(Kind::Tissue | Kind::Cell));
            if place && (WORDS.locative.contains(before) || before == "by" || before == "from") {
                self.not_arg[i] = true;
            }
            // "in 16HBE human bronchial epithelial cells": a location behind modifiers.
            if place && !self.not_arg[i] {
                let mut b = k;
                // "in monocyte-derived macrophages": a hyphenated modifier and the cell
                // it names count as modifiers too.
                while b > 0
                    && k - b < 3
                    && (self.modifier_word(b - 1)
                        || (self.word(b - 1).starts_with('-')
                            && self.ex.triggers.at(&self.toks, b - 1).is_none())
                        || matches!(self.kind_of(b - 1), Some(Kind::Cell | Kind::Tissue)))
                {
                    b -= 1;
                }
                if b < k && b > 0 && WORDS.locative.contains(self.word(b - 1)) {
                    self.not_arg[i] = true;
                }
            }
            // "FLAP inhibitors", "PPARalpha activators", "IL-6 antibodies": the inhibitor
            // or activator acts, not the entity it is named after.
            if WORDS.inhibitor_nouns.contains(self.word(i + 1))
                || WORDS.activator_nouns.contains(self.word(i + 1))
                || matches!(self.word(i + 1), "antibody" | "antibodies")
            {
                self.not_arg[i] = true;
            }
            // "thyroid peroxidase antibodies": a tissue modifying a noun that names
            // something else is no argument.
            if matches!(self.kind_of(i), Some(Kind::Tissue))
                && i + 2 < self.toks.len()
                && self.modifier_word(i + 1)
                && !self.is_aspect_noun(self.word(i + 1))
                && self.toks[i + 2].word().is_some_and(|w| {
                    w.len() > 3 && !self.is_aspect_noun(w) && self.modifier_word(i + 2)
                })
            {
                self.not_arg[i] = true;
            }
            // "T cell responses", "neutrophil adhesion": a cell naming whose activity is
            // meant modifies that noun and is not an argument itself.
            if matches!(self.kind_of(i), Some(Kind::Cell))
                && WORDS.cell_activities.contains(self.word(i + 1))
            {
                self.not_arg[i] = true;
            }
            if let Some(w) = self.toks.get(i + 1).and_then(Token::word)
                && w.starts_with('-')
                && self.ex.triggers.at(&self.toks, i + 1).is_none()
                && !WORDS.deficiency.iter().any(|d| w[1..].starts_with(d))
            {
                self.not_arg[i] = true;
            }
        }
    }

    fn mark_relative_clauses(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i + 1 < n {
            if self.toks[i].is_punct(',')
                && matches!(self.word(i + 1), "which" | "who")
                && let Some(close) = (i + 2..n).find(|&j| self.toks[j].is_punct(','))
            {
                for r in &mut self.relative[i..=close] {
                    *r = true;
                }
                i = close + 1;
                continue;
            }
            i += 1;
        }
    }

    fn find_triggers(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            if self.toks[i].hidden {
                i += 1;
                continue;
            }
            let Some(hit) = self
                .ex
                .triggers
                .at(&self.toks, i)
                .or_else(|| self.ex.triggers.postfix_at(&self.toks, i))
            else {
                i += 1;
                continue;
            };
            // A one-word verb form after an article or preposition is an adjective
            // ("by activated monocytes", "with a lower risk of").
            let after_article = i > 0
                && matches!(
                    self.word(i - 1),
                    "by" | "the"
                        | "a"
                        | "an"
                        | "of"
                        | "in"
                        | "with"
                        | "on"
                        | "from"
                        | "for"
                        | "its"
                        | "their"
                );
            // "and reduced risk of": a participle before a measure noun.
            let before_measure = matches!(hit.form, Form::Verb { past: true })
                && matches!(
                    self.word(i + 1),
                    "risk"
                        | "rate"
                        | "rates"
                        | "incidence"
                        | "odds"
                        | "prevalence"
                        | "severity"
                        | "levels"
                        | "level"
                );
            // "by inhibiting NF-kappaB", "effective in preventing X": a gerund after "by"
            // or "in" is a verb.
            let gerund = i > 0
                && matches!(self.word(i - 1), "by" | "through" | "in")
                && self.word(i).ends_with("ing");
            let adjective = matches!(hit.form, Form::Verb { .. })
                && hit.end == i + 1
                && ((after_article && !gerund)
                    || before_measure
                    || (matches!(hit.form, Form::Verb { past: true })
                        && i > 0
                        && self.word(i - 1) == "to"
                        && self.toks.get(i + 1).is_some_and(|t| t.entity().is_some())));
            if !adjective {
                i = hit.end;
                self.hits.push(hit);
            } else {
                i += 1;
            }
        }
        self.find_effect_of_on();
    }

    /// "the effects of A and B on X", "the inhibitory effect of A on X": the "on" is a
    /// trigger whose subject is the group after "of" (unsigned, unless an adjective gives
    /// the direction).
    fn find_effect_of_on(&mut self) {
        let n = self.toks.len();
        let mut found = Vec::new();
        for i in 0..n.saturating_sub(3) {
            if !WORDS.effect_nouns.contains(self.word(i))
                || self.word(i + 1) != "of"
                || self.toks[i].hidden
            {
                continue;
            }
            let mut j = i + 2;
            while j < n && WORDS.modifiers.contains(self.word(j)) {
                j += 1;
            }
            if !self.is_arg(j) || self.hits.iter().any(|h| h.start > i && h.start <= j) {
                continue;
            }
            let g = self.group_right(j, n, false);
            let mut k = g.end;
            // "the effect of IL-10 treatment on", "the effects of zinc alone on".
            while k < n && k < g.end + 2 && WORDS.subject_nouns.contains(self.word(k)) {
                k += 1;
            }
            while k < n && self.toks[k].hidden {
                k += 1;
            }
            if self.word(k) != "on" || self.hits.iter().any(|h| h.start <= k && k < h.end) {
                continue;
            }
            let before = if i > 0 { self.word(i - 1) } else { "" };
            let relation = if matches!(before, "inhibitory" | "suppressive" | "negative") {
                DECREASES
            } else if matches!(
                before,
                "stimulatory" | "enhancing" | "positive" | "activating"
            ) {
                INCREASES
            } else {
                REGULATES
            };
            if self.ex.vocab.contains(relation) {
                found.push(Hit {
                    start: k,
                    end: k + 1,
                    relation: relation.to_string(),
                    form: Form::Phrase { nominal: false },
                });
            }
        }
        if !found.is_empty() {
            self.hits.extend(found);
            self.hits.sort_by_key(|h| h.start);
        }
    }
}
