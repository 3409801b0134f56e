//! A compact adjacency index for searches: for every node, its outgoing and then its
//! incoming edges as one contiguous run of 16-byte links (compressed sparse rows), so a
//! search walks memory in order instead of chasing petgraph's edge list through full
//! edge weights, and finds both runs of a node with one read of the row index. Each
//! link also carries the degree of the node at its other end, so a search can weigh
//! the frontier it is building without a random read per node. Built once, on the
//! first search, from the graph as it is.

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
    /// The number of links of the node at the other end, out and in.
    degree: u32,
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

    /// The number of links of the node at the other end, out and in: what expanding
    /// that node in a search costs.
    pub fn other_degree(&self) -> usize {
        self.degree as usize
    }
}

/// An edge's source and target indices, with its link.
type Endpoints = (u32, u32, Link);

/// The links of one node, each run in edge index order.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Runs<'a> {
    /// Every link leaving the node.
    pub outgoing: &'a [Link],
    /// Every link arriving at the node.
    pub incoming: &'a [Link],
    /// The membership links among `outgoing`.
    pub outgoing_members: &'a [Link],
    /// The membership links among `incoming`.
    pub incoming_members: &'a [Link],
}

/// Outgoing and incoming links of every node.
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    /// Per node (and one past the last): where its outgoing, incoming, outgoing
    /// membership and incoming membership runs start; each ends where the next starts,
    /// the last where the next node's first does.
    rows: Vec<[u32; 4]>,
    links: Vec<Link>,
    relations: Vec<Text>,
}

impl Adjacency {
    /// The index of `graph`; links of a node in edge index order.
    pub(super) fn build(graph: &StableDiGraph<Node, Edge>, has_member: &Text) -> Adjacency {
        let bound = graph.node_bound();
        let mut relations: Vec<Text> = vec![has_member.clone()];
        let mut numbers: FxHashMap<&str, u16> = FxHashMap::default();
        numbers.insert(has_member, 0);
        let mut ends: Vec<Endpoints> = Vec::with_capacity(graph.edge_count());
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
                degree: 0,
            };
            ends.push((er.source().index() as u32, er.target().index() as u32, link));
        }
        ends.sort_unstable_by_key(|(_, _, l)| l.edge);
        let (mut outs, mut ins) = (vec![0u32; bound], vec![0u32; bound]);
        let (mut out_members, mut in_members) = (vec![0u32; bound], vec![0u32; bound]);
        for (s, t, l) in &ends {
            outs[*s as usize] += 1;
            ins[*t as usize] += 1;
            if l.member() {
                out_members[*s as usize] += 1;
                in_members[*t as usize] += 1;
            }
        }
        // Per node: outgoing, incoming, then its membership links again, outgoing and
        // incoming (a search that walks claims one way only needs these of the other).
        let mut rows: Vec<[u32; 4]> = Vec::with_capacity(bound + 1);
        let mut at = 0u32;
        for n in 0..bound {
            let row = [
                at,
                at + outs[n],
                at + outs[n] + ins[n],
                at + outs[n] + ins[n] + out_members[n],
            ];
            rows.push(row);
            at = row[3] + in_members[n];
        }
        rows.push([at; 4]);
        let combinations: Vec<bool> = (0..bound)
            .map(|n| {
                graph
                    .node_weight(NodeIndex::new(n))
                    .is_some_and(|n| !n.members.is_empty())
            })
            .collect();
        let combination = |n: u32| combinations[n as usize];
        let blank = Link {
            other: 0,
            edge: 0,
            relation: 0,
            flags: 0,
            degree: 0,
        };
        let mut links = vec![blank; at as usize];
        let mut fill: Vec<[u32; 4]> = rows.clone();
        for &(s, t, l) in &ends {
            for (at, other, run) in [(s, t, 0), (t, s, 1)] {
                let link = Link {
                    other,
                    flags: l.flags | if combination(other) { COMBINATION } else { 0 },
                    degree: outs[other as usize] + ins[other as usize],
                    ..l
                };
                let runs: &[usize] = if l.member() { &[run, run + 2] } else { &[run] };
                for &r in runs {
                    let slot = &mut fill[at as usize][r];
                    links[*slot as usize] = link;
                    *slot += 1;
                }
            }
        }
        Adjacency {
            rows,
            links,
            relations,
        }
    }

    /// One more than the largest node index the index covers.
    pub fn node_bound(&self) -> usize {
        self.rows.len().saturating_sub(1)
    }

    /// The links of `n` from one read of the row index.
    pub(crate) fn runs(&self, n: NodeIndex) -> Runs<'_> {
        let i = n.index();
        match (self.rows.get(i), self.rows.get(i + 1)) {
            (Some(&[a, b, c, d]), Some(&[e, ..])) => {
                let run = |x: u32, y: u32| &self.links[x as usize..y as usize];
                Runs {
                    outgoing: run(a, b),
                    incoming: run(b, c),
                    outgoing_members: run(c, d),
                    incoming_members: run(d, e),
                }
            }
            _ => Runs::default(),
        }
    }

    /// Reads the rows of `nodes` and then the first outgoing and incoming links of
    /// each: independent loads the processor overlaps, so that walking the nodes right
    /// after finds them in cache instead of waiting for two misses per node in turn.
    pub(crate) fn touch(&self, nodes: impl Iterator<Item = NodeIndex> + Clone) {
        let mut acc = 0u32;
        for n in nodes.clone() {
            acc ^= self.rows.get(n.index()).map_or(0, |r| r[0]);
        }
        for n in nodes {
            if let Some(r) = self.rows.get(n.index()) {
                for at in [r[0], r[1]] {
                    acc ^= self.links.get(at as usize).map_or(0, |l| l.other);
                }
            }
        }
        std::hint::black_box(acc);
    }

    /// The links leaving `n` and the links arriving at `n`.
    pub fn both(&self, n: NodeIndex) -> (&[Link], &[Link]) {
        let r = self.runs(n);
        (r.outgoing, r.incoming)
    }

    /// The links leaving `n`.
    pub fn outgoing(&self, n: NodeIndex) -> &[Link] {
        self.both(n).0
    }

    /// The links arriving at `n`.
    pub fn incoming(&self, n: NodeIndex) -> &[Link] {
        self.both(n).1
    }

    /// The number of links at `n`, out and in: what expanding it in a search costs.
    pub fn degree(&self, n: NodeIndex) -> usize {
        let (o, i) = self.both(n);
        o.len() + i.len()
    }

    /// The name of relation number `n` (0 is `has-member`).
    pub fn relation(&self, n: u16) -> &Text {
        &self.relations[n as usize]
    }

    /// The number of relations (one more than the largest relation number).
    pub fn relation_count(&self) -> usize {
        self.relations.len()
    }

    /// The number of a relation, if any edge has it.
    pub fn relation_number(&self, name: &str) -> Option<u16> {
        self.relations
            .iter()
            .position(|r| &**r == name)
            .map(|i| i as u16)
    }
}
