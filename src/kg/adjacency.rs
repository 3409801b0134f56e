//! A compact adjacency index for searches: for every node, its outgoing and then its
//! incoming edges as one contiguous run of 8-byte links (compressed sparse rows), so a
//! search walks memory in order instead of chasing petgraph's edge list through full
//! edge weights, and finds both runs of a node with one read of the row index. Each
//! link also carries the degree of the node at its other end, so a search can weigh
//! the frontier it is building without a random read per node. A link's edge and
//! relation, needed only to filter by relation or confidence and to build the hops of
//! found paths, sit in arrays of their own at the same position, so that a search
//! scanning a hub's links reads half the bytes. Built once, on the first search, from
//! the graph as it is.

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use rustc_hash::FxHashMap;

use super::{Edge, Node};
use crate::claim::Text;
use crate::vocab::{HAS_MEMBER, IS_A};

/// One edge seen from one of its ends: the node at the other end, and flags and that
/// node's degree packed in one word. The edge and relation are kept by position
/// ([`Adjacency::edge`], [`Adjacency::relation_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub(crate) other: u32,
    /// The flags in the low bits, the degree of the node at the other end above them.
    meta: u32,
}

const NEGATED: u32 = 1;
/// A structural link: membership or hierarchy, not a claim.
const STRUCTURAL: u32 = 2;
/// The node at the other end can be reached by an upward structural hop.
const WHOLE: u32 = 4;
/// A hierarchy link (`is-a`), among the structural ones.
const HIERARCHY: u32 = 8;
const FLAG_BITS: u32 = 4;
/// The largest degree a link records; larger ones are recorded as this (no node of a
/// graph that fits in memory comes near: it is half a billion edges).
const MAX_DEGREE: u32 = u32::MAX >> FLAG_BITS;

impl Link {
    fn new(other: u32, flags: u32, degree: u32) -> Link {
        Link {
            other,
            meta: degree.min(MAX_DEGREE) << FLAG_BITS | flags,
        }
    }

    /// A negated claim.
    pub fn negated(&self) -> bool {
        self.meta & NEGATED != 0
    }

    /// A structural edge, not a claim: membership (combination to member) or hierarchy
    /// (entity to parent).
    pub fn structural(&self) -> bool {
        self.meta & STRUCTURAL != 0
    }

    /// A hierarchy edge (`is-a`, entity to parent).
    pub fn hierarchy(&self) -> bool {
        self.meta & HIERARCHY != 0
    }

    /// Whether walking this link `reversed` (against the edge) goes up: from a member to
    /// its combination (`member-of`) or from an entity to its parent (`is-a`).
    pub fn upward(&self, reversed: bool) -> bool {
        self.structural() && (reversed != self.hierarchy())
    }

    /// The node at the other end is a whole: a combination (has members) or a parent
    /// (has forms), where an upward hop can end.
    pub fn to_whole(&self) -> bool {
        self.meta & WHOLE != 0
    }

    /// The node at the other end.
    pub fn other(&self) -> NodeIndex {
        NodeIndex::new(self.other as usize)
    }

    /// The number of links of the node at the other end, out and in: what expanding
    /// that node in a search costs.
    pub fn other_degree(&self) -> usize {
        (self.meta >> FLAG_BITS) as usize
    }
}

/// An edge's source and target indices, index, relation number and flags.
type Endpoints = (u32, u32, u32, u16, u32);

/// A run of links and the position of its first.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Run<'a> {
    /// The position of the first link (for [`Adjacency::edge`] and
    /// [`Adjacency::relation_of`]).
    pub at: u32,
    /// The links.
    pub links: &'a [Link],
}

/// The links of one node, each run in edge index order.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Runs<'a> {
    /// Every link leaving the node.
    pub outgoing: Run<'a>,
    /// Every link arriving at the node.
    pub incoming: Run<'a>,
    /// The structural (membership and hierarchy) links among `outgoing`.
    pub outgoing_members: Run<'a>,
    /// The structural (membership and hierarchy) links among `incoming`.
    pub incoming_members: Run<'a>,
}

