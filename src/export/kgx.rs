//! KGX, the Biolink interchange format: `nodes.tsv` and `edges.tsv` (or `nodes.jsonl`
//! and `edges.jsonl`). `kgx` reads only files whose names end in `nodes.tsv` or
//! `edges.tsv` (`.jsonl`), and skips others silently, so the names are fixed here.
//!
//! Nodes carry a Biolink category (a condition is a `biolink:PhenotypicFeature` when
//! grounded in HP, else a `biolink:Disease`; a combination a `biolink:ChemicalMixture`);
//! edges a Biolink predicate with the relation's qualifiers, `knowledge_level`,
//! `agent_type`, negation, publications, supporting text and confidence. Combinations
//! link to their members by `biolink:has_part`.
//!
//! KGX TSV has no quoting or escapes: `|` separates list items and a field ends at a tab
//! or line break. So text in TSV keeps everything but tab, CR and LF (a space, as kgx's
//! own reader turns them into) and `|` (written `¦`). JSON Lines keeps text exact. In
//! TSV a false `negated` is an empty field: kgx reads any non-empty text as true.

use serde_json::{Map, Value, json};

use crate::kg::KnowledgeGraph;
use crate::lexicon::Kind;
use crate::vocab::Vocabulary;

use super::jsonld::{AGENT_TYPE, KNOWLEDGE_LEVEL, category};
use super::summary::{ClaimSummary, json_text, membership_id};

/// The Biolink category of a node in KGX: [`category`], with conditions split into
/// `biolink:PhenotypicFeature` (HP ids) and `biolink:Disease`.
pub fn kgx_category(kind: Kind, id: &str) -> &'static str {
    match kind {
        Kind::Condition if id.starts_with("HP:") => "biolink:PhenotypicFeature",
        Kind::Condition => "biolink:Disease",
        k => category(k),
    }
}

/// One KGX record: (column, value) with lists as JSON arrays.
type Record = Map<String, Value>;

/// The node columns, in order.
pub const NODE_COLUMNS: [&str; 4] = ["id", "category", "name", "synonym"];
/// The edge columns, in order (qualifier columns follow, sorted).
pub const EDGE_COLUMNS: [&str; 14] = [
    "id",
    "subject",
    "predicate",
    "object",
    "category",
    "knowledge_level",
    "agent_type",
    "negated",
    "has_confidence_score",
    "evidence_count",
    "publications",
    "supporting_text",
    "relation",
    "hedged",
];

fn nodes(kg: &KnowledgeGraph) -> Vec<Record> {
    kg.nodes_sorted()
        .into_iter()
        .map(|ix| {
            let n = kg.node(ix);
            let mut r = Record::new();
            r.insert("id".into(), json!(n.id));
            r.insert("category".into(), json!([kgx_category(n.kind, &n.id)]));
            r.insert("name".into(), json!(n.label));
            r.insert("synonym".into(), json!(n.synonyms));
            r
        })
        .collect()
}

fn edges(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Vec<Record> {
    let mut out = Vec::new();
    for (s, o, c) in kg.claims_sorted() {
        let sum = ClaimSummary::of(c);
        let rel = vocab.get(&c.relation);
        let mut r = Record::new();
        r.insert("id".into(), json!(c.id));
        r.insert("subject".into(), json!(kg.node(s).id));
        r.insert(
            "predicate".into(),
            json!(rel.map_or("biolink:related_to", |r| r.biolink.as_str())),
        );
        r.insert("object".into(), json!(kg.node(o).id));
        r.insert("category".into(), json!(["biolink:Association"]));
        r.insert("knowledge_level".into(), json!(KNOWLEDGE_LEVEL));
        r.insert("agent_type".into(), json!(AGENT_TYPE));
        r.insert("negated".into(), json!(c.negated));
        r.insert("has_confidence_score".into(), json!(sum.confidence));
        r.insert("evidence_count".into(), json!(sum.evidence_count));
        r.insert("publications".into(), json!(sum.publications));
        r.insert("supporting_text".into(), json!(sum.sentences));
        r.insert("relation".into(), json!(c.relation));
        r.insert("hedged".into(), json!(sum.hedged));
        if let Some(rel) = rel {
            for (k, v) in &rel.qualifiers {
                r.insert(k.clone(), json!(v));
            }
        }
        out.push(r);
    }
    for (s, o) in kg.memberships_sorted() {
        let (s, o) = (&kg.node(s).id, &kg.node(o).id);
        let mut r = Record::new();
        r.insert("id".into(), json!(membership_id(s, o)));
        r.insert("subject".into(), json!(s));
        r.insert("predicate".into(), json!("biolink:has_part"));
        r.insert("object".into(), json!(o));
        r.insert("category".into(), json!(["biolink:Association"]));
        r.insert("knowledge_level".into(), json!(KNOWLEDGE_LEVEL));
        r.insert("agent_type".into(), json!(AGENT_TYPE));
        r.insert("negated".into(), json!(false));
        r.insert("relation".into(), json!(crate::vocab::HAS_MEMBER));
        out.push(r);
    }
    out
}

/// Text as KGX TSV can hold it: tab, CR and LF as a space, `|` as `¦`.
pub fn tsv_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\r' | '\n' => ' ',
            '|' => '¦',
            c => c,
        })
        .collect()
}

