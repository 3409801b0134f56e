//! The relation vocabulary: names, signs, trigger phrases, export mappings, domain and
//! range. It is data (`graph/relations.toml`), not code, so that a user can extend it
//! at run time without rebuilding.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result, line_column};
use crate::lexicon::Kind;

/// The vocabulary bundled with the binary.
pub const BUNDLED: &str = include_str!("../graph/relations.toml");

/// The built-in relation from a combination to each of its members.
pub const HAS_MEMBER: &str = "has-member";
/// The reverse of [`HAS_MEMBER`], walked by path search.
pub const MEMBER_OF: &str = "member-of";
/// The built-in relation from an entity to one it is a form, member or subclass of, as
/// the lexicon's `parents` say (vitamin D3 `is-a` vitamin D). Not a claim: no evidence.
pub const IS_A: &str = "is-a";
/// The reverse of [`IS_A`], walked by path search (vitamin D `has-form` vitamin D3).
pub const HAS_FORM: &str = "has-form";

/// Whether `name` is one of the built-in structural relations (membership and hierarchy,
/// either way), which no vocabulary may declare.
pub fn is_built_in(name: &str) -> bool {
    matches!(name, HAS_MEMBER | MEMBER_OF | IS_A | HAS_FORM)
}

/// The sign of a relation, as used by signed path search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Sign {
    /// Activation.
    #[serde(rename = "+")]
    Positive,
    /// Inhibition.
    #[serde(rename = "-")]
    Negative,
    /// Unsigned.
    #[serde(rename = "0")]
    Unsigned,
}

impl Sign {
    /// The product of two signs: unsigned absorbs, two negatives make a positive.
    pub fn times(self, other: Sign) -> Sign {
        match (self, other) {
            (Sign::Unsigned, _) | (_, Sign::Unsigned) => Sign::Unsigned,
            (a, b) if a == b => Sign::Positive,
            _ => Sign::Negative,
        }
    }

    /// The opposite sign (unsigned stays unsigned).
    pub fn flip(self) -> Sign {
        match self {
            Sign::Positive => Sign::Negative,
            Sign::Negative => Sign::Positive,
            Sign::Unsigned => Sign::Unsigned,
        }
    }

    /// `+`, `-` or `0`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sign::Positive => "+",
            Sign::Negative => "-",
            Sign::Unsigned => "0",
        }
    }
}

/// One relation of the vocabulary.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The relation's name, as claims carry it (`induces`).
    pub name: String,
    /// Its sign.
    pub sign: Sign,
    /// A short description.
    pub meaning: String,
    /// The Biolink predicate CURIE it exports as.
    pub biolink: String,
    /// Biolink qualifiers (slot name to value) that refine the predicate.
    #[serde(default)]
    pub qualifiers: BTreeMap<String, String>,
    /// The RO term CURIE, where one fits.
    #[serde(default)]
    pub ro: Option<String>,
    /// Whether aspect nouns ("absorption of", "expression of") refine it.
    #[serde(default)]
    pub directional: bool,
    /// Subject kinds allowed.
    pub domain: Vec<Kind>,
    /// Object kinds allowed.
    pub range: Vec<Kind>,
    /// The relation used instead when the object's kind is outside the range.
    #[serde(default)]
    pub fallback: Option<String>,
    /// The relation of the opposite sign (for deficiency subjects).
    #[serde(default)]
    pub opposite: Option<String>,
    /// Verb phrases, first word in base form.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Literal predicate phrases.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Nominalisations ("inhibition of").
    #[serde(default)]
    pub nominals: Vec<String>,
    /// Hyphen suffixes glued to the subject (`-induced`).
    #[serde(default)]
    pub suffixes: Vec<String>,
}

/// An aspect that refines a directional relation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aspect {
    /// The aspect's name.
    pub name: String,
    /// The nouns that name it ("absorption", "uptake").
    pub nouns: Vec<String>,
    /// The relation for an increase of this aspect.
    #[serde(default)]
    pub up: Option<String>,
    /// The relation for a decrease of this aspect.
    #[serde(default)]
    pub down: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    version: u32,
    #[serde(default)]
    relation: Vec<Relation>,
    #[serde(default)]
    aspect: Vec<Aspect>,
}

/// The relation vocabulary.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    relations: Vec<Relation>,
    aspects: Vec<Aspect>,
    by_name: rustc_hash::FxHashMap<String, usize>,
}

impl Vocabulary {
    /// The vocabulary bundled with claimgraph.
    pub fn bundled() -> Vocabulary {
        // The bundled file is checked by a test; failing here is a build defect.
        Vocabulary::parse(BUNDLED, Path::new("<bundled>/relations.toml"))
            .unwrap_or_else(|e| panic!("bundled vocabulary is invalid: {e}"))
    }

