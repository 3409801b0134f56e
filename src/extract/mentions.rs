//! Mentions: the lexicon's matches in a sentence, the document's own short names, and
//! mentions given with the document (BioC/PubTator annotations), each extended through
//! the head or class noun written with it ("Fas mRNA", "the transcription factor
//! NF-kappaB", "mannose receptor"); then the sentence's tokens and one argument a
//! mention.

use std::collections::HashSet;

use crate::claim::EntityRef;
use crate::document::{Document, Sentence};
use crate::lexicon::{Kind, Lexicon, Mention, normalize_label};

use super::Extractor;
use super::abbrev::LocalNames;
use super::tokens::{Token, tokenize};
use super::words::WORDS;

// Given mentions: entity spans that come with a document (BioC/PubTator annotations),
// used by `Extractor::extract_with_mentions`. This block, their part of
// `Extractor::mentions`, and their use in `extract_with_mentions` and `add_learned`
// are all of it.

/// An entity mention given with a document rather than found by the lexicon: a byte
/// span of [`Document::text`] and the entity it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenMention {
    /// Byte offset of the first byte in the document text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The entity's id: a lexicon id (then the lexicon's entity is used), or any CURIE.
    pub id: String,
    /// Its label, used when the lexicon does not have the id.
    pub label: String,
    /// Its kind, used when the lexicon does not have the id.
    pub kind: Kind,
}

/// The given mentions as matcher mentions (sorted, not overlapping), their entities the
/// lexicon's or added to the document's own.
pub(super) fn given_spans(
    lexicon: &Lexicon,
    doc: &Document,
    given: &[GivenMention],
    local: &mut LocalNames,
) -> Vec<Mention> {
    let text = &doc.text;
    let mut spans: Vec<&GivenMention> = given
        .iter()
        .filter(|g| {
            g.start < g.end
                && g.end <= text.len()
                && text.is_char_boundary(g.start)
                && text.is_char_boundary(g.end)
        })
        .collect();
    spans.sort_by_key(|g| (g.start, std::cmp::Reverse(g.end)));
    let mut out: Vec<Mention> = Vec::new();
    let mut own: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for g in spans {
        if out.last().is_some_and(|m| g.start < m.end) {
            continue;
        }
        let entity = match lexicon.index_of(&g.id) {
            Some(i) => i,
            None => *own.entry(g.id.as_str()).or_insert_with(|| {
                local.entities.push(crate::lexicon::Entity {
                    id: g.id.clone(),
                    label: g.label.clone(),
                    kind: g.kind,
                    synonyms: Vec::new(),
                });
                lexicon.len() + local.entities.len() - 1
            }),
        };
        out.push(Mention {
            start: g.start,
            end: g.end,
            entity,
        });
    }
    out
}

/// The given mentions inside `start..end` (they are sorted).
pub(super) fn within(given: &[Mention], start: usize, end: usize) -> &[Mention] {
    let a = given.partition_point(|m| m.start < start);
    let b = given.partition_point(|m| m.start < end);
    let inside = &given[a..b];
    &inside[..inside.partition_point(|m| m.end <= end)]
}

/// Replaces the mentions that overlap a given one by the given ones; sorted after.
pub(super) fn use_given(mentions: &mut Vec<Mention>, given: &[Mention]) {
    mentions.retain(|m| !given.iter().any(|g| g.start < m.end && m.start < g.end));
    mentions.extend_from_slice(given);
    mentions.sort_by_key(|m| (m.start, m.end));
}

/// An argument slot of a sentence: a mention, or an anaphor resolved to entities.
#[derive(Debug, Clone)]
pub(super) struct Arg {
    pub(super) refs: Vec<EntityRef>,
    /// An anaphor that denies what follows ("neither").
    pub(super) negates: bool,
    /// A conjunct set apart by "but not" ("A, but not B, induced X"): its claims are
    /// negated.
    pub(super) denied: bool,
    /// The entity this argument is the deficiency of, when used as a subject.
    pub(super) deficiency_of: Option<EntityRef>,
}

/// A sentence as the rules read it before analysis: its tokens (a mention is one
/// token), an argument a mention, and the given mentions in it with their entities.
pub(super) struct SentenceMentions {
    pub(super) toks: Vec<Token>,
    pub(super) args: Vec<Arg>,
    pub(super) given: Vec<(usize, usize, EntityRef)>,
}

impl Extractor {
    pub(super) fn entities_in(&self, text: &str) -> Vec<EntityRef> {
        let mut seen = HashSet::new();
        self.matcher
            .find(text)
            .into_iter()
            .map(|m| &self.lexicon.entities()[m.entity])
            .filter(|e| seen.insert(e.id.clone()))
            .map(|e| EntityRef::from_entity(e, None))
            .collect()
    }