/// Outgoing and incoming links of every node.
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    /// Per node (and one past the last): where its outgoing, incoming, outgoing
    /// structural and incoming structural runs start; each ends where the next starts,
    /// the last where the next node's first does.
    rows: Vec<[u32; 4]>,
    links: Vec<Link>,
    /// The edge of the link at the same position.
    edges: Vec<u32>,
    /// The relation number of the link at the same position.
    link_relations: Vec<u16>,
    relations: Vec<Text>,
    /// Per node: a whole (a combination, or a parent of some node).
    wholes: Vec<bool>,
}

impl Adjacency {
    /// The index of `graph`; links of a node in edge index order.
    pub(super) fn build(graph: &StableDiGraph<Node, Edge>) -> Adjacency {
        let bound = graph.node_bound();
        let mut relations: Vec<Text> = vec![Text::from(HAS_MEMBER), Text::from(IS_A)];
        let mut numbers: FxHashMap<&str, u16> = FxHashMap::default();
        numbers.insert(HAS_MEMBER, 0);
        numbers.insert(IS_A, 1);
        let mut wholes: Vec<bool> = (0..bound)
            .map(|n| {
                graph
                    .node_weight(NodeIndex::new(n))
                    .is_some_and(|n| !n.members.is_empty())
            })
            .collect();
        let mut ends: Vec<Endpoints> = Vec::with_capacity(graph.edge_count());
        for er in graph.edge_references() {
            let (relation, negated, flags) = match er.weight() {
                Edge::HasMember => (0, false, STRUCTURAL),
                Edge::IsA => {
                    wholes[er.target().index()] = true;
                    (1, false, STRUCTURAL | HIERARCHY)
                }
                Edge::Claim(c) => {
                    let next = relations.len() as u16;
                    let n = *numbers.entry(&c.relation).or_insert_with(|| {
                        relations.push(c.relation.clone());
                        next
                    });
                    (n, c.negated, 0)
                }
            };
            let flags = flags | if negated { NEGATED } else { 0 };
            ends.push((
                er.source().index() as u32,
                er.target().index() as u32,
                er.id().index() as u32,
                relation,
                flags,
            ));
        }
        ends.sort_unstable_by_key(|e| e.2);
        let (mut outs, mut ins) = (vec![0u32; bound], vec![0u32; bound]);
        let (mut out_members, mut in_members) = (vec![0u32; bound], vec![0u32; bound]);
        for &(s, t, _, _, flags) in &ends {
            outs[s as usize] += 1;
            ins[t as usize] += 1;
            if flags & STRUCTURAL != 0 {
                out_members[s as usize] += 1;
                in_members[t as usize] += 1;
            }
        }
        // Per node: outgoing, incoming, then its structural links again, outgoing and
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
        let whole = |n: u32| wholes[n as usize];
        let mut links = vec![Link { other: 0, meta: 0 }; at as usize];
        let mut edges = vec![0u32; at as usize];
        let mut link_relations = vec![0u16; at as usize];
        let mut fill: Vec<[u32; 4]> = rows.clone();
        for &(s, t, edge, relation, flags) in &ends {
            for (at, other, run) in [(s, t, 0), (t, s, 1)] {
                let link = Link::new(
                    other,
                    flags | if whole(other) { WHOLE } else { 0 },
                    outs[other as usize] + ins[other as usize],
                );
                let runs: &[usize] = if flags & STRUCTURAL != 0 {
                    &[run, run + 2]
                } else {
                    &[run]
                };
                for &r in runs {
                    let slot = &mut fill[at as usize][r];
                    links[*slot as usize] = link;
                    edges[*slot as usize] = edge;
                    link_relations[*slot as usize] = relation;
                    *slot += 1;
                }
            }
        }
        Adjacency {
            rows,
            links,
            edges,
            link_relations,
            relations,
            wholes,
        }
    }

