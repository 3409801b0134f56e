//! GraphML for networkx, igraph, Gephi, Cytoscape and yEd.
//!
//! Every `<key>` is declared with its type before the `<graph>`, and every node and edge
//! writes every one of its keys (readers differ on `<default>`, so none is relied on).
//! Lists are JSON array strings: text may hold `|` or any other separator. Membership
//! edges are edges too, with relation `has-member`; so are hierarchy edges, with
//! relation `is-a` and predicate `biolink:subclass_of`.
//!
//! Text is escaped for XML (`&`, `<`, `>`, quotes; CR as `&#13;` so that a parser's
//! line-end normalisation keeps it). Characters XML 1.0 cannot carry at all (C0 controls
//! other than tab, LF and CR; U+FFFE, U+FFFF) are written as U+FFFD.

use std::fmt::Write as _;

use serde_json::json;

use crate::kg::KnowledgeGraph;
use crate::vocab::{HAS_MEMBER, IS_A, Vocabulary};

use super::biolink::{SUBCLASS_OF, category};
use super::summary::{ClaimSummary, edge_label, hierarchy_id, json_text, membership_id};

/// Escapes text for XML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{8}'
            | '\u{b}'
            | '\u{c}'
            | '\u{e}'..='\u{1f}'
            | '\u{fffe}'
            | '\u{ffff}' => {
                out.push('\u{fffd}');
            }
            c => out.push(c),
        }
    }
    out
}

/// The declared keys: (id, for, attr.name, attr.type).
pub const KEYS: &[(&str, &str, &str, &str)] = &[
    ("n_label", "node", "label", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_category", "node", "category", "string"),
    ("n_synonyms", "node", "synonyms", "string"),
    ("n_members", "node", "members", "string"),
    ("e_relation", "edge", "relation", "string"),
    ("e_label", "edge", "label", "string"),
    ("e_predicate", "edge", "predicate", "string"),
    ("e_qualifiers", "edge", "qualifiers", "string"),
    ("e_negated", "edge", "negated", "boolean"),
    ("e_hedged", "edge", "hedged", "boolean"),
    ("e_confidence", "edge", "confidence", "double"),
    ("e_evidence_count", "edge", "evidence_count", "int"),
    ("e_citations", "edge", "citations", "string"),
    ("e_publications", "edge", "publications", "string"),
    ("e_documents", "edge", "documents", "string"),
    ("e_sentences", "edge", "sentences", "string"),
];

fn data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", escape(value));
}

/// The graph as a GraphML document.
pub fn to_graphml(kg: &KnowledgeGraph, vocab: &Vocabulary) -> String {
    let mut bytes = Vec::new();
    write_graphml(kg, vocab, &mut bytes).expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("GraphML is written from UTF-8 text")
}

/// Hands the text gathered so far to `sink` once it is large: the document is streamed,
/// never held whole (a million claims make close to a gigabyte of GraphML).
fn spill(out: &mut String, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    if out.len() >= 1 << 16 {
        sink.write_all(out.as_bytes())?;
        out.clear();
    }
    Ok(())
}

/// Writes the graph as a GraphML document to `sink`, as it is made.
///
/// # Errors
/// Writing fails.
pub fn write_graphml(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns ",
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    ));
    for (id, target, name, ty) in KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <graph id=\"claimgraph\" edgedefault=\"directed\">\n");
    for ix in kg.nodes_sorted() {
        let n = kg.node(ix);
        let _ = writeln!(out, "    <node id=\"{}\">", escape(&n.id));
        data(&mut out, "n_label", &n.label);
        data(&mut out, "n_kind", n.kind.as_str());
        data(&mut out, "n_category", category(n.kind));
        data(&mut out, "n_synonyms", &json_text(&json!(n.synonyms)));
        data(&mut out, "n_members", &json_text(&json!(n.members)));
        out.push_str("    </node>\n");
        spill(&mut out, sink)?;
    }
    for (s, o, c) in kg.claims_sorted() {
        let sum = ClaimSummary::of(c);
        let rel = vocab.get(&c.relation);
        let _ = writeln!(
            out,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\">",
            escape(&c.id.to_string()),
            escape(&kg.node(s).id),
            escape(&kg.node(o).id)
        );
        data(&mut out, "e_relation", &c.relation);
        data(&mut out, "e_label", &edge_label(c));
        data(
            &mut out,
            "e_predicate",
            rel.map_or("biolink:related_to", |r| r.biolink.as_str()),
        );
        data(
            &mut out,
            "e_qualifiers",
            &json_text(&json!(
                rel.map(|r| r.qualifiers.clone()).unwrap_or_default()
            )),
        );
        data(&mut out, "e_negated", &c.negated.to_string());
        data(&mut out, "e_hedged", &sum.hedged.to_string());
        data(&mut out, "e_confidence", &sum.confidence.to_string());
        data(
            &mut out,
            "e_evidence_count",
            &sum.evidence_count.to_string(),
        );
        data(&mut out, "e_citations", &json_text(&json!(sum.citations)));
        data(
            &mut out,
            "e_publications",
            &json_text(&json!(sum.publications)),
        );
        data(&mut out, "e_documents", &json_text(&json!(sum.documents)));
        data(&mut out, "e_sentences", &json_text(&json!(sum.sentences)));
        out.push_str("    </edge>\n");
        spill(&mut out, sink)?;
    }
    // Membership and hierarchy links: no evidence, certain, one shape of edge.
    let structural = kg
        .memberships_sorted()
        .into_iter()
        .map(|(s, o)| (s, o, HAS_MEMBER, "biolink:has_part"))
        .chain(
            kg.hierarchy_sorted()
                .into_iter()
                .map(|(s, o)| (s, o, IS_A, SUBCLASS_OF)),
        );
    for (s, o, relation, predicate) in structural {
        let (s, o) = (&kg.node(s).id, &kg.node(o).id);
        let id = if relation == IS_A {
            hierarchy_id(s, o)
        } else {
            membership_id(s, o)
        };
        let _ = writeln!(
            out,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\">",
            escape(&id),
            escape(s),
            escape(o)
        );
        data(&mut out, "e_relation", relation);
        data(&mut out, "e_label", relation);
        data(&mut out, "e_predicate", predicate);
        data(&mut out, "e_qualifiers", "{}");
        data(&mut out, "e_negated", "false");
        data(&mut out, "e_hedged", "false");
        data(&mut out, "e_confidence", "1");
        data(&mut out, "e_evidence_count", "0");
        for key in [
            "e_citations",
            "e_publications",
            "e_documents",
            "e_sentences",
        ] {
            data(&mut out, key, "[]");
        }
        out.push_str("    </edge>\n");
        spill(&mut out, sink)?;
    }
    out.push_str("  </graph>\n</graphml>\n");
    sink.write_all(out.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_keeps_line_ends() {
        assert_eq!(
            escape("a<b>&\"]]>\r\n\u{1}"),
            "a&lt;b&gt;&amp;&quot;]]&gt;&#13;&#10;\u{fffd}"
        );
    }
}
