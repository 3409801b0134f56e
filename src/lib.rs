//! claimgraph turns the claims of biomedical research summaries into a typed knowledge
//! graph, answers path questions over it, and exports it for diagrams and databases.
//!
//! The pipeline flows one way:
//! [`document`] (sections, sentences, citations) → [`lexicon`] (typed, grounded
//! mentions) → [`extract`] (claims) → [`kg`] (the graph, evidence merged) →
//! [`query`] (paths) and [`export`] (DOT/SVG, JSON-LD, ...). The relation vocabulary
//! ([`vocab`]) and the lexicon are data in `graph/`, bundled into the binary.
//!
//! # Examples
//! ```
//! use claimgraph::{document::Document, extract::Extractor, kg::KnowledgeGraph};
//! let ex = Extractor::bundled();
//! let doc = Document::parse("note", "A note\nZinc suppresses the production of IL-6 in macrophages.\n");
//! let claims = ex.extract(&doc);
//! assert_eq!(claims[0].relation, "suppresses");
//! let graph = KnowledgeGraph::from_claims(&claims);
//! assert_eq!(graph.claim_count(), 1);
//! ```

#![warn(missing_docs)]

pub mod check;
pub mod claim;
pub mod document;
pub mod error;
pub mod export;
pub mod extract;
pub mod kg;
pub mod lexicon;
pub mod output;
pub mod query;
pub mod source;
pub mod vocab;

pub use error::{Error, Result};
