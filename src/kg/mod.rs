//! The knowledge graph: entities as nodes, one edge per distinct claim
//! (subject, relation, object, polarity) holding every evidence, and `has-member` edges
//! from combinations to their members.
//!
//! Assembly is associative and commutative: nodes and edges are kept in canonical order
//! (by id) and evidence in a sorted set, so the same claims in any order or grouping give
//! the same graph and the same saved bytes. Edge ids come from a stable hash of content.

mod persist;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde::{Deserialize, Serialize};

use crate::claim::{Claim, Context, EntityRef, Evidence};
use crate::lexicon::Kind;
use crate::vocab::{HAS_MEMBER, Sign, Vocabulary};

pub use persist::{FORMAT_VERSION, MAGIC, is_saved_graph};

/// A node: an entity (its mention is not kept; names live in label and synonyms).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// CURIE or minted id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Kind.
    pub kind: Kind,
    /// Other names, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
    /// Member ids of a combination, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
}

/// One piece of evidence for an edge: where it is stated, and how.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EvidenceRecord {
    /// The text.
    pub evidence: Evidence,
    /// Stated with hedging.
    pub hedged: bool,
    /// Species, population, tissue.
    pub context: Context,
}

/// A claim edge: every evidence of one (subject, relation, object, negated).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimEdge {
    /// Stable id from the content hash.
    pub id: String,
    /// Relation name.
    pub relation: String,
    /// Whether the claim is denied.
    pub negated: bool,
    /// Evidence, sorted and distinct.
    pub evidence: Vec<EvidenceRecord>,
}

impl ClaimEdge {
    /// Confidence from the evidence set: 1 − Π over documents of (1 − w), where w is 0.6
    /// for a document with unhedged evidence and 0.3 when all its evidence is hedged.
    pub fn confidence(&self) -> f64 {
        let mut per_doc: BTreeMap<&str, f64> = BTreeMap::new();
        for e in &self.evidence {
            let w = if e.hedged { 0.3 } else { 0.6 };
            let slot = per_doc.entry(e.evidence.document.as_str()).or_insert(0.0);
            *slot = slot.max(w);
        }
        let miss: f64 = per_doc.values().map(|w| 1.0 - w).product();
        ((1.0 - miss) * 1e6).round() / 1e6
    }

    /// Whether every evidence is hedged.
    pub fn hedged(&self) -> bool {
        !self.evidence.is_empty() && self.evidence.iter().all(|e| e.hedged)
    }

    /// The distinct documents of the evidence.
    pub fn documents(&self) -> BTreeSet<&str> {
        self.evidence
            .iter()
            .map(|e| e.evidence.document.as_str())
            .collect()
    }
}

/// An edge of the graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edge {
    /// A claim.
    Claim(ClaimEdge),
    /// From a combination to one of its members.
    HasMember,
}

impl Edge {
    /// The relation name (`has-member` for membership).
    pub fn relation(&self) -> &str {
        match self {
            Edge::Claim(c) => &c.relation,
            Edge::HasMember => HAS_MEMBER,
        }
    }

    /// The claim, if this is a claim edge.
    pub fn claim(&self) -> Option<&ClaimEdge> {
        match self {
            Edge::Claim(c) => Some(c),
            Edge::HasMember => None,
        }
    }
}

/// A contradiction: one pair of entities with conflicting claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contradiction {
    /// Subject id.
    pub subject: String,
    /// Object id.
    pub object: String,
    /// The conflicting relations, with `not ` before a negated one.
    pub claims: Vec<String>,
}

/// The stable 64-bit FNV-1a hash used for ids (never `DefaultHasher`).
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The id of the claim edge (subject, relation, object, negated).
pub fn claim_id(subject: &str, relation: &str, object: &str, negated: bool) -> String {
    let polarity = if negated { "negated" } else { "affirmed" };
    format!(
        "claim:{:016x}",
        stable_hash(&[subject, relation, object, polarity])
    )
}

type EdgeKey = (String, String, String, bool);

/// The knowledge graph.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<Node, Edge>,
    nodes: HashMap<String, NodeIndex>,
    edges: HashMap<EdgeKey, EdgeIndex>,
    /// Normalised names (labels, synonyms) to nodes, built on the first `find`.
    names: std::sync::OnceLock<HashMap<String, Vec<NodeIndex>>>,
}

impl KnowledgeGraph {
    /// An empty graph.
    pub fn new() -> KnowledgeGraph {
        KnowledgeGraph::default()
    }

