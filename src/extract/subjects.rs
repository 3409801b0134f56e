//! Subjects: who acts. The nearest argument group before a trigger within its clause,
//! the antecedent of a relative clause, the agent of a passive ("by A") or of a
//! nominalisation ("activation of X by A"), the subject of a light verb ("A has an
//! effect on"), the subject shared with a coordinated or subordinate verb before it, or
//! the entity before a hyphen suffix ("LPS-induced").

use super::claims::Reading;
use super::groups::Group;
use super::tagging::Analysis;
use super::tokens::Token;
use super::triggers::{Form, Hit};
use super::words::WORDS;

impl Analysis<'_> {
    /// The subject of trigger `hi`, given the readings of the triggers before it.
    pub(super) fn subject(&self, hi: usize, earlier: &[Reading]) -> Option<Group> {
        let h = &self.hits[hi];
        if let Some(Some(agent)) = self.passive_agent(h) {
            let mut j = agent;
            while j < self.toks.len() && !self.is_arg(j) {
                // "induced by a variety of stimuli, including A and B": the examples.
                if self.toks[j].is_punct(',')
                    && WORDS.examples.contains(self.word(j + 1))
                    && self.is_arg(j + 2)
                {
                    j += 2;
                    break;
                }
                if self.toks[j].is_punct(',')
                    || WORDS.object_stops.contains(self.word(j))
                    || j > agent + 5
                {
                    return None;
                }
                // "by exposure to a pro-inflammatory stimulus (lipopolysaccharide)": the
                // parenthesis names the agent.
                if self.toks[j].is_punct('(')
                    && j > agent
                    && self.toks[j - 1].word().is_some()
                    && let Some(a) = self.toks.get(j + 1).and_then(Token::entity)
                    && !self.not_arg[j + 1]
                {
                    return Some(Group {
                        args: vec![a],
                        combination: false,
                        start: j + 1,
                        end: j + 2,
                        flip: false,
                    });
                }
                j += 1;
            }
            if j >= self.toks.len() {
                return None;
            }
            let mut g = self.group_right(j, self.toks.len(), true);
            self.extend_agents(&mut g);
            return Some(g);
        }
        if self.passive_agent(h).is_some() {
            // "was induced ... upon P/I stimulation": the agent of an agentless passive.
            let mut j = h.end;
            while j < self.toks.len()
                && !self.toks[j].is_punct(';')
                && !self.toks[j].is_punct(',')
                && j < h.end + 8
            {
                let response = self.word(j) == "response"
                    && self.word(j - 1) == "in"
                    && self.word(j + 1) == "to";
                if matches!(self.word(j), "upon" | "after" | "following") || response {
                    let mut k = if response { j + 2 } else { j + 1 };
                    while k < self.toks.len()
                        && (WORDS.modifiers.contains(self.word(k))
                            || WORDS.quantifiers.contains(self.word(k)))
                    {
                        k += 1;
                    }
                    return self
                        .is_arg(k)
                        .then(|| self.group_right(k, self.toks.len(), false));
                }
                j += 1;
            }
            return None;
        }
        if matches!(h.form, Form::Postfix) {
            return self.nominal_agent(hi);
        }
        if matches!(h.form, Form::Suffix) {
            // "chemotherapy (paclitaxel)-induced": the parenthesis names the inducer
            // when what stands before it is no entity.
            if h.start > 2 && self.toks[h.start - 1].is_punct(')') {
                let inner = h.start - 2;
                if self.toks[inner - 1].is_punct('(')
                    && let Some(a) = self.toks[inner].entity()
                    && inner
                        .checked_sub(2)
                        .is_none_or(|k| self.toks[k].entity().is_none())
                {
                    return Some(Group {
                        args: vec![a],
                        combination: false,
                        start: inner,
                        end: inner + 1,
                        flip: false,
                    });
                }
            }
            // "TNF-alpha (TNF-alpha)-induced": the entity before the parenthesis.
            let b = (0..h.start).rev().find(|&k| !self.toks[k].hidden)?;
            return self.toks[b].entity().map(|a| Group {
                args: self.suspended_partner(b).into_iter().chain([a]).collect(),
                combination: false,
                start: b,
                end: b + 1,
                flip: false,
            });
        }
        let inherit = || earlier.iter().rev().find_map(|r| r.subject.clone());
        if matches!(h.form, Form::Phrase { nominal: true }) {
            return self.nominal_agent(hi);
        }
        // "lymphocytes stimulated with PMA": a participle right after a location or
        // setting modifies it; without "by" it has no subject here.
        if matches!(h.form, Form::Verb { past: true })
            && h.start > 0
            && self.toks[h.start - 1].entity().is_some()
            && !self.is_arg(h.start - 1)
        {
            return None;
        }
        // "factors associated with X": a participle or phrase modifying a noun that is
        // not an entity has no subject here.
        if matches!(h.form, Form::Phrase { .. } | Form::Verb { past: true })
            && h.start > 0
            && !self.after_light_verb(h.start)
            && let Some(w) = self.toks[h.start - 1].word()
            && !self.toks[h.start - 1].hidden
            && !WORDS.auxiliaries.contains(w)
            && !Self::is_adverbish(w)
            && !WORDS.subject_nouns.contains(w)
            && !WORDS.deficiency.contains(w)
            && !w.starts_with('-')
            && !matches!(
                w,
                "which"
                    | "that"
                    | "who"
                    | "and"
                    | "or"
                    | "a"
                    | "an"
                    | "the"
                    | "as"
                    // "A, B and C all activated X": a floating quantifier after the subject.
                    | "all"
                    | "both"
                    | "each"
                    | "alone"
                    | "together"
            )
        {
            return None;
        }
        // "Zinc lowers IL-6 by blocking NF-kappaB": a gerund of means shares the
        // subject of the clause it depends on.
        if matches!(h.form, Form::Verb { past: false })
            && self.word(h.start).ends_with("ing")
            && h.start > 0
            && matches!(self.word(h.start - 1), "by" | "through")
        {
            return inherit().or_else(|| self.first_group().filter(|g| g.end < h.start));
        }
        // "LPS is a potent stimulator of monocytes, causing secretion of TNF": a present
        // participle after a comma shares the subject of the main clause.
        if matches!(h.form, Form::Verb { past: false })
            && self.word(h.start).ends_with("ing")
            && h.start > 0
            && self.toks[h.start - 1].is_punct(',')
            && let Some(g) = self.first_group()
            && g.end < h.start
            && !self.relative[h.start]
        {
            return Some(g);
        }
        // Relative clause: "resolvins, which promote ...".
        let mut k = h.start;
        while k > 0
            && (WORDS.auxiliaries.contains(self.word(k - 1))
                || Self::is_adverbish(self.word(k - 1)))
        {
            k -= 1;
        }
        if k > 0 && matches!(self.word(k - 1), "which" | "who" | "that") {
            let mut a = k - 1;
            while a > 0 && (self.toks[a - 1].is_punct(',') || self.toks[a - 1].hidden) {
                a -= 1;
            }
            if a > 0 && self.is_arg(a - 1) {
                return Some(self.group_left(a - 1, 0));
            }
            // "IL-17 secretion, which ...": the antecedent named through an aspect noun.
            let aspect_noun = |w: &str| {
                WORDS.subject_nouns.contains(w)
                    || self
                        .ex
                        .vocab
                        .aspects()
                        .iter()
                        .any(|asp| asp.nouns.iter().any(|n| n == w))
            };
            if a > 1 && aspect_noun(self.word(a - 1)) && self.is_arg(a - 2) {
                return Some(self.group_left(a - 2, 0));
            }
            if self.word(k - 1) != "that" {
                return None;
            }
        }
        let in_relative = self.relative[h.start];
        let prev_end = self.hits[..hi].iter().map(|p| p.end).min();
        let mut j = h.start;
        while j > 0 {
            j -= 1;
            let t = &self.toks[j];
            if t.hidden || (self.relative[j] && !in_relative) {
                continue;
            }
            if t.is_punct(';') || WORDS.subject_stops.contains(t.word().unwrap_or("")) {
                return inherit();
            }
            if !self.is_arg(j) {
                continue;
            }
            // "BSO-induced thiol imbalance was associated with": the entity before a
            // hyphen suffix modifies a head noun that is no entity; that noun is the
            // subject, so there is none here.
            let after = (j + 1..h.start).find(|&k| !self.toks[k].hidden);
            if after.is_some_and(|a| {
                self.hits
                    .iter()
                    .any(|x| x.start == a && matches!(x.form, Form::Suffix))
            }) {
                return None;
            }
            // The group may not reach back into an earlier trigger's predicate.
            let floor = self.hits[..hi]
                .iter()
                .filter(|p| p.end <= j)
                .map(|p| p.end)
                .max()
                .unwrap_or(0);
            let g = self.group_left(j, floor);
            let after_earlier_trigger = prev_end.is_some_and(|e| g.start >= e);
            if !after_earlier_trigger {
                return Some(self.with_compared(g));
            }
            // After an earlier verb, a coordination to the left is that verb's object
            // list ("prevent A, and B did not"): the subject is the last member alone.
            // "by A, and B but not C can inhibit": the members after the last comma.
            let g = if g.args.len() > 1 {
                let comma = (g.start..j).rev().find(|&k| self.toks[k].is_punct(','));
                match comma {
                    Some(c) if self.word(c + 1) == "and" => self.group_left(j, c + 1),
                    _ => self.group_left(j, j),
                }
            } else {
                g
            };
            // A subject opening a new clause: ", and zinc is", "that vitamin D can".
            let mut b = g.start;
            while b > 0 && WORDS.modifiers.contains(self.word(b - 1)) {
                b -= 1;
            }
            let opener = b > 0
                && (WORDS.clause_openers.contains(self.word(b - 1))
                    || self.toks[b - 1].is_punct(';'));
            let comma_and = b > 1 && self.word(b - 1) == "and" && self.toks[b - 2].is_punct(',');
            if (opener && self.word(b - 1) != "and") || comma_and || self.ends_subordinate(b) {
                return Some(g);
            }
            return inherit();
        }
        inherit()
    }

    /// For a passive verb ("is mediated by"), the token after "by", or `None` when the
    /// verb is not passive. `Some(None)` is a passive without an agent.
    pub(super) fn passive_agent(&self, h: &Hit) -> Option<Option<usize>> {
        if !matches!(h.form, Form::Verb { past: true }) {
            return None;
        }
        let mut k = h.start;
        while k > 0 && Self::is_adverbish(self.word(k - 1)) {
            k -= 1;
        }
        if k == 0 || !self.is_be(self.word(k - 1)) {
            // "X, mediated by Y": a participle with an agent is passive too.
            return if self.word(h.end) == "by" {
                Some(Some(h.end + 1))
            } else {
                None
            };
        }
        let mut j = h.end;
        while j < self.toks.len() && Self::is_adverbish(self.word(j)) {
            j += 1;
        }
        if self.word(j) == "by" {
            Some(Some(j + 1))
        } else {
            Some(None)
        }
    }

    /// The agent of a nominal trigger: "activation of NF-kB by IL-1beta", and the
    /// instrument of one: "PKC inhibition with bisindolylmaleimide", "inhibition of the
    /// MAP kinase cascade with PD98059".
    fn nominal_agent(&self, hi: usize) -> Option<Group> {
        let (og, _, _) = self.object(hi)?;
        let mut j = og.end.max(self.hits[hi].end);
        let mut heads = 0;
        while j < self.toks.len()
            && (self.toks[j].hidden
                || Self::is_adverbish(self.word(j))
                || (heads < 2
                    && (self.is_aspect_noun(self.word(j))
                        || matches!(
                            self.word(j),
                            "cascade"
                                | "pathway"
                                | "complex"
                                | "gene"
                                | "genes"
                                | "mrna"
                                | "promoter"
                        ))))
        {
            heads += usize::from(!self.toks[j].hidden);
            j += 1;
        }
        if !matches!(self.word(j), "by" | "with") {
            return None;
        }
        let mut k = j + 1;
        while k < self.toks.len()
            && (WORDS.modifiers.contains(self.word(k)) || (k < j + 3 && self.modifier_word(k)))
        {
            k += 1;
        }
        self.is_arg(k)
            .then(|| self.group_right(k, self.toks.len(), false))
    }

    /// "induced by A (10 ng/ml) or by B": a repeated "by" adds its agents to the group.
    fn extend_agents(&self, g: &mut Group) {
        loop {
            let mut k = g.end;
            // A parenthesis after the agent (a dose, an abbreviation) is skipped.
            if self.toks.get(k).is_some_and(|t| t.is_punct('(')) {
                match (k..self.toks.len().min(k + 12)).find(|&j| self.toks[j].is_punct(')')) {
                    Some(close) => k = close + 1,
                    None => return,
                }
            }
            if !(matches!(self.word(k), "or" | "and") && self.word(k + 1) == "by") {
                return;
            }
            let mut j = k + 2;
            while j < self.toks.len() && WORDS.modifiers.contains(self.word(j)) {
                j += 1;
            }
            if !self.is_arg(j) {
                return;
            }
            let more = self.group_right(j, self.toks.len(), true);
            if more.combination != g.combination {
                return;
            }
            g.args.extend(more.args);
            g.end = more.end;
        }
    }

    /// "HMDS, similar to LPS, increases X", "zinc, like selenium, lowers X": the
    /// subject named before a comparison shares the predicate with the one compared.
    fn with_compared(&self, mut g: Group) -> Group {
        let mut k = g.start;
        while k > 0
            && g.start - k < 3
            && (WORDS.modifiers.contains(self.word(k - 1))
                || (self.modifier_word(k - 1) && !matches!(self.word(k - 1), "to" | "like")))
        {
            k -= 1;
        }
        let cue = if k >= 2 && self.word(k - 1) == "to" && self.word(k - 2) == "similar" {
            2
        } else if k >= 1 && self.word(k - 1) == "like" {
            1
        } else {
            return g;
        };
        let mut c = k - cue;
        while c > 0 && Self::is_adverbish(self.word(c - 1)) {
            c -= 1;
        }
        if c >= 2 && self.toks[c - 1].is_punct(',') && self.is_arg(c - 2) {
            let a = self.group_left(c - 2, 0);
            let mut args = a.args.clone();
            args.extend(&g.args);
            g.args = args;
            g.start = a.start;
        }
        g
    }

    /// "Although A activated B, C reduced D": whether token `b` follows the comma that
    /// closes a sentence-initial subordinate clause (the first comma after its first
    /// trigger), so that a main clause starts at `b`.
    fn ends_subordinate(&self, b: usize) -> bool {
        let Some(first) = (0..self.toks.len()).find(|&k| !self.toks[k].hidden) else {
            return false;
        };
        let opens = self.toks[first].word().is_some_and(|w| {
            WORDS
                .subordinators
                .contains(w.to_ascii_lowercase().as_str())
        });
        let Some(first_hit) = self.hits.first().map(|h| h.end) else {
            return false;
        };
        if !opens || b <= first_hit || !self.toks[b - 1].is_punct(',') {
            return false;
        }
        // No other predicate in between, and any earlier comma belongs to a list the
        // subordinate clause has closed ("Although A activated B, C, and D, E ...").
        let span = first_hit..b - 1;
        !self.hits.iter().any(|h| span.contains(&h.start))
            && (!span.clone().any(|k| self.toks[k].is_punct(','))
                || span.clone().any(|k| matches!(self.word(k), "and" | "or")))
    }

    /// Whether a predicate noun at `i` ("effect on", "role in") follows a light verb
    /// through determiners and adjectives: "had no effect on", "plays a key role in",
    /// "exerts a strong inhibitory effect on". The light verb's subject is then the
    /// claim's subject.
    fn after_light_verb(&self, i: usize) -> bool {
        let mut k = i;
        let mut steps = 0;
        while k > 0 && steps < 5 {
            let w = self.word(k - 1);
            if WORDS.light_verbs.contains(w) {
                return steps > 0;
            }
            // An appositive: "NF-kappaB, a transcriptional activator of".
            if steps > 0
                && self.toks[k - 1].is_punct(',')
                && k > 1
                && self.toks[k - 2].entity().is_some()
            {
                return true;
            }
            let modifier = matches!(
                w,
                "a" | "an"
                    | "the"
                    | "no"
                    | "any"
                    | "little"
                    | "some"
                    | "almost"
                    | "only"
                    | "its"
                    | "their"
                    | "key"
                    | "major"
                    | "important"
                    | "significant"
                    | "direct"
                    | "strong"
                    | "similar"
                    | "crucial"
                    | "critical"
                    | "central"
                    | "pivotal"
                    | "essential"
                    | "profound"
                    | "marked"
                    | "dual"
                    | "novel"
                    | "main"
                    | "potent"
                    | "pluripotent"
                    | "efficient"
                    | "two"
                    | "both"
            ) || Self::is_adverbish(w)
                || ["al", "ive", "ory", "ic", "ous", "ful", "ent", "ant", "id"]
                    .iter()
                    .any(|suf| w.len() > 4 && w.ends_with(suf));
            if !modifier {
                return false;
            }
            k -= 1;
            steps += 1;
        }
        false
    }
}
