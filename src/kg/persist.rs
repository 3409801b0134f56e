//! Saving and loading graphs: a header that names the format and its version, then the
//! canonical content. Loading checks the header, so a file is recognised by its content,
//! not its name, and an unknown or newer version is a clear error.

use std::io::{Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Edge, KnowledgeGraph, Node};
use crate::error::{Error, Result};

/// The first bytes of a saved graph.
pub const MAGIC: &[u8] = b"CLAIMGRAPH\n";
/// The format version written by this build.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct SavedEdge {
    source: String,
    target: String,
    edge: Edge,
}

#[derive(Serialize, Deserialize)]
struct Saved {
    nodes: Vec<Node>,
    edges: Vec<SavedEdge>,
}

/// Whether `bytes` start like a saved graph.
pub fn is_saved_graph(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

impl KnowledgeGraph {
    /// Writes the graph in the saved format (canonical: the same graph, the same bytes).
    ///
    /// # Errors
    /// Writing fails.
    pub fn save<W: Write>(&self, mut out: W) -> std::io::Result<()> {
        let g = self.canonicalize();
        let nodes = g
            .nodes_sorted()
            .into_iter()
            .map(|ix| g.graph[ix].clone())
            .collect();
        let mut edges: Vec<SavedEdge> = g
            .claims_sorted()
            .into_iter()
            .map(|(s, o, c)| SavedEdge {
                source: g.graph[s].id.clone(),
                target: g.graph[o].id.clone(),
                edge: Edge::Claim(c.clone()),
            })
            .collect();
        edges.extend(g.memberships_sorted().into_iter().map(|(s, o)| SavedEdge {
            source: g.graph[s].id.clone(),
            target: g.graph[o].id.clone(),
            edge: Edge::HasMember,
        }));
        out.write_all(MAGIC)?;
        writeln!(out, "version {FORMAT_VERSION}")?;
        serde_json::to_writer(&mut out, &Saved { nodes, edges })?;
        out.write_all(b"\n")?;
        out.flush()
    }

    /// Reads a saved graph; `path` names it in errors.
    ///
    /// # Errors
    /// Not a saved graph, a version this build does not read, or corrupt content.
    pub fn load<R: Read>(mut input: R, path: &Path) -> Result<KnowledgeGraph> {
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
        if !is_saved_graph(&bytes) {
            return Err(Error::parse(
                path,
                1,
                1,
                "not a claimgraph saved graph (missing header)",
            ));
        }
        let rest = &bytes[MAGIC.len()..];
        let nl = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let version_line = std::str::from_utf8(&rest[..nl]).unwrap_or("");
        let version: u32 = version_line
            .strip_prefix("version ")
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| {
                Error::parse(
                    path,
                    2,
                    1,
                    format!("expected `version N`, found `{version_line}`"),
                )
            })?;
        if version != FORMAT_VERSION {
            let why = if version > FORMAT_VERSION {
                "newer than"
            } else {
                "older than"
            };
            return Err(Error::parse(
                path,
                2,
                9,
                format!(
                    "saved graph format version {version} is {why} this build's ({FORMAT_VERSION}); rebuild it with `claimgraph build`"
                ),
            ));
        }
        let body = rest.get(nl + 1..).unwrap_or(&[]);
        let saved: Saved = serde_json::from_slice(body).map_err(|e| {
            Error::parse(
                path,
                e.line() + 2,
                e.column(),
                format!("corrupt saved graph: {e}"),
            )
        })?;
        let mut g = KnowledgeGraph::new();
        for n in saved.nodes {
            if g.nodes.contains_key(&n.id) {
                return Err(Error::parse(
                    path,
                    3,
                    0,
                    format!("corrupt saved graph: node `{}` twice", n.id),
                ));
            }
            let id = n.id.clone();
            let ix = g.graph.add_node(n);
            g.nodes.insert(id, ix);
        }
        for e in saved.edges {
            let (Some(&s), Some(&o)) = (g.nodes.get(&e.source), g.nodes.get(&e.target)) else {
                return Err(Error::parse(
                    path,
                    3,
                    0,
                    format!(
                        "corrupt saved graph: edge between unknown nodes `{}` and `{}`",
                        e.source, e.target
                    ),
                ));
            };
            match e.edge {
                Edge::Claim(c) => {
                    let key = (e.source, c.relation.clone(), e.target, c.negated);
                    let ix = g.graph.add_edge(s, o, Edge::Claim(c));
                    g.edges.insert(key, ix);
                }
                Edge::HasMember => {
                    g.graph.add_edge(s, o, Edge::HasMember);
                }
            }
        }
        Ok(g)
    }
}
