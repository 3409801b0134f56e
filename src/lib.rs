//! claimgraph turns the claims of biomedical research summaries into a typed knowledge
//! graph, answers path questions over it, and exports it for diagrams and databases.
//!
//! The pipeline flows one way:
//! [`document`] (sections, sentences, citations) → [`lexicon`] (typed, grounded
//! mentions) → [`extract`] (claims) → [`kg`] (the graph, evidence merged) →
//! [`query`] (paths, neighbours, explanations, analysis) and [`export`] (DOT/SVG,
//! JSON-LD, ...). The relation vocabulary ([`vocab`]) and the lexicon are data in
//! `graph/`, bundled into the library.
//!
//! # The API in brief
//!
//! The items at the crate root are the API the command line and the Python package use:
//!
//! | task | call |
//! |---|---|
//! | text → claims | [`extract_text`] with an [`Extractor`] |
//! | inputs (documents, claims files, saved graphs, directories) → graph | [`build`] |
//! | claims → graph | [`KnowledgeGraph::from_claims`] |
//! | load / save | [`KnowledgeGraph::load_file`] / [`KnowledgeGraph::save_file`] |
//! | paths, neighbours, explanations by name | [`paths`], [`neighbors`], [`explain`] with [`PathOptions`], [`NeighborOptions`] (defaults are the command line's) |
//! | export to a writer / a directory | [`export::write`] / [`export::write_dir`] with a [`Format`] |
//!
//! Nothing in the library changes process-wide state (allocator settings, signals,
//! the working directory, environment variables), and its errors ([`Error`]) say what
//! went wrong with the file, line and column where there is one, never a flag.
//!
//! # Examples
//!
//! Extract claims from text and build a graph of them:
//! ```
//! use claimgraph::{Extractor, KnowledgeGraph};
//! let ex = Extractor::bundled();
//! let claims = claimgraph::extract_text(
//!     &ex,
//!     "note",
//!     "A note\nZinc suppresses the production of IL-6 in macrophages.\n",
//! );
//! assert_eq!(claims[0].relation, "suppresses");
//! let graph = KnowledgeGraph::from_claims(&claims);
//! assert_eq!(graph.claim_count(), 1);
//! ```
//!
//! Build the graph of files, ask for paths, and export it:
//! ```
//! use claimgraph::{Extractor, Format, PathOptions};
//! let dir = tempfile::tempdir()?;
//! let doc = dir.path().join("summary.txt");
//! std::fs::write(
//!     &doc,
//!     "Zinc and IL-6\nZinc suppresses the production of IL-6 in macrophages.\n\
//!      IL-6 induces the expression of IL-17.\n",
//! )?;
//! let ex = Extractor::bundled();
//! let graph = claimgraph::build(&[&doc], &ex)?;
//! let answer = claimgraph::paths(&graph, ex.vocabulary(), "zinc", "IL-17", &PathOptions::default())?;
//! assert_eq!(answer.paths[0].hops.len(), 2);
//!
//! let mut nt = Vec::new();
//! claimgraph::export::write(&graph, ex.vocabulary(), Format::Nt, &mut nt)?;
//! assert!(String::from_utf8(nt)?.contains("CHEBI_27363"));
//!
//! let saved = dir.path().join("g.cg");
//! graph.save_file(&saved)?;
//! let again = claimgraph::KnowledgeGraph::load_file(&saved)?;
//! assert_eq!(again.claim_count(), graph.claim_count());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod check;
pub mod claim;
pub mod document;
pub mod error;
pub mod export;
pub mod extract;
pub mod import;
pub mod kg;
pub mod lexicon;
pub mod output;
pub mod query;
pub mod source;
pub mod vocab;

use std::path::{Path, PathBuf};

use petgraph::stable_graph::NodeIndex;

pub use claim::{Claim, Context, EntityRef, Evidence, Score};
pub use error::{Error, Location, Result};
pub use export::Format;
pub use extract::Extractor;
pub use kg::KnowledgeGraph;
pub use query::{Explanation, Filter, Mode, Neighborhood, PathOptions, PathsAnswer};
pub use vocab::{Sign, Vocabulary};

