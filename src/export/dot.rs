//! DOT (and SVG through Graphviz) in the conventions of biology diagrams: shape and
//! colour by kind, a tee arrowhead for inhibition, dashed lines for negated or hedged
//! claims, tooltips that carry the evidence into SVG, and a legend.
//!
//! The DOT is built as a graphviz-rust AST. Every id and value is quoted and escaped
//! here (graphviz-rust prints escaped ids as given).

use std::collections::BTreeSet;

use graphviz_rust::cmd::{CommandArg, Format};
use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::error::{Error, Result};
use crate::kg::{ClaimEdge, KnowledgeGraph};
use crate::lexicon::Kind;
use crate::vocab::{Sign, Vocabulary};

/// Shape and fill colour of a kind.
pub fn kind_style(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Nutrient => ("ellipse", "#b8e186"),
        Kind::Chemical => ("hexagon", "#fdb863"),
        Kind::Gene => ("box", "#c6dbef"),
        Kind::Protein => ("box", "#9ecae1"),
        Kind::Cytokine => ("octagon", "#fc9272"),
        Kind::Tissue => ("tab", "#fee391"),
        Kind::Cell => ("egg", "#d9d9d9"),
        Kind::Process => ("parallelogram", "#e5f5f9"),
        Kind::Condition => ("diamond", "#f4a582"),
        Kind::Combination => ("box3d", "#cbc9e2"),
    }
}

/// Arrowhead and colour of a relation.
pub fn relation_style(vocab: &Vocabulary, relation: &str) -> (&'static str, &'static str) {
    match relation {
        "has-member" => ("odot", "#756bb1"),
        "associated-with" => ("dot", "#636363"),
        "regulates" => ("odiamond", "#636363"),
        _ => match vocab.sign(relation) {
            Sign::Positive => ("normal", "#1a9641"),
            Sign::Negative => ("tee", "#d7191c"),
            Sign::Unsigned => ("odiamond", "#636363"),
        },
    }
}

/// Quotes a string for DOT: backslashes and double quotes escaped, line breaks as `\n`.
///
/// Graphviz reads HTML entities in strings and copies an `&` that starts something
/// entity-like into its SVG unescaped (`a&;b` made the SVG ill-formed), so `&` is
/// written `&amp;`; CR and tab, which Graphviz's escapes cannot carry, are `&#13;` and
/// `&#9;`. (Graphviz still expands `\N` and its kin in a node's tooltip, even after an
/// escaped backslash: the one place DOT text does not come back as written.)
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn id(s: &str) -> Id {
    Id::Escaped(quote(s))
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.to_string()), id(v))
}

fn node_id(s: &str) -> NodeId {
    NodeId(id(s), None)
}

