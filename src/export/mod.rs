//! Exports of the graph, one module per format behind a closed [`Format`] enum.

pub mod cyjs;
pub mod cypher;
pub mod dot;
pub mod graphml;
pub mod html;
pub mod jsonld;
pub mod kgx;
pub mod mermaid;
pub mod neo4j;
pub mod rdf;
pub mod summary;

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

    /// Whether the format writes several files into a directory.
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

/// Renders the graph in a single-file format.
///
/// # Errors
/// SVG needs Graphviz's `dot`: [`crate::Error::MissingTool`] when it is absent;
/// a multi-file format is [`crate::Error::NeedsDirectory`] here (see [`write_dir`]).
pub fn render(kg: &KnowledgeGraph, vocab: &Vocabulary, format: Format) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Dot => dot::to_dot(kg, vocab, &dot::DotOptions::default()).into_bytes(),
        Format::Svg => dot::render_svg(&dot::to_dot(kg, vocab, &dot::DotOptions::default()))?,
        Format::Jsonld => jsonld::to_jsonld(kg, vocab).into_bytes(),
        Format::Nt => rdf::to_ntriples(kg, vocab)?,
        Format::Ttl => rdf::to_turtle(kg, vocab)?,
        Format::Graphml => graphml::to_graphml(kg, vocab).into_bytes(),
        Format::Cypher => cypher::to_cypher(kg, vocab).into_bytes(),
        Format::Mermaid => mermaid::to_mermaid(kg, vocab).into_bytes(),
        Format::Cyjs => cyjs::to_cyjs(kg, vocab).into_bytes(),
        Format::Html => html::to_html(kg, vocab).into_bytes(),
        Format::Neo4j | Format::Kgx | Format::KgxJsonl => {
            return Err(Error::NeedsDirectory {
                format: format.to_string(),
            });
        }
    })
}

/// Writes the graph in a single-file format to `out`: N-Triples, Turtle, JSON-LD and
/// GraphML stream as they are made (a graph of a million claims is never held as text); the other formats
/// are rendered, then written.
///
/// # Errors
/// As [`render`], or writing fails.
pub fn write(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    format: Format,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    match format {
        Format::Nt => rdf::write_ntriples(kg, vocab, out),
        Format::Ttl => rdf::write_turtle(kg, vocab, out),
        Format::Jsonld => {
            jsonld::write_jsonld(kg, vocab, out).map_err(|e| Error::write("JSON-LD", e))
        }
        Format::Graphml => {
            graphml::write_graphml(kg, vocab, out).map_err(|e| Error::write("GraphML", e))
        }
        _ => {
            let bytes = render(kg, vocab, format)?;
            out.write_all(&bytes)
                .map_err(|e| Error::write(format.to_string(), e))
        }
    }
}

/// The files of a multi-file format: (file name, bytes), in the order they are written.
///
/// # Errors
/// A single-file format is [`crate::Error::NeedsFile`].
pub fn files(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    format: Format,
) -> Result<Vec<(&'static str, Vec<u8>)>> {
    match format {
        Format::Neo4j => neo4j::files(kg, vocab),
        Format::Kgx => Ok(kgx::tsv_files(kg, vocab)),
        Format::KgxJsonl => Ok(kgx::jsonl_files(kg, vocab)),
        _ => Err(Error::NeedsFile {
            format: format.to_string(),
        }),
    }
}

/// Writes a multi-file format into `dir` (created if missing), each file atomically.
///
/// # Errors
/// The directory cannot be created or written; a single-file format is
/// [`crate::Error::NeedsFile`].
pub fn write_dir(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    format: Format,
    dir: &Path,
) -> Result<()> {
    let files = files(kg, vocab, format)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for (name, bytes) in files {
        crate::output::write_atomic(&dir.join(name), |w| {
            w.write_all(&bytes)
                .map_err(|e| Error::io(dir.join(name), e))
        })?;
    }
    Ok(())
}