    /// Reads a vocabulary file.
    ///
    /// # Errors
    /// The file cannot be read, is not valid TOML, or is inconsistent (a duplicate
    /// relation, a fallback or aspect naming an unknown relation).
    pub fn load(path: &Path) -> Result<Vocabulary> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Vocabulary::parse(&text, path)
    }

    /// Parses vocabulary text; `path` is used in error messages.
    ///
    /// # Errors
    /// As [`Vocabulary::load`].
    pub fn parse(text: &str, path: &Path) -> Result<Vocabulary> {
        let file: VocabularyFile = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((0, 0), |s| line_column(text, s.start));
            Error::parse(path, line, column, e.message().to_string())
        })?;
        if file.version != 1 {
            return Err(Error::parse(
                path,
                0,
                0,
                format!(
                    "vocabulary version {} is not supported (expected 1)",
                    file.version
                ),
            ));
        }
        let mut vocab = Vocabulary {
            relations: Vec::new(),
            aspects: Vec::new(),
            by_name: rustc_hash::FxHashMap::default(),
        };
        vocab.extend(file.relation, file.aspect, path)?;
        Ok(vocab)
    }

    /// Adds the relations and aspects of another vocabulary file (a user's own relations).
    ///
    /// # Errors
    /// As [`Vocabulary::load`]; a relation already declared is replaced.
    pub fn merge_file(&mut self, path: &Path) -> Result<()> {
        let other = Vocabulary::load(path)?;
        self.extend(other.relations, other.aspects, path)
    }

    fn extend(
        &mut self,
        relations: Vec<Relation>,
        aspects: Vec<Aspect>,
        path: &Path,
    ) -> Result<()> {
        for rel in relations {
            if is_built_in(&rel.name) {
                return Err(Error::parse(
                    path,
                    0,
                    0,
                    format!("`{}` is built in and cannot be redeclared", rel.name),
                ));
            }
            match self.by_name.get(&rel.name) {
                Some(&i) => self.relations[i] = rel,
                None => {
                    self.by_name.insert(rel.name.clone(), self.relations.len());
                    self.relations.push(rel);
                }
            }
        }
        self.aspects.extend(aspects);
        for rel in &self.relations {
            for f in rel.fallback.iter().chain(rel.opposite.iter()) {
                self.check_known(f, path, &format!("fallback or opposite of `{}`", rel.name))?;
            }
        }
        for aspect in &self.aspects {
            for target in aspect.up.iter().chain(aspect.down.iter()) {
                self.check_known(target, path, &format!("aspect `{}`", aspect.name))?;
            }
        }
        Ok(())
    }

    fn check_known(&self, name: &str, path: &Path, what: &str) -> Result<()> {
        if self.by_name.contains_key(name) {
            Ok(())
        } else {
            Err(Error::parse(
                path,
                0,
                0,
                format!("{what} names unknown relation `{name}`"),
            ))
        }
    }

    /// All relations, in declaration order.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// All aspects.
    pub fn aspects(&self) -> &[Aspect] {
        &self.aspects
    }

    /// The relation named `name`.
    pub fn get(&self, name: &str) -> Option<&Relation> {
        self.by_name.get(name).map(|&i| &self.relations[i])
    }

    /// The sign of a relation; membership and hierarchy hops count as `+`, unknown as
    /// unsigned.
    pub fn sign(&self, name: &str) -> Sign {
        if is_built_in(name) {
            return Sign::Positive;
        }
        self.get(name).map_or(Sign::Unsigned, |r| r.sign)
    }

    /// Whether `name` is a relation claims may carry.
    pub fn contains(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// The known relation names, comma-separated (for error messages).
    pub fn known_names(&self) -> String {
        self.relations
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The relation to use for `name` when the object has kind `object`: the relation
    /// itself when its range allows the kind, else its fallback (followed once).
    pub fn fit_range<'a>(&'a self, name: &'a str, object: Kind) -> &'a str {
        match self.get(name) {
            Some(rel) if !rel.range.contains(&object) => rel.fallback.as_deref().unwrap_or(name),
            _ => name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_vocabulary_parses_and_has_the_core_relations() {
        let v = Vocabulary::bundled();
        for name in [
            "induces",
            "suppresses",
            "cofactor-for",
            "enhances-absorption",
            "reduces-absorption",
            "increases",
            "decreases",
            "potentiates",
            "regulates",
            "associated-with",
        ] {
            assert!(v.contains(name), "{name} missing");
        }
        assert_eq!(v.sign("suppresses"), Sign::Negative);
        assert_eq!(v.sign(HAS_MEMBER), Sign::Positive);
        assert_eq!(v.fit_range("induces", Kind::Condition), "increases");
        assert_eq!(v.fit_range("induces", Kind::Cytokine), "induces");
    }

    #[test]
    fn sign_product() {
        assert_eq!(Sign::Negative.times(Sign::Negative), Sign::Positive);
        assert_eq!(Sign::Negative.times(Sign::Positive), Sign::Negative);
        assert_eq!(Sign::Unsigned.times(Sign::Negative), Sign::Unsigned);
    }

    #[test]
    fn bad_vocabulary_reports_line() {
        let err = Vocabulary::parse("version = 1\n[[relation]]\nname = 3\n", Path::new("v.toml"))
            .unwrap_err();
        assert!(err.to_string().starts_with("v.toml:3:"), "{err}");
    }
}
