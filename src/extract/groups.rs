//! Coordination and combinations: the group of coordinated arguments a trigger's
//! subject or object is ("A, B and C", "A as well as B", "IL-6 secretion and NF-kappaB
//! activation"), whether its members act as one combination ("combined", "plus",
//! "with supplementation of A and B") and whether it names a deficiency (the claim's
//! sign flips).

use std::collections::HashSet;

use crate::claim::EntityRef;

use super::tagging::Analysis;
use super::triggers::Form;
use super::words::WORDS;

/// A coordinated group of arguments.
#[derive(Debug, Clone)]
pub(super) struct Group {
    pub(super) args: Vec<usize>,
    pub(super) combination: bool,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) flip: bool,
}

impl Analysis<'_> {
    /// The group of coordinated arguments starting at token `i` (an argument).
    pub(super) fn group_right(&self, i: usize, stop: usize, object_side: bool) -> Group {
        let mut args = vec![self.toks[i].entity().unwrap_or(0)];
        let mut end = i + 1;
        let mut plus = false;
        let mut worded = false;
        let mut comma_cut: Option<(usize, usize)> = None;
        // "strongly c-fos and weakly c-jun": conjuncts with parallel adverbs.
        let parallel_adverb = i > 0 && {
            let w = self.word(i - 1);
            w.len() > 4 && w.ends_with("ly")
        };
        loop {
            let mut j = end;
            let mut saw_connector = false;
            let mut saw_comma = false;
            // "ROI production and NF-kappaB activation": the aspect noun after a member.
            if j < stop && self.is_aspect_noun(self.word(j)) {
                j += 1;
            }
            // "production of cytokines by DC as well as ...": a producer or location
            // after a member does not end the coordination.
            if object_side
                && j + 1 < stop
                && matches!(self.word(j), "by" | "in" | "on")
                && self.toks[j + 1].entity().is_some()
                && !self.is_arg(j + 1)
                && (self.word(j + 2) == "and"
                    || self.word(j + 2) == "as"
                    || self.toks.get(j + 2).is_some_and(|t| t.is_punct(',')))
            {
                j += 2;
            }
            while j < stop {
                let t = &self.toks[j];
                saw_comma |= t.is_punct(',');
                if t.hidden
                    || t.is_punct(',')
                    || matches!(t.word(), Some("and" | "or" | "and/or" | "plus"))
                {
                    if t.is("plus") {
                        plus = true;
                    }
                    saw_connector |= !t.hidden;
                    worded |= !t.hidden && !t.is_punct(',');
                    j += 1;
                } else if t.is("as") && self.word(j + 1) == "well" && self.word(j + 2) == "as" {
                    saw_connector = true;
                    worded = true;
                    j += 3;
                } else {
                    break;
                }
            }
            // "activated strongly c-fos and weakly c-jun": an adverb before a conjunct.
            while j < stop
                && ((WORDS.modifiers.contains(self.word(j))
                    && !matches!(self.word(j), "both" | "either"))
                    || (saw_connector
                        && parallel_adverb
                        && self.word(j).len() > 4
                        && self.word(j).ends_with("ly")
                        && self.ex.triggers.at(&self.toks, j).is_none()))
            {
                j += 1;
            }
            // "... VCAM-1 and activation of NF-kappaB": a conjunct named through an
            // aspect noun or nominalisation.
            if object_side && saw_connector && !self.is_arg(j) {
                // "... and their surface expression of X": one modifier before the noun.
                if !self.is_aspect_noun(self.word(j))
                    && j + 1 < stop
                    && self.modifier_word(j)
                    && self.is_aspect_noun(self.word(j + 1))
                {
                    j += 1;
                }
                let mut k = j;
                if self.is_aspect_noun(self.word(j)) {
                    while k < stop && k < j + 5 && !self.is_arg(k) {
                        let w = self.word(k);
                        if w.is_empty()
                            || WORDS.object_stops.contains(w)
                            || self.hits.iter().any(|h| h.start == k) && k > j
                        {
                            break;
                        }
                        k += 1;
                    }
                    if k < stop && self.is_arg(k) {
                        j = k;
                    }
                }
            }
            if !saw_connector || j >= stop || !self.is_arg(j) {
                break;
            }
            // "..., and zinc is necessary": a new clause, not a conjunct.
            let mut k = j + 1;
            while k < stop
                && (WORDS.deficiency.contains(self.word(k))
                    || WORDS.subject_nouns.contains(self.word(k)))
            {
                k += 1;
            }
            let next = self.word(k);
            let starts_clause = WORDS.auxiliaries.contains(next)
                && !matches!(next, "in" | "to" | "both" | "together" | "each")
                || self
                    .hits
                    .iter()
                    .any(|h| h.start == k && !matches!(h.form, Form::Phrase { nominal: true }));
            if object_side && saw_comma && starts_clause {
                break;
            }
            // "by A, and B but not C can inhibit": the clause began at the comma.
            if object_side
                && starts_clause
                && let Some((n, e)) = comma_cut
            {
                args.truncate(n);
                end = e;
                break;
            }
            if saw_comma {
                comma_cut = Some((args.len(), end));
            }
            args.push(self.toks[j].entity().unwrap_or(0));
            end = j + 1;
        }
        // "..., Fas mRNA was": members joined by commas alone are no coordination.
        if !worded && args.len() > 1 {
            args.truncate(1);
            end = i + 1;
        }
        let mut g = Group {
            args,
            combination: plus,
            start: i,
            end,
            flip: false,
        };
        self.finish_group(&mut g);
        g
    }

    /// The group of coordinated arguments ending at token `i` (an argument).
    pub(super) fn group_left(&self, i: usize, floor: usize) -> Group {
        let mut start = i;
        let mut args = vec![self.toks[i].entity().unwrap_or(0)];
        let mut worded = false;
        loop {
            let mut j = start;
            let mut saw_connector = false;
            while j > floor {
                let t = &self.toks[j - 1];
                if t.is_punct(',')
                    || matches!(t.word(), Some("and" | "or" | "and/or" | "plus"))
                    || t.hidden
                {
                    saw_connector |= !t.hidden;
                    worded |= !t.hidden && !t.is_punct(',');
                    j -= 1;
                } else if WORDS.modifiers.contains(t.word().unwrap_or(""))
                    && !matches!(t.word(), Some("both" | "either"))
                {
                    j -= 1;
                } else if saw_connector
                    && j > floor + 1
                    && self.is_arg(j - 2)
                    && t.word().is_some_and(|w| self.is_aspect_noun(w))
                {
                    // "NF-kappaB activity and IL-6 synthesis": a conjunct named with its
                    // aspect noun.
                    j -= 1;
                } else {
                    break;
                }
            }
            if !saw_connector || j == floor || !self.is_arg(j - 1) {
                break;
            }
            args.insert(0, self.toks[j - 1].entity().unwrap_or(0));
            start = j - 1;
        }
        if !worded && args.len() > 1 {
            args.drain(..args.len() - 1);
            start = i;
        }
        let mut g = Group {
            args,
            combination: false,
            start,
            end: i + 1,
            flip: false,
        };
        self.finish_group(&mut g);
        g
    }

    /// Sets the combination and deficiency flags of a group from the words around it.
    fn finish_group(&self, g: &mut Group) {
        let mut before = Vec::new();
        let mut k = g.start;
        while k > 0 && before.len() < 4 {
            k -= 1;
            if let Some(w) = self.toks[k].word() {
                before.push(w.to_string());
            }
        }
        let after: Vec<&str> = (g.end..(g.end + 2).min(self.toks.len()))
            .filter_map(|k| self.toks[k].word())
            .collect();
        let individual = before.first().is_some_and(|w| w == "both" || w == "either");
        let distinct: HashSet<&str> = g
            .args
            .iter()
            .flat_map(|&a| self.args[a].refs.iter().map(|r| r.id.as_str()))
            .collect();
        if distinct.len() > 1 && !individual {
            let with = before.len() >= 2
                && before[0] == "with"
                && matches!(
                    before[1].as_str(),
                    "supplementation" | "treatment" | "co-supplementation" | "supplemented"
                );
            if g.combination
                || with
                || before
                    .iter()
                    .take(3)
                    .any(|w| WORDS.combination_before.contains(w.as_str()))
                || after
                    .first()
                    .is_some_and(|w| WORDS.combination_after.contains(w))
            {
                g.combination = true;
            }
        }
        let next = self.word(g.end);
        let deficiency_word = WORDS.deficiency.contains(next)
            || WORDS
                .deficiency
                .iter()
                .any(|d| next.strip_prefix('-').is_some_and(|s| s.starts_with(d)));
        let deficiency_of = before.first().is_some_and(|w| w == "of" || w == "in")
            && before
                .get(1)
                .is_some_and(|w| WORDS.deficiency.contains(w.as_str()) || w == "lack");
        // "Low magnesium status impairs ...": a lack of the entity is the subject.
        let scarce = before
            .first()
            .is_some_and(|w| WORDS.scarce.contains(w.as_str()));
        g.flip = deficiency_word || deficiency_of || scarce;
    }

    /// The entities a group stands for: one combination, or each member.
    pub(super) fn refs_of(&self, g: &Group) -> Vec<EntityRef> {
        let mut refs: Vec<EntityRef> = g
            .args
            .iter()
            .flat_map(|&a| self.args[a].refs.iter().cloned())
            .collect();
        if g.combination && refs.len() > 1 {
            let mention = self.text[self.toks[g.start].start..self.toks[g.end - 1].end].to_string();
            refs = vec![EntityRef::combination(refs, Some(&mention))];
        }
        let mut seen = HashSet::new();
        refs.retain(|r| seen.insert(r.id.clone()));
        refs
    }

    /// The subject-side entities of a group, with deficiency conditions resolved to
    /// their nutrient; the bool says whether the claim's sign flips.
    pub(super) fn subject_refs(&self, g: &Group) -> Vec<(EntityRef, bool)> {
        if g.combination {
            return self.refs_of(g).into_iter().map(|r| (r, g.flip)).collect();
        }
        let mut out = Vec::new();
        for &a in &g.args {
            let arg = &self.args[a];
            match &arg.deficiency_of {
                Some(base) => {
                    let mut b = base.clone();
                    b.mention = arg.refs[0].mention.clone();
                    out.push((b, true));
                }
                None => out.extend(arg.refs.iter().cloned().map(|r| (r, g.flip))),
            }
        }
        let mut seen = HashSet::new();
        out.retain(|(r, _)| seen.insert(r.id.clone()));
        out
    }

    /// The first argument group of the sentence (its topic).
    pub(super) fn first_group(&self) -> Option<Group> {
        let first_hit = self.hits.first().map_or(self.toks.len(), |h| h.start);
        (0..first_hit)
            .find(|&i| self.is_arg(i))
            .map(|i| self.group_right(i, first_hit, false))
    }

    /// The arguments of a parenthesised list of at least two entities starting at token
    /// `i` ("(IL-2, IL-6 and IL-10)"); empty when the parentheses hold anything else.
    pub(super) fn parenthesized_list(&self, i: usize) -> Vec<usize> {
        if !self.toks.get(i).is_some_and(|t| t.is_punct('(')) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for t in &self.toks[i + 1..] {
            if t.is_punct(')') {
                return if out.len() >= 2 { out } else { Vec::new() };
            }
            match (t.entity(), t.word()) {
                (Some(a), _) => out.push(a),
                (None, Some("and" | "or")) => {}
                (None, None) if t.is_punct(',') => {}
                _ => return Vec::new(),
            }
        }
        Vec::new()
    }
}
