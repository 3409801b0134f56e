//! Claims: for each trigger of a sentence, its subjects and objects (see
//! [`super::subjects`] and [`super::objects`]) with the relations it states of them,
//! refined by aspect, range and deficiency; each claim stated once. Also the learned
//! reader's claims of a sentence, merged with the rules'.

use std::collections::HashSet;

use crate::claim::{Claim, Context, EntityRef, Evidence, Score, Text};
use crate::document::{Document, Sentence};
use crate::lexicon::{Kind, normalize_label};
use crate::vocab::{Aspect, Sign};

use super::Extractor;
use super::groups::Group;
use super::polarity::Polarity;
use super::relations::{ASSOCIATED_WITH, DECREASES, INCREASES, REGULATES, SUPPRESSES};
use super::tagging::Analysis;
use super::tokens::Token;
use super::triggers::{Form, Hit};
use super::words::WORDS;

/// What one trigger gave.
#[derive(Debug, Clone)]
pub(super) struct Reading {
    pub(super) subject: Option<Group>,
    pub(super) hedged: bool,
}

/// The evidence of a claim read in sentence `s` of `doc` through `trigger`.
fn evidence(doc: &Document, s: &Sentence, trigger: Option<Text>) -> Evidence {
    let paragraph = &doc.paragraphs[s.paragraph];
    Evidence {
        document: doc.id.as_str().into(),
        section: paragraph.section.as_deref().map(Text::from),
        sentence: doc.text[s.start..s.end].into(),
        start: Some(s.start),
        end: Some(s.end),
        citations: paragraph.citations.clone(),
        trigger,
        ..Evidence::default()
    }
}

impl<'a> Analysis<'a> {
    /// The claims of the sentence `s` of `doc`: for each trigger, its subjects and
    /// objects with the relations it states of them, negated and hedged as the words
    /// around it say, in the context the sentence names; then the elliptical denials
    /// ("B did not") and the claims of agent nouns ("the PKC inhibitor Bis"). A claim is
    /// stated once (subject, relation, object, negation).
    pub(super) fn claims(&self, doc: &Document, s: &Sentence) -> Vec<Claim> {
        let contexts = self.contexts();
        let mut readings: Vec<Reading> = Vec::new();
        let mut out: Vec<Claim> = Vec::new();
        let mut seen = HashSet::new();
        // The trigger each claim in `out` came from, for elliptical clauses.
        let mut from_hit: Vec<usize> = Vec::new();
        let mut absorbed_until = 0;
        for hi in 0..self.hits.len() {
            let h = &self.hits[hi];
            // A hyphen suffix ("TNF-alpha-induced VCAM-1") states its own claim even inside
            // another trigger's object.
            if h.start < absorbed_until && !matches!(h.form, Form::Suffix) {
                readings.push(Reading {
                    subject: None,
                    hedged: false,
                });
                continue;
            }
            let (subject, object) = if self.word(h.end - 1) == "between" {
                self.between(hi)
            } else {
                (self.subject(hi, &readings), self.object(hi))
            };
            let Polarity { hedged, negated } = self.polarity(
                hi,
                subject.as_ref(),
                object.as_ref().map(|(og, _, _)| og),
                &readings,
            );
            readings.push(Reading {
                subject: subject.clone(),
                hedged,
            });
            let (Some(sg), Some((og, aspect, gap))) = (subject, object) else {
                continue;
            };
            // "LPS-stimulated neutrophils": how cells were treated, not a claim on them.
            if matches!(h.form, Form::Suffix)
                && matches!(
                    self.word(h.start),
                    "-stimulated" | "-activated" | "-treated" | "-primed" | "-pulsed" | "-exposed"
                )
                && (h.end..og.start).all(|k| self.modifier_word(k))
                && og.args.iter().all(|&a| {
                    self.args[a]
                        .refs
                        .iter()
                        .all(|r| matches!(r.kind, Kind::Cell | Kind::Tissue))
                })
            {
                continue;
            }
            let denied: HashSet<&str> = [&sg, &og]
                .iter()
                .flat_map(|g| g.args.iter())
                .filter(|&&a| self.args[a].denied)
                .flat_map(|&a| self.args[a].refs.iter().map(|r| r.id.as_str()))
                .collect();
            // A nominal trigger, or a hyphen suffix before one ("NF-kappaB-dependent
            // induction of X by Y"), leaves the triggers up to its object their own claims.
            if !matches!(h.form, Form::Phrase { nominal: true } | Form::Suffix) {
                absorbed_until = absorbed_until.max(og.start);
            }
            let ctx = self.claim_context(&contexts, hi, &sg, &og);
            let trigger = self.text[self.toks[h.start].start..self.toks[h.end - 1].end]
                .trim_start_matches('-')
                .to_string();
            let after_object = self
                .toks
                .get(og.end)
                .and_then(Token::word)
                .unwrap_or("")
                .to_string();
            for (subj, flip) in self.subject_refs(&sg) {
                for obj in self.refs_of(&og) {
                    if subj.id == obj.id {
                        continue;
                    }
                    let negated = negated
                        || denied.contains(subj.id.as_str())
                        || denied.contains(obj.id.as_str());
                    for relation in self.relations_for(h, aspect, &gap, &obj, &after_object, flip) {
                        let key = (subj.id.clone(), relation.clone(), obj.id.clone(), negated);
                        if !seen.insert(key) {
                            continue;
                        }
                        from_hit.push(hi);
                        out.push(Claim {
                            subject: subj.clone(),
                            relation,
                            object: obj.clone(),
                            negated,
                            hedged,
                            context: ctx.clone(),
                            evidence: evidence(doc, s, Some(trigger.as_str().into())),
                        });
                    }
                }
            }
        }
        self.add_elliptical_denials(&mut out, &from_hit, &mut seen);
        for (agents, relation, target, noun) in self.agent_nouns() {
            let Some(obj) = self.args[target].refs.first() else {
                continue;
            };
            let relation = self.ex.vocab.fit_range(relation, obj.kind).to_string();
            if !self.ex.vocab.contains(&relation) {
                continue;
            }
            for subj in agents.iter().flat_map(|&a| self.args[a].refs.iter()) {
                let key = (subj.id.clone(), relation.clone(), obj.id.clone(), false);
                if subj.id == obj.id || !seen.insert(key) {
                    continue;
                }
                out.push(Claim {
                    subject: subj.clone(),
                    relation: relation.clone(),
                    object: obj.clone(),
                    negated: false,
                    hedged: false,
                    context: Context::default(),
                    evidence: evidence(
                        doc,
                        s,
                        Some(self.text[self.toks[noun].start..self.toks[noun].end].into()),
                    ),
                });
            }
        }
        out
    }

