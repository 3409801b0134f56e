//! The part of a graph a diagram shows: the neighbourhood of some entities, the nodes of
//! some paths, only some relations, kinds or confidences, and at most so many nodes.
//!
//! A picture of 200,000 entities helps nobody (no browser opens it, Graphviz cannot lay
//! it out), so the picture formats draw a focused graph. [`focus`] makes it: the
//! subgraph the [`Focus`] asks for, with a count of what was left out.

use std::collections::{BTreeSet, VecDeque};

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use crate::claim::Claim;
use crate::kg::{Edge, KnowledgeGraph};
use crate::lexicon::Kind;
use crate::query::Path;

/// What part of a graph to keep. The default keeps the whole graph.
#[derive(Debug, Clone, Default)]
pub struct Focus {
    /// Keep the entities within [`Focus::depth`] hops of these (in either direction);
    /// empty, and with no [`Focus::include`], means every entity.
    pub around: Vec<NodeIndex>,
    /// Hops from [`Focus::around`].
    pub depth: usize,
    /// Entities kept whatever the other settings say (the nodes of paths drawn).
    pub include: Vec<NodeIndex>,
    /// Only claims of these relations (empty: all). Membership edges are kept when this
    /// is empty or lists `has-member`.
    pub relations: Vec<String>,
    /// Only entities of these kinds (empty: all), besides [`Focus::include`].
    pub kinds: Vec<Kind>,
    /// Only claims of at least this confidence.
    pub min_confidence: f64,
    /// At most this many entities: the most connected (by edges kept among the
    /// entities kept), ties by id; [`Focus::around`] and [`Focus::include`] first.
    pub max_nodes: Option<usize>,
}

impl Focus {
    /// Whether the focus keeps the whole graph as it is.
    pub fn is_whole(&self) -> bool {
        self.around.is_empty()
            && self.include.is_empty()
            && self.relations.is_empty()
            && self.kinds.is_empty()
            && self.min_confidence <= 0.0
            && self.max_nodes.is_none()
    }

    fn filters_edges(&self) -> bool {
        !self.relations.is_empty() || self.min_confidence > 0.0
    }

    fn keeps_edge(&self, e: &Edge) -> bool {
        match e.claim() {
            Some(c) => {
                (self.relations.is_empty() || self.relations.iter().any(|r| *r == *c.relation))
                    && c.confidence() >= self.min_confidence
            }
            None => self.relations.is_empty() || self.relations.iter().any(|r| r == e.relation()),
        }
    }
}

/// A focused graph and what the focus left out of the original.
#[derive(Debug)]
pub struct Focused {
    /// The focused graph.
    pub graph: KnowledgeGraph,
    /// Entities of the original not in [`Focused::graph`].
    pub nodes_left_out: usize,
    /// Claims of the original not in [`Focused::graph`].
    pub claims_left_out: usize,
    /// Entities the [`Focus::max_nodes`] cap alone left out.
    pub cut_by_max_nodes: usize,
}

