//! A Mermaid flowchart (renders on GitHub and in mermaid-cli) in the DOT export's
//! conventions: a shape and fill per kind, a cross-ended arrow for inhibition, dashed
//! lines for negated or hedged claims, dotted circle-ended lines for membership.
//!
//! Mermaid's syntax leaves few safe characters, so ids are `n_` plus the entity id with
//! every character other than an ASCII letter or digit as `_` (made unique with a
//! suffix), and every label is quoted with Mermaid's entity codes for the characters
//! that would end or change it (`#quot;`, `#35;`, `#lt;`, `#amp;`, ...), `%` included
//! (Mermaid finds a `%%{...}%%` directive even inside a quoted label) and `\` (it reads
//! `\n` in a label as a line break). A diagram has
//! no room for sentences: each edge's label carries its relation, confidence and
//! citations, and a `%%` comment line after it the whole evidence as JSON (with `%`
//! escaped, so that no text can form a `%%{` directive).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};

use petgraph::stable_graph::NodeIndex;
use serde_json::json;

use crate::kg::KnowledgeGraph;
use crate::lexicon::Kind;
use crate::vocab::{HAS_MEMBER, IS_A, Vocabulary};

use super::style::{kind_style, relation_style};
use super::summary::{ClaimSummary, edge_label, json_text};

/// A Mermaid label: quoted, with entity codes for the characters Mermaid would read as
/// syntax, markup or entities.
pub fn label(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            '%' => out.push_str("#37;"),
            '\\' => out.push_str("#92;"),
            '\n' => out.push_str("#10;"),
            '\r' => out.push_str("#13;"),
            '\t' => out.push_str("#9;"),
            '\u{2028}' => out.push_str("#8232;"),
            '\u{2029}' => out.push_str("#8233;"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A node id Mermaid reads as a plain name: `n_` and the id with every character other
/// than an ASCII letter or digit as `_`.
pub fn sanitize(id: &str) -> String {
    let body: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("n_{body}")
}

/// The shape of a kind as Mermaid's (open, close) brackets, after the DOT shapes.
fn shape(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Nutrient => ("([", "])"),
        Kind::Chemical => ("{{", "}}"),
        Kind::Gene => ("[", "]"),
        Kind::Protein => ("(", ")"),
        Kind::Cytokine => ("[[", "]]"),
        Kind::Tissue => (">", "]"),
        Kind::Cell => ("((", "))"),
        Kind::Process => ("[/", "/]"),
        Kind::Condition => ("{", "}"),
        Kind::Combination => ("[(", ")]"),
    }
}

/// The arrow of an edge: its head after the DOT arrowhead, dashed when asked.
fn arrow(head: &str, dashed: bool) -> &'static str {
    match (head, dashed) {
        ("tee", false) => "--x",
        ("tee", true) => "-.-x",
        ("normal", false) => "-->",
        ("normal", true) => "-.->",
        (_, false) => "--o",
        (_, true) => "-.-o",
    }
}

/// A comment line carrying JSON: `%` escaped as `\u0025`.
fn comment(out: &mut dyn Write, what: &str, value: &serde_json::Value) -> io::Result<()> {
    let text = json_text(value).replace('%', "\\u0025");
    writeln!(out, "  %% {what} {text}")
}

/// The graph as a Mermaid flowchart.
pub fn to_mermaid(kg: &KnowledgeGraph, vocab: &Vocabulary) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and every byte written is UTF-8.
    let _ = write_mermaid(kg, vocab, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the graph as a Mermaid flowchart to `out`, line by line (what is held is the
/// node names and each colour's edge numbers, for the styles at the end).
///
/// # Errors
/// Writing to `out` fails.
pub fn write_mermaid(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let claims = kg.claims_sorted();
    let memberships = kg.memberships_sorted();
    let hierarchy = kg.hierarchy_sorted();
    writeln!(
        out,
        "%% claimgraph: {} entities, {}",
        kg.node_count(),
        kg.edge_counts().describe()
    )?;
    out.write_all(b"flowchart LR\n")?;
    let mut ids: HashMap<NodeIndex, String> = HashMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut kinds: BTreeSet<Kind> = BTreeSet::new();
    for ix in kg.nodes_sorted() {
        let n = kg.node(ix);
        let base = sanitize(&n.id);
        let mut id = base.clone();
        let mut k = 2;
        while taken.contains(&id) {
            id = format!("{base}_{k}");
            k += 1;
        }
        taken.insert(id.clone());
        kinds.insert(n.kind);
        let (open, close) = shape(n.kind);
        writeln!(
            out,
            "  {id}{open}{}{close}:::{}",
            label(&n.label),
            n.kind.as_str()
        )?;
        comment(
            out,
            "entity",
            &json!({"id": n.id, "kind": n.kind.as_str(), "synonyms": n.synonyms}),
        )?;
        ids.insert(ix, id);
    }
    let mut styles: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut index = 0usize;
    for (s, o, c) in &claims {
        let sum = ClaimSummary::of(c);
        let (head, color) = relation_style(vocab, &c.relation);
        let mut text = format!("{} {:.2}", edge_label(c), sum.confidence);
        if !sum.citations.is_empty() {
            text.push_str(&format!(" [{}]", sum.citation_list()));
        }
        writeln!(
            out,
            "  {} {}|{}| {}",
            ids[s],
            arrow(head, c.negated || sum.hedged),
            label(&text),
            ids[o]
        )?;
        comment(
            out,
            "evidence",
            &json!({
                "id": c.id,
                "relation": c.relation,
                "negated": c.negated,
                "hedged": sum.hedged,
                "confidence": sum.confidence,
                "citations": sum.citations,
                "documents": sum.documents,
                "sentences": sum.sentences,
            }),
        )?;
        styles.entry(color).or_default().push(index);
        index += 1;
    }
    for (s, o) in &memberships {
        let (_, color) = relation_style(vocab, HAS_MEMBER);
        writeln!(out, "  {} -.-o|{}| {}", ids[s], label(HAS_MEMBER), ids[o])?;
        styles.entry(color).or_default().push(index);
        index += 1;
    }
    for (s, o) in &hierarchy {
        let (_, color) = relation_style(vocab, IS_A);
        writeln!(out, "  {} ==>|{}| {}", ids[s], label(IS_A), ids[o])?;
        styles.entry(color).or_default().push(index);
        index += 1;
    }
    for k in &kinds {
        let (_, fill) = kind_style(*k);
        writeln!(
            out,
            "  classDef {} fill:{fill},stroke:#555555,color:#000000",
            k.as_str()
        )?;
    }
    for (color, edges) in styles {
        let list: Vec<String> = edges.iter().map(usize::to_string).collect();
        writeln!(
            out,
            "  linkStyle {} stroke:{color},color:{color}",
            list.join(",")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_ids_are_safe() {
        assert_eq!(
            label("a \"b\" #1 <c>"),
            "\"a #quot;b#quot; #35;1 #lt;c#gt;\""
        );
        assert_eq!(sanitize("CHEBI:27363"), "n_CHEBI_27363");
    }
}