    /// "the PKC inhibitor bisindolylmaleimide (Bis)", "DZA, an SAH hydrolase inhibitor",
    /// "Y is a potent X antagonist", "the PPARalpha activators fenofibrate or WY14643": the
    /// agents named beside an agent noun act on the target named right before it. Each
    /// item: (agent arguments, relation, target argument, agent noun token).
    fn agent_nouns(&self) -> Vec<(Vec<usize>, &'static str, usize, usize)> {
        let n = self.toks.len();
        let mut out = Vec::new();
        for i in 1..n {
            let w = self.word(i);
            let relation = if WORDS.inhibitor_nouns.contains(w) {
                SUPPRESSES
            } else if WORDS.activator_nouns.contains(w) {
                INCREASES
            } else if matches!(w, "regulator" | "regulators" | "modulator" | "modulators") {
                REGULATES
            } else {
                continue;
            };
            let Some(target) = self.toks[i - 1].entity() else {
                continue;
            };
            // Agents after the noun: "inhibitor okadaic acid", "activators A or B".
            let mut agents = Vec::new();
            let mut k = i + 1;
            while k < n && WORDS.modifiers.contains(self.word(k)) {
                k += 1;
            }
            while let Some(a) = self.toks.get(k).and_then(Token::entity) {
                agents.push(a);
                k += 1;
                if self.toks.get(k).is_some_and(|t| t.is_punct('(')) {
                    while k < n && !self.toks[k].is_punct(')') {
                        k += 1;
                    }
                    k += 1;
                }
                let mut c = k;
                while c < n && (self.toks[c].is_punct(',') || matches!(self.word(c), "and" | "or"))
                {
                    c += 1;
                }
                if c == k {
                    break;
                }
                k = c;
            }
            // An agent before: "Y, a potent X inhibitor", "Y is an X inhibitor".
            if agents.is_empty() {
                let mut b = i - 1;
                let mut steps = 0;
                while b > 0 && steps < 4 {
                    let w = self.word(b - 1);
                    if matches!(w, "a" | "an" | "the" | "potent" | "specific" | "selective")
                        || Self::is_adverbish(w)
                        || (w.contains('-') && self.modifier_word(b - 1))
                    {
                        b -= 1;
                        steps += 1;
                    } else {
                        break;
                    }
                }
                if steps > 0 && b > 1 {
                    let link = &self.toks[b - 1];
                    let linked = link.is_punct(',') || self.is_be(self.word(b - 1));
                    if linked && let Some(a) = self.toks[b - 2].entity() {
                        agents.push(a);
                    }
                }
            }
            agents.retain(|&a| a != target);
            if !agents.is_empty() {
                out.push((agents, relation, target, i));
            }
        }
        out
    }

