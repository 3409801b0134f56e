//! `claimgraph._native`: the Python extension module behind the `claimgraph` package.
//!
//! Everything here calls the claimgraph library; the Python package (`claimgraph/`)
//! wraps it with keyword arguments, docstrings, pandas and networkx conversions and
//! notebook display. Long work (extraction, assembly, loading, search, export) runs with
//! the GIL released, so other Python threads go on meanwhile.

mod errors;
mod graph;
mod graphml;
mod progress;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use claimgraph::claim;
use claimgraph::document::Document;
use claimgraph::error::{Error, Result};
use claimgraph::extract::Extractor;
use claimgraph::kg::KnowledgeGraph;
use claimgraph::lexicon::Lexicon;
use claimgraph::source::{self, Input, InputKind};
use claimgraph::vocab::Vocabulary;
use pyo3::prelude::*;
use rayon::prelude::*;

use crate::errors::{to_py, usage};
use crate::graph::NativeGraph;
use crate::progress::Progress;

/// The bundled lexicon and vocabulary, made once per process.
fn bundled() -> Arc<Extractor> {
    static BUNDLED: OnceLock<Arc<Extractor>> = OnceLock::new();
    Arc::clone(BUNDLED.get_or_init(|| Arc::new(Extractor::bundled())))
}

/// The extractor of the bundled data extended by `lexicon` files (or directories of
/// `.tsv` files) and `vocabulary` files, as the command line's `--lexicon` and
/// `--vocabulary` make it.
fn extractor(lexicon: &[PathBuf], vocabulary: &[PathBuf]) -> Result<Arc<Extractor>> {
    if lexicon.is_empty() && vocabulary.is_empty() {
        return Ok(bundled());
    }
    let mut lex = Lexicon::bundled();
    for f in lexicon {
        lex.add_path(f)?;
    }
    let mut vocab = Vocabulary::bundled();
    for f in vocabulary {
        vocab.merge_file(f)?;
    }
    Ok(Arc::new(Extractor::new(lex, vocab)))
}

/// A document to extract: its id and its text, or the error reading it gave.
type Doc = (String, Result<String>);

/// The claims of each document as JSON Lines, in document order, extracted in parallel;
/// with `keep_going`, a document that fails is left out and named with its error among
/// the failures, otherwise the first failure (in document order) is the error.
fn extract_all(
    ex: &Extractor,
    docs: Vec<Doc>,
    progress: &Progress,
    keep_going: bool,
) -> Result<(String, Vec<(String, String)>)> {
    let rendered: Vec<(String, Result<Vec<u8>>)> = docs
        .into_par_iter()
        .map(|(id, text)| {
            let one = text.and_then(|text| {
                let claims = source::extract_document(ex, &Document::parse(id.clone(), text))?;
                let mut out = Vec::with_capacity(claims.len().saturating_mul(640));
                claim::write_jsonl(&mut out, &claims).map_err(|e| Error::io("<memory>", e))?;
                Ok(out)
            });
            progress.step();
            (id, one)
        })
        .collect();
    let mut bytes = Vec::new();
    let mut failures = Vec::new();
    for (id, one) in rendered {
        match one {
            Ok(out) => bytes.extend_from_slice(&out),
            Err(e) if keep_going => failures.push((id, e.to_string())),
            Err(e) => return Err(e),
        }
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| Error::Inconsistent(format!("claims are not UTF-8: {e}")))?;
    Ok((text, failures))
}

/// Extracts claims from `(document id, text)` pairs; returns them as JSON Lines, exactly
/// as `claimgraph extract` writes them, and the documents that failed (with
/// `keep_going`; otherwise a failure is raised).
#[pyfunction]
#[pyo3(signature = (docs, lexicon = Vec::new(), vocabulary = Vec::new(), progress = None, keep_going = false))]
fn extract_texts(
    py: Python<'_>,
    docs: Vec<(String, String)>,
    lexicon: Vec<PathBuf>,
    vocabulary: Vec<PathBuf>,
    progress: Option<Py<PyAny>>,
    keep_going: bool,
) -> PyResult<(String, Vec<(String, String)>)> {
    let progress = Progress::new(progress, docs.len());
    progress.start();
    let out = py.detach(|| {
        let ex = extractor(&lexicon, &vocabulary)?;
        let docs = docs.into_iter().map(|(id, text)| (id, Ok(text))).collect();
        extract_all(&ex, docs, &progress, keep_going)
    });
    progress.finish()?;
    out.map_err(to_py)
}

