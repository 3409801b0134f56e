//! Finding entity mentions in text with one Aho-Corasick automaton over every name.
//!
//! Rules, chosen for biomedical prose:
//! - names match ASCII-case-insensitively, except short all-capital symbols (`CP`, `LOX`,
//!   `DHA`), which match only as written, so that ordinary words are not taken for genes;
//! - a match must start and end on a word boundary; a hyphen glued to a preceding word or
//!   number (`5-LOX`, `anti-IL`) is not a boundary at the start;
//! - a regular plural (`s`, `es`) extends a match;
//! - of overlapping matches the leftmost, then the longest wins.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::Lexicon;

/// A mention of an entity in a text: a byte span and the entity's index in the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Index of the entity in [`Lexicon::entities`].
    pub entity: usize,
}

#[derive(Debug, Clone)]
struct Name {
    entity: usize,
    text: String,
    case_sensitive: bool,
}

/// A compiled matcher over the names of a lexicon.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    names: Vec<Name>,
}

/// Whether a name is a short all-letter symbol that must match with its exact case
/// (`CP`, `LOX`: ordinary words in lower case). Symbols with digits (`FOXP3`, `IL6`)
/// are not words, and writers vary their case (`Foxp3`), so they match in any case.
fn is_case_sensitive(name: &str) -> bool {
    name.chars().count() <= 5
        && !name.chars().any(char::is_lowercase)
        && name.chars().any(char::is_uppercase)
        && !name.chars().any(|c| c.is_ascii_digit())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Matcher {
    /// Compiles the matcher for `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Matcher {
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut names = Vec::new();
        for (i, e) in lexicon.entities().iter().enumerate() {
            for name in std::iter::once(&e.label).chain(e.synonyms.iter()) {
                let name = name.trim();
                if name.chars().count() < 2 {
                    continue;
                }
                let case_sensitive = is_case_sensitive(name);
                let key = if case_sensitive {
                    name.to_string()
                } else {
                    name.to_lowercase()
                };
                if seen.contains_key(&key) {
                    continue;
                }
                seen.insert(key, names.len());
                names.push(Name {
                    entity: i,
                    text: name.to_string(),
                    case_sensitive,
                });
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(names.iter().map(|n| n.text.as_str()))
            .unwrap_or_else(|e| panic!("cannot build the name automaton: {e}"));
        Matcher { automaton, names }
    }

    /// The mentions in `text`, in order, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut candidates: Vec<Mention> = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let name = &self.names[m.pattern().as_usize()];
            let (start, mut end) = (m.start(), m.end());
            if name.case_sensitive && text[start..end] != name.text {
                continue;
            }
            if !starts_word(text, start) {
                continue;
            }
            if let Some(plural_end) = plural_end(text, end, &name.text) {
                end = plural_end;
            } else if !ends_word(text, end) {
                continue;
            }
            candidates.push(Mention {
                start,
                end,
                entity: name.entity,
            });
        }
        candidates.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a.entity.cmp(&b.entity))
        });
        let mut out: Vec<Mention> = Vec::with_capacity(candidates.len());
        let mut covered = 0;
        for c in candidates {
            if c.start >= covered {
                covered = c.end;
                out.push(c);
            }
        }
        out
    }
}

fn starts_word(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        None => true,
        Some('-') => !before.next().is_some_and(is_word_char),
        Some(c) => !is_word_char(c),
    }
}

fn ends_word(text: &str, end: usize) -> bool {
    !text[end..].chars().next().is_some_and(is_word_char)
}

fn plural_end(text: &str, end: usize, name: &str) -> Option<usize> {
    let last = name.chars().last()?;
    if !(last.is_ascii_lowercase() || (last.is_ascii_uppercase() && name.len() > 5)) {
        return None;
    }
    let rest = &text[end..];
    for suffix in ["s", "es"] {
        if rest.starts_with(suffix) && ends_word(text, end + suffix.len()) {
            return Some(end + suffix.len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{Entity, Kind};

    fn lex() -> Lexicon {
        let mut l = Lexicon::default();
        for (id, label, kind, syn) in [
            ("CHEBI:27300", "vitamin D", Kind::Nutrient, vec![]),
            (
                "CHEBI:28940",
                "vitamin D3",
                Kind::Nutrient,
                vec!["cholecalciferol"],
            ),
            ("HGNC:2295", "ceruloplasmin", Kind::Protein, vec!["CP"]),
            ("HGNC:6664", "lysyl oxidase", Kind::Protein, vec!["LOX"]),
            ("CL:0000084", "T cell", Kind::Cell, vec![]),
            ("CL:0000815", "regulatory T cell", Kind::Cell, vec!["Treg"]),
        ] {
            l.insert(Entity {
                id: id.into(),
                label: label.into(),
                kind,
                synonyms: syn.into_iter().map(String::from).collect(),
            });
        }
        l
    }

    fn labels(text: &str) -> Vec<&str> {
        let l = lex();
        let m = l.matcher();
        m.find(text)
            .into_iter()
            .map(|x| &text[x.start..x.end])
            .collect::<Vec<_>>()
            .leak()
            .to_vec()
    }

    #[test]
    fn longest_and_boundaries() {
        assert_eq!(
            labels("Vitamin D3 and vitamin D-dependent genes"),
            vec!["Vitamin D3", "vitamin D"]
        );
        assert_eq!(
            labels("regulatory T cells and T cells"),
            vec!["regulatory T cells", "T cells"]
        );
        assert_eq!(labels("vitamin Dx"), Vec::<&str>::new());
    }

    #[test]
    fn short_symbols_are_case_sensitive_and_not_inside_compounds() {
        assert_eq!(labels("cp and lox and CP"), vec!["CP"]);
        assert_eq!(labels("5-LOX and LOX"), vec!["LOX"]);
        assert_eq!(labels("Tregs expand"), vec!["Tregs"]);
    }
}