    /// The mentions of a sentence of `text`: the lexicon's, the document's own short
    /// names (`local`), and the `given` ones in place of any they overlap.
    pub(super) fn mentions(
        &self,
        text: &str,
        sentence: &Sentence,
        local: &LocalNames,
        given: &[Mention],
    ) -> SentenceMentions {
        let mut mentions: Vec<Mention> = self
            .matcher
            .find(&text[sentence.start..sentence.end])
            .into_iter()
            .map(|m| Mention {
                start: m.start + sentence.start,
                end: m.end + sentence.start,
                entity: m.entity,
            })
            .collect();
        if !local.is_empty() {
            local.add_mentions(text, sentence.start, sentence.end, &mut mentions);
        }
        let given = within(given, sentence.start, sentence.end);
        if !given.is_empty() {
            use_given(&mut mentions, given);
        }
        let n_global = self.lexicon.len();
        let entity_of = |m: &Mention| match m.entity.checked_sub(n_global) {
            Some(i) => &local.entities[i],
            None => &self.lexicon.entities()[m.entity],
        };
        let given: Vec<(usize, usize, EntityRef)> = given
            .iter()
            .map(|m| {
                let e = entity_of(m);
                (
                    m.start,
                    m.end,
                    EntityRef::from_entity(e, Some(&text[m.start..m.end])),
                )
            })
            .collect();
        // "mannose receptor", "S-adenosylhomocysteine hydrolase": a small molecule named
        // before a protein head noun names that protein, not the molecule.
        let mut proteins: Vec<Option<EntityRef>> = vec![None; mentions.len()];
        for (k, m) in mentions.iter_mut().enumerate() {
            let e = entity_of(m);
            if !matches!(e.kind, Kind::Chemical | Kind::Nutrient) {
                continue;
            }
            if let Some(end) = protein_head_end(text, m.end, sentence.end) {
                let label = text[m.start..end].to_string();
                proteins[k] = Some(EntityRef::ungrounded(&label, Kind::Protein));
                m.end = end;
            }
        }
        let toks = tokenize(text, sentence.start, sentence.end, &mentions);
        let args: Vec<Arg> = mentions
            .iter()
            .zip(proteins)
            .map(|(m, protein)| {
                let e = entity_of(m);
                if let Some(r) = protein {
                    return Arg {
                        refs: vec![r],
                        deficiency_of: None,
                        negates: false,
                        denied: false,
                    };
                }
                let written = &text[class_noun_start(text, sentence.start, m.start, e.kind)
                    ..molecular_head_end(text, m.end, e.kind)];
                let mut r = EntityRef::from_entity(e, Some(written));
                r.synonyms
                    .extend(local.aliases_of(m.entity).map(str::to_string));
                Arg {
                    refs: vec![r],
                    deficiency_of: self.deficiency_of(e.kind, &e.label),
                    negates: false,
                    denied: false,
                }
            })
            .collect();
        SentenceMentions { toks, args, given }
    }

    /// For a condition named "X deficiency", the entity X.
    fn deficiency_of(&self, kind: Kind, label: &str) -> Option<EntityRef> {
        if kind != Kind::Condition {
            return None;
        }
        let lower = label.to_lowercase();
        let base = WORDS
            .deficiency
            .iter()
            .find_map(|d| lower.strip_suffix(&format!(" {d}")))?;
        let &i = self.by_name.get(&normalize_label(base))?;
        Some(EntityRef::from_entity(&self.lexicon.entities()[i], None))
    }
}

/// The start of a molecular mention starting at `start`, through a class noun written
/// right before it after an article ("the transcription factor NF-kappaB").
fn class_noun_start(text: &str, floor: usize, start: usize, kind: Kind) -> usize {
    if !kind.is_molecular() {
        return start;
    }
    let before = &text[floor..start];
    let Some(before) = before.strip_suffix(' ') else {
        return start;
    };
    WORDS
        .class_nouns
        .iter()
        .filter_map(|c| {
            let n = c.len();
            if before.len() < n
                || !before.is_char_boundary(before.len() - n)
                || !before[before.len() - n..].eq_ignore_ascii_case(c)
            {
                return None;
            }
            let rest = &before[..before.len() - n];
            let article = ["the ", "a ", "an "].iter().any(|a| {
                rest.len() >= a.len()
                    && rest.is_char_boundary(rest.len() - a.len())
                    && rest[rest.len() - a.len()..].eq_ignore_ascii_case(a)
                    && !rest[..rest.len() - a.len()]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            });
            article.then(|| floor + before.len() - n)
        })
        .min()
        .unwrap_or(start)
}

/// The length of the longest of `heads` that `rest` starts with (ignoring ASCII case),
/// ending on a word boundary.
fn longest_head(rest: &str, heads: &[&str]) -> Option<usize> {
    heads
        .iter()
        .filter(|h| {
            rest.len() >= h.len()
                && rest.is_char_boundary(h.len())
                && rest[..h.len()].eq_ignore_ascii_case(h)
                && !rest[h.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        })
        .map(|h| h.len())
        .max()
}

/// The end of "NAME receptor" when a protein head noun follows the name ending at `end`
/// (one space between, the head ending on a word boundary before `limit`).
fn protein_head_end(text: &str, end: usize, limit: usize) -> Option<usize> {
    let rest = text[end..limit].strip_prefix(' ')?;
    longest_head(rest, &WORDS.protein_heads).map(|n| end + 1 + n)
}

/// The end of a molecular mention ending at `end`, through a head noun after it.
fn molecular_head_end(text: &str, end: usize, kind: Kind) -> usize {
    if !kind.is_molecular() {
        return end;
    }
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches(' ');
    if trimmed.len() == rest.len() || trimmed.len() + 1 < rest.len() {
        return end; // exactly one space between the name and its head noun
    }
    let from = end + 1;
    longest_head(trimmed, &WORDS.molecular_heads).map_or(end, |n| from + n)
}
