//! Claims borrowed from the line they were read from.
//!
//! Reading a claims file into owned [`Claim`]s costs a string allocation for every field
//! of every claim, and most of those strings (entity ids and labels, document ids,
//! sections, triggers) already exist in the graph being built. The borrowed form points
//! into the JSON line instead; the graph copies only what it does not have yet.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::{Claim, Context, EntityRef, Evidence, Text};
use crate::lexicon::Kind;

/// A string borrowed from the input when it holds no JSON escape, owned otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Str<'a>(pub Cow<'a, str>);

impl std::ops::Deref for Str<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v.to_string())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// An entity as a claim names it, borrowed (see [`EntityRef`]).
#[derive(Debug, Clone, Deserialize)]
pub struct BorrowedEntity<'a> {
    /// CURIE, `combination:` id, or `claimgraph:` id.
    #[serde(borrow)]
    pub id: Str<'a>,
    /// Preferred label.
    #[serde(borrow)]
    pub label: Str<'a>,
    /// Kind.
    pub kind: Kind,
    /// The text as written in the sentence.
    #[serde(default, borrow)]
    pub mention: Option<Str<'a>>,
    /// Other names.
    #[serde(default, borrow)]
    pub synonyms: Vec<Str<'a>>,
    /// Members of a combination.
    #[serde(default, borrow)]
    pub members: Vec<BorrowedEntity<'a>>,
}

impl BorrowedEntity<'_> {
    /// The owned entity reference.
    pub fn into_owned(self) -> EntityRef {
        EntityRef {
            id: self.id.0.into_owned(),
            label: self.label.0.into_owned(),
            kind: self.kind,
            mention: self.mention.map(|m| m.0.into_owned()),
            synonyms: self
                .synonyms
                .into_iter()
                .map(|s| s.0.into_owned())
                .collect(),
            members: self.members.into_iter().map(Self::into_owned).collect(),
        }
    }
}

/// Where and to whom a claim applies, borrowed (see [`Context`]).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BorrowedContext<'a> {
    /// Species or model.
    #[serde(default, borrow)]
    pub species: Option<Str<'a>>,
    /// Population.
    #[serde(default, borrow)]
    pub population: Option<Str<'a>>,
    /// Tissue or cell.
    #[serde(default, borrow)]
    pub tissue: Option<Str<'a>>,
}

/// The text that states a claim, borrowed (see [`Evidence`]).
#[derive(Debug, Clone, Deserialize)]
pub struct BorrowedEvidence<'a> {
    /// The document's id.
    #[serde(borrow)]
    pub document: Str<'a>,
    /// The section heading, if any.
    #[serde(default, borrow)]
    pub section: Option<Str<'a>>,
    /// The sentence.
    #[serde(default, borrow)]
    pub sentence: Str<'a>,
    /// UTF-8 byte offset of the sentence in the document.
    #[serde(default)]
    pub start: Option<usize>,
    /// UTF-8 byte offset one past the sentence's end.
    #[serde(default)]
    pub end: Option<usize>,
    /// Source numbers cited by the paragraph.
    #[serde(default)]
    pub citations: Vec<u64>,
    /// The phrase that produced the claim.
    #[serde(default, borrow)]
    pub trigger: Option<Str<'a>>,
    /// The reading model's score.
    #[serde(default)]
    pub score: Option<super::Score>,
    /// Where an imported record came from.
    #[serde(default, borrow)]
    pub source: Option<Str<'a>>,
    /// Whether the claim was checked against its source sentence.
    #[serde(default = "super::yes")]
    pub verified: bool,
}

impl Default for BorrowedEvidence<'_> {
    fn default() -> Self {
        BorrowedEvidence {
            document: Str::default(),
            section: None,
            sentence: Str::default(),
            start: None,
            end: None,
            citations: Vec::new(),
            trigger: None,
            score: None,
            source: None,
            verified: true,
        }
    }
}

/// One claim, borrowed from the line it was read from (see [`Claim`]).
#[derive(Debug, Clone, Deserialize)]
pub struct BorrowedClaim<'a> {
    /// Who acts.
    #[serde(borrow)]
    pub subject: BorrowedEntity<'a>,
    /// The relation's name in the vocabulary.
    #[serde(borrow)]
    pub relation: Str<'a>,
    /// What is acted on.
    #[serde(borrow)]
    pub object: BorrowedEntity<'a>,
    /// Whether the text denies the claim.
    #[serde(default)]
    pub negated: bool,
    /// Whether the text states it with hedging.
    #[serde(default)]
    pub hedged: bool,
    /// Species, population, tissue.
    #[serde(default, borrow)]
    pub context: BorrowedContext<'a>,
    /// The evidence.
    #[serde(default, borrow)]
    pub evidence: BorrowedEvidence<'a>,
}

impl BorrowedClaim<'_> {
    /// The claim's evidence and context, each text made by `text` (a plain copy, or a
    /// graph's shared copy).
    pub fn evidence_with(&self, mut text: impl FnMut(&str) -> Text) -> (Evidence, Context) {
        fn opt(s: &Option<Str>, text: &mut impl FnMut(&str) -> Text) -> Option<Text> {
            s.as_deref().map(text)
        }
        let (e, c) = (&self.evidence, &self.context);
        let evidence = Evidence {
            document: text(&e.document),
            section: opt(&e.section, &mut text),
            sentence: text(&e.sentence),
            start: e.start,
            end: e.end,
            citations: e.citations.clone(),
            trigger: opt(&e.trigger, &mut text),
            score: e.score,
            source: opt(&e.source, &mut text),
            verified: e.verified,
        };
        let context = Context {
            species: opt(&c.species, &mut text),
            population: opt(&c.population, &mut text),
            tissue: opt(&c.tissue, &mut text),
        };
        (evidence, context)
    }

    /// The owned claim.
    pub fn into_owned(self) -> Claim {
        let (evidence, context) = self.evidence_with(|t| Text::from(t));
        Claim {
            subject: self.subject.into_owned(),
            relation: self.relation.0.into_owned(),
            object: self.object.into_owned(),
            negated: self.negated,
            hedged: self.hedged,
            context,
            evidence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_borrow_unless_escaped_and_convert_to_the_owned_claim() {
        let line = r#"{"subject":{"id":"CHEBI:1","label":"zinc","kind":"nutrient","synonyms":["Zn"]},"relation":"suppresses","object":{"id":"HGNC:2","label":"IL-17","kind":"cytokine"},"negated":true,"context":{"species":"mouse"},"evidence":{"document":"d1","section":"Results","sentence":"Zinc \"strongly\" suppressed IL-17.","citations":[2,6],"trigger":"suppressed"}}"#;
        let b: BorrowedClaim = serde_json::from_str(line).unwrap();
        assert!(matches!(b.subject.id.0, Cow::Borrowed(_)));
        assert!(matches!(b.evidence.sentence.0, Cow::Owned(_)));
        let owned: Claim = serde_json::from_str(line).unwrap();
        assert_eq!(b.into_owned(), owned);
    }

    #[test]
    fn a_wrong_shape_is_an_error() {
        assert!(serde_json::from_str::<BorrowedClaim>(r#"{"subject":1}"#).is_err());
        assert!(
            serde_json::from_str::<BorrowedClaim>(
                r#"{"subject":{"id":"a","label":"a","kind":"gene"},"relation":"x"}"#
            )
            .is_err()
        );
    }
}
