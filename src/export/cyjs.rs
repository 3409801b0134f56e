//! Cytoscape.js JSON (`.cyjs`): the elements, each with its evidence in `data`, and a
//! style that mirrors the DOT conventions (shape and fill per kind, a tee arrowhead for
//! inhibition, dashed lines for negated or hedged claims, dotted membership edges, wide
//! hierarchy edges with a hollow arrowhead).
//!
//! The look is carried in each element's data (`shape`, `color`, `arrow`) and mapped by
//! the style (`data(shape)`), so the style needs no selector built from text. The same
//! file opens in Cytoscape desktop (File, Import, Network from File), which reads
//! `elements` and ignores `style`.

use std::io::{self, Write};

use petgraph::stable_graph::NodeIndex;
use serde_json::{Map, Value, json};

use crate::kg::{ClaimEdge, KnowledgeGraph};
use crate::lexicon::Kind;
use crate::vocab::{HAS_MEMBER, IS_A, Vocabulary};

use super::biolink::{HAS_PART, SUBCLASS_OF, category, predicate};
use super::style::{kind_style, relation_style};
use super::summary::{
    ClaimSummary, edge_label, hierarchy_id, json_string, json_text, membership_id,
};

/// The Cytoscape.js node shape for a kind (after the DOT shapes).
pub fn node_shape(kind: Kind) -> &'static str {
    match kind_style(kind).0 {
        "ellipse" => "ellipse",
        "hexagon" => "hexagon",
        "octagon" => "octagon",
        "tab" => "tag",
        "egg" => "round-rectangle",
        "parallelogram" => "rhomboid",
        "diamond" => "diamond",
        "box3d" => "cut-rectangle",
        _ => "rectangle",
    }
}

/// The Cytoscape.js arrow shape and fill for a DOT arrowhead.
pub fn arrow_shape(head: &str) -> (&'static str, &'static str) {
    match head {
        "normal" => ("triangle", "filled"),
        "tee" => ("tee", "filled"),
        "dot" => ("circle", "filled"),
        "odot" => ("circle", "hollow"),
        "empty" => ("triangle", "hollow"),
        _ => ("diamond", "hollow"),
    }
}

/// The Cytoscape.js style: node and edge appearance from each element's data.
pub fn style() -> Value {
    json!([
        {"selector": "node", "style": {
            "label": "data(label)",
            "shape": "data(shape)",
            "background-color": "data(color)",
            "border-width": 1,
            "border-color": "#555555",
            "font-family": "Helvetica",
            "font-size": 11,
            "text-valign": "center",
            "text-wrap": "wrap",
            "text-max-width": "120px",
            "text-halign": "center",
            "width": 60,
            "height": 36
        }},
        {"selector": "edge", "style": {
            "label": "data(label)",
            "curve-style": "bezier",
            "line-color": "data(color)",
            "target-arrow-color": "data(color)",
            "target-arrow-shape": "data(arrow)",
            "target-arrow-fill": "data(arrow_fill)",
            "color": "data(color)",
            "font-size": 9,
            "line-style": "solid",
            "width": 1.5
        }},
        {"selector": "edge.dashed", "style": {"line-style": "dashed"}},
        {"selector": "edge.membership", "style": {"line-style": "dotted"}},
        {"selector": "edge.hierarchy", "style": {"width": 3}}
    ])
}

/// The Cytoscape.js element of a node.
pub fn node_element(kg: &KnowledgeGraph, ix: NodeIndex) -> Value {
    let n = kg.node(ix);
    let (_, fill) = kind_style(n.kind);
    json!({
        "data": {
            "id": n.id,
            "label": n.label,
            "kind": n.kind.as_str(),
            "category": category(n.kind),
            "synonyms": n.synonyms,
            "members": n.members,
            "shape": node_shape(n.kind),
            "color": fill,
        },
        "classes": n.kind.as_str(),
    })
}

