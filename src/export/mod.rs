//! Exports of the graph, one module per format behind a closed [`Format`] enum.

pub mod biolink;
pub mod cyjs;
pub mod cypher;
pub mod dot;
pub mod focus;
pub mod graphml;
pub mod html;
pub mod jsonld;
pub mod kgx;
pub mod labels;
pub mod layout;
pub mod mermaid;
pub mod neo4j;
pub mod rdf;
pub mod style;
pub mod summary;

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::kg::KnowledgeGraph;
use crate::vocab::Vocabulary;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Graphviz DOT.
    Dot,
    /// SVG rendered by Graphviz.
    Svg,
    /// JSON-LD with an inline context.
    Jsonld,
    /// N-Triples: the RDF of the JSON-LD.
    Nt,
    /// Turtle: the RDF of the JSON-LD, with prefixes.
    Ttl,
    /// GraphML (networkx, igraph, Gephi, Cytoscape, yEd).
    Graphml,
    /// CSV files for `neo4j-admin database import` (a directory).
    Neo4j,
    /// An idempotent Cypher script of `MERGE` statements.
    Cypher,
    /// KGX nodes and edges TSV files (a directory).
    Kgx,
    /// KGX nodes and edges JSON Lines files (a directory).
    KgxJsonl,
    /// A Mermaid flowchart.
    Mermaid,
    /// Cytoscape.js elements and style as JSON.
    Cyjs,
    /// One self-contained interactive HTML page (Cytoscape.js, the graph and its evidence).
    Html,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 13] = [
        Format::Dot,
        Format::Svg,
        Format::Jsonld,
        Format::Nt,
        Format::Ttl,
        Format::Graphml,
        Format::Neo4j,
        Format::Cypher,
        Format::Kgx,
        Format::KgxJsonl,
        Format::Mermaid,
        Format::Cyjs,
        Format::Html,
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Jsonld => "jsonld",
            Format::Nt => "nt",
            Format::Ttl => "ttl",
            Format::Graphml => "graphml",
            Format::Neo4j => "neo4j",
            Format::Cypher => "cypher",
            Format::Kgx => "kgx",
            Format::KgxJsonl => "kgx-jsonl",
            Format::Mermaid => "mermaid",
            Format::Cyjs => "cyjs",
            Format::Html => "html",
        }
    }

    /// The usual file extension (of the files inside the directory for a multi-file
    /// format).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Jsonld => "jsonld",
            Format::Nt => "nt",
            Format::Ttl => "ttl",
            Format::Graphml => "graphml",
            Format::Neo4j => "csv",
            Format::Cypher => "cypher",
            Format::Kgx => "tsv",
            Format::KgxJsonl => "jsonl",
            Format::Mermaid => "mmd",
            Format::Cyjs => "cyjs",
            Format::Html => "html",
        }
    }

    /// Whether the format is a picture to be looked at (DOT, SVG, Mermaid, HTML), which
    /// only a focused graph makes sense in; the others are data for other tools.
    pub fn is_picture(self) -> bool {
        matches!(
            self,
            Format::Dot | Format::Svg | Format::Mermaid | Format::Html
        )
    }

    /// Whether the format writes several files into a directory (`--out DIR`).
    pub fn is_multi_file(self) -> bool {
        matches!(self, Format::Neo4j | Format::Kgx | Format::KgxJsonl)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
                format!(
                    "unknown format `{s}` (expected one of {})",
                    names.join(", ")
                )
            })
    }
}

/// Renders the graph in a single-file format, in memory (see [`write()`] to stream it).
///
/// # Errors
/// SVG needs Graphviz's `dot`: [`crate::Error::MissingTool`] when it is absent;
/// a multi-file format is a usage error here (see [`write_dir`]).
pub fn render(kg: &KnowledgeGraph, vocab: &Vocabulary, format: Format) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write(kg, vocab, format, &mut out)?;
    Ok(out)
}

/// Writes the graph in a single-file format to `out` as it is made: no format holds the
/// whole text in memory, so the memory an export needs is that of the loaded graph (and
/// of the order it is written in). SVG pipes the DOT through Graphviz's `dot`, with no
/// temporary file.
///
/// # Errors
/// As [`render`], or writing fails.
pub fn write(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    format: Format,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    write_highlighted(kg, vocab, format, &BTreeSet::new(), out)
}