/// The part of `kg` that `f` asks for.
pub fn focus(kg: &KnowledgeGraph, f: &Focus) -> Focused {
    let g = kg.graph();
    let kind_ok = |ix: NodeIndex| f.kinds.is_empty() || f.kinds.contains(&kg.node(ix).kind);
    let include: BTreeSet<NodeIndex> = f.include.iter().copied().collect();
    let mut keep: BTreeSet<NodeIndex> = include.clone();
    if f.around.is_empty() && include.is_empty() {
        for ix in g.node_indices() {
            if !kind_ok(ix) {
                continue;
            }
            // With an edge filter, an entity stays only with an edge that passes it.
            let linked = !f.filters_edges()
                || g.edges_directed(ix, petgraph::Direction::Outgoing)
                    .chain(g.edges_directed(ix, petgraph::Direction::Incoming))
                    .any(|e| f.keeps_edge(e.weight()));
            if linked {
                keep.insert(ix);
            }
        }
    } else {
        let mut queue: VecDeque<(NodeIndex, usize)> = VecDeque::new();
        for &ix in &f.around {
            if keep.insert(ix) || include.contains(&ix) {
                queue.push_back((ix, 0));
            }
        }
        while let Some((ix, d)) = queue.pop_front() {
            if d >= f.depth {
                continue;
            }
            let edges = g
                .edges_directed(ix, petgraph::Direction::Outgoing)
                .chain(g.edges_directed(ix, petgraph::Direction::Incoming));
            for e in edges {
                if !f.keeps_edge(e.weight()) {
                    continue;
                }
                let other = if e.source() == ix {
                    e.target()
                } else {
                    e.source()
                };
                if kind_ok(other) && keep.insert(other) {
                    queue.push_back((other, d + 1));
                }
            }
        }
    }
    let mut cut_by_max_nodes = 0;
    if let Some(max) = f.max_nodes
        && keep.len() > max
    {
        let first: BTreeSet<NodeIndex> = f.around.iter().chain(&f.include).copied().collect();
        let mut ranked: Vec<(bool, usize, &str, NodeIndex)> = keep
            .iter()
            .map(|&ix| {
                let degree = g
                    .edges_directed(ix, petgraph::Direction::Outgoing)
                    .chain(g.edges_directed(ix, petgraph::Direction::Incoming))
                    .filter(|e| {
                        f.keeps_edge(e.weight())
                            && keep.contains(&e.source())
                            && keep.contains(&e.target())
                    })
                    .count();
                (
                    !first.contains(&ix),
                    usize::MAX - degree,
                    kg.node(ix).id.as_str(),
                    ix,
                )
            })
            .collect();
        ranked.sort_unstable();
        cut_by_max_nodes = ranked.len().saturating_sub(max);
        keep = ranked
            .into_iter()
            .take(max)
            .map(|(_, _, _, ix)| ix)
            .collect();
    }
    let nodes: Vec<NodeIndex> = keep.iter().copied().collect();
    let graph = induced_where(kg, &nodes, |e| f.keeps_edge(e));
    Focused {
        nodes_left_out: kg.node_count().saturating_sub(graph.node_count()),
        claims_left_out: kg.claim_count().saturating_sub(graph.claim_count()),
        cut_by_max_nodes,
        graph,
    }
}

/// The subgraph of `kg` induced by `nodes`: those entities and every claim,
/// membership and hierarchy link among them.
pub fn induced(kg: &KnowledgeGraph, nodes: &[NodeIndex]) -> KnowledgeGraph {
    induced_where(kg, nodes, |_| true)
}

/// The subgraph of `kg` of `nodes` and the edges among them that `keep` accepts, built
/// claim by claim (so that every table of the graph is made as for any other graph).
fn induced_where(
    kg: &KnowledgeGraph,
    nodes: &[NodeIndex],
    keep: impl Fn(&Edge) -> bool,
) -> KnowledgeGraph {
    let inside: BTreeSet<NodeIndex> = nodes.iter().copied().collect();
    let g = kg.graph();
    let mut sub = KnowledgeGraph::new();
    for &ix in &inside {
        sub.add_entity(&kg.entity_ref(ix));
    }
    for er in g.edge_references() {
        let Some(c) = er.weight().claim() else {
            continue;
        };
        if !keep(er.weight()) || !inside.contains(&er.source()) || !inside.contains(&er.target()) {
            continue;
        }
        let (subject, object) = (kg.entity_ref(er.source()), kg.entity_ref(er.target()));
        for e in &c.evidence {
            sub.add_claim(&Claim {
                subject: subject.clone(),
                relation: c.relation.to_string(),
                object: object.clone(),
                negated: c.negated,
                hedged: e.hedged,
                context: e.context.clone(),
                evidence: e.evidence.clone(),
            });
        }
    }
    for (child, parent) in kg.hierarchy_sorted() {
        if !keep(&Edge::IsA) || !inside.contains(&child) || !inside.contains(&parent) {
            continue;
        }
        let ends = (
            sub.node_index(&kg.node(child).id),
            sub.node_index(&kg.node(parent).id),
        );
        if let (Some(c), Some(p)) = ends {
            sub.add_is_a(c, p);
        }
    }
    sub.canonicalize()
}

/// The nodes of `paths` and the ids of the claims they walk: the part of a graph a
/// drawing of the paths shows ([`Focus::include`]) and the edges it highlights.
pub fn path_parts(kg: &KnowledgeGraph, paths: &[Path]) -> (Vec<NodeIndex>, BTreeSet<String>) {
    let mut nodes: Vec<NodeIndex> = paths
        .iter()
        .flat_map(|p| p.hops.iter().flat_map(|h| [h.from, h.to]))
        .collect();
    nodes.sort();
    nodes.dedup();
    let claims = paths
        .iter()
        .flat_map(|p| {
            p.hops.iter().filter_map(|h| {
                h.edge
                    .and_then(|e| kg.graph()[e].claim())
                    .map(|c| c.id.to_string())
            })
        })
        .collect();
    (nodes, claims)
}