    /// Whether `n` is a whole: a combination, or the parent of some node, so that an
    /// upward hop (`member-of`, `is-a`) can end there.
    pub fn is_whole(&self, n: NodeIndex) -> bool {
        self.wholes.get(n.index()).copied().unwrap_or(false)
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
                let run = |x: u32, y: u32| Run {
                    at: x,
                    links: &self.links[x as usize..y as usize],
                };
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

    /// The edge of the link at position `at`.
    pub fn edge(&self, at: u32) -> EdgeIndex {
        EdgeIndex::new(self.edges[at as usize] as usize)
    }

    /// The relation number of the link at position `at`.
    pub fn relation_of(&self, at: u32) -> u16 {
        self.link_relations[at as usize]
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
        (r.outgoing.links, r.incoming.links)
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

    /// The name of relation number `n` (0 is `has-member`, 1 is `is-a`).
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

#[cfg(test)]
mod tests {
    use crate::claim::EntityRef;
    use crate::kg::{Edge, KnowledgeGraph};
    use crate::query::tests::{c, e};
    use petgraph::Direction;
    use petgraph::visit::EdgeRef;

    /// Every run holds exactly the node's edges in edge order, and every link names its
    /// edge, relation, flags, other end and that end's degree as the graph has them.
    #[test]
    fn links_agree_with_the_graph() {
        let combo = EntityRef::combination(vec![e("A"), e("B")], None);
        let claims = vec![
            c(combo.clone(), "suppresses", "T", false),
            c(e("T"), "induces", "U", false),
            c(e("T"), "induces", "U", true),
            c(e("B"), "inhibits", "T", false),
            c(e("U"), "activates", "A", false),
            c(combo, "induces", "U", false),
        ];
        let mut kg = KnowledgeGraph::from_claims(&claims);
        // Hierarchy: T is a form of A (a member of the combination), U of T.
        let mut lex = crate::lexicon::Lexicon::default();
        lex.set_parents("T", vec!["A".into()]);
        lex.set_parents("U", vec!["T".into(), "missing".into()]);
        assert_eq!(kg.link_hierarchy(&lex), 2);
        let kg = kg.canonicalize();
        let g = kg.graph();
        let a = kg.adjacency();
        let degree = |n| {
            g.edges_directed(n, Direction::Outgoing).count()
                + g.edges_directed(n, Direction::Incoming).count()
        };
        for n in g.node_indices() {
            let r = a.runs(n);
            for (run, members, dir) in [
                (r.outgoing, r.outgoing_members, Direction::Outgoing),
                (r.incoming, r.incoming_members, Direction::Incoming),
            ] {
                let mut edges: Vec<_> = g.edges_directed(n, dir).map(|er| er.id()).collect();
                edges.sort();
                let found: Vec<_> = (run.at..)
                    .zip(run.links)
                    .map(|(at, _)| a.edge(at))
                    .collect();
                assert_eq!(found, edges);
                for (at, l) in (run.at..).zip(run.links) {
                    let edge = a.edge(at);
                    let (s, t) = g.edge_endpoints(edge).unwrap();
                    let other = if dir == Direction::Outgoing { t } else { s };
                    assert_eq!(l.other(), other);
                    assert_eq!(&**a.relation(a.relation_of(at)), g[edge].relation());
                    assert_eq!(l.structural(), g[edge].claim().is_none());
                    assert_eq!(l.hierarchy(), matches!(g[edge], Edge::IsA));
                    assert_eq!(l.negated(), g[edge].claim().is_some_and(|c| c.negated));
                    let parent = g
                        .edges_directed(other, Direction::Incoming)
                        .any(|er| matches!(er.weight(), Edge::IsA));
                    assert_eq!(l.to_whole(), !kg.node(other).members.is_empty() || parent);
                    assert_eq!(l.other_degree(), degree(other));
                }
                let member_links: Vec<_> = run
                    .links
                    .iter()
                    .filter(|l| l.structural())
                    .copied()
                    .collect();
                assert_eq!(members.links, &member_links[..]);
                for (at, l) in (members.at..).zip(members.links) {
                    let is_a = matches!(g[a.edge(at)], Edge::IsA);
                    assert!(is_a || matches!(g[a.edge(at)], Edge::HasMember));
                    assert_eq!(a.relation_of(at), u16::from(is_a));
                    assert!(l.structural());
                }
            }
        }
    }
}
