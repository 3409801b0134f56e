//! Finding entity mentions in text with hash lookups over every name.
//!
//! Rules, chosen for biomedical prose:
//! - names match ASCII-case-insensitively, except short all-capital symbols (`CP`, `LOX`,
//!   `DHA`), which match only as written, so that ordinary words are not taken for genes;
//! - a match must start and end on a word boundary; a hyphen glued to a preceding word or
//!   number (`5-LOX`, `anti-IL`) is not a boundary at the start;
//! - a regular plural (`s`, `es`) extends a match;
//! - of overlapping matches the leftmost, then the longest wins; of names with the same
//!   span, the entity listed first.
//!
//! Since a match starts and ends on word boundaries, the matcher only tries the spans
//! from a word start to a later boundary, looking each up in a table of ASCII-lowercased
//! names. A second table holds every name's prefixes that end before a non-word
//! character, so that the walk from a start stops as soon as no name can continue it.
//! Building the tables is a pass over the names (a few hundred thousand in well under a
//! second), unlike an automaton's failure links.

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

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
    /// ASCII-lowercased name → the names written so (indices into `names`).
    by_key: FxHashMap<String, Vec<u32>>,
    /// Hashes of the ASCII-lowercased prefixes of names that end before a non-word
    /// character ("vitamin" of "vitamin D"): a walk may go on past them.
    prefixes: FxHashSet<u64>,
    names: Vec<Name>,
    /// Byte length of the longest name.
    longest: usize,
}

/// Whether a name is a short all-letter symbol that must match with its exact case
/// (`CP`, `LOX`: ordinary words in lower case). Symbols with digits (`FOXP3`, `IL6`)
/// are not words, and writers vary their case (`Foxp3`), so they match in any case.
pub fn is_case_sensitive(name: &str) -> bool {
    name.chars().count() <= 5
        && !name.chars().any(char::is_lowercase)
        && name.chars().any(char::is_uppercase)
        && !name.chars().any(|c| c.is_ascii_digit())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn hash_of(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

impl Matcher {
    /// Compiles the matcher for `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Matcher {
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let mut names = Vec::new();
        let mut by_key: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut prefixes = FxHashSet::default();
        let mut longest = 0;
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
                if !seen.insert(key) {
                    continue;
                }
                let lower = name.to_ascii_lowercase();
                for (k, c) in lower.char_indices() {
                    if k > 0 && !is_word_char(c) {
                        prefixes.insert(hash_of(&lower[..k]));
                    }
                }
                longest = longest.max(lower.len());
                by_key.entry(lower).or_default().push(names.len() as u32);
                names.push(Name {
                    entity: i,
                    text: name.to_string(),
                    case_sensitive,
                });
            }
        }
        Matcher {
            by_key,
            prefixes,
            names,
            longest,
        }
    }

    /// The entity with the lowest index among the names written `lower` (ASCII
    /// lowercase) that match `original` (the text as written).
    fn lookup(&self, lower: &str, original: &str) -> Option<(usize, &Name)> {
        self.by_key
            .get(lower)?
            .iter()
            .map(|&n| &self.names[n as usize])
            .filter(|n| !n.case_sensitive || n.text == original)
            .map(|n| (n.entity, n))
            .min_by_key(|(e, _)| *e)
    }

    /// The mentions in `text`, in order, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let lower = text.to_ascii_lowercase();
        let mut candidates: Vec<Mention> = Vec::new();
        let mut prev: Option<char> = None;
        let mut prev2: Option<char> = None;
        for (start, c) in text.char_indices() {
            let at_start = match prev {
                None => true,
                Some('-') => !prev2.is_some_and(is_word_char),
                Some(p) => !is_word_char(p),
            };
            prev2 = prev;
            prev = Some(c);
            if !at_start || c.is_whitespace() {
                continue;
            }
            let limit = (start + self.longest).min(text.len());
            let mut chars = text[start..].char_indices().peekable();
            while let Some((k, ch)) = chars.next() {
                let end = start + k + ch.len_utf8();
                if end > limit {
                    break;
                }
                let next = chars.peek().map(|&(_, n)| n);
                let boundary = !next.is_some_and(is_word_char);
                let plural = matches!(next, Some('s' | 'e'))
                    && ["s", "es"]
                        .iter()
                        .any(|s| text[end..].starts_with(s) && ends_word(text, end + s.len()));
                if !boundary && !plural {
                    continue;
                }
                let key = &lower[start..end];
                if let Some((entity, name)) = self.lookup(key, &text[start..end]) {
                    let end = match plural_end(text, end, &name.text) {
                        Some(p) => Some(p),
                        None if boundary => Some(end),
                        None => None,
                    };
                    if let Some(end) = end {
                        candidates.push(Mention { start, end, entity });
                    }
                }
                if boundary && !self.prefixes.contains(&hash_of(key)) {
                    break;
                }
            }
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
