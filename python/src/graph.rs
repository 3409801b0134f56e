//! `NativeGraph`: a knowledge graph and the vocabulary it was built with, and the
//! questions the command line asks of it (paths, neighbours, explanations, exports).
//!
//! Answers go back as the JSON text the command line prints (`--format json`), so that
//! the Python package parses the very same document; the lists behind the DataFrames
//! and networkx graph come from the GraphML export (see [`crate::graphml`]).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use claimgraph::error::{Error, Result};
use claimgraph::export::{self, Format};
use claimgraph::extract::Extractor;
use claimgraph::kg::KnowledgeGraph;
use claimgraph::lexicon::Kind;
use claimgraph::output::write_atomic;
use claimgraph::query;
use claimgraph::vocab::Sign;
use petgraph::stable_graph::NodeIndex;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::errors::{to_py, usage};
use crate::graphml;

/// A knowledge graph held by Python (`claimgraph.Graph` wraps it).
#[pyclass(module = "claimgraph._native", frozen)]
pub struct NativeGraph {
    kg: KnowledgeGraph,
    ex: Arc<Extractor>,
}

impl NativeGraph {
    /// Wraps a graph and the extractor (lexicon and vocabulary) it was built with.
    pub fn new(kg: KnowledgeGraph, ex: Arc<Extractor>) -> NativeGraph {
        NativeGraph { kg, ex }
    }

    fn resolve(&self, name: &str) -> Result<NodeIndex> {
        claimgraph::resolve(&self.kg, name)
    }

    fn check_relations(&self, relations: &[String]) -> Result<()> {
        for r in relations {
            if !self.ex.vocabulary().contains(r) {
                return Err(Error::UnknownRelationName {
                    relation: r.clone(),
                    known: self.ex.vocabulary().known_names(),
                });
            }
        }
        Ok(())
    }
}

fn json_text<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| usage(format!("cannot write JSON: {e}")))
}

fn parse_sign(s: &str) -> PyResult<Sign> {
    match s {
        "+" | "positive" | "activation" => Ok(Sign::Positive),
        "-" | "negative" | "inhibition" => Ok(Sign::Negative),
        _ => Err(usage(format!("`{s}`: expected + or -"))),
    }
}

fn parse_format(s: &str) -> PyResult<Format> {
    s.parse::<Format>().map_err(usage)
}

fn utf8(bytes: Vec<u8>) -> PyResult<String> {
    String::from_utf8(bytes).map_err(|e| usage(format!("output is not UTF-8: {e}")))
}

#[pymethods]
impl NativeGraph {
    /// Entities (nodes) of the graph.
    fn node_count(&self) -> usize {
        self.kg.node_count()
    }

    /// Distinct claims (edges other than memberships) of the graph.
    fn claim_count(&self) -> usize {
        self.kg.claim_count()
    }