/// Extracts claims from document files (or directories of them): text (the document id
/// is the file's stem), PubMed XML and BioC XML/JSON (one document per article, `PMID:NNN`),
/// gzip of any of them, as in `claimgraph extract FILE...`. With `keep_going`, a file or
/// article that cannot be read or extracted is among the failures returned (named by
/// the file's stem, or the file and the article's place), as with `--keep-going`.
#[pyfunction]
#[pyo3(signature = (paths, lexicon = Vec::new(), vocabulary = Vec::new(), progress = None, keep_going = false))]
fn extract_files(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    lexicon: Vec<PathBuf>,
    vocabulary: Vec<PathBuf>,
    progress: Option<Py<PyAny>>,
    keep_going: bool,
) -> PyResult<(String, Vec<(String, String)>)> {
    let inputs: Vec<Input> = py.detach(|| source::resolve(&paths)).map_err(to_py)?;
    if let Some(bad) = inputs.iter().find(|i| !i.kind.is_document()) {
        return Err(usage(format!(
            "{}: `extract` reads documents; give claims files and graphs to `build`",
            bad.path.display()
        )));
    }
    let progress = Progress::new(progress, inputs.len());
    progress.start();
    let out = py.detach(|| {
        let ex = extractor(&lexicon, &vocabulary)?;
        if inputs.iter().all(|i| i.kind == InputKind::Document) {
            let docs: Vec<Doc> = inputs
                .par_iter()
                .map(|i| (source::document_id(&i.path), source::read_text(&i.path)))
                .collect();
            return extract_all(&ex, docs, &progress, keep_going);
        }
        // PubMed and BioC files: one result per article, as the command line.
        let per_doc: Vec<(String, Result<Vec<claim::Claim>>)> = inputs
            .par_iter()
            .flat_map_iter(|i| {
                let name = if i.kind == InputKind::Document {
                    source::document_id(&i.path)
                } else {
                    i.path.display().to_string()
                };
                let docs = source::extract_input(i, &ex).unwrap_or_else(|e| vec![Err(e)]);
                progress.step();
                docs.into_iter().map(move |r| (name.clone(), r))
            })
            .collect();
        let mut bytes = Vec::new();
        let mut failures = Vec::new();
        for (name, r) in per_doc {
            match r {
                Ok(claims) => {
                    claim::write_jsonl(&mut bytes, &claims).map_err(|e| Error::io("<memory>", e))?
                }
                Err(e) if keep_going => failures.push((name, e.to_string())),
                Err(e) => return Err(e),
            }
        }
        let text = String::from_utf8(bytes)
            .map_err(|e| Error::Inconsistent(format!("claims are not UTF-8: {e}")))?;
        Ok((text, failures))
    });
    progress.finish()?;
    out.map_err(to_py)
}

