//! A compact adjacency index for searches: for every node, its outgoing and incoming
//! edges as contiguous arrays of 12-byte links (compressed sparse rows), so a search
//! walks memory in order instead of chasing petgraph's edge list through full edge
//! weights. Built once, on the first search, from the graph as it is.

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use rustc_hash::FxHashMap;

use super::{Edge, Node};
use crate::claim::Text;

/// One edge seen from one of its ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// The node at the other end.
    pub other: u32,
    /// The edge.
    pub edge: u32,
    /// The relation, by its number in [`Adjacency::relation`].
    pub relation: u16,
    flags: u8,
}

const NEGATED: u8 = 1;
const MEMBER: u8 = 2;
const COMBINATION: u8 = 4;

impl Link {
    /// A negated claim.
    pub fn negated(&self) -> bool {
        self.flags & NEGATED != 0
    }

    /// A membership edge (combination to member), not a claim.
    pub fn member(&self) -> bool {
        self.flags & MEMBER != 0
    }

    /// The node at the other end is a combination (has members).
    pub fn to_combination(&self) -> bool {
        self.flags & COMBINATION != 0
    }

    /// The node at the other end.
    pub fn other(&self) -> NodeIndex {
        NodeIndex::new(self.other as usize)
    }

    /// The edge.
    pub fn edge(&self) -> EdgeIndex {
        EdgeIndex::new(self.edge as usize)
    }
}

/// An edge's source and target indices, with its link.
type Endpoints = (u32, u32, Link);

/// Outgoing and incoming links of every node.
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    out_start: Vec<u32>,
    out: Vec<Link>,
    in_start: Vec<u32>,
    incoming: Vec<Link>,
    relations: Vec<Text>,
}

impl Adjacency {
    /// The index of `graph`; links of a node in edge index order.
    pub(super) fn build(graph: &StableDiGraph<Node, Edge>, has_member: &Text) -> Adjacency {
        let bound = graph.node_bound();
        let mut relations: Vec<Text> = vec![has_member.clone()];
        let mut numbers: FxHashMap<&str, u16> = FxHashMap::default();
        numbers.insert(has_member, 0);
        let mut links: Vec<Endpoints> = Vec::with_capacity(graph.edge_count());
        for er in graph.edge_references() {
            let (relation, negated, member) = match er.weight() {
                Edge::HasMember => (0, false, true),
                Edge::Claim(c) => {
                    let next = relations.len() as u16;
                    let n = *numbers.entry(&c.relation).or_insert_with(|| {
                        relations.push(c.relation.clone());
                        next
                    });
                    (n, c.negated, false)
                }
            };
            let link = Link {
                other: 0,
                edge: er.id().index() as u32,
                relation,
                flags: if negated { NEGATED } else { 0 } | if member { MEMBER } else { 0 },
            };
            links.push((er.source().index() as u32, er.target().index() as u32, link));
        }
        links.sort_unstable_by_key(|(_, _, l)| l.edge);
        let rows = |key: &dyn Fn(&Endpoints) -> (u32, u32)| -> (Vec<u32>, Vec<Link>) {
            let mut start = vec![0u32; bound + 1];
            for l in &links {
                start[key(l).0 as usize + 1] += 1;
            }
            for i in 0..bound {
                start[i + 1] += start[i];
            }
            let mut fill = start.clone();
            let mut out = vec![
                Link {
                    other: 0,
                    edge: 0,
                    relation: 0,
                    flags: 0,
                };
                links.len()
            ];
            for l in &links {
                let (at, other) = key(l);
                let slot = &mut fill[at as usize];
                let combination = graph
                    .node_weight(NodeIndex::new(other as usize))
                    .is_some_and(|n| !n.members.is_empty());
                let flags = l.2.flags | if combination { COMBINATION } else { 0 };
                out[*slot as usize] = Link {
                    other,
                    flags,
                    ..l.2
                };
                *slot += 1;
            }
            (start, out)
        };
        let (out_start, out) = rows(&|l| (l.0, l.1));
        let (in_start, incoming) = rows(&|l| (l.1, l.0));
        Adjacency {
            out_start,
            out,
            in_start,
            incoming,
            relations,
        }
    }

    /// The links leaving `n`.
    pub fn outgoing(&self, n: NodeIndex) -> &[Link] {
        let i = n.index();
        match (self.out_start.get(i), self.out_start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.out[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The links arriving at `n`.
    pub fn incoming(&self, n: NodeIndex) -> &[Link] {
        let i = n.index();
        match (self.in_start.get(i), self.in_start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.incoming[a as usize..b as usize],
            _ => &[],
        }
    }

    /// One more than the largest node index the index covers.
    pub fn node_bound(&self) -> usize {
        self.out_start.len().saturating_sub(1)
    }

    /// The number of links at `n`, out and in: what expanding it in a search costs.
    pub fn degree(&self, n: NodeIndex) -> usize {
        self.outgoing(n).len() + self.incoming(n).len()
    }

    /// The name of relation number `n` (0 is `has-member`).
    pub fn relation(&self, n: u16) -> &Text {
        &self.relations[n as usize]
    }

    /// The number of a relation, if any edge has it.
    pub fn relation_number(&self, name: &str) -> Option<u16> {
        self.relations
            .iter()
            .position(|r| &**r == name)
            .map(|i| i as u16)
    }
}
