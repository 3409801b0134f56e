//! Exports of the graph, one module per format behind a closed [`Format`] enum.

pub mod dot;
pub mod jsonld;

use std::fmt;
use std::str::FromStr;

use crate::error::Result;
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
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Dot, Format::Svg, Format::Jsonld];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Jsonld => "jsonld",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Jsonld => "jsonld",
        }
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

impl Format {
    /// Whether the format writes several files into a directory (`--out DIR`).
    pub fn is_multi_file(self) -> bool {
        false
    }
}

/// Renders the graph in a single-file format.
///
/// # Errors
/// SVG needs Graphviz's `dot`: [`crate::Error::MissingTool`] when it is absent;
/// a multi-file format is a usage error here (see [`write_dir`]).
pub fn render(kg: &KnowledgeGraph, vocab: &Vocabulary, format: Format) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Dot => dot::to_dot(kg, vocab, &dot::DotOptions::default()).into_bytes(),
        Format::Svg => dot::render_svg(&dot::to_dot(kg, vocab, &dot::DotOptions::default()))?,
        Format::Jsonld => jsonld::to_jsonld(kg, vocab).into_bytes(),
    })
}

/// Writes a multi-file format into `dir` (created if missing), each file atomically.
///
/// # Errors
/// The directory cannot be created or written; a single-file format is a usage error.
pub fn write_dir(kg: &KnowledgeGraph, vocab: &Vocabulary, format: Format, dir: &std::path::Path) -> Result<()> {
    let _ = (kg, vocab, dir);
    Err(crate::Error::Usage(format!("`{format}` writes one file; use `--out FILE` or standard output")))
}