/// As [`write()`], with the claims of ids in `highlight` drawn highlighted in DOT and SVG
/// (the paths of a drawing of paths).
///
/// # Errors
/// As [`write()`].
pub fn write_highlighted(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    format: Format,
    highlight: &BTreeSet<String>,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let io = |e| Error::write(format.to_string(), e);
    let dot_options = || dot::DotOptions {
        highlight: highlight.clone(),
    };
    match format {
        Format::Nt => rdf::write_ntriples(kg, vocab, out),
        Format::Ttl => rdf::write_turtle(kg, vocab, out),
        Format::Jsonld => jsonld::write_jsonld(kg, vocab, out).map_err(io),
        Format::Graphml => graphml::write_graphml(kg, vocab, out).map_err(io),
        Format::Dot => dot::write_dot(kg, vocab, &dot_options(), out).map_err(io),
        Format::Svg => dot::write_svg(kg, vocab, &dot_options(), out),
        Format::Cypher => cypher::write_cypher(kg, vocab, out).map_err(io),
        Format::Mermaid => mermaid::write_mermaid(kg, vocab, out).map_err(io),
        Format::Cyjs => cyjs::write_cyjs(kg, vocab, out).map_err(io),
        Format::Html => html::write_html(kg, vocab, out).map_err(io),
        Format::Neo4j | Format::Kgx | Format::KgxJsonl => Err(Error::NeedsDirectory {
            format: format.to_string(),
        }),
    }
}

/// The names of the files a multi-file format writes, in the order they are written.
///
/// # Errors
/// A single-file format is a usage error.
pub fn file_names(format: Format) -> Result<[&'static str; 2]> {
    match format {
        Format::Neo4j => Ok(["nodes.csv", "relationships.csv"]),
        Format::Kgx => Ok(["nodes.tsv", "edges.tsv"]),
        Format::KgxJsonl => Ok(["nodes.jsonl", "edges.jsonl"]),
        _ => Err(Error::NeedsFile {
            format: format.to_string(),
        }),
    }
}

/// Writes file number `index` (of [`file_names`]) of a multi-file format to `out`, as
/// it is made.
fn write_file(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    format: Format,
    index: usize,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let io = |e| Error::write(format.to_string(), e);
    match (format, index) {
        (Format::Neo4j, 0) => neo4j::write_nodes_csv(kg, out),
        (Format::Neo4j, _) => neo4j::write_relationships_csv(kg, vocab, out),
        (Format::Kgx, 0) => kgx::write_nodes_tsv(kg, out).map_err(io),
        (Format::Kgx, _) => kgx::write_edges_tsv(kg, vocab, out).map_err(io),
        (Format::KgxJsonl, 0) => kgx::write_nodes_jsonl(kg, out).map_err(io),
        (Format::KgxJsonl, _) => kgx::write_edges_jsonl(kg, vocab, out).map_err(io),
        _ => file_names(format).map(drop),
    }
}

/// The files of a multi-file format in memory: (file name, bytes), in the order they
/// are written (see [`write_dir`] to stream them).
///
/// # Errors
/// A single-file format is a usage error.
pub fn files(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    format: Format,
) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let mut out = Vec::new();
    for (i, name) in file_names(format)?.into_iter().enumerate() {
        let mut bytes = Vec::new();
        write_file(kg, vocab, format, i, &mut bytes)?;
        out.push((name, bytes));
    }
    Ok(out)
}

/// The default of the most entities a picture format draws (`--max-picture-nodes`).
pub const MAX_PICTURE_NODES: usize = 2_000;

/// How many claims a picture may draw per entity of its limit: past that, Graphviz's
/// layout of the parallel edges (and any reader) gives up long before the entities do.
pub const PICTURE_CLAIMS_PER_NODE: usize = 4;

/// Writes a multi-file format into `dir` (created if missing), each file atomically and
/// as it is made.
///
/// # Errors
/// The directory cannot be created or written; a single-file format is a usage error.
pub fn write_dir(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    format: Format,
    dir: &Path,
) -> Result<()> {
    let names = file_names(format)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for (i, name) in names.into_iter().enumerate() {
        crate::output::write_atomic(&dir.join(name), |w| write_file(kg, vocab, format, i, w))?;
    }
    Ok(())
}
