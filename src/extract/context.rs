//! Context: the species ("in mice"), populations ("in postmenopausal women") and
//! tissues ("in the gut") a sentence names, and which of them a claim is stated in.

use crate::claim::Context;
use crate::lexicon::Kind;

use super::groups::Group;
use super::tagging::Analysis;
use super::words::WORDS;

impl Analysis<'_> {
    /// Context phrases of the sentence: (token index, field, value).
    pub(super) fn contexts(&self) -> Vec<(usize, &'static str, String)> {
        let mut out = Vec::new();
        for (i, t) in self.toks.iter().enumerate() {
            if let Some(w) = t.word() {
                if let Some((_, sp)) = WORDS.species.iter().find(|(k, _)| *k == w) {
                    let animal_ok = !matches!(*sp, "animal" | "human")
                        || w.ends_with('s')
                        || matches!(
                            self.word(i + 1),
                            "studies" | "models" | "model" | "experiments" | "subjects" | "trials"
                        );
                    if animal_ok {
                        out.push((i, "species", sp.to_string()));
                    }
                } else if WORDS.populations.contains(w)
                    && !t.hidden
                    && !WORDS.populations.contains(self.word(i + 1))
                {
                    let mut s = i;
                    while s > 0
                        && (WORDS.population_modifiers.contains(self.word(s - 1))
                            || WORDS.populations.contains(self.word(s - 1)))
                    {
                        s -= 1;
                    }
                    let mut e = i + 1;
                    if self.word(e) == "with"
                        && self.toks.get(e + 1).is_some_and(|t| t.entity().is_some())
                    {
                        e += 2;
                    }
                    out.push((
                        i,
                        "population",
                        self.text[self.toks[s].start..self.toks[e - 1].end].to_string(),
                    ));
                }
            } else if self.not_arg[i] && matches!(self.kind_of(i), Some(Kind::Tissue | Kind::Cell))
            {
                let before = self.word(i.saturating_sub(1));
                let before2 = self.word(i.saturating_sub(2));
                if WORDS.locative.contains(before) || WORDS.locative.contains(before2) {
                    let label = self.toks[i]
                        .entity()
                        .and_then(|a| self.args[a].refs.first())
                        .map(|r| r.label.clone());
                    if let Some(l) = label {
                        out.push((i, "tissue", l));
                    }
                }
            }
        }
        out
    }

    /// The context of a claim of trigger `hi` with subject group `sg` and object group
    /// `og`, from the sentence's context phrases (see [`Self::contexts`]): those before
    /// the first trigger and the subject, and those from the object up to the next
    /// trigger. Species accumulate; a population or tissue is the first one.
    pub(super) fn claim_context(
        &self,
        contexts: &[(usize, &'static str, String)],
        hi: usize,
        sg: &Group,
        og: &Group,
    ) -> Context {
        let first_hit = self.hits.first().map_or(usize::MAX, |h| h.start);
        let next_hit = self.hits.get(hi + 1).map_or(self.toks.len(), |n| n.start);
        let mut ctx = Context::default();
        for (pos, field, value) in contexts {
            let applies = *pos < first_hit.min(sg.start) || (*pos >= og.start && *pos < next_hit);
            if !applies {
                continue;
            }
            let slot = match *field {
                "species" => &mut ctx.species,
                "population" => &mut ctx.population,
                _ => &mut ctx.tissue,
            };
            match slot {
                Some(v) if !v.split(", ").any(|x| x == value) && *field == "species" => {
                    *v = format!("{v}, {value}").into();
                }
                Some(_) => {}
                None => *slot = Some(value.as_str().into()),
            }
        }
        ctx
    }
}