/// The graph of `inputs`, as `claimgraph build` assembles it (no inputs: the bundled
/// summary), reporting one step per input.
///
/// Documents are extracted in parallel and every other input is read into a graph of
/// its own, then all are merged: assembly does not depend on order or grouping, so the
/// graph (and its saved bytes) is the one the command line builds.
fn assemble(ex: &Extractor, inputs: &[Input], progress: &Progress) -> Result<KnowledgeGraph> {
    if inputs.len() <= 1 {
        let kg = source::load_graph(inputs, ex)?;
        progress.step();
        return Ok(kg);
    }
    let docs: Vec<&Input> = inputs.iter().filter(|i| i.kind.is_document()).collect();
    let extracted: Vec<Vec<claim::Claim>> = docs
        .par_iter()
        .map(|i| {
            // PubMed and BioC files hold several documents: all their claims.
            let claims = source::extract_input(i, ex)?
                .into_iter()
                .collect::<Result<Vec<_>>>()?;
            progress.step();
            Ok(claims.into_iter().flatten().collect())
        })
        .collect::<Result<_>>()?;
    let mut kg = KnowledgeGraph::new();
    for claims in extracted {
        claims.into_iter().for_each(|c| kg.add_claim_owned(c));
    }
    for i in inputs.iter().filter(|i| !i.kind.is_document()) {
        let g = source::load_graph(std::slice::from_ref(i), ex)?;
        progress.step();
        if kg.node_count() == 0 {
            kg = g;
        } else {
            kg.merge(g);
        }
    }
    // The entity hierarchy over the whole graph, as `source::load_graph` links it (the
    // documents' claims above were never linked).
    kg.link_hierarchy(ex.lexicon());
    Ok(kg.canonicalize())
}

/// Builds a graph from documents, claims files, saved graphs and directories.
#[pyfunction]
#[pyo3(signature = (inputs, lexicon = Vec::new(), vocabulary = Vec::new(), progress = None))]
fn build(
    py: Python<'_>,
    inputs: Vec<PathBuf>,
    lexicon: Vec<PathBuf>,
    vocabulary: Vec<PathBuf>,
    progress: Option<Py<PyAny>>,
) -> PyResult<NativeGraph> {
    let (ex, resolved) = py
        .detach(|| -> Result<_> {
            Ok((extractor(&lexicon, &vocabulary)?, source::resolve(&inputs)?))
        })
        .map_err(to_py)?;
    let progress = Progress::new(progress, resolved.len().max(1));
    progress.start();
    let kg = py.detach(|| assemble(&ex, &resolved, &progress));
    progress.finish()?;
    Ok(NativeGraph::new(kg.map_err(to_py)?, ex))
}

/// Loads a saved graph (`claimgraph build -o FILE`).
#[pyfunction]
#[pyo3(signature = (path, lexicon = Vec::new(), vocabulary = Vec::new()))]
fn load(
    py: Python<'_>,
    path: PathBuf,
    lexicon: Vec<PathBuf>,
    vocabulary: Vec<PathBuf>,
) -> PyResult<NativeGraph> {
    let (kg, ex) = py
        .detach(|| -> Result<_> {
            let ex = extractor(&lexicon, &vocabulary)?;
            Ok((KnowledgeGraph::load_file(&path)?.canonicalize(), ex))
        })
        .map_err(to_py)?;
    Ok(NativeGraph::new(kg, ex))
}

/// Reads a saved graph from bytes (what `NativeGraph.to_bytes` returns).
#[pyfunction]
#[pyo3(signature = (data, lexicon = Vec::new(), vocabulary = Vec::new()))]
fn from_bytes(
    py: Python<'_>,
    data: Vec<u8>,
    lexicon: Vec<PathBuf>,
    vocabulary: Vec<PathBuf>,
) -> PyResult<NativeGraph> {
    let (kg, ex) = py
        .detach(|| -> Result<_> {
            let ex = extractor(&lexicon, &vocabulary)?;
            let kg = KnowledgeGraph::load(data.as_slice(), std::path::Path::new("<bytes>"))?;
            Ok((kg.canonicalize(), ex))
        })
        .map_err(to_py)?;
    Ok(NativeGraph::new(kg, ex))
}

/// The bundled research summary: `(document id, text)`.
#[pyfunction]
fn bundled_corpus() -> Vec<(&'static str, &'static str)> {
    source::BUNDLED_CORPUS.to_vec()
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_texts, m)?)?;
    m.add_function(wrap_pyfunction!(extract_files, m)?)?;
    m.add_function(wrap_pyfunction!(build, m)?)?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(from_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(bundled_corpus, m)?)?;
    m.add_class::<NativeGraph>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