/// The evidence of an edge as tooltip text.
pub fn evidence_text(c: &ClaimEdge) -> String {
    let mut lines = Vec::new();
    for e in &c.evidence {
        let cites = if e.evidence.citations.is_empty() {
            String::new()
        } else {
            format!(
                " [{}]",
                e.evidence
                    .citations
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let hedge = if e.hedged { " (hedged)" } else { "" };
        lines.push(format!(
            "{}: {}{}{}",
            e.evidence.document, e.evidence.sentence, cites, hedge
        ));
    }
    lines.join("\n")
}

/// Options of the drawing.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// Edges (by claim id) to draw highlighted; when not empty, only the nodes they
    /// touch and their neighbourhood are drawn.
    pub highlight: BTreeSet<String>,
}

/// The graph as a graphviz-rust AST.
pub fn to_graph(kg: &KnowledgeGraph, vocab: &Vocabulary, opts: &DotOptions) -> Graph {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("rankdir", "LR"),
            attr("fontname", "Helvetica"),
            attr("labelloc", "t"),
            attr("tooltip", "claimgraph"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("style", "filled"),
            attr("fontname", "Helvetica"),
            attr("fontsize", "11"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "9"),
        ])),
    ];
    let mut kinds = BTreeSet::new();
    for ix in kg.nodes_sorted() {
        let n = kg.node(ix);
        kinds.insert(n.kind);
        let (shape, fill) = kind_style(n.kind);
        let mut tooltip = format!("{} ({})\n{}", n.label, n.kind, n.id);
        if !n.synonyms.is_empty() {
            tooltip.push_str(&format!("\nalso: {}", n.synonyms.join(", ")));
        }
        stmts.push(Stmt::Node(DotNode::new(
            node_id(&n.id),
            vec![
                attr("label", &n.label),
                attr("shape", shape),
                attr("fillcolor", fill),
                attr("tooltip", &tooltip),
            ],
        )));
    }
    let mut relations = BTreeSet::new();
    for (s, o, c) in kg.claims_sorted() {
        relations.insert(c.relation.to_string());
        let (head, color) = relation_style(vocab, &c.relation);
        let dashed = c.negated || c.hedged();
        let label = if c.negated {
            format!("NOT {}", c.relation)
        } else {
            c.relation.to_string()
        };
        let tip = format!(
            "{} {} {}\nconfidence {:.2}\n{}",
            kg.node(s).label,
            label,
            kg.node(o).label,
            c.confidence(),
            evidence_text(c)
        );
        let mut attrs = vec![
            attr("label", &label),
            attr("arrowhead", head),
            attr("color", color),
            attr("fontcolor", color),
            attr("style", if dashed { "dashed" } else { "solid" }),
            attr("tooltip", &tip),
            attr("edgetooltip", &tip),
            attr("labeltooltip", &tip),
            attr("id", &c.id.to_string()),
        ];
        if opts.highlight.contains(&c.id.to_string()) {
            attrs.push(attr("penwidth", "3"));
        }
        stmts.push(Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(
                Vertex::N(node_id(&kg.node(s).id)),
                Vertex::N(node_id(&kg.node(o).id)),
            ),
            attributes: attrs,
        }));
    }
    let memberships = kg.memberships_sorted();
    if !memberships.is_empty() {
        relations.insert("has-member".to_string());
    }
    for (s, o) in memberships {
        let (head, color) = relation_style(vocab, "has-member");
        stmts.push(Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(
                Vertex::N(node_id(&kg.node(s).id)),
                Vertex::N(node_id(&kg.node(o).id)),
            ),
            attributes: vec![
                attr("label", "has-member"),
                attr("arrowhead", head),
                attr("color", color),
                attr("fontcolor", color),
                attr("style", "dotted"),
                attr(
                    "tooltip",
                    &format!("{} has member {}", kg.node(s).label, kg.node(o).label),
                ),
            ],
        }));
    }
    // The legend's node must not be an entity's: DOT node ids are global, so an entity
    // with the id `legend` would otherwise be drawn as the legend.
    let mut legend_id = String::from("legend");
    while kg.node_index(&legend_id).is_some() {
        legend_id.push('_');
    }
    stmts.push(Stmt::Subgraph(legend(
        vocab, &kinds, &relations, &legend_id,
    )));
    Graph::DiGraph {
        id: id("claimgraph"),
        strict: false,
        stmts,
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A compact legend: one table of the kinds (shape colour) and relations (arrow and
/// colour) that the graph uses.
fn legend(
    vocab: &Vocabulary,
    kinds: &BTreeSet<Kind>,
    relations: &BTreeSet<String>,
    node: &str,
) -> Subgraph {
    let mut rows = String::new();
    for k in kinds {
        let (shape, fill) = kind_style(*k);
        rows.push_str(&format!(
            "<TR><TD BGCOLOR=\"{fill}\" BORDER=\"1\"> </TD><TD ALIGN=\"LEFT\">{} ({shape})</TD></TR>",
            html_escape(k.as_str())
        ));
    }
    for r in relations {
        let (head, color) = relation_style(vocab, r);
        let glyph = match head {
            "tee" => "&#8867;",
            "normal" => "&#8594;",
            "dot" => "&#8226;",
            "odot" => "&#9675;",
            _ => "&#9671;",
        };
        rows.push_str(&format!(
            "<TR><TD><FONT COLOR=\"{color}\">&#8212;{glyph}</FONT></TD><TD ALIGN=\"LEFT\"><FONT COLOR=\"{color}\">{}</FONT></TD></TR>",
            html_escape(r)
        ));
    }
    rows.push_str("<TR><TD>- - -</TD><TD ALIGN=\"LEFT\">negated or hedged</TD></TR>");
    let label = format!("<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\">{rows}</TABLE>>");
    let node = DotNode::new(
        node_id(node),
        vec![
            Attribute(Id::Plain("label".into()), Id::Html(label)),
            attr("shape", "plaintext"),
            attr("style", ""),
            attr("fontsize", "9"),
            attr("tooltip", "legend"),
        ],
    );
    Subgraph {
        id: Id::Plain("cluster_legend".to_string()),
        stmts: vec![
            Stmt::GAttribute(GraphAttributes::Graph(vec![
                attr("label", "Legend"),
                attr("style", "rounded"),
                attr("color", "#999999"),
                attr("fontsize", "10"),
            ])),
            Stmt::Node(node),
        ],
    }
}

/// The graph as DOT text.
pub fn to_dot(kg: &KnowledgeGraph, vocab: &Vocabulary, opts: &DotOptions) -> String {
    let mut ctx = PrinterContext::default();
    let mut text = to_graph(kg, vocab, opts).print(&mut ctx);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Renders DOT text to SVG with Graphviz's `dot`.
///
/// # Errors
/// [`Error::MissingTool`] when `dot` is not installed; [`Error::ToolFailed`] when it
/// rejects the input.
pub fn render_svg(dot: &str) -> Result<Vec<u8>> {
    graphviz_rust::exec_dot(dot.to_string(), vec![CommandArg::Format(Format::Svg)]).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::MissingTool {
                program: "dot".into(),
                purpose: "SVG output".into(),
                hint: "install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: `brew install graphviz`)".into(),
            }
        } else {
            Error::ToolFailed {
                program: "dot".into(),
                message: e.to_string().trim().to_string(),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{DotOptions, quote, to_dot};
    use crate::claim::EntityRef;
    use crate::kg::KnowledgeGraph;
    use crate::lexicon::Kind;
    use crate::vocab::Vocabulary;

    #[test]
    fn an_entity_with_the_id_legend_is_not_drawn_as_the_legend() {
        let mut kg = KnowledgeGraph::new();
        kg.add_entity(&EntityRef::ungrounded("x", Kind::Protein));
        kg.add_entity(&EntityRef {
            id: "legend".into(),
            ..EntityRef::ungrounded("y", Kind::Protein)
        });
        let dot = to_dot(&kg, &Vocabulary::bundled(), &DotOptions::default());
        assert!(dot.contains("\"legend\"[label=\"y\""), "{dot}");
        assert!(dot.contains("\"legend_\"[label=<"), "{dot}");
    }

    #[test]
    fn quoting() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("x\ny"), r#""x\ny""#);
        assert_eq!(quote("a&;b\r\t"), r#""a&amp;;b&#13;&#9;""#);
    }
}
