//! Trigger phrases compiled from the vocabulary into a lookup by first word.

use std::collections::HashMap;

use super::tokens::Token;
use crate::vocab::Vocabulary;

/// How a trigger is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A verb (inflected); `past` when the matched form is a past participle.
    Verb {
        /// The matched first word is an `-ed` (or irregular past participle) form.
        past: bool,
    },
    /// A literal phrase; `nominal` for a nominalised directional relation
    /// ("inhibition of"), which an enclosing verb absorbs as its aspect.
    Phrase {
        /// A nominalisation of a directional relation.
        nominal: bool,
    },
    /// A hyphen suffix glued to an entity ("-induced").
    Suffix,
    /// A nominalisation after its object, with the agent after "by"
    /// ("NF-kappaB activation by IL-1beta").
    Postfix,
}

#[derive(Debug, Clone)]
struct Pattern {
    rest: Vec<String>,
    relation: String,
    form: Form,
}

/// A trigger found in a sentence.
#[derive(Debug, Clone)]
pub struct Hit {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The relation it states.
    pub relation: String,
    /// How it is written.
    pub form: Form,
}

/// All trigger patterns of a vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Triggers {
    by_first: HashMap<String, Vec<Pattern>>,
    /// Nouns that name a relation after its object ("activation" → increases).
    postfix: HashMap<String, String>,
}

/// The inflections of an English verb: base, third person, past, gerund; the bool says
/// whether the form is a past participle.
pub fn inflect(verb: &str) -> Vec<(String, bool)> {
    let irregular: &[(&str, &[(&str, bool)])] = &[
        (
            "lead",
            &[("leads", false), ("led", true), ("leading", false)],
        ),
        (
            "give",
            &[
                ("gives", false),
                ("gave", false),
                ("given", true),
                ("giving", false),
            ],
        ),
        (
            "drive",
            &[
                ("drives", false),
                ("drove", false),
                ("driven", true),
                ("driving", false),
            ],
        ),
        ("upregulate", &[]),
    ];
    let mut out = vec![(verb.to_string(), false)];
    if let Some((_, forms)) = irregular.iter().find(|(v, f)| *v == verb && !f.is_empty()) {
        out.extend(forms.iter().map(|(f, p)| (f.to_string(), *p)));
        return out;
    }
    let consonant_y = verb.ends_with('y')
        && !verb.ends_with("ay")
        && !verb.ends_with("ey")
        && !verb.ends_with("oy");
    if let Some(stem) = verb.strip_suffix('e') {
        out.push((format!("{verb}s"), false));
        out.push((format!("{verb}d"), true));
        out.push((format!("{stem}ing"), false));
    } else if let Some(stem) = verb.strip_suffix('y').filter(|_| consonant_y) {
        out.push((format!("{stem}ies"), false));
        out.push((format!("{stem}ied"), true));
        out.push((format!("{verb}ing"), false));
    } else if verb.ends_with('s')
        || verb.ends_with("sh")
        || verb.ends_with("ch")
        || verb.ends_with('x')
        || verb.ends_with('z')
    {
        out.push((format!("{verb}es"), false));
        out.push((format!("{verb}ed"), true));
        out.push((format!("{verb}ing"), false));
    } else {
        out.push((format!("{verb}s"), false));
        out.push((format!("{verb}ed"), true));
        out.push((format!("{verb}ing"), false));
        // Doubled final consonant for short verbs ending consonant-vowel-consonant: "curb" no, "stop" yes.
        let b = verb.as_bytes();
        if b.len() >= 3 {
            let is_vowel = |c: u8| b"aeiou".contains(&c);
            let (x, y, z) = (b[b.len() - 3], b[b.len() - 2], b[b.len() - 1]);
            if !is_vowel(x)
                && is_vowel(y)
                && !is_vowel(z)
                && !b"wxy".contains(&z)
                && verb.len() <= 4
            {
                let last = z as char;
                out.push((format!("{verb}{last}ed"), true));
                out.push((format!("{verb}{last}ing"), false));
            }
        }
    }
    out
}

