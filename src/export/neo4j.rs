//! CSV files for `neo4j-admin database import full`: `nodes.csv` and
//! `relationships.csv`, headers in the import tool's own notation.
//!
//! The import tool's rules shape the text: a field is one line (the tool rejects line
//! breaks inside fields unless told `--multiline-fields`), so CR, LF, U+2028, U+2029 and
//! U+0085 in names are written as a space, the one place an export does not keep text
//! byte-exact. Arrays (`;`-joined) are used only where no element can hold a `;`:
//! citation numbers and publication IRIs. Free text that is a list (synonyms, evidence
//! sentences, documents) is one field holding a JSON array, whose escapes keep it
//! exact. Quotes are doubled; a backslash is an ordinary character.

use std::collections::BTreeSet;
use std::io::Write;

use crate::error::{Error, Result};
use crate::kg::KnowledgeGraph;
use crate::vocab::{HAS_MEMBER, IS_A, Vocabulary};

use super::biolink::{SUBCLASS_OF, category};
use super::summary::{
    ClaimSummary, hierarchy_id, json_text, kind_label, membership_id, relationship_type,
};

/// The ID space (group) of every node.
pub const ID_SPACE: &str = "Entity";
/// The label every node carries besides its kind's.
pub const ENTITY_LABEL: &str = "Entity";
/// The relationship type of membership edges.
pub const HAS_MEMBER_TYPE: &str = "HAS_MEMBER";
/// The relationship type of hierarchy edges (entity to parent).
pub const IS_A_TYPE: &str = "IS_A";

/// `s` on one line: CR, LF, U+2028, U+2029 and U+0085 become a space.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => ' ',
            c => c,
        })
        .collect()
}

fn json_list<S: AsRef<str>>(items: &[S]) -> String {
    let v: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    json_text(&serde_json::json!(v))
}

/// A CSV writer in the neo4j-admin dialect: fields quoted only when needed, LF line ends,
/// every field on one line.
struct Rows<'w> {
    w: csv::Writer<&'w mut dyn Write>,
}

