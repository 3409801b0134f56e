//! KGX, the Biolink interchange format: `nodes.tsv` and `edges.tsv` (or `nodes.jsonl`
//! and `edges.jsonl`). `kgx` reads only files whose names end in `nodes.tsv` or
//! `edges.tsv` (`.jsonl`), and skips others silently, so the names are fixed here.
//!
//! Nodes carry a Biolink category (a condition is a `biolink:PhenotypicFeature` when
//! grounded in HP, else a `biolink:Disease`; a combination a `biolink:ChemicalMixture`);
//! edges a Biolink predicate with the relation's qualifiers, `knowledge_level`,
//! `agent_type`, negation, publications, supporting text and confidence. Combinations
//! link to their members by `biolink:has_part`, entities to their parents in the
//! hierarchy by `biolink:subclass_of` (relation `is-a`).
//!
//! KGX TSV has no quoting or escapes: `|` separates list items and a field ends at a tab
//! or line break. So text in TSV keeps everything but tab, CR and LF (a space, as kgx's
//! own reader turns them into) and `|` (written `¦`). JSON Lines keeps text exact. In
//! TSV a false `negated` is an empty field: kgx reads any non-empty text as true.

use std::collections::BTreeSet;
use std::io::{self, Write};

use petgraph::stable_graph::NodeIndex;
use serde_json::{Map, Value, json};

use crate::kg::{ClaimEdge, KnowledgeGraph};
use crate::vocab::Vocabulary;

use super::biolink::{AGENT_TYPE, HAS_PART, KNOWLEDGE_LEVEL, SUBCLASS_OF, kgx_category, predicate};
use super::summary::{ClaimSummary, hierarchy_id, json_text, membership_id};

/// One KGX record: (column, value) with lists as JSON arrays.
type Record = Map<String, Value>;

/// The node columns, in order.
pub const NODE_COLUMNS: [&str; 4] = ["id", "category", "name", "synonym"];
/// The edge columns, in order (qualifier columns follow, sorted).
pub const EDGE_COLUMNS: [&str; 17] = [
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
    "primary_knowledge_source",
    "verified",
    "evidence_source",
];

