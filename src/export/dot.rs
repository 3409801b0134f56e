//! DOT (and SVG through Graphviz) in the conventions of biology diagrams: shape and
//! colour by kind, a tee arrowhead for inhibition, dashed lines for negated or hedged
//! claims, dotted lines for membership, bold lines with a hollow arrowhead for the
//! hierarchy (`is-a`), tooltips that carry the evidence into SVG, and a legend.
//!
//! The DOT is written statement by statement as it is made (a graph of a million claims
//! is never held as text); every id and value is quoted and escaped here. SVG is made by
//! piping the DOT into Graphviz's `dot`.

use std::collections::BTreeSet;

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};
use crate::kg::{ClaimEdge, KnowledgeGraph};
use crate::lexicon::Kind;
use crate::vocab::{HAS_MEMBER, IS_A, Vocabulary};

use super::style::{kind_style, relation_style};
use super::summary::edge_label;

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

/// Writes `key="value"` pairs separated by spaces, values quoted by [`quote`].
fn attrs(out: &mut dyn Write, pairs: &[(&str, &str)]) -> io::Result<()> {
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.write_all(b" ")?;
        }
        write!(out, "{k}={}", quote(v))?;
    }
    Ok(())
}

/// Writes the graph as DOT to `out`, statement by statement: nothing is held but the
/// kinds and relations seen, for the legend at the end.
///
/// # Errors
/// Writing to `out` fails.
pub fn write_dot(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    opts: &DotOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    out.write_all(b"digraph \"claimgraph\" {\n")?;
    out.write_all(
        b"  graph[rankdir=\"LR\" fontname=\"Helvetica\" labelloc=\"t\" tooltip=\"claimgraph\"]\n",
    )?;
    out.write_all(b"  node[style=\"filled\" fontname=\"Helvetica\" fontsize=\"11\"]\n")?;
    out.write_all(b"  edge[fontname=\"Helvetica\" fontsize=\"9\"]\n")?;
    let mut kinds = BTreeSet::new();
    for ix in kg.nodes_sorted() {
        let n = kg.node(ix);
        kinds.insert(n.kind);
        let (shape, fill) = kind_style(n.kind);
        let mut tooltip = format!("{} ({})\n{}", n.label, n.kind, n.id);
        if !n.synonyms.is_empty() {
            tooltip.push_str("\nalso: ");
            tooltip.push_str(&n.synonyms.join(", "));
        }
        write!(out, "  {}[", quote(&n.id))?;
        attrs(
            out,
            &[
                ("label", &n.label),
                ("shape", shape),
                ("fillcolor", fill),
                ("tooltip", &tooltip),
            ],
        )?;
        out.write_all(b"]\n")?;
    }
    let mut relations: BTreeSet<String> = BTreeSet::new();
    for (s, o, c) in kg.claims_sorted() {
        if !relations.contains(&*c.relation) {
            relations.insert(c.relation.to_string());
        }
        let (head, color) = relation_style(vocab, &c.relation);
        let dashed = c.negated || c.hedged();
        let label = edge_label(c);
        let tip = format!(
            "{} {} {}\nconfidence {:.2}\n{}",
            kg.node(s).label,
            label,
            kg.node(o).label,
            c.confidence(),
            evidence_text(c)
        );
        let id = c.id.to_string();
        write!(
            out,
            "  {} -> {} [",
            quote(&kg.node(s).id),
            quote(&kg.node(o).id)
        )?;
        attrs(
            out,
            &[
                ("label", &label),
                ("arrowhead", head),
                ("color", color),
                ("fontcolor", color),
                ("style", if dashed { "dashed" } else { "solid" }),
                ("tooltip", &tip),
                ("edgetooltip", &tip),
                ("labeltooltip", &tip),
                ("id", &id),
            ],
        )?;
        if opts.highlight.contains(&id) {
            out.write_all(b" penwidth=\"3\"")?;
        }
        out.write_all(b"]\n")?;
    }
    let memberships = kg.memberships_sorted();
    if !memberships.is_empty() {
        relations.insert(HAS_MEMBER.to_string());
    }
    for (s, o) in memberships {
        let (head, color) = relation_style(vocab, HAS_MEMBER);
        let tip = format!("{} has member {}", kg.node(s).label, kg.node(o).label);
        write!(
            out,
            "  {} -> {} [",
            quote(&kg.node(s).id),
            quote(&kg.node(o).id)
        )?;
        attrs(
            out,
            &[
                ("label", HAS_MEMBER),
                ("arrowhead", head),
                ("color", color),
                ("fontcolor", color),
                ("style", "dotted"),
                ("tooltip", &tip),
            ],
        )?;
        out.write_all(b"]\n")?;
    }
    let hierarchy = kg.hierarchy_sorted();
    if !hierarchy.is_empty() {
        relations.insert(IS_A.to_string());
    }
    for (s, o) in hierarchy {
        let (head, color) = relation_style(vocab, IS_A);
        let tip = format!("{} is a form of {}", kg.node(s).label, kg.node(o).label);
        write!(
            out,
            "  {} -> {} [",
            quote(&kg.node(s).id),
            quote(&kg.node(o).id)
        )?;
        attrs(
            out,
            &[
                ("label", IS_A),
                ("arrowhead", head),
                ("color", color),
                ("fontcolor", color),
                ("style", "bold"),
                ("tooltip", &tip),
            ],
        )?;
        out.write_all(b"]\n")?;
    }
    // The legend's nodes must not be entities': DOT node ids are global, so an entity
    // with the id `legend` (or `legend:nutrient`) would otherwise be drawn as the legend.
    let mut legend_id = String::from("legend");
    while kg.node_index(&legend_id).is_some()
        || kinds
            .iter()
            .any(|k| kg.node_index(&format!("{legend_id}:{k}")).is_some())
    {
        legend_id.push('_');
    }
    legend(out, vocab, &kinds, &relations, &legend_id)?;
    out.write_all(b"}\n")
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A compact legend: each kind the graph uses as a node of that kind's shape and fill
/// (`ID:KIND`, labelled with the kind), and one table of the relations (arrow and
/// colour).
fn legend(
    out: &mut dyn Write,
    vocab: &Vocabulary,
    kinds: &BTreeSet<Kind>,
    relations: &BTreeSet<String>,
    node: &str,
) -> io::Result<()> {
    out.write_all(b"  subgraph cluster_legend {\n")?;
    out.write_all(
        b"    graph[label=\"Legend\" style=\"rounded\" color=\"#999999\" fontsize=\"10\"]\n",
    )?;
    for k in kinds {
        let (shape, fill) = kind_style(*k);
        write!(out, "    {}[", quote(&format!("{node}:{k}")))?;
        attrs(
            out,
            &[
                ("label", k.as_str()),
                ("shape", shape),
                ("fillcolor", fill),
                ("fontsize", "9"),
                ("width", "1.0"),
                ("height", "0.3"),
                ("fixedsize", "true"),
                ("tooltip", &format!("legend: {k}")),
            ],
        )?;
        out.write_all(b"]\n")?;
    }
    let mut rows = String::new();
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
    writeln!(
        out,
        "    {}[label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\">{rows}</TABLE>> shape=\"plaintext\" style=\"\" fontsize=\"9\" tooltip=\"legend\"]",
        quote(node)
    )?;
    out.write_all(b"  }\n")
}

/// Paths drawn as DOT: the subgraph of their nodes, the claims they walk highlighted.
pub fn paths_dot(kg: &KnowledgeGraph, vocab: &Vocabulary, paths: &[crate::query::Path]) -> String {
    let (nodes, highlight) = super::focus::path_parts(kg, paths);
    to_dot(
        &super::focus::induced(kg, &nodes),
        vocab,
        &DotOptions { highlight },
    )
}

/// The graph as DOT text.
pub fn to_dot(kg: &KnowledgeGraph, vocab: &Vocabulary, opts: &DotOptions) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and every byte written is UTF-8.
    let _ = write_dot(kg, vocab, opts, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

fn missing_graphviz(program: &str) -> Error {
    Error::MissingTool {
        program: program.into(),
        purpose: "SVG output".into(),
        hint: "install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: `brew install graphviz`)".into(),
    }
}

/// Renders the graph to SVG with Graphviz, writing the SVG to `out`.
///
/// `dot` lays the graph out, edge labels too far from their edges are moved beside
/// them (see [`super::labels`]), and `neato -n2` draws the layout as it is. The DOT goes
/// to `dot`'s standard input through a pipe while a second thread reads its output,
/// and the SVG is copied to `out` as `neato` writes it: no temporary file is ever made,
/// so nothing is left behind when the export fails or is killed. The laid-out graph is
/// held in memory between the two steps (about twice the DOT's size).
///
/// # Errors
/// [`Error::MissingTool`] when `dot` or `neato` is not installed; [`Error::ToolFailed`]
/// when one rejects the input or dies; an I/O error writing `out`.
pub fn write_svg(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    opts: &DotOptions,
    out: &mut dyn Write,
) -> Result<()> {
    pipe_through_dot(|stdin| write_dot(kg, vocab, opts, stdin), out)
}

/// Renders DOT text to SVG with Graphviz (laid out by `dot`, labels pinned to their
/// edges, drawn by `neato -n2`, as [`write_svg`]).
///
/// # Errors
/// As [`write_svg`].
pub fn render_svg(dot: &str) -> Result<Vec<u8>> {
    let mut svg = Vec::new();
    pipe_through_dot(|stdin| stdin.write_all(dot.as_bytes()), &mut svg)?;
    Ok(svg)
}

/// The font size of edge labels in points (the `edge[fontsize]` of [`write_dot`]).
const EDGE_FONTSIZE: f64 = 9.0;

fn pipe_through_dot(
    feed: impl FnOnce(&mut dyn Write) -> io::Result<()> + Send,
    out: &mut dyn Write,
) -> Result<()> {
    let mut laid_out = Vec::new();
    run_graphviz("dot", &["-Tdot"], feed, &mut laid_out)?;
    let pinned = super::labels::pin_edge_labels(&laid_out, EDGE_FONTSIZE);
    run_graphviz("neato", &["-n2", "-Tsvg"], |w| w.write_all(&pinned), out)
}

/// Runs Graphviz's `program` with `args`, `feed` writing its standard input through a
/// pipe while its standard output is copied to `out`.
fn run_graphviz(
    program: &str,
    args: &[&str],
    feed: impl FnOnce(&mut dyn Write) -> io::Result<()> + Send,
    out: &mut dyn Write,
) -> Result<()> {
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // A layout can run for minutes on a large graph: if this process dies (killed even by
    // SIGKILL), Graphviz is killed with it rather than left running, orphaned.
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: the closure runs in the forked child before exec and only calls
        // prctl, which is async-signal-safe, and allocates nothing.
        unsafe {
            command.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == -1 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let mut child = command.spawn().map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            missing_graphviz(program)
        } else {
            Error::io(program, e)
        }
    })?;
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(Error::ToolFailed {
            program: program.into(),
            message: "its standard streams could not be opened".into(),
        });
    };
    // The DOT is fed from a second thread while this one copies the SVG out, so that
    // neither pipe can fill up and stall the other; a third drains the tool's messages.
    let (fed, copied, message) = std::thread::scope(|scope| {
        let feeder = scope.spawn(move || {
            let mut buffered = io::BufWriter::with_capacity(1 << 16, &mut stdin);
            let fed = feed(&mut buffered).and_then(|()| buffered.flush());
            drop(buffered);
            drop(stdin);
            fed
        });
        let reader = scope.spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let copied = io::copy(&mut stdout, out).map(drop);
        drop(stdout);
        let fed = feeder
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the DOT writer stopped")));
        let message = reader.join().unwrap_or_default();
        (fed, copied, message)
    });
    let status = child.wait().map_err(|e| Error::io(program, e))?;
    // Output that could not be written (a closed pipe) is the cause when the tool then dies.
    copied.map_err(|e| Error::write("SVG", e))?;
    if !status.success() {
        return Err(Error::ToolFailed {
            program: program.into(),
            message: if message.trim().is_empty() {
                format!("exited with {status}")
            } else {
                message.trim().to_string()
            },
        });
    }
    fed.map_err(|e| Error::write("DOT to Graphviz", e))?;
    Ok(())
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
    fn legend_entries_are_nodes_of_each_kind_and_never_an_entity() {
        let mut kg = KnowledgeGraph::new();
        kg.add_entity(&EntityRef {
            id: "legend:protein".into(),
            ..EntityRef::ungrounded("y", Kind::Protein)
        });
        kg.add_entity(&EntityRef::ungrounded("x", Kind::Cytokine));
        let dot = to_dot(&kg, &Vocabulary::bundled(), &DotOptions::default());
        assert!(dot.contains("\"legend:protein\"[label=\"y\""), "{dot}");
        assert!(
            dot.contains("\"legend_:protein\"[label=\"protein\" shape=\"box\""),
            "{dot}"
        );
        assert!(
            dot.contains("\"legend_:cytokine\"[label=\"cytokine\" shape=\"octagon\""),
            "{dot}"
        );
    }

    #[test]
    fn quoting() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("x\ny"), r#""x\ny""#);
        assert_eq!(quote("a&;b\r\t"), r#""a&amp;;b&#13;&#9;""#);
    }
}