impl<'w> Rows<'w> {
    fn new(out: &'w mut dyn Write) -> Rows<'w> {
        Rows {
            w: csv::WriterBuilder::new()
                .quote_style(csv::QuoteStyle::Necessary)
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(out),
        }
    }

    fn row<S: AsRef<str>>(&mut self, row: &[S]) -> Result<()> {
        self.w
            .write_record(row.iter().map(|f| one_line(f.as_ref())))
            .map_err(csv_error)
    }

    fn finish(mut self) -> Result<()> {
        self.w.flush().map_err(|e| Error::write("Neo4j CSV", e))
    }
}

fn csv_error(e: csv::Error) -> Error {
    if !e.is_io_error() {
        return Error::Csv(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(e) => Error::write("Neo4j CSV", e),
        other => Error::write("Neo4j CSV", std::io::Error::other(format!("{other:?}"))),
    }
}

fn in_memory(write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write(&mut out)?;
    Ok(out)
}

/// The node file: header and one row per node.
///
/// # Errors
/// Only if the CSV writer fails on memory.
pub fn nodes_csv(kg: &KnowledgeGraph) -> Result<Vec<u8>> {
    in_memory(|out| write_nodes_csv(kg, out))
}

/// Writes the node file to `out`, row by row.
///
/// # Errors
/// Writing to `out` fails.
pub fn write_nodes_csv(kg: &KnowledgeGraph, out: &mut dyn Write) -> Result<()> {
    let mut rows = Rows::new(out);
    rows.row(&[
        &format!("id:ID({ID_SPACE})"),
        ":LABEL",
        "name",
        "kind",
        "category",
        "synonyms",
    ])?;
    for ix in kg.nodes_sorted() {
        let n = kg.node(ix);
        rows.row(&[
            n.id.clone(),
            format!("{ENTITY_LABEL};{}", kind_label(n.kind)),
            n.label.clone(),
            n.kind.as_str().to_string(),
            category(n.kind).to_string(),
            json_list(&n.synonyms),
        ])?;
    }
    rows.finish()
}

/// The qualifier slots the graph's claims use, sorted.
fn qualifier_keys(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Vec<String> {
    let keys: BTreeSet<String> = kg
        .claims_sorted()
        .iter()
        .filter_map(|(_, _, c)| vocab.get(&c.relation))
        .flat_map(|r| r.qualifiers.keys().cloned())
        .collect();
    keys.into_iter().collect()
}

/// The relationship file: header and one row per claim, then one per membership.
///
/// # Errors
/// Only if the CSV writer fails on memory.
pub fn relationships_csv(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Result<Vec<u8>> {
    in_memory(|out| write_relationships_csv(kg, vocab, out))
}

/// Writes the relationship file to `out`, row by row.
///
/// # Errors
/// Writing to `out` fails.
pub fn write_relationships_csv(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    out: &mut dyn Write,
) -> Result<()> {
    let quals = qualifier_keys(kg, vocab);
    let mut header: Vec<String> = [
        &format!(":START_ID({ID_SPACE})"),
        &format!(":END_ID({ID_SPACE})"),
        ":TYPE",
        "id",
        "relation",
        "predicate",
        "negated:boolean",
        "hedged:boolean",
        "confidence:double",
        "evidence_count:int",
        "citations:int[]",
        "publications:string[]",
        "documents",
        "sentences",
        "verified:boolean",
        "primary_knowledge_source",
        "evidence_sources",
    ]
    .map(|s| s.to_string())
    .to_vec();
    header.extend(quals.iter().cloned());
    let mut rows = Rows::new(out);
    rows.row(&header)?;
    for (s, o, c) in kg.claims_sorted() {
        let sum = ClaimSummary::of(c);
        let rel = vocab.get(&c.relation);
        let mut row = vec![
            kg.node(s).id.clone(),
            kg.node(o).id.clone(),
            relationship_type(&c.relation),
            c.id.to_string(),
            c.relation.to_string(),
            rel.map_or("biolink:related_to", |r| r.biolink.as_str())
                .to_string(),
            c.negated.to_string(),
            sum.hedged.to_string(),
            sum.confidence.to_string(),
            sum.evidence_count.to_string(),
            sum.citations
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(";"),
            sum.publications.join(";"),
            json_list(&sum.documents),
            json_list(&sum.sentences),
            sum.verified.to_string(),
            sum.primary_knowledge_source.to_string(),
            json_list(&sum.sources),
        ];
        for q in &quals {
            row.push(
                rel.and_then(|r| r.qualifiers.get(q))
                    .cloned()
                    .unwrap_or_default(),
            );
        }
        rows.row(&row)?;
    }
    for (s, o) in kg.memberships_sorted() {
        let (s, o) = (&kg.node(s).id, &kg.node(o).id);
        let mut row = vec![
            s.clone(),
            o.clone(),
            HAS_MEMBER_TYPE.to_string(),
            membership_id(s, o),
            HAS_MEMBER.to_string(),
            "biolink:has_part".to_string(),
            "false".to_string(),
            "false".to_string(),
            String::new(),
            "0".to_string(),
            String::new(),
            String::new(),
            "[]".to_string(),
            "[]".to_string(),
            "true".to_string(),
            "infores:claimgraph".to_string(),
            "[]".to_string(),
        ];
        row.extend(quals.iter().map(|_| String::new()));
        rows.row(&row)?;
    }
    for (s, o) in kg.hierarchy_sorted() {
        let (s, o) = (&kg.node(s).id, &kg.node(o).id);
        let mut row = vec![
            s.clone(),
            o.clone(),
            IS_A_TYPE.to_string(),
            hierarchy_id(s, o),
            IS_A.to_string(),
            SUBCLASS_OF.to_string(),
            "false".to_string(),
            "false".to_string(),
            String::new(),
            "0".to_string(),
            String::new(),
            String::new(),
            "[]".to_string(),
            "[]".to_string(),
            "true".to_string(),
            "infores:claimgraph".to_string(),
            "[]".to_string(),
        ];
        row.extend(quals.iter().map(|_| String::new()));
        rows.row(&row)?;
    }
    rows.finish()
}

/// The files of the export: `nodes.csv` and `relationships.csv`.
///
/// # Errors
/// As [`nodes_csv`].
pub fn files(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Result<Vec<(&'static str, Vec<u8>)>> {
    Ok(vec![
        ("nodes.csv", nodes_csv(kg)?),
        ("relationships.csv", relationships_csv(kg, vocab)?),
    ])
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(one_line("a\r\nb\u{2028}c"), "a  b c");
    }
}