    /// The relations a trigger states of an object: the trigger's relation refined by
    /// aspect, range and deficiency; an association "with lower X" also states the
    /// decrease.
    fn relations_for(
        &self,
        h: &Hit,
        aspect: Option<&Aspect>,
        gap: &[String],
        obj: &EntityRef,
        after_object: &str,
        flip: bool,
    ) -> Vec<String> {
        let vocab = &self.ex.vocab;
        let Some(rel) = vocab.get(&h.relation) else {
            return Vec::new();
        };
        let mut name = rel.name.clone();
        if rel.directional
            && let Some(a) = aspect
        {
            let refined = match rel.sign {
                Sign::Positive => a.up.clone(),
                Sign::Negative => a.down.clone(),
                Sign::Unsigned => None,
            };
            if let Some(r) = refined {
                name = r;
            }
        }
        let first = self.word(h.start);
        if obj.kind == Kind::Condition
            && WORDS.bettering.contains(first)
            && !WORDS.good_outcomes.contains(after_object)
        {
            name = DECREASES.to_string();
        }
        if flip && let Some(opp) = vocab.get(&name).and_then(|r| r.opposite.clone()) {
            name = opp;
        }
        let name = vocab.fit_range(&name, obj.kind).to_string();
        let mut out = vec![name.clone()];
        if vocab.get(&name).is_some_and(|r| r.sign == Sign::Unsigned) && vocab.contains(DECREASES) {
            let down = gap.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "lower" | "reduced" | "decreased" | "less" | "fewer"
                )
            });
            let up = gap.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "higher" | "increased" | "greater" | "elevated" | "more"
                )
            });
            let directed = if down && !up {
                Some(DECREASES)
            } else if up && !down {
                Some(INCREASES)
            } else {
                None
            };
            if let Some(d) = directed
                && name == ASSOCIATED_WITH
            {
                out.push(d.to_string());
            }
        }
        out
    }
}

impl Extractor {
    /// The entity a learned mention names: the lexicon's, when a name matches it whole,
    /// else an ungrounded node of the tagger's kind.
    fn learned_entity(&self, written: &str, kind: Kind) -> EntityRef {
        match self.by_name.get(&normalize_label(written)) {
            Some(&i) => EntityRef::from_entity(&self.lexicon.entities()[i], Some(written)),
            None => EntityRef::ungrounded(written, kind),
        }
    }

    /// The learned reader's claims of a sentence, added to `claims` unless one with the
    /// same subject, relation sign, object and polarity is there already, or the rules
    /// stated the same subject, object and polarity in this sentence with another
    /// relation.
    pub(super) fn add_learned(
        &self,
        doc: &Document,
        s: &Sentence,
        given: &[(usize, usize, EntityRef)],
        claims: &mut Vec<Claim>,
    ) {
        let text = &doc.text;
        for f in self.reader.read(text, s.start, s.end, &self.matcher) {
            let (Some(subj), Some(obj)) = (
                text.get(f.subject.0..f.subject.1),
                text.get(f.object.0..f.object.1),
            ) else {
                continue;
            };
            // A learned argument over a given mention is that mention's entity.
            let given_at = |(a, b): (usize, usize)| {
                given
                    .iter()
                    .find(|(gs, ge, _)| *gs < b && a < *ge)
                    .map(|(_, _, r)| r.clone())
            };
            let subject =
                given_at(f.subject).unwrap_or_else(|| self.learned_entity(subj, f.subject_kind));
            let object =
                given_at(f.object).unwrap_or_else(|| self.learned_entity(obj, f.object_kind));
            if subject.id == object.id {
                continue;
            }
            let sign = self.vocab.sign(&f.relation);
            // Stated already, or the rules read this pair in this sentence through a
            // vocabulary trigger (their relation wins over the model's guess of it).
            let dup = claims.iter().any(|c| {
                c.subject.id == subject.id
                    && c.object.id == object.id
                    && c.negated == f.negated
                    && (self.vocab.sign(&c.relation) == sign || c.evidence.start == Some(s.start))
            });
            if dup {
                continue;
            }
            let trigger = f.trigger.and_then(|(a, b)| text.get(a..b)).map(Text::from);
            claims.push(Claim {
                subject,
                relation: f.relation.clone(),
                object,
                negated: f.negated,
                hedged: f.hedged,
                context: Context::default(),
                evidence: Evidence {
                    // The pair model's margin over "no claim", squashed into (0, 1):
                    // monotone in the margin, not a calibrated probability.
                    score: Score::from_f64(1.0 / (1.0 + (-f64::from(f.score)).exp())),
                    ..evidence(doc, s, trigger)
                },
            });
        }
    }
}
