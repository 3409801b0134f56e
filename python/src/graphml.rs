//! The GraphML export read back into typed attributes, for `to_networkx()` and the
//! DataFrames: reading the export itself (rather than recomputing its values) keeps the
//! Python objects equal to what `networkx.read_graphml` makes of the exported file.
//!
//! Values are typed by their `<key attr.type>` as networkx types them: `boolean` as a
//! bool (`true`/`false` in any case, also `1`/`0`), `int`, `long` as an int, `float`,
//! `double` as a float, anything else as a string; an empty `<data/>` is no value.

use std::collections::HashMap;

use claimgraph::error::{Error, Result};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

/// One attribute value.
pub enum Value {
    /// `string`.
    Text(String),
    /// `boolean`.
    Bool(bool),
    /// `int`, `long`.
    Int(i64),
    /// `float`, `double`.
    Float(f64),
}

type Attrs = Vec<(String, Value)>;

/// The parsed export.
pub struct Elements {
    /// `(id, attributes)` in document order.
    nodes: Vec<(String, Attrs)>,
    /// `(source, target, edge id, attributes)` in document order.
    edges: Vec<(String, String, String, Attrs)>,
}

const NS: &str = "http://graphml.graphdrawing.org/xmlns";

fn bad(message: String) -> Error {
    Error::parse("<graphml>", 0, 0, message)
}

fn value(ty: &str, text: &str) -> Result<Value> {
    let wrong = || bad(format!("`{text}` is not a GraphML {ty}"));
    Ok(match ty {
        "boolean" => match text.to_ascii_lowercase().as_str() {
            "true" | "1" => Value::Bool(true),
            "false" | "0" => Value::Bool(false),
            _ => return Err(wrong()),
        },
        "int" | "long" => Value::Int(text.trim().parse().map_err(|_| wrong())?),
        "float" | "double" => Value::Float(text.trim().parse().map_err(|_| wrong())?),
        _ => Value::Text(text.to_string()),
    })
}

/// Parses a GraphML document as claimgraph writes it.
///
/// # Errors
/// The document is not well-formed XML or a value does not have its declared type.
pub fn parse(bytes: &[u8]) -> Result<Elements> {
    let text = std::str::from_utf8(bytes).map_err(|e| bad(format!("not UTF-8: {e}")))?;
    let doc = roxmltree::Document::parse(text).map_err(|e| {
        let pos = e.pos();
        Error::parse(
            "<graphml>",
            usize::try_from(pos.row).unwrap_or(0),
            usize::try_from(pos.col).unwrap_or(0),
            e.to_string(),
        )
    })?;
    let root = doc.root_element();
    let mut keys: HashMap<&str, (&str, &str)> = HashMap::new();
    for k in root.children().filter(|n| n.has_tag_name((NS, "key"))) {
        let (Some(id), Some(name)) = (k.attribute("id"), k.attribute("attr.name")) else {
            continue;
        };
        keys.insert(id, (name, k.attribute("attr.type").unwrap_or("string")));
    }
    let attrs = |element: roxmltree::Node<'_, '_>| -> Result<Attrs> {
        let mut out = Vec::new();
        for d in element.children().filter(|n| n.has_tag_name((NS, "data"))) {
            let key = d.attribute("key").unwrap_or_default();
            let Some(&(name, ty)) = keys.get(key) else {
                return Err(bad(format!("data of undeclared key `{key}`")));
            };
            // An empty `<data/>` sets nothing, as in networkx.
            if let Some(text) = d.text() {
                out.push((name.to_string(), value(ty, text)?));
            }
        }
        Ok(out)
    };
    let mut elements = Elements {
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    let graphs = root.children().filter(|n| n.has_tag_name((NS, "graph")));
    for g in graphs {
        for n in g.children().filter(roxmltree::Node::is_element) {
            let id = |a: &str| n.attribute(a).unwrap_or_default().to_string();
            if n.has_tag_name((NS, "node")) {
                elements.nodes.push((id("id"), attrs(n)?));
            } else if n.has_tag_name((NS, "edge")) {
                elements
                    .edges
                    .push((id("source"), id("target"), id("id"), attrs(n)?));
            }
        }
    }
    Ok(elements)
}

fn dict<'py>(py: Python<'py>, attrs: Attrs) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in attrs {
        match v {
            Value::Text(s) => d.set_item(k, s)?,
            Value::Bool(b) => d.set_item(k, b)?,
            Value::Int(i) => d.set_item(k, i)?,
            Value::Float(f) => d.set_item(k, f)?,
        }
    }
    Ok(d)
}

impl Elements {
    /// `(nodes, edges)` as Python lists of tuples.
    pub fn into_python(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        let nodes = PyList::empty(py);
        for (id, attrs) in self.nodes {
            nodes.append((id, dict(py, attrs)?))?;
        }
        let edges = PyList::empty(py);
        for (s, t, key, attrs) in self.edges {
            edges.append((s, t, key, dict(py, attrs)?))?;
        }
        Ok(PyTuple::new(py, [nodes.into_any(), edges.into_any()])?.into_any())
    }
}