    /// Saves the graph to `path` atomically, as `claimgraph build -o` does.
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        py.detach(|| write_atomic(&path, |w| self.kg.save(w).map_err(|e| Error::io(&path, e))))
            .map_err(to_py)
    }

    /// The saved form of the graph as bytes.
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let mut out = Vec::new();
        py.detach(|| self.kg.save(&mut out))
            .map_err(|e| to_py(Error::io("<memory>", e)))?;
        Ok(PyBytes::new(py, &out))
    }

    /// The answer of `claimgraph paths FROM TO --format json` as JSON text, or with
    /// `format` "dot"/"svg" the paths drawn on their subgraph.
    #[pyo3(signature = (
        from, to, k = None, max_hops = None, weighted = false, sign = None,
        relations = Vec::new(), kinds = Vec::new(), min_confidence = 0.0,
        include_negated = false, undirected = false, no_hierarchy = false, limit = 10,
        format = "json"
    ))]
    #[allow(clippy::too_many_arguments)]
    fn paths(
        &self,
        py: Python<'_>,
        from: &str,
        to: &str,
        k: Option<usize>,
        max_hops: Option<usize>,
        weighted: bool,
        sign: Option<&str>,
        relations: Vec<String>,
        kinds: Vec<String>,
        min_confidence: f64,
        include_negated: bool,
        undirected: bool,
        no_hierarchy: bool,
        limit: usize,
        format: &str,
    ) -> PyResult<String> {
        if k.is_some() && max_hops.is_some() {
            return Err(usage("`k` cannot be used with `max_hops`"));
        }
        if !matches!(format, "json" | "dot" | "svg") {
            return Err(usage(format!(
                "unknown paths format `{format}` (expected one of json, dot, svg)"
            )));
        }
        let sign = sign.map(parse_sign).transpose()?;
        let kinds: Vec<Kind> = kinds
            .iter()
            .map(|s| s.parse::<Kind>().map_err(usage))
            .collect::<PyResult<_>>()?;
        let filter = query::Filter {
            include_negated,
            undirected,
            no_hierarchy,
            relations,
            kinds,
            min_confidence,
        };
        let mode = query::Mode::choose(weighted, k, max_hops);
        let opts = query::PathOptions {
            filter: filter.clone(),
            mode,
            sign,
            limit,
        };
        let answer = py.detach(|| -> Result<_> {
            self.check_relations(&opts.filter.relations)?;
            let f = self.resolve(from)?;
            let t = self.resolve(to)?;
            let q = query::Query::new(&self.kg, self.ex.vocabulary(), filter);
            let found = q.paths(f, t, &opts);
            Ok(match format {
                "json" => Ok(query::answer(&self.kg, f, t, &found)),
                _ => Err(export::dot::paths_dot(
                    &self.kg,
                    self.ex.vocabulary(),
                    &found.paths,
                )),
            })
        });
        match answer.map_err(to_py)? {
            Ok(answer) => json_text(&answer),
            Err(dot) if format == "svg" => {
                utf8(py.detach(|| export::dot::render_svg(&dot)).map_err(to_py)?)
            }
            Err(dot) => Ok(dot),
        }
    }

    /// The answer of `claimgraph neighbors NAME --format json` as JSON text.
    #[pyo3(signature = (name, depth = 1, relations = Vec::new(), include_negated = false))]
    fn neighbors(
        &self,
        py: Python<'_>,
        name: &str,
        depth: usize,
        relations: Vec<String>,
        include_negated: bool,
    ) -> PyResult<String> {
        let hood = py
            .detach(|| -> Result<_> {
                self.check_relations(&relations)?;
                let center = self.resolve(name)?;
                Ok(query::neighborhood(
                    &self.kg,
                    center,
                    depth,
                    &relations,
                    include_negated,
                ))
            })
            .map_err(to_py)?;
        json_text(&hood)
    }

    /// The answer of `claimgraph explain FROM RELATION TO --format json` as JSON text.
    fn explain(&self, py: Python<'_>, from: &str, relation: &str, to: &str) -> PyResult<String> {
        let vocab = self.ex.vocabulary();
        if !vocab.contains(relation) && relation != "has-member" {
            return Err(usage(format!(
                "unknown relation `{relation}` (known: {})",
                vocab.known_names()
            )));
        }
        let e = py
            .detach(|| -> Result<_> {
                let f = self.resolve(from)?;
                let t = self.resolve(to)?;
                Ok(query::explain(&self.kg, f, relation, t))
            })
            .map_err(to_py)?;
        json_text(&e)
    }

    /// The summary of `claimgraph stats --format json` as JSON text.
    fn stats(&self) -> PyResult<String> {
        json_text(&query::analysis::summary(&self.kg, self.ex.vocabulary()))
    }

    /// Every claim of the graph (one per evidence, canonical order) as JSON Lines.
    fn claims_jsonl(&self, py: Python<'_>) -> PyResult<String> {
        let bytes = py
            .detach(|| {
                let mut out = Vec::new();
                claimgraph::claim::write_jsonl(&mut out, &self.kg.to_claims()).map(|()| out)
            })
            .map_err(|e| to_py(Error::io("<memory>", e)))?;
        utf8(bytes)
    }

    /// Exports in `format` (a name of `claimgraph export --format`): to `path` when one
    /// is given (a directory for neo4j, kgx and kgx-jsonl), else returns the text (a
    /// single-file format) or `{file name: text}` (a multi-file format).
    #[pyo3(signature = (format, path = None))]
    fn export<'py>(
        &self,
        py: Python<'py>,
        format: &str,
        path: Option<PathBuf>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let format = parse_format(format)?;
        let vocab = self.ex.vocabulary();
        match (path, format.is_multi_file()) {
            (Some(dir), true) => {
                py.detach(|| export::write_dir(&self.kg, vocab, format, &dir))
                    .map_err(to_py)?;
                Ok(None)
            }
            (Some(file), false) => {
                py.detach(|| {
                    write_atomic(&file, |out| export::write(&self.kg, vocab, format, out))
                })
                .map_err(to_py)?;
                Ok(None)
            }
            (None, true) => {
                let files = py
                    .detach(|| export::files(&self.kg, vocab, format))
                    .map_err(to_py)?;
                let out = PyDict::new(py);
                for (name, bytes) in files {
                    out.set_item(name, utf8(bytes)?)?;
                }
                Ok(Some(out.into_any()))
            }
            (None, false) => {
                let mut bytes = Vec::new();
                py.detach(|| export::write(&self.kg, vocab, format, &mut bytes))
                    .map_err(to_py)?;
                Ok(Some(utf8(bytes)?.into_pyobject(py)?.into_any()))
            }
        }
    }

    /// The nodes and edges of the GraphML export with their typed attributes:
    /// `([(id, {attr: value})], [(source, target, key, {attr: value})])`.
    fn graphml_elements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let vocab = self.ex.vocabulary();
        let parsed = py
            .detach(|| -> Result<_> {
                let mut bytes = Vec::new();
                export::write(&self.kg, vocab, Format::Graphml, &mut bytes)?;
                graphml::parse(&bytes)
            })
            .map_err(to_py)?;
        parsed.into_python(py)
    }

    /// The degree (claims and memberships in and out) of each node id, for the nodes
    /// table.
    fn degrees(&self) -> BTreeMap<String, usize> {
        self.kg
            .nodes_sorted()
            .into_iter()
            .map(|ix| (self.kg.node(ix).id.clone(), self.kg.degree(ix)))
            .collect()
    }
}
