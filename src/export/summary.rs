//! The evidence of a claim edge flattened the way every export carries it: distinct
//! sentences, the union of citations, publication IRIs, documents and sections. One
//! place computes them so that every format carries the same evidence.

use std::collections::BTreeSet;

use crate::kg::ClaimEdge;

use super::jsonld::publications;

/// The flattened evidence of one claim edge.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimSummary {
    /// Distinct non-empty evidence sentences, in evidence order.
    pub sentences: Vec<String>,
    /// Every cited source number, sorted and distinct.
    pub citations: Vec<u64>,
    /// Publication IRIs or CURIEs (see [`publications`]), sorted and distinct.
    pub publications: Vec<String>,
    /// Document ids, sorted and distinct.
    pub documents: Vec<String>,
    /// Section headings, sorted and distinct.
    pub sections: Vec<String>,
    /// The edge's confidence.
    pub confidence: f64,
    /// Whether every evidence is hedged.
    pub hedged: bool,
    /// Number of evidence records.
    pub evidence_count: usize,
    /// Where imported evidence came from (`evidence.source`: tool and file), sorted and
    /// distinct; empty when claimgraph read every evidence itself.
    pub sources: Vec<String>,
    /// Whether some evidence was checked against its source sentence (false when every
    /// evidence is an imported record without source text).
    pub verified: bool,
    /// The Biolink `primary_knowledge_source` (an `infores:` CURIE): claimgraph when it
    /// read some evidence itself, else the tool of the first imported evidence.
    pub primary_knowledge_source: &'static str,
}

/// The `infores:` CURIE of an evidence's origin (`None`: claimgraph's own reading).
pub fn infores(source: Option<&str>) -> &'static str {
    let Some(s) = source else {
        return "infores:claimgraph";
    };
    if s.starts_with("INDRA") {
        "infores:indra"
    } else if s.starts_with("GraphRAG") {
        "infores:graphrag"
    } else if s.starts_with("LangChain") {
        "infores:langchain"
    } else if s.starts_with("neo4j-graphrag") {
        "infores:neo4j-graphrag"
    } else {
        "infores:claimgraph"
    }
}

impl ClaimSummary {
    /// Flattens the evidence of `c`.
    pub fn of(c: &ClaimEdge) -> ClaimSummary {
        let mut sentences: Vec<String> = Vec::new();
        for e in &c.evidence {
            let s = &e.evidence.sentence;
            if !s.is_empty() && !sentences.iter().any(|x| **x == **s) {
                sentences.push(s.to_string());
            }
        }
        let citations: BTreeSet<u64> = c
            .evidence
            .iter()
            .flat_map(|e| e.evidence.citations.iter().copied())
            .collect();
        let pubs: BTreeSet<String> = c
            .evidence
            .iter()
            .flat_map(|e| publications(&e.evidence.document, &e.evidence.citations))
            .collect();
        let documents: BTreeSet<String> = c
            .evidence
            .iter()
            .map(|e| e.evidence.document.to_string())
            .collect();
        let sections: BTreeSet<String> = c
            .evidence
            .iter()
            .filter_map(|e| e.evidence.section.as_deref().map(str::to_string))
            .collect();
        ClaimSummary {
            sentences,
            citations: citations.into_iter().collect(),
            publications: pubs.into_iter().collect(),
            documents: documents.into_iter().collect(),
            sections: sections.into_iter().collect(),
            confidence: c.confidence(),
            hedged: c.hedged(),
            evidence_count: c.evidence.len(),
            sources: c
                .evidence
                .iter()
                .filter_map(|e| e.evidence.source.as_deref().map(str::to_string))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            verified: c.evidence.is_empty() || c.evidence.iter().any(|e| e.evidence.verified),
            primary_knowledge_source: if c.evidence.iter().any(|e| e.evidence.source.is_none()) {
                infores(None)
            } else {
                c.evidence
                    .iter()
                    .filter_map(|e| e.evidence.source.as_deref())
                    .min()
                    .map_or(infores(None), |s| infores(Some(s)))
            },
        }
    }

    /// The citations as `2, 6, 8` (empty when there are none).
    pub fn citation_list(&self) -> String {
        self.citations
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The label of a claim edge in diagrams: `NOT ` before a negated relation.
pub fn edge_label(c: &ClaimEdge) -> String {
    if c.negated {
        format!("NOT {}", c.relation)
    } else {
        c.relation.to_string()
    }
}

/// A JSON string (quotes included) safe to embed anywhere a JSON string may stand,
/// also inside JavaScript source and line-oriented formats: U+2028 and U+2029, which
/// serde_json leaves raw, are escaped too.
pub fn json_string(s: &str) -> String {
    json_text(&serde_json::Value::String(s.to_string()))
}

/// Pretty-printed JSON text of a value with U+2028, U+2029 and U+0085 escaped.
pub fn json_pretty(v: &serde_json::Value) -> String {
    escape_separators(serde_json::to_string_pretty(v).unwrap_or_default())
}

fn escape_separators(s: String) -> String {
    s.replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
        .replace('\u{85}', "\\u0085")
}

/// Compact JSON text of a value with U+2028 and U+2029 escaped (see [`json_string`]).
pub fn json_text(v: &serde_json::Value) -> String {
    escape_separators(v.to_string())
}

/// The id of the membership edge from a combination to a member (stable, from the
/// content hash like claim ids).
pub fn membership_id(combination: &str, member: &str) -> String {
    format!(
        "membership:{:016x}",
        crate::kg::stable_hash(&[combination, crate::vocab::HAS_MEMBER, member])
    )
}

/// The id of the hierarchy edge from an entity to its parent (stable, from the pair:
/// `hierarchy:` and 16 hex digits).
pub fn hierarchy_id(child: &str, parent: &str) -> String {
    format!(
        "hierarchy:{:016x}",
        crate::kg::stable_hash(&[child, crate::vocab::IS_A, parent])
    )
}

/// A graph-database relationship type for a relation: upper case, every character
/// other than an ASCII letter or digit as `_` (`cofactor-for` is `COFACTOR_FOR`).
pub fn relationship_type(relation: &str) -> String {
    let mut t: String = relation
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if !t.starts_with(|c: char| c.is_ascii_alphabetic()) {
        t.insert_str(0, "R_");
    }
    t
}

/// A graph-database node label for a kind: `nutrient` is `Nutrient`.
pub fn kind_label(kind: crate::lexicon::Kind) -> String {
    let s = kind.as_str();
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        out.push(if i == 0 { c.to_ascii_uppercase() } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_escape_line_separators() {
        assert_eq!(json_string("a\u{2028}b\"\n"), r#""a\u2028b\"\n""#);
    }

    #[test]
    fn relationship_types_are_identifiers() {
        assert_eq!(relationship_type("cofactor-for"), "COFACTOR_FOR");
        assert_eq!(relationship_type("1x"), "R_1X");
        assert_eq!(kind_label(crate::lexicon::Kind::Nutrient), "Nutrient");
    }
}