    /// The graph from claims, in canonical order.
    pub fn from_claims<'c>(claims: impl IntoIterator<Item = &'c Claim>) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        for c in claims {
            g.add_claim(c);
        }
        g.canonicalize()
    }

    /// The underlying petgraph graph.
    pub fn graph(&self) -> &StableDiGraph<Node, Edge> {
        &self.graph
    }

    /// The node with this id.
    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.nodes.get(id).copied()
    }

    /// The node at `ix`.
    pub fn node(&self, ix: NodeIndex) -> &Node {
        &self.graph[ix]
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of claim edges (membership edges not counted).
    pub fn claim_count(&self) -> usize {
        self.edges.len()
    }

    /// Adds or merges an entity; returns its node.
    pub fn add_entity(&mut self, e: &EntityRef) -> NodeIndex {
        self.names = std::sync::OnceLock::new();
        let member_ix: Vec<NodeIndex> = e.members.iter().map(|m| self.add_entity(m)).collect();
        let ix = match self.nodes.get(&e.id) {
            Some(&ix) => {
                let n = &mut self.graph[ix];
                // Merge deterministically: the smaller label and kind win, synonyms unite.
                if e.label < n.label {
                    let old = std::mem::replace(&mut n.label, e.label.clone());
                    n.synonyms.push(old);
                } else if e.label != n.label {
                    n.synonyms.push(e.label.clone());
                }
                if e.kind < n.kind {
                    n.kind = e.kind;
                }
                n.synonyms.extend(e.synonyms.iter().cloned());
                n.synonyms.retain(|s| s != &n.label);
                n.synonyms.sort();
                n.synonyms.dedup();
                ix
            }
            None => {
                let mut synonyms: Vec<String> = e
                    .synonyms
                    .iter()
                    .filter(|s| **s != e.label)
                    .cloned()
                    .collect();
                synonyms.sort();
                synonyms.dedup();
                let mut members: Vec<String> = e.members.iter().map(|m| m.id.clone()).collect();
                members.sort();
                let ix = self.graph.add_node(Node {
                    id: e.id.clone(),
                    label: e.label.clone(),
                    kind: e.kind,
                    synonyms,
                    members,
                });
                self.nodes.insert(e.id.clone(), ix);
                ix
            }
        };
        for m in member_ix {
            if !self
                .graph
                .edges_connecting(ix, m)
                .any(|er| matches!(er.weight(), Edge::HasMember))
            {
                self.graph.add_edge(ix, m, Edge::HasMember);
            }
        }
        ix
    }

    /// Adds a claim, merging it into the edge of the same (subject, relation, object,
    /// negated) when there is one.
    pub fn add_claim(&mut self, c: &Claim) {
        let s = self.add_entity(&c.subject);
        let o = self.add_entity(&c.object);
        let record = EvidenceRecord {
            evidence: c.evidence.clone(),
            hedged: c.hedged,
            context: c.context.clone(),
        };
        self.add_evidence(s, &c.relation, o, c.negated, std::iter::once(record));
    }

    fn add_evidence(
        &mut self,
        s: NodeIndex,
        relation: &str,
        o: NodeIndex,
        negated: bool,
        records: impl IntoIterator<Item = EvidenceRecord>,
    ) {
        let key = (
            self.graph[s].id.clone(),
            relation.to_string(),
            self.graph[o].id.clone(),
            negated,
        );
        let ix = match self.edges.get(&key) {
            Some(&ix) => ix,
            None => {
                let id = claim_id(&key.0, relation, &key.2, negated);
                let ix = self.graph.add_edge(
                    s,
                    o,
                    Edge::Claim(ClaimEdge {
                        id,
                        relation: relation.to_string(),
                        negated,
                        evidence: Vec::new(),
                    }),
                );
                self.edges.insert(key, ix);
                ix
            }
        };
        if let Edge::Claim(edge) = &mut self.graph[ix] {
            edge.evidence.extend(records);
            edge.evidence.sort();
            edge.evidence.dedup();
        }
    }

    /// Merges another graph into this one.
    pub fn merge(&mut self, other: &KnowledgeGraph) {
        // entity_ref carries the members, so add_entity re-links them too.
        for ix in other.graph.node_indices() {
            self.add_entity(&other.entity_ref(ix));
        }
        for er in other.graph.edge_references() {
            if let Edge::Claim(c) = er.weight() {
                let s = self.nodes[&other.graph[er.source()].id];
                let o = self.nodes[&other.graph[er.target()].id];
                self.add_evidence(s, &c.relation, o, c.negated, c.evidence.iter().cloned());
            }
        }
    }

    /// The entity reference of a node (with its members).
    pub fn entity_ref(&self, ix: NodeIndex) -> EntityRef {
        let n = &self.graph[ix];
        let members = n
            .members
            .iter()
            .filter_map(|m| self.nodes.get(m).map(|&mi| self.entity_ref(mi)))
            .collect();
        EntityRef {
            id: n.id.clone(),
            label: n.label.clone(),
            kind: n.kind,
            mention: None,
            synonyms: n.synonyms.clone(),
            members,
        }
    }

    /// The same graph rebuilt with nodes sorted by id and edges by (subject, relation,
    /// object, negated), so that indices and iteration order are canonical.
    pub fn canonicalize(&self) -> KnowledgeGraph {
        let mut out = KnowledgeGraph::new();
        let mut ids: Vec<NodeIndex> = self.graph.node_indices().collect();
        ids.sort_by(|a, b| self.graph[*a].id.cmp(&self.graph[*b].id));
        for ix in &ids {
            let n = self.graph[*ix].clone();
            let id = n.id.clone();
            let new = out.graph.add_node(n);
            out.nodes.insert(id, new);
        }
        let mut edges: Vec<(&String, &str, &String, bool, Option<&ClaimEdge>)> = self
            .graph
            .edge_references()
            .map(|er| {
                let w = er.weight();
                let negated = w.claim().is_some_and(|c| c.negated);
                (
                    &self.graph[er.source()].id,
                    w.relation(),
                    &self.graph[er.target()].id,
                    negated,
                    w.claim(),
                )
            })
            .collect();
        edges.sort_by(|a, b| (a.0, a.1, a.2, a.3).cmp(&(b.0, b.1, b.2, b.3)));
        for (s, rel, o, negated, claim) in edges {
            let (si, oi) = (out.nodes[s], out.nodes[o]);
            match claim {
                Some(c) => {
                    let ix = out.graph.add_edge(si, oi, Edge::Claim(c.clone()));
                    out.edges
                        .insert((s.clone(), rel.to_string(), o.clone(), negated), ix);
                }
                None => {
                    out.graph.add_edge(si, oi, Edge::HasMember);
                }
            }
        }
        out
    }

    /// The subgraph induced by `nodes` (claims and memberships among them).
    pub fn subgraph(&self, nodes: &[NodeIndex]) -> KnowledgeGraph {
        let keep: BTreeSet<NodeIndex> = nodes.iter().copied().collect();
        let mut out = KnowledgeGraph::new();
        for &ix in &keep {
            let n = self.graph[ix].clone();
            let id = n.id.clone();
            let new = out.graph.add_node(n);
            out.nodes.insert(id, new);
        }
        for er in self.graph.edge_references() {
            if !(keep.contains(&er.source()) && keep.contains(&er.target())) {
                continue;
            }
            let (s, t) = (
                out.nodes[&self.graph[er.source()].id],
                out.nodes[&self.graph[er.target()].id],
            );
            let ix = out.graph.add_edge(s, t, er.weight().clone());
            if let Edge::Claim(c) = er.weight() {
                out.edges.insert(
                    (
                        self.graph[er.source()].id.clone(),
                        c.relation.clone(),
                        self.graph[er.target()].id.clone(),
                        c.negated,
                    ),
                    ix,
                );
            }
        }
        out.canonicalize()
    }

    /// Node indices in canonical (id) order.
    pub fn nodes_sorted(&self) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self.graph.node_indices().collect();
        v.sort_by(|a, b| self.graph[*a].id.cmp(&self.graph[*b].id));
        v
    }

    /// Claim edges in canonical order: (source, target, edge).
    pub fn claims_sorted(&self) -> Vec<(NodeIndex, NodeIndex, &ClaimEdge)> {
        let mut v: Vec<(NodeIndex, NodeIndex, &ClaimEdge)> = self
            .graph
            .edge_references()
            .filter_map(|er| er.weight().claim().map(|c| (er.source(), er.target(), c)))
            .collect();
        v.sort_by(|a, b| {
            (
                &self.graph[a.0].id,
                &a.2.relation,
                &self.graph[a.1].id,
                a.2.negated,
            )
                .cmp(&(
                    &self.graph[b.0].id,
                    &b.2.relation,
                    &self.graph[b.1].id,
                    b.2.negated,
                ))
        });
        v
    }

    /// Membership edges in canonical order: (combination, member).
    pub fn memberships_sorted(&self) -> Vec<(NodeIndex, NodeIndex)> {
        let mut v: Vec<(NodeIndex, NodeIndex)> = self
            .graph
            .edge_references()
            .filter(|er| matches!(er.weight(), Edge::HasMember))
            .map(|er| (er.source(), er.target()))
            .collect();
        v.sort_by(|a, b| {
            (&self.graph[a.0].id, &self.graph[a.1].id)
                .cmp(&(&self.graph[b.0].id, &self.graph[b.1].id))
        });
        v
    }

    /// The claims of the graph, one per evidence, in canonical order.
    pub fn to_claims(&self) -> Vec<Claim> {
        let mut out = Vec::new();
        for (s, o, c) in self.claims_sorted() {
            for e in &c.evidence {
                out.push(Claim {
                    subject: self.entity_ref(s),
                    relation: c.relation.clone(),
                    object: self.entity_ref(o),
                    negated: c.negated,
                    hedged: e.hedged,
                    context: e.context.clone(),
                    evidence: e.evidence.clone(),
                });
            }
        }
        out
    }

    /// Pairs of entities with an affirmed and a negated claim of the same relation, or
    /// with affirmed claims of opposite sign.
    pub fn contradictions(&self, vocab: &Vocabulary) -> Vec<Contradiction> {
        let mut by_pair: BTreeMap<(&str, &str), Vec<(&str, bool)>> = BTreeMap::new();
        for (s, o, c) in self.claims_sorted() {
            by_pair
                .entry((&self.graph[s].id, &self.graph[o].id))
                .or_default()
                .push((&c.relation, c.negated));
        }
        let mut out = Vec::new();
        for ((s, o), claims) in by_pair {
            let mut conflicting = BTreeSet::new();
            for &(r1, n1) in &claims {
                for &(r2, n2) in &claims {
                    let polarity = r1 == r2 && !n1 && n2;
                    let (a, b) = (vocab.sign(r1), vocab.sign(r2));
                    let opposite =
                        !n1 && !n2 && a != Sign::Unsigned && b != Sign::Unsigned && a != b;
                    if polarity || opposite {
                        for (r, n) in [(r1, n1), (r2, n2)] {
                            conflicting.insert(if n { format!("not {r}") } else { r.to_string() });
                        }
                    }
                }
            }
            if !conflicting.is_empty() {
                out.push(Contradiction {
                    subject: s.to_string(),
                    object: o.to_string(),
                    claims: conflicting.into_iter().collect(),
                });
            }
        }
        out
    }

    /// Counts of nodes by kind.
    pub fn nodes_by_kind(&self) -> BTreeMap<Kind, usize> {
        let mut m = BTreeMap::new();
        for n in self.graph.node_weights() {
            *m.entry(n.kind).or_insert(0) += 1;
        }
        m
    }

    /// The `n` nodes with the most claims (in and out), most first, ties by id.
    pub fn degree_leaders(&self, n: usize) -> Vec<(NodeIndex, usize)> {
        let mut degree: BTreeMap<NodeIndex, usize> = BTreeMap::new();
        for er in self.graph.edge_references() {
            if er.weight().claim().is_some() {
                *degree.entry(er.source()).or_insert(0) += 1;
                *degree.entry(er.target()).or_insert(0) += 1;
            }
        }
        let mut v: Vec<(NodeIndex, usize)> = degree.into_iter().collect();
        v.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.graph[a.0].id.cmp(&self.graph[b.0].id))
        });
        v.truncate(n);
        v
    }

    /// Counts of claim edges by relation (negated ones as `not RELATION`).
    pub fn edges_by_relation(&self) -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for e in self.graph.edge_weights() {
            if let Edge::Claim(c) = e {
                let key = if c.negated {
                    format!("not {}", c.relation)
                } else {
                    c.relation.clone()
                };
                *m.entry(key).or_insert(0) += 1;
            }
        }
        m
    }

    /// Finds nodes by name: an exact id, label or synonym (case-insensitive, Greek
    /// letters and punctuation folded).
    pub fn find(&self, name: &str) -> Vec<NodeIndex> {
        if let Some(&ix) = self.nodes.get(name) {
            return vec![ix];
        }
        let names = self.names.get_or_init(|| {
            let mut m: HashMap<String, Vec<NodeIndex>> = HashMap::new();
            for ix in self.graph.node_indices() {
                let n = &self.graph[ix];
                for s in std::iter::once(&n.label).chain(&n.synonyms) {
                    let list = m.entry(crate::lexicon::normalize_label(s)).or_default();
                    if !list.contains(&ix) {
                        list.push(ix);
                    }
                }
                let list = m.entry(n.id.to_lowercase()).or_default();
                if !list.contains(&ix) {
                    list.push(ix);
                }
            }
            m
        });
        let key = crate::lexicon::normalize_label(name);
        let mut hits: Vec<NodeIndex> = names.get(&key).cloned().unwrap_or_default();
        for ix in names.get(&name.to_lowercase()).into_iter().flatten() {
            if !hits.contains(ix) {
                hits.push(*ix);
            }
        }
        // Label matches before synonym matches, then by id.
        hits.sort_by(|a, b| {
            let (na, nb) = (&self.graph[*a], &self.graph[*b]);
            let by_synonym = |n: &Node| crate::lexicon::normalize_label(&n.label) != key;
            (by_synonym(na), &na.id).cmp(&(by_synonym(nb), &nb.id))
        });
        hits
    }

    /// Up to `n` known labels closest to `name` (by edit distance), for error messages.
    pub fn closest_names(&self, name: &str, n: usize) -> Vec<String> {
        let key = name.to_lowercase();
        let mut scored: Vec<(usize, String)> = self
            .graph
            .node_weights()
            .map(|node| {
                let best = std::iter::once(&node.label)
                    .chain(&node.synonyms)
                    .map(|s| edit_distance(&key, &s.to_lowercase()))
                    .min()
                    .unwrap_or(usize::MAX);
                (best, node.label.clone())
            })
            .collect();
        scored.sort();
        scored.dedup_by(|a, b| a.1 == b.1);
        scored.into_iter().take(n).map(|(_, l)| l).collect()
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(id: &str, label: &str, kind: Kind) -> EntityRef {
        EntityRef {
            id: id.into(),
            label: label.into(),
            kind,
            mention: None,
            synonyms: vec![],
            members: vec![],
        }
    }

    fn claim(s: &str, r: &str, o: &str, negated: bool, doc: &str, hedged: bool) -> Claim {
        Claim {
            subject: ent(s, s, Kind::Nutrient),
            relation: r.into(),
            object: ent(o, o, Kind::Cytokine),
            negated,
            hedged,
            context: Context::default(),
            evidence: Evidence {
                document: doc.into(),
                sentence: format!("{s} {r} {o} in {doc}"),
                ..Evidence::default()
            },
        }
    }

    #[test]
    fn merges_same_claims_and_keeps_polarity_apart() {
        let claims = vec![
            claim("A:1", "suppresses", "B:1", false, "d1", false),
            claim("A:1", "suppresses", "B:1", false, "d2", true),
            claim("A:1", "suppresses", "B:1", true, "d3", false),
            claim("A:1", "induces", "B:1", false, "d3", false),
        ];
        let g = KnowledgeGraph::from_claims(&claims);
        assert_eq!(g.claim_count(), 3);
        let (_, _, e) = g
            .claims_sorted()
            .into_iter()
            .find(|(_, _, c)| c.relation == "suppresses" && !c.negated)
            .unwrap();
        assert_eq!(e.evidence.len(), 2);
        assert!((e.confidence() - (1.0 - 0.4 * 0.7)).abs() < 1e-9);
        let contra = g.contradictions(&Vocabulary::bundled());
        assert_eq!(contra.len(), 1);
        assert_eq!(
            contra[0].claims,
            vec!["induces", "not suppresses", "suppresses"]
        );
    }

    #[test]
    fn combination_members_are_linked() {
        let combo = EntityRef::combination(
            vec![
                ent("X:1", "x", Kind::Nutrient),
                ent("Y:1", "y", Kind::Nutrient),
            ],
            None,
        );
        let mut c = claim("Q:1", "increases", "Z:1", false, "d", false);
        c.subject = combo;
        let g = KnowledgeGraph::from_claims([&c]);
        assert_eq!(g.node_count(), 4);
        assert_eq!(g.memberships_sorted().len(), 2);
    }

    #[test]
    fn stable_ids() {
        assert_eq!(
            claim_id("a", "b", "c", false),
            claim_id("a", "b", "c", false)
        );
        assert_ne!(
            claim_id("a", "b", "c", false),
            claim_id("a", "b", "c", true)
        );
        // FNV-1a over the parts, each followed by 0x1f: fixed forever, saved ids depend on it.
        assert_eq!(
            claim_id("zinc", "suppresses", "IL-17", false),
            "claim:a1ebb8622a6a5b7c"
        );
    }
}