/// The claims `extractor` reads in `text`, a document with id `document_id` (a research
/// summary, an abstract, Markdown or plain text; its first line is the title).
///
/// # Examples
/// ```
/// let ex = claimgraph::Extractor::bundled();
/// let claims = claimgraph::extract_text(&ex, "d", "T\nZinc is a cofactor for vitamin D.\n");
/// assert_eq!(claims[0].evidence.document.as_ref(), "d");
/// ```
pub fn extract_text(extractor: &Extractor, document_id: &str, text: &str) -> Vec<Claim> {
    extractor.extract(&document::Document::parse(document_id, text))
}

/// The graph of `inputs`: documents are extracted (in parallel), claims files (JSON
/// Lines, TSV) read, saved graphs merged, directories walked in sorted order. No inputs
/// means the bundled corpus. The graph is canonical (the same inputs give the same
/// graph and the same saved bytes in any order).
///
/// # Errors
/// The first input that cannot be read or parsed, with its file, line and column.
pub fn build(inputs: &[impl AsRef<Path>], extractor: &Extractor) -> Result<KnowledgeGraph> {
    let paths: Vec<PathBuf> = inputs.iter().map(|p| p.as_ref().to_path_buf()).collect();
    let resolved = source::resolve(&paths)?;
    source::load_graph(&resolved, extractor)
}

/// The node named `name`: an id, label or synonym (see [`query::analysis::find`]).
///
/// # Errors
/// [`Error::UnknownEntity`] with the closest names when none matches.
pub fn resolve(graph: &KnowledgeGraph, name: &str) -> Result<NodeIndex> {
    query::analysis::find(graph, name)
        .first()
        .copied()
        .ok_or_else(|| Error::UnknownEntity {
            name: name.to_string(),
            closest: query::analysis::closest_names(graph, name, 3),
        })
}

/// Paths from the entity named `from` to the one named `to`: the answer that
/// `claimgraph paths --format json` prints. An empty answer is not an error.
///
/// # Errors
/// A name that matches no entity ([`Error::UnknownEntity`]), or a relation in the filter
/// that the vocabulary does not have ([`Error::UnknownRelationName`]).
pub fn paths(
    graph: &KnowledgeGraph,
    vocab: &Vocabulary,
    from: &str,
    to: &str,
    options: &PathOptions,
) -> Result<PathsAnswer> {
    check_relations(vocab, &options.filter.relations)?;
    let (f, t) = (resolve(graph, from)?, resolve(graph, to)?);
    let q = query::Query::new(graph, vocab, options.filter.clone());
    let found = q.paths(f, t, options);
    Ok(query::answer(graph, f, t, &found))
}

/// Options of [`neighbors`]; the defaults are the command line's.
#[derive(Debug, Clone)]
pub struct NeighborOptions {
    /// How many hops out, both directions (default 1).
    pub depth: usize,
    /// Only these relations; empty means all.
    pub relations: Vec<String>,
    /// Include negated claims.
    pub include_negated: bool,
}

impl Default for NeighborOptions {
    fn default() -> Self {
        NeighborOptions {
            depth: 1,
            relations: Vec::new(),
            include_negated: false,
        }
    }
}

/// The claims within `options.depth` hops of the entity named `name`.
///
/// # Errors
/// As [`paths`].
pub fn neighbors(
    graph: &KnowledgeGraph,
    vocab: &Vocabulary,
    name: &str,
    options: &NeighborOptions,
) -> Result<Neighborhood> {
    check_relations(vocab, &options.relations)?;
    let center = resolve(graph, name)?;
    Ok(query::neighborhood(
        graph,
        center,
        options.depth,
        &options.relations,
        options.include_negated,
    ))
}

/// Every evidence of the claims `from relation to`, affirmed and negated.
///
/// # Errors
/// As [`paths`].
pub fn explain(
    graph: &KnowledgeGraph,
    vocab: &Vocabulary,
    from: &str,
    relation: &str,
    to: &str,
) -> Result<Explanation> {
    check_relations(vocab, std::slice::from_ref(&relation.to_string()))?;
    let (f, t) = (resolve(graph, from)?, resolve(graph, to)?);
    Ok(query::explain(graph, f, relation, t))
}

fn check_relations(vocab: &Vocabulary, relations: &[String]) -> Result<()> {
    match relations.iter().find(|r| !vocab.contains(r)) {
        Some(r) => Err(Error::UnknownRelationName {
            relation: r.clone(),
            known: vocab.known_names(),
        }),
        None => Ok(()),
    }
}
