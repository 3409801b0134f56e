//! A Cypher script that loads the graph into Neo4j, FalkorDB, Memgraph and other Cypher
//! databases. Every statement `MERGE`s on an id and then `SET`s the properties, so the
//! script is idempotent: run twice, the database holds one copy.
//!
//! One statement a line, each ending in `;` (cypher-shell and line-wise runners both
//! split it right). Text is in single-quoted literals with `\\`, `\'`, `\n`, `\r` and
//! `\t` escapes, the escapes Neo4j and FalkorDB both read; other characters are written
//! as they are. Labels, types and property keys are identifiers, back-quoted when they
//! are not plain.

use std::io::{self, Write};

use crate::kg::KnowledgeGraph;
use crate::vocab::{HAS_MEMBER, IS_A, Vocabulary};

use super::biolink::{SUBCLASS_OF, category};
use super::neo4j::{ENTITY_LABEL, HAS_MEMBER_TYPE, IS_A_TYPE};
use super::summary::{ClaimSummary, hierarchy_id, kind_label, membership_id, relationship_type};

/// A Cypher string literal.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A Cypher identifier: as it is when plain, else back-quoted (back-quotes doubled).
pub fn ident(s: &str) -> String {
    let plain = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        s.to_string()
    } else {
        format!("`{}`", s.replace('`', "``"))
    }
}

fn list<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    let parts: Vec<String> = items.iter().map(f).collect();
    format!("[{}]", parts.join(", "))
}

fn strings(items: &[String]) -> String {
    list(items, |s| string(s))
}

/// A float literal that always reads back as a float (`1.0`, not `1`).
fn float(x: f64) -> String {
    format!("{x:?}")
}

/// The graph as a Cypher script.
pub fn to_cypher(kg: &KnowledgeGraph, vocab: &Vocabulary) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and every byte written is UTF-8.
    let _ = write_cypher(kg, vocab, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the graph as a Cypher script to `out`, statement by statement (nothing is held
/// but the statement being written).
///
/// # Errors
/// Writing to `out` fails.
pub fn write_cypher(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let claims = kg.claims_sorted();
    let memberships = kg.memberships_sorted();
    writeln!(
        out,
        "// claimgraph: {} entities, {}. Idempotent (MERGE on ids).",
        kg.node_count(),
        kg.edge_counts().describe()
    )?;
    writeln!(
        out,
        "// Neo4j: for speed, first run: CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:{ENTITY_LABEL}) REQUIRE n.id IS UNIQUE;"
    )?;
    for ix in kg.nodes_sorted() {
        let n = kg.node(ix);
        writeln!(
            out,
            "MERGE (n:{ENTITY_LABEL} {{id: {}}}) SET n:{}, n.name = {}, n.kind = {}, n.category = {}, n.synonyms = {};",
            string(&n.id),
            ident(&kind_label(n.kind)),
            string(&n.label),
            string(n.kind.as_str()),
            string(category(n.kind)),
            strings(&n.synonyms),
        )?;
    }
    for (s, o, c) in claims {
        let sum = ClaimSummary::of(c);
        let rel = vocab.get(&c.relation);
        let mut props = vec![
            format!("r.relation = {}", string(&c.relation)),
            format!(
                "r.predicate = {}",
                string(rel.map_or("biolink:related_to", |r| r.biolink.as_str()))
            ),
            format!("r.negated = {}", c.negated),
            format!("r.hedged = {}", sum.hedged),
            format!("r.confidence = {}", float(sum.confidence)),
            format!("r.evidence_count = {}", sum.evidence_count),
            format!("r.citations = {}", list(&sum.citations, u64::to_string)),
            format!("r.publications = {}", strings(&sum.publications)),
            format!("r.documents = {}", strings(&sum.documents)),
            format!("r.sentences = {}", strings(&sum.sentences)),
        ];
        if let Some(r) = rel {
            for (k, v) in &r.qualifiers {
                props.push(format!("r.{} = {}", ident(k), string(v)));
            }
        }
        writeln!(
            out,
            "MATCH (a:{ENTITY_LABEL} {{id: {}}}), (b:{ENTITY_LABEL} {{id: {}}}) MERGE (a)-[r:{} {{id: {}}}]->(b) SET {};",
            string(&kg.node(s).id),
            string(&kg.node(o).id),
            ident(&relationship_type(&c.relation)),
            string(&c.id.to_string()),
            props.join(", "),
        )?;
    }
    for (s, o) in memberships {
        let (s, o) = (&kg.node(s).id, &kg.node(o).id);
        writeln!(
            out,
            "MATCH (a:{ENTITY_LABEL} {{id: {}}}), (b:{ENTITY_LABEL} {{id: {}}}) MERGE (a)-[r:{HAS_MEMBER_TYPE} {{id: {}}}]->(b) SET r.relation = {}, r.predicate = 'biolink:has_part';",
            string(s),
            string(o),
            string(&membership_id(s, o)),
            string(HAS_MEMBER),
        )?;
    }
    for (s, o) in kg.hierarchy_sorted() {
        let (s, o) = (&kg.node(s).id, &kg.node(o).id);
        writeln!(
            out,
            "MATCH (a:{ENTITY_LABEL} {{id: {}}}), (b:{ENTITY_LABEL} {{id: {}}}) MERGE (a)-[r:{IS_A_TYPE} {{id: {}}}]->(b) SET r.relation = {}, r.predicate = {};",
            string(s),
            string(o),
            string(&hierarchy_id(s, o)),
            string(IS_A),
            string(SUBCLASS_OF),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_quotes_backslashes_and_line_breaks() {
        assert_eq!(string("a'b\\c\nd"), r"'a\'b\\c\nd'");
        assert_eq!(ident("object_aspect_qualifier"), "object_aspect_qualifier");
        assert_eq!(ident("a-b`c"), "`a-b``c`");
        assert_eq!(float(1.0), "1.0");
    }
}