/// The Cytoscape.js element of a claim edge from `s` to `o`.
pub fn claim_element(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    s: NodeIndex,
    o: NodeIndex,
    c: &ClaimEdge,
) -> Value {
    let sum = ClaimSummary::of(c);
    let (head, color) = relation_style(vocab, &c.relation);
    let (arrow, fill) = arrow_shape(head);
    let evidence: Vec<Value> = c
        .evidence
        .iter()
        .map(|e| {
            json!({
                "document": e.evidence.document,
                "section": e.evidence.section,
                "sentence": e.evidence.sentence,
                "citations": e.evidence.citations,
                "hedged": e.hedged,
            })
        })
        .collect();
    let mut data = Map::new();
    data.insert("id".into(), json!(c.id));
    data.insert("source".into(), json!(kg.node(s).id));
    data.insert("target".into(), json!(kg.node(o).id));
    data.insert("relation".into(), json!(c.relation));
    data.insert("label".into(), json!(edge_label(c)));
    data.insert("predicate".into(), json!(predicate(vocab, &c.relation)));
    data.insert("negated".into(), json!(c.negated));
    data.insert("hedged".into(), json!(sum.hedged));
    data.insert("confidence".into(), json!(sum.confidence));
    data.insert("citations".into(), json!(sum.citations));
    data.insert("publications".into(), json!(sum.publications));
    data.insert("sentences".into(), json!(sum.sentences));
    data.insert("evidence".into(), Value::Array(evidence));
    data.insert("color".into(), json!(color));
    data.insert("arrow".into(), json!(arrow));
    data.insert("arrow_fill".into(), json!(fill));
    let classes = if c.negated || sum.hedged {
        "claim dashed"
    } else {
        "claim"
    };
    json!({"data": data, "classes": classes})
}

/// The Cytoscape.js element of the membership edge from combination `s` to member `o`.
pub fn membership_element(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    s: NodeIndex,
    o: NodeIndex,
) -> Value {
    let (s, o) = (&kg.node(s).id, &kg.node(o).id);
    let (head, color) = relation_style(vocab, HAS_MEMBER);
    let (arrow, fill) = arrow_shape(head);
    json!({
        "data": {
            "id": membership_id(s, o),
            "source": s,
            "target": o,
            "relation": HAS_MEMBER,
            "label": HAS_MEMBER,
            "predicate": HAS_PART,
            "color": color,
            "arrow": arrow,
            "arrow_fill": fill,
        },
        "classes": "membership",
    })
}

/// The Cytoscape.js element of the hierarchy edge from entity `s` to its parent `o`.
pub fn hierarchy_element(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    s: NodeIndex,
    o: NodeIndex,
) -> Value {
    let (s, o) = (&kg.node(s).id, &kg.node(o).id);
    let (head, color) = relation_style(vocab, IS_A);
    let (arrow, fill) = arrow_shape(head);
    json!({
        "data": {
            "id": hierarchy_id(s, o),
            "source": s,
            "target": o,
            "relation": IS_A,
            "label": IS_A,
            "predicate": SUBCLASS_OF,
            "color": color,
            "arrow": arrow,
            "arrow_fill": fill,
        },
        "classes": "hierarchy",
    })
}

/// The graph as Cytoscape.js JSON (`cytoscape({elements, style})`, or File > Import in
/// Cytoscape desktop).
pub fn to_cyjs(kg: &KnowledgeGraph, vocab: &Vocabulary) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and every byte written is UTF-8.
    let _ = write_cyjs(kg, vocab, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the graph as Cytoscape.js JSON to `out`, one element a line as it is made
/// (nothing is held but the element being written).
///
/// # Errors
/// Writing to `out` fails.
pub fn write_cyjs(kg: &KnowledgeGraph, vocab: &Vocabulary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{{")?;
    writeln!(out, "  \"format_version\": \"1.0\",")?;
    writeln!(
        out,
        "  \"generated_by\": {},",
        json_string(concat!("claimgraph ", env!("CARGO_PKG_VERSION")))
    )?;
    writeln!(out, "  \"target_cytoscapejs_version\": \"~3.30\",")?;
    writeln!(out, "  \"data\": {{\"name\": \"claimgraph\"}},")?;
    writeln!(out, "  \"elements\": {{")?;
    out.write_all(b"    \"nodes\": [")?;
    let mut first = true;
    for ix in kg.nodes_sorted() {
        element(out, &mut first, &node_element(kg, ix))?;
    }
    out.write_all(if first { b"],\n" } else { b"\n    ],\n" })?;
    out.write_all(b"    \"edges\": [")?;
    let mut first = true;
    for (s, o, c) in kg.claims_sorted() {
        element(out, &mut first, &claim_element(kg, vocab, s, o, c))?;
    }
    for (s, o) in kg.memberships_sorted() {
        element(out, &mut first, &membership_element(kg, vocab, s, o))?;
    }
    for (s, o) in kg.hierarchy_sorted() {
        element(out, &mut first, &hierarchy_element(kg, vocab, s, o))?;
    }
    out.write_all(if first { b"]\n" } else { b"\n    ]\n" })?;
    writeln!(out, "  }},")?;
    writeln!(out, "  \"style\": {}", json_text(&style()))?;
    writeln!(out, "}}")
}

/// Writes one element of a list: a comma before all but the first, one a line.
fn element(out: &mut dyn Write, first: &mut bool, v: &Value) -> io::Result<()> {
    out.write_all(if *first { b"\n      " } else { b",\n      " })?;
    *first = false;
    out.write_all(json_text(v).as_bytes())
}