impl Triggers {
    /// Compiles the triggers of `vocab`.
    pub fn new(vocab: &Vocabulary) -> Triggers {
        let mut t = Triggers::default();
        for rel in vocab.relations() {
            for v in &rel.verbs {
                let words: Vec<String> = v.split_whitespace().map(str::to_lowercase).collect();
                let Some((first, rest)) = words.split_first() else {
                    continue;
                };
                for (form, past) in inflect(first) {
                    t.add(form, rest.to_vec(), &rel.name, Form::Verb { past });
                }
            }
            let phrases = rel.phrases.iter().map(|p| (p, false));
            for (p, nominal) in phrases.chain(rel.nominals.iter().map(|p| (p, true))) {
                let words: Vec<String> = p.split_whitespace().map(str::to_lowercase).collect();
                let Some((first, rest)) = words.split_first() else {
                    continue;
                };
                t.add(
                    first.clone(),
                    rest.to_vec(),
                    &rel.name,
                    Form::Phrase { nominal },
                );
            }
            for n in &rel.nominals {
                if let Some(noun) = n.strip_suffix(" of") {
                    t.postfix
                        .entry(noun.to_lowercase())
                        .or_insert_with(|| rel.name.clone());
                }
            }
            for s in &rel.suffixes {
                let s = s.to_lowercase();
                let s = if s.starts_with('-') {
                    s
                } else {
                    format!("-{s}")
                };
                t.add(s, Vec::new(), &rel.name, Form::Suffix);
            }
        }
        for aspect in vocab.aspects() {
            if let Some(up) = &aspect.up {
                for noun in aspect.nouns.iter().filter(|n| !n.contains(' ')) {
                    t.postfix
                        .entry(noun.to_lowercase())
                        .or_insert_with(|| up.clone());
                }
            }
        }
        t
    }

    /// Whether `w` is a nominalisation of a relation ("activation", "inhibition").
    pub fn is_postfix_noun(&self, w: &str) -> bool {
        self.postfix.contains_key(w)
    }

    /// "OBJECT NOUN by AGENT": a nominalisation right after an entity and before "by" (or
    /// "with" an instrument: "PKC inhibition with Bis").
    pub fn postfix_at(&self, tokens: &[Token], i: usize) -> Option<Hit> {
        let noun = tokens[i].word()?;
        let relation = self.postfix.get(noun)?;
        let after_entity = i > 0 && tokens[i - 1].entity().is_some();
        let by_next = tokens
            .get(i + 1)
            .is_some_and(|t| t.is("by") || t.is("with"));
        (after_entity && by_next).then(|| Hit {
            start: i,
            end: i + 1,
            relation: relation.clone(),
            form: Form::Postfix,
        })
    }

    fn add(&mut self, first: String, rest: Vec<String>, relation: &str, form: Form) {
        let list = self.by_first.entry(first).or_default();
        if list.iter().any(|p| p.rest == rest) {
            return; // first declaration wins
        }
        list.push(Pattern {
            rest,
            relation: relation.to_string(),
            form,
        });
    }

    /// The longest trigger starting at token `i`, if any.
    pub fn at(&self, tokens: &[Token], i: usize) -> Option<Hit> {
        let first = tokens[i].word()?;
        let candidates = self.by_first.get(first)?;
        let mut best: Option<Hit> = None;
        for p in candidates {
            // The suffix is glued to an entity, perhaps through its parenthesised
            // abbreviation: "tumor necrosis factor-alpha (TNF-alpha)-induced".
            let glued = tokens[..i]
                .iter()
                .rev()
                .find(|t| !t.hidden)
                .is_some_and(|t| t.entity().is_some())
                // "chemotherapy (paclitaxel)-induced": an entity closing the parenthesis.
                || (i > 1 && tokens[i - 1].is_punct(')') && tokens[i - 2].entity().is_some());
            if matches!(p.form, Form::Suffix) && !glued {
                continue;
            }
            let end = i + 1 + p.rest.len();
            if end > tokens.len() {
                continue;
            }
            if p.rest.iter().zip(&tokens[i + 1..end]).all(|(w, t)| t.is(w))
                && best.as_ref().is_none_or(|b| end > b.end)
            {
                best = Some(Hit {
                    start: i,
                    end,
                    relation: p.relation.clone(),
                    form: p.form,
                });
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::inflect;

    fn forms(v: &str) -> Vec<String> {
        inflect(v).into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn inflections() {
        assert_eq!(
            forms("induce"),
            vec!["induce", "induces", "induced", "inducing"]
        );
        assert_eq!(
            forms("suppress"),
            vec!["suppress", "suppresses", "suppressed", "suppressing"]
        );
        assert_eq!(
            forms("modify"),
            vec!["modify", "modifies", "modified", "modifying"]
        );
        assert_eq!(forms("lead"), vec!["lead", "leads", "led", "leading"]);
        assert!(forms("block").contains(&"blocked".to_string()));
        assert!(forms("stop").contains(&"stopped".to_string()));
    }
}