/// An id as KGX takes it: a proper CURIE, one prefix and one colon, the local part
/// holding only characters a CURIE may (letters, digits, `-._~+` and `%` escapes). Ids
/// from the lexicon and those claimgraph mints are already such; an id read from a
/// claims file with spaces, quotes or brackets in it has them percent-encoded (UTF-8),
/// as the RDF exports encode it in an IRI.
pub fn curie(id: &str) -> std::borrow::Cow<'_, str> {
    let Some((prefix, local)) = id.split_once(':') else {
        return id.into();
    };
    let bytes = local.as_bytes();
    let escape = |i: usize| {
        bytes
            .get(i + 1..i + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    };
    let keep = |i: usize, b: u8| {
        b.is_ascii_alphanumeric() || b"-._~+".contains(&b) || (b == b'%' && escape(i))
    };
    if bytes.iter().enumerate().all(|(i, &b)| keep(i, b)) {
        return id.into();
    }
    let mut out = String::with_capacity(id.len() + 8);
    out.push_str(prefix);
    out.push(':');
    for (i, &b) in bytes.iter().enumerate() {
        if keep(i, b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.into()
}

fn node_record(kg: &KnowledgeGraph, ix: NodeIndex) -> Record {
    let n = kg.node(ix);
    let mut r = Record::new();
    r.insert("id".into(), json!(curie(&n.id)));
    r.insert("category".into(), json!([kgx_category(n.kind, &n.id)]));
    r.insert("name".into(), json!(n.label));
    r.insert("synonym".into(), json!(n.synonyms));
    r
}

fn claim_record(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    s: NodeIndex,
    o: NodeIndex,
    c: &ClaimEdge,
) -> Record {
    let sum = ClaimSummary::of(c);
    let rel = vocab.get(&c.relation);
    let mut r = Record::new();
    r.insert("id".into(), json!(c.id));
    r.insert("subject".into(), json!(curie(&kg.node(s).id)));
    r.insert("predicate".into(), json!(predicate(vocab, &c.relation)));
    r.insert("object".into(), json!(curie(&kg.node(o).id)));
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
    r.insert(
        "primary_knowledge_source".into(),
        json!(sum.primary_knowledge_source),
    );
    r.insert("verified".into(), json!(sum.verified));
    r.insert("evidence_source".into(), json!(sum.sources));
    if let Some(rel) = rel {
        for (k, v) in &rel.qualifiers {
            r.insert(k.clone(), json!(v));
        }
    }
    r
}

fn membership_record(kg: &KnowledgeGraph, s: NodeIndex, o: NodeIndex) -> Record {
    let (s, o) = (&kg.node(s).id, &kg.node(o).id);
    let mut r = Record::new();
    r.insert("id".into(), json!(membership_id(s, o)));
    r.insert("subject".into(), json!(curie(s)));
    r.insert("predicate".into(), json!(HAS_PART));
    r.insert("object".into(), json!(curie(o)));
    r.insert("category".into(), json!(["biolink:Association"]));
    r.insert("knowledge_level".into(), json!(KNOWLEDGE_LEVEL));
    r.insert("agent_type".into(), json!(AGENT_TYPE));
    r.insert("negated".into(), json!(false));
    r.insert("relation".into(), json!(crate::vocab::HAS_MEMBER));
    r
}

fn hierarchy_record(kg: &KnowledgeGraph, s: NodeIndex, o: NodeIndex) -> Record {
    let (s, o) = (&kg.node(s).id, &kg.node(o).id);
    let mut r = Record::new();
    r.insert("id".into(), json!(hierarchy_id(s, o)));
    r.insert("subject".into(), json!(curie(s)));
    r.insert("predicate".into(), json!(SUBCLASS_OF));
    r.insert("object".into(), json!(curie(o)));
    r.insert("category".into(), json!(["biolink:Association"]));
    r.insert("knowledge_level".into(), json!(KNOWLEDGE_LEVEL));
    r.insert("agent_type".into(), json!(AGENT_TYPE));
    r.insert("negated".into(), json!(false));
    r.insert("relation".into(), json!(crate::vocab::IS_A));
    r
}

/// Calls `each` with the node records in order, one at a time.
fn each_node(
    kg: &KnowledgeGraph,
    mut each: impl FnMut(&Record) -> io::Result<()>,
) -> io::Result<()> {
    for ix in kg.nodes_sorted() {
        each(&node_record(kg, ix))?;
    }
    Ok(())
}

/// Calls `each` with the edge records in order (claims, then memberships, then the
/// hierarchy), one at a time.
fn each_edge(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    mut each: impl FnMut(&Record) -> io::Result<()>,
) -> io::Result<()> {
    for (s, o, c) in kg.claims_sorted() {
        each(&claim_record(kg, vocab, s, o, c))?;
    }
    for (s, o) in kg.memberships_sorted() {
        each(&membership_record(kg, s, o))?;
    }
    for (s, o) in kg.hierarchy_sorted() {
        each(&hierarchy_record(kg, s, o))?;
    }
    Ok(())
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

fn tsv_row(out: &mut dyn Write, r: &Record, columns: &[String]) -> io::Result<()> {
    for (i, c) in columns.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\t")?;
        }
        out.write_all(tsv_value(r, c).as_bytes())?;
    }
    out.write_all(b"\n")
}

fn jsonl_row(out: &mut dyn Write, r: &Record) -> io::Result<()> {
    let kept: Map<String, Value> = r
        .iter()
        .filter(|(_, v)| !matches!(v, Value::Array(a) if a.is_empty()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    out.write_all(json_text(&Value::Object(kept)).as_bytes())?;
    out.write_all(b"\n")
}

/// The edge columns: [`EDGE_COLUMNS`], then the qualifiers of the relations the graph's
/// claims use, sorted.
fn edge_columns(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Vec<String> {
    let mut cols: Vec<String> = EDGE_COLUMNS.iter().map(|s| s.to_string()).collect();
    let used: BTreeSet<&str> = kg
        .claims_sorted()
        .iter()
        .map(|(_, _, c)| &*c.relation)
        .collect::<BTreeSet<&str>>()
        .into_iter()
        .filter_map(|r| vocab.get(r))
        .flat_map(|r| r.qualifiers.keys().map(String::as_str))
        .filter(|k| !EDGE_COLUMNS.contains(k))
        .collect();
    cols.extend(used.into_iter().map(str::to_string));
    cols
}

/// Writes `nodes.tsv` to `out`, row by row.
///
/// # Errors
/// Writing to `out` fails.
pub fn write_nodes_tsv(kg: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    let cols: Vec<String> = NODE_COLUMNS.iter().map(|s| s.to_string()).collect();
    writeln!(out, "{}", cols.join("\t"))?;
    each_node(kg, |r| tsv_row(out, r, &cols))
}

/// Writes `edges.tsv` to `out`, row by row.
///
/// # Errors
/// Writing to `out` fails.
pub fn write_edges_tsv(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let cols = edge_columns(kg, vocab);
    writeln!(out, "{}", cols.join("\t"))?;
    each_edge(kg, vocab, |r| tsv_row(out, r, &cols))
}

/// Writes `nodes.jsonl` to `out`, line by line.
///
/// # Errors
/// Writing to `out` fails.
pub fn write_nodes_jsonl(kg: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    each_node(kg, |r| jsonl_row(out, r))
}

/// Writes `edges.jsonl` to `out`, line by line.
///
/// # Errors
/// Writing to `out` fails.
pub fn write_edges_jsonl(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    out: &mut dyn Write,
) -> io::Result<()> {
    each_edge(kg, vocab, |r| jsonl_row(out, r))
}

fn in_memory(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(&mut out);
    out
}

/// `nodes.tsv` and `edges.tsv`, in memory.
pub fn tsv_files(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("nodes.tsv", in_memory(|o| write_nodes_tsv(kg, o))),
        ("edges.tsv", in_memory(|o| write_edges_tsv(kg, vocab, o))),
    ]
}

/// `nodes.jsonl` and `edges.jsonl`, in memory.
pub fn jsonl_files(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("nodes.jsonl", in_memory(|o| write_nodes_jsonl(kg, o))),
        (
            "edges.jsonl",
            in_memory(|o| write_edges_jsonl(kg, vocab, o)),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_proper_curies() {
        assert_eq!(curie("HGNC:6001"), "HGNC:6001");
        assert_eq!(
            curie("combination:CHEBI%3A27300+CHEBI%3A27363"),
            "combination:CHEBI%3A27300+CHEBI%3A27363"
        );
        assert_eq!(
            curie("claimgraph:odd id\"<é>&;//x"),
            "claimgraph:odd%20id%22%3C%C3%A9%3E%26%3B%2F%2Fx"
        );
        assert_eq!(curie("claimgraph:50%"), "claimgraph:50%25");
        assert_eq!(curie("claimgraph:a:b"), "claimgraph:a%3Ab");
        assert!(matches!(
            curie("CHEBI:27300"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn tsv_fields_have_no_separators() {
        assert_eq!(tsv_field(Some(&json!(["a|b", "c\td\ne"]))), "a¦b|c d e");
        assert_eq!(tsv_field(Some(&json!(true))), "true");
        assert_eq!(tsv_field(None), "");
    }
}
