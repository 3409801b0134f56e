//! Validation of the curated data and of a graph: the lexicon (names claimed by two
//! entities), the vocabulary (a phrase that triggers two relations), claims (unknown
//! entities, subject and object kinds outside a relation's domain and range) and the
//! graph (contradictions).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::claim::Claim;
use crate::kg::KnowledgeGraph;
use crate::lexicon::{Lexicon, is_case_sensitive, normalize_label};
use crate::vocab::Vocabulary;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; the data still works.
    Warning,
    /// Wrong data: `check` exits non-zero.
    Error,
}

/// The findings of one check.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The check's name.
    pub check: &'static str,
    /// Its severity.
    pub severity: Severity,
    /// One line per finding.
    pub findings: Vec<String>,
}

/// All findings, grouped by check.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Groups with at least one finding.
    pub groups: Vec<Group>,
}

impl Report {
    fn add(&mut self, check: &'static str, severity: Severity, findings: Vec<String>) {
        if !findings.is_empty() {
            self.groups.push(Group {
                check,
                severity,
                findings,
            });
        }
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.groups.iter().any(|g| g.severity == Severity::Error)
    }
}

/// Names used by more than one entity, compared as the matcher compares them: a short
/// all-capital symbol as written (`CAMP` and `cAMP` are different names), any other name
/// normalised (case, Greek letters and punctuation ignored).
pub fn lexicon_conflicts(lexicon: &Lexicon) -> Vec<String> {
    let mut by_name: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for e in lexicon.entities() {
        let mut names: Vec<String> = std::iter::once(&e.label)
            .chain(&e.synonyms)
            .map(|n| {
                let n = n.trim();
                if is_case_sensitive(n) {
                    format!("{n} (as written)")
                } else {
                    normalize_label(n)
                }
            })
            .collect();
        names.sort();
        names.dedup();
        for n in names {
            by_name.entry(n).or_default().push(&e.id);
        }
    }
    by_name
        .into_iter()
        .filter(|(_, ids)| ids.len() > 1)
        .map(|(name, ids)| format!("`{name}` names {}", ids.join(", ")))
        .collect()
}

/// Trigger phrases declared for more than one relation.
pub fn vocabulary_conflicts(vocab: &Vocabulary) -> Vec<String> {
    let mut by_phrase: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for r in vocab.relations() {
        for p in r
            .verbs
            .iter()
            .chain(&r.phrases)
            .chain(&r.nominals)
            .chain(&r.suffixes)
        {
            let list = by_phrase.entry(p.to_lowercase()).or_default();
            if !list.contains(&r.name.as_str()) {
                list.push(&r.name);
            }
        }
    }
    by_phrase
        .into_iter()
        .filter(|(_, rels)| rels.len() > 1)
        .map(|(p, rels)| format!("`{p}` triggers {}", rels.join(" and ")))
        .collect()
}

fn minted(id: &str) -> bool {
    id.starts_with("claimgraph:") || id.starts_with("combination:")
}

/// Checks claims against the lexicon (unknown grounded ids) and the vocabulary's domain
/// and range.
pub fn claim_findings(
    claims: &[Claim],
    lexicon: &Lexicon,
    vocab: &Vocabulary,
) -> (Vec<String>, Vec<String>) {
    let mut unknown = std::collections::BTreeSet::new();
    let mut kinds = std::collections::BTreeSet::new();
    for c in claims {
        for e in [&c.subject, &c.object] {
            if !minted(&e.id) && lexicon.get(&e.id).is_none() {
                unknown.insert(format!("{} ({}) in {}", e.id, e.label, c.evidence.document));
            }
        }
        if let Some(r) = vocab.get(&c.relation) {
            let subject_ok = r.domain.contains(&c.subject.kind);
            let object_ok = r.range.contains(&c.object.kind);
            if !subject_ok || !object_ok {
                let side = match (subject_ok, object_ok) {
                    (false, false) => "subject and object",
                    (false, true) => "subject",
                    _ => "object",
                };
                kinds.insert(format!(
                    "{} ({}) {} {} ({}): {side} kind not allowed",
                    c.subject.label, c.subject.kind, c.relation, c.object.label, c.object.kind
                ));
            }
        }
    }
    (unknown.into_iter().collect(), kinds.into_iter().collect())
}

/// The full report for a lexicon, a vocabulary, a graph and the claims it came from.
pub fn check(lexicon: &Lexicon, vocab: &Vocabulary, kg: &KnowledgeGraph) -> Report {
    let mut report = Report::default();
    report.add(
        "lexicon: a name claimed by two entities",
        Severity::Error,
        lexicon_conflicts(lexicon),
    );
    report.add(
        "vocabulary: a phrase that triggers two relations",
        Severity::Error,
        vocabulary_conflicts(vocab),
    );
    let claims = kg.to_claims();
    let (unknown, kinds) = claim_findings(&claims, lexicon, vocab);
    report.add(
        "claims: entity ids the lexicon does not know",
        Severity::Warning,
        unknown,
    );
    report.add(
        "claims: kinds outside the relation's domain or range",
        Severity::Error,
        kinds,
    );
    let label = |id: &str| {
        kg.node_index(id)
            .map_or(id.to_string(), |ix| kg.node(ix).label.clone())
    };
    let contradictions = crate::query::analysis::contradictions(kg, vocab)
        .into_iter()
        .map(|c| {
            format!(
                "{} -> {}: {}",
                label(&c.subject),
                label(&c.object),
                c.claims.join(" vs ")
            )
        })
        .collect();
    report.add("graph: contradictions", Severity::Warning, contradictions);
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Context, EntityRef, Evidence};
    use crate::lexicon::{Entity, Kind};

    #[test]
    fn finds_conflicts_and_range_violations() {
        let mut lex = Lexicon::default();
        for (id, label, syn) in [("X:1", "alpha", "shared"), ("X:2", "beta", "Shared")] {
            lex.insert(Entity {
                id: id.into(),
                label: label.into(),
                kind: Kind::Protein,
                synonyms: vec![syn.into()],
            });
        }
        assert_eq!(
            lexicon_conflicts(&lex),
            vec!["`shared` names X:1, X:2".to_string()]
        );
        // The matcher's case rule: a short capital symbol is not the same name as a
        // spelling with lower case letters.
        for (id, syn) in [("X:3", "CAMP"), ("X:4", "cAMP")] {
            lex.insert(Entity {
                id: id.into(),
                label: id.into(),
                kind: Kind::Protein,
                synonyms: vec![syn.into()],
            });
        }
        assert_eq!(
            lexicon_conflicts(&lex).len(),
            1,
            "{:?}",
            lexicon_conflicts(&lex)
        );
        let vocab = Vocabulary::bundled();
        assert!(
            vocabulary_conflicts(&vocab).is_empty(),
            "{:?}",
            vocabulary_conflicts(&vocab)
        );
        let e = |id: &str, kind| EntityRef {
            id: id.into(),
            label: id.into(),
            kind,
            mention: None,
            synonyms: vec![],
            members: vec![],
        };
        let c = Claim {
            subject: e("CHEBI:27300", Kind::Nutrient),
            relation: "enhances-absorption".into(),
            object: e("HGNC:5981", Kind::Cytokine),
            negated: false,
            hedged: false,
            context: Context::default(),
            evidence: Evidence::default(),
        };
        let (unknown, kinds) = claim_findings(&[c], &lex, &vocab);
        assert_eq!(unknown.len(), 2);
        assert_eq!(kinds.len(), 1);
        assert!(kinds[0].contains("object kind not allowed"));
    }
}