/// A TSV field: list items joined by `|`; tab, CR and LF as a space and `|` inside an
/// item as `¦`.
fn tsv_field(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => tsv_text(s),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| tsv_field(Some(i)))
            .collect::<Vec<_>>()
            .join("|"),
        Some(other) => tsv_text(&other.to_string()),
    }
}

/// A TSV field of a record. kgx reads a Biolink boolean slot (`negated`) from TSV with
/// Python's `bool()`, which is true for any non-empty text, `"false"` included: so
/// false is written as an empty field.
fn tsv_value(r: &Record, column: &str) -> String {
    match r.get(column) {
        Some(Value::Bool(false)) if BOOLEAN_SLOTS.contains(&column) => String::new(),
        v => tsv_field(v),
    }
}

/// The Biolink boolean slots among the columns.
const BOOLEAN_SLOTS: &[&str] = &["negated"];

fn tsv(records: &[Record], columns: &[String]) -> Vec<u8> {
    let mut out = columns.join("\t");
    out.push('\n');
    for r in records {
        let fields: Vec<String> = columns.iter().map(|c| tsv_value(r, c)).collect();
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out.into_bytes()
}

fn jsonl(records: &[Record]) -> Vec<u8> {
    let mut out = String::new();
    for r in records {
        // Empty lists and absent values are left out, as KGX writes them.
        let kept: Map<String, Value> = r
            .iter()
            .filter(|(_, v)| !matches!(v, Value::Array(a) if a.is_empty()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        out.push_str(&json_text(&Value::Object(kept)));
        out.push('\n');
    }
    out.into_bytes()
}

fn edge_columns(records: &[Record]) -> Vec<String> {
    let mut cols: Vec<String> = EDGE_COLUMNS.iter().map(|s| s.to_string()).collect();
    let mut extra: Vec<String> = records
        .iter()
        .flat_map(|r| r.keys())
        .filter(|k| !EDGE_COLUMNS.contains(&k.as_str()))
        .cloned()
        .collect();
    extra.sort();
    extra.dedup();
    cols.extend(extra);
    cols
}

/// `nodes.tsv` and `edges.tsv`.
pub fn tsv_files(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Vec<(&'static str, Vec<u8>)> {
    let (n, e) = (nodes(kg), edges(kg, vocab));
    let node_cols: Vec<String> = NODE_COLUMNS.iter().map(|s| s.to_string()).collect();
    vec![
        ("nodes.tsv", tsv(&n, &node_cols)),
        ("edges.tsv", tsv(&e, &edge_columns(&e))),
    ]
}

/// `nodes.jsonl` and `edges.jsonl`.
pub fn jsonl_files(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("nodes.jsonl", jsonl(&nodes(kg))),
        ("edges.jsonl", jsonl(&edges(kg, vocab))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_fields_have_no_separators() {
        assert_eq!(tsv_field(Some(&json!(["a|b", "c\td\ne"]))), "a¦b|c d e");
        assert_eq!(tsv_field(Some(&json!(true))), "true");
        assert_eq!(tsv_field(None), "");
    }
}
