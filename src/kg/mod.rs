//! The knowledge graph: entities as nodes, one edge per distinct claim
//! (subject, relation, object, polarity) holding every evidence, `has-member` edges
//! from combinations to their members, and `is-a` edges from an entity to the entities
//! the lexicon names as its parents (hierarchy; see [`KnowledgeGraph::link_hierarchy`]).
//! Membership and hierarchy edges are not claims: they carry no evidence and are counted
//! apart ([`KnowledgeGraph::claim_count`], [`KnowledgeGraph::edge_counts`]).
//!
//! Assembly is associative and commutative: nodes and edges are kept in canonical order
//! (by id) and evidence in a sorted set, so the same claims in any order or grouping give
//! the same graph and the same saved bytes. Edge ids come from a stable hash of content.

mod adjacency;
mod edge_table;
mod node_table;
mod persist;

pub use adjacency::{Adjacency, Link};

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::claim::{BorrowedClaim, BorrowedEntity, Claim, Context, EntityRef, Evidence, Text};
use crate::lexicon::Kind;
use crate::vocab::{HAS_MEMBER, IS_A};

pub use persist::{FORMAT_VERSION, MAGIC, READ_VERSIONS, is_saved_graph};

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

impl EvidenceRecord {
    /// The weight of this evidence in [`ClaimEdge::confidence`].
    pub fn weight(&self) -> f64 {
        let mut w = if self.hedged { 0.3 } else { 0.6 };
        if let Some(score) = self.evidence.score {
            w *= score.value();
        }
        if !self.evidence.verified {
            w /= 2.0;
        }
        w
    }
}

/// A claim edge: every evidence of one (subject, relation, object, negated).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimEdge {
    /// Stable id from the content hash.
    pub id: ClaimId,
    /// Relation name (shared by every edge of the relation).
    pub relation: Text,
    /// Whether the claim is denied.
    pub negated: bool,
    /// Evidence, sorted and distinct.
    pub evidence: Vec<EvidenceRecord>,
}

impl ClaimEdge {
    /// Confidence from the evidence set: 1 − Π over documents of (1 − w), where w is a
    /// document's largest evidence weight. An evidence weighs 0.6, or 0.3 when hedged;
    /// times the reading model's score when it has one (a claim the model is unsure of
    /// counts for less); halved when it is unverified (an imported record without
    /// source text). A pure function of the set: order and grouping do not matter.
    pub fn confidence(&self) -> f64 {
        if let [only] = self.evidence.as_slice() {
            return (only.weight() * 1e6).round() / 1e6;
        }
        let mut per_doc: BTreeMap<&str, f64> = BTreeMap::new();
        for e in &self.evidence {
            let w = e.weight();
            let slot = per_doc.entry(&*e.evidence.document).or_insert(0.0);
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
            .map(|e| &*e.evidence.document)
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
    /// From an entity to one it is a form, member or subclass of (hierarchy, from the
    /// lexicon's `parents`).
    IsA,
}

impl Edge {
    /// The relation name (`has-member` for membership, `is-a` for hierarchy).
    pub fn relation(&self) -> &str {
        match self {
            Edge::Claim(c) => &c.relation,
            Edge::HasMember => HAS_MEMBER,
            Edge::IsA => IS_A,
        }
    }

    /// The claim, if this is a claim edge.
    pub fn claim(&self) -> Option<&ClaimEdge> {
        match self {
            Edge::Claim(c) => Some(c),
            Edge::HasMember | Edge::IsA => None,
        }
    }
}

/// How many edges of each kind a graph holds: claims (with evidence) and the structural
/// edges, which are not claims. Every command and export that states counts uses these
/// numbers and the words of [`EdgeCounts::describe`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct EdgeCounts {
    /// Claim edges (one per distinct subject, relation, object, polarity).
    pub claims: usize,
    /// `has-member` edges, combination to member.
    #[serde(rename = "membership_links")]
    pub memberships: usize,
    /// `is-a` edges, entity to parent.
    #[serde(rename = "hierarchy_links")]
    pub hierarchy: usize,
}

impl EdgeCounts {
    /// All edges.
    pub fn total(&self) -> usize {
        self.claims + self.memberships + self.hierarchy
    }

    /// `23 claims, 7 membership links, 3 hierarchy links` (zero counts of structural
    /// links left out).
    pub fn describe(&self) -> String {
        let mut s = format!("{} claim{}", self.claims, plural(self.claims));
        if self.memberships > 0 {
            s += &format!(
                ", {} membership link{}",
                self.memberships,
                plural(self.memberships)
            );
        }
        if self.hierarchy > 0 {
            s += &format!(
                ", {} hierarchy link{}",
                self.hierarchy,
                plural(self.hierarchy)
            );
        }
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The stable 64-bit FNV-1a hash used for ids (never `DefaultHasher`).
pub fn stable_hash(parts: &[&str]) -> u64 {
    parts
        .iter()
        .fold(STABLE_HASH_START, |h, p| stable_hash_part(h, p.as_bytes()))
}

/// The state of [`stable_hash`] before any part.
const STABLE_HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// [`stable_hash`] continued from state `h` by one part (its bytes, then 0x1f): hashing
/// part by part lets a caller reuse the state of a common prefix.
fn stable_hash_part(mut h: u64, part: &[u8]) -> u64 {
    for &b in part.iter().chain(std::iter::once(&0x1f)) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The id of the claim edge (subject, relation, object, negated), as written.
pub fn claim_id(subject: &str, relation: &str, object: &str, negated: bool) -> String {
    ClaimId::of(subject, relation, object, negated).to_string()
}

/// A claim edge's id: the stable hash of (subject id, relation, object id, polarity),
/// written `claim:` and 16 hex digits. It is kept as the number: a graph of a million
/// claims holds no id strings, and the saved form recomputes ids instead of storing them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimId(pub u64);

impl ClaimId {
    /// The id of the claim edge (subject, relation, object, negated).
    pub fn of(subject: &str, relation: &str, object: &str, negated: bool) -> ClaimId {
        ClaimId::after_relation(
            ClaimId::prefix(subject.as_bytes(), relation),
            object.as_bytes(),
            negated,
        )
    }

    /// The hash state after the subject and relation, shared by every claim of the pair.
    fn prefix(subject: &[u8], relation: &str) -> u64 {
        stable_hash_part(
            stable_hash_part(STABLE_HASH_START, subject),
            relation.as_bytes(),
        )
    }

    /// The id from [`prefix`](Self::prefix)'s state, the object and the polarity.
    fn after_relation(prefix: u64, object: &[u8], negated: bool) -> ClaimId {
        let polarity: &[u8] = if negated { b"negated" } else { b"affirmed" };
        ClaimId(stable_hash_part(stable_hash_part(prefix, object), polarity))
    }

    /// Reads `claim:` and 16 lowercase hex digits.
    pub fn parse(s: &str) -> Option<ClaimId> {
        let hex = s.strip_prefix("claim:")?;
        if hex.len() != 16 || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return None;
        }
        u64::from_str_radix(hex, 16).ok().map(ClaimId)
    }
}

impl std::fmt::Display for ClaimId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "claim:{:016x}", self.0)
    }
}

impl Serialize for ClaimId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClaimId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ClaimId::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a claim id (`claim:` and 16 hex digits)"
            ))
        })
    }
}

/// What [`KnowledgeGraph::add_entity`] needs of an entity, owned ([`EntityRef`]) or
/// borrowed from the input ([`BorrowedEntity`]).
pub trait EntityLike: Sized {
    /// CURIE or minted id.
    fn id(&self) -> &str;
    /// Preferred label.
    fn label(&self) -> &str;
    /// Kind.
    fn kind(&self) -> Kind;
    /// Other names.
    fn synonyms(&self) -> impl Iterator<Item = &str>;
    /// Members of a combination.
    fn members(&self) -> &[Self];
}

impl EntityLike for EntityRef {
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.label
    }
    fn kind(&self) -> Kind {
        self.kind
    }
    fn synonyms(&self) -> impl Iterator<Item = &str> {
        self.synonyms.iter().map(String::as_str)
    }
    fn members(&self) -> &[Self] {
        &self.members
    }
}

impl EntityLike for BorrowedEntity<'_> {
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.label
    }
    fn kind(&self) -> Kind {
        self.kind
    }
    fn synonyms(&self) -> impl Iterator<Item = &str> {
        self.synonyms.iter().map(|s| &**s)
    }
    fn members(&self) -> &[Self] {
        &self.members
    }
}

use edge_table::EdgeTable;

/// The knowledge graph.
///
/// Built by [`add_claim`](Self::add_claim) / [`add_claim_owned`](Self::add_claim_owned)
/// and [`merge`](Self::merge), then put in canonical order by
/// [`canonicalize`](Self::canonicalize): in a canonical graph, node indices follow ids
/// and edge indices follow (subject, relation, object, negated), so every listing is a
/// walk over indices, not a sort. Evidence strings are interned: one copy of each
/// document id, section, sentence and trigger, however many claims share it (claims
/// read borrowed from a file share a sentence when they come one after another).
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<Node, Edge>,
    nodes: FxHashMap<String, NodeIndex>,
    /// The compact index `add_entity` looks entities up in; built on first need (a
    /// loaded graph that is only read never needs it).
    node_table: Option<node_table::NodeTable>,
    /// Claim edges by key; built on first need (a loaded graph that is only read never
    /// needs it).
    edges: Option<EdgeTable>,
    /// Relation names by id, and ids by name.
    relations: Vec<Text>,
    relation_ids: FxHashMap<String, u32>,
    /// Interned evidence texts.
    texts: FxHashSet<Text>,
    /// The texts last taken for the document, section and sentence of a borrowed claim.
    recent: [Option<Text>; 3],
    claims: usize,
    /// Whether indices are in canonical order and every evidence list is sorted and
    /// distinct.
    canonical: bool,
    /// Normalised names (labels, synonyms) to nodes, built on the first `find`.
    names: std::sync::OnceLock<HashMap<String, Vec<NodeIndex>>>,
    /// The search index, built on first need.
    adjacency: std::sync::OnceLock<Adjacency>,
}

impl KnowledgeGraph {
    /// An empty graph.
    pub fn new() -> KnowledgeGraph {
        KnowledgeGraph {
            canonical: true,
            ..KnowledgeGraph::default()
        }
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
        self.claims
    }

    /// Whether the graph is in canonical order (see [`canonicalize`](Self::canonicalize)).
    pub fn is_canonical(&self) -> bool {
        self.canonical
    }

    fn touch(&mut self) {
        self.canonical = false;
        if self.names.get().is_some() {
            self.names = std::sync::OnceLock::new();
        }
        if self.adjacency.get().is_some() {
            self.adjacency = std::sync::OnceLock::new();
        }
    }

    /// The adjacency index for searches (built on the first call, about 20 ms for a
    /// million edges).
    pub fn adjacency(&self) -> &Adjacency {
        self.adjacency.get_or_init(|| Adjacency::build(&self.graph))
    }

    /// The number of edges at `ix`, in and out (claims and memberships): what expanding
    /// the node in a search costs.
    pub fn degree(&self, ix: NodeIndex) -> usize {
        let a = self.adjacency();
        a.outgoing(ix).len() + a.incoming(ix).len()
    }

    /// Makes room for about `claims` more claims, so that the tables grow once instead
    /// of doubling step by step (each step rehashes and copies every entry). Nodes are
    /// assumed to be about a fifth of the claims; a wrong guess costs one more growth.
    pub fn reserve_claims(&mut self, claims: usize) {
        let nodes = claims / 5;
        self.nodes.reserve(nodes);
        self.node_table().reserve(nodes);
        self.graph.reserve_nodes(nodes);
        self.graph.reserve_edges(claims);
        self.edge_map().reserve(claims);
        // Documents, sections, triggers, contexts (sentences are not looked up).
        self.texts.reserve(claims / 4);
    }

    /// The node table, built from the graph when missing.
    fn node_table(&mut self) -> &mut node_table::NodeTable {
        let graph = &self.graph;
        self.node_table.get_or_insert_with(|| {
            node_table::NodeTable::of_nodes(
                graph.node_indices().map(|ix| (ix, &graph[ix])),
                graph.node_count(),
            )
        })
    }

    /// Adds or merges an entity (owned or borrowed); returns its node.
    pub fn add_entity<E: EntityLike>(&mut self, e: &E) -> NodeIndex {
        self.touch();
        let member_ix: Vec<NodeIndex> = e.members().iter().map(|m| self.add_entity(m)).collect();
        let ix = match self.node_table().find(e) {
            // Seen before exactly so: nothing to merge (the usual case).
            node_table::Found::Same(ix) => ix,
            node_table::Found::Differs { node: ix, slot } => {
                let n = &mut self.graph[ix];
                let label = e.label();
                // The entity differs from the one recorded, but may still add nothing the
                // node lacks (it is another of the entities merged into it).
                let known = |s: &str| {
                    s == n.label || n.synonyms.binary_search_by(|x| x.as_str().cmp(s)).is_ok()
                };
                if label != n.label || !e.synonyms().all(known) {
                    let synonyms = e.synonyms();
                    // Merge deterministically: the smaller label wins, synonyms unite.
                    if label < n.label.as_str() {
                        let old = std::mem::replace(&mut n.label, label.to_string());
                        n.synonyms.push(old);
                    } else if label != n.label {
                        n.synonyms.push(label.to_string());
                    }
                    n.synonyms.extend(synonyms.map(str::to_string));
                    n.synonyms.retain(|s| s != &n.label);
                    n.synonyms.sort();
                    n.synonyms.dedup();
                }
                if e.kind() < n.kind {
                    n.kind = e.kind();
                }
                self.node_table().rerecord(slot, e);
                ix
            }
            node_table::Found::Missing { hash } => {
                let label = e.label();
                let mut synonyms: Vec<String> = e
                    .synonyms()
                    .filter(|s| *s != label)
                    .map(str::to_string)
                    .collect();
                synonyms.sort();
                synonyms.dedup();
                let mut members: Vec<String> =
                    e.members().iter().map(|m| m.id().to_string()).collect();
                members.sort();
                let id = e.id().to_string();
                let ix = self.graph.add_node(Node {
                    id: id.clone(),
                    label: label.to_string(),
                    kind: e.kind(),
                    synonyms,
                    members,
                });
                self.nodes.insert(id, ix);
                self.node_table().insert(hash, ix, e);
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

    /// Links every node to its nearest ancestors in the graph by `is-a` edges, as the
    /// lexicon's `parents` say; returns how many edges it added. Only entities already
    /// in the graph are linked: a parent no claim names is not added as a node (the graph
    /// holds what the claims speak of), but the walk goes on through it, so vitamin D3
    /// reaches a grandparent in the graph when its parent is missing. An edge already
    /// there is not added twice; a graph that gains no edge stays as it was (canonical
    /// or not).
    pub fn link_hierarchy(&mut self, lexicon: &crate::lexicon::Lexicon) -> usize {
        let mut links: Vec<(NodeIndex, NodeIndex)> = Vec::new();
        for child in self.graph.node_indices() {
            let id = &self.graph[child].id;
            let parents = lexicon.parents(id);
            if parents.is_empty() {
                continue;
            }
            let mut stack: Vec<&str> = parents.iter().rev().map(String::as_str).collect();
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            while let Some(p) = stack.pop() {
                if p == id || !seen.insert(p) {
                    continue;
                }
                match self.nodes.get(p) {
                    Some(&parent) => links.push((child, parent)),
                    None => stack.extend(lexicon.parents(p).iter().rev().map(String::as_str)),
                }
            }
        }
        let mut added = 0;
        for (child, parent) in links {
            if self.add_is_a(child, parent) {
                added += 1;
            }
        }
        self.reduce_hierarchy();
        added
    }

    /// Removes every `is-a` edge another chain of `is-a` edges already implies
    /// (child -> grandparent beside child -> parent -> grandparent); returns how many.
    /// Links made in parts (a graph merged from shards, each linked to the ancestors it
    /// held) so reduce to the links of the whole: the hierarchy depends only on the
    /// entities in the graph, never on how its inputs were grouped.
    fn reduce_hierarchy(&mut self) -> usize {
        let mut up: FxHashMap<NodeIndex, Vec<NodeIndex>> = FxHashMap::default();
        let mut edges = Vec::new();
        for e in self.graph.edge_indices() {
            if let (Some(Edge::IsA), Some((c, p))) =
                (self.graph.edge_weight(e), self.graph.edge_endpoints(e))
            {
                up.entry(c).or_default().push(p);
                edges.push((e, c, p));
            }
        }
        let implied: Vec<EdgeIndex> = edges
            .into_iter()
            .filter(|&(_, c, p)| {
                // Is p an ancestor of c through another parent?
                let mut stack: Vec<NodeIndex> = up
                    .get(&c)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&q| q != p)
                    .collect();
                let mut seen: BTreeSet<NodeIndex> = BTreeSet::new();
                while let Some(q) = stack.pop() {
                    if q == p {
                        return true;
                    }
                    if seen.insert(q) {
                        stack.extend(up.get(&q).into_iter().flatten().copied());
                    }
                }
                false
            })
            .map(|(e, _, _)| e)
            .collect();
        for &e in &implied {
            self.graph.remove_edge(e);
        }
        if !implied.is_empty() {
            self.touch();
        }
        implied.len()
    }

    /// Adds the `is-a` edge `child -> parent` unless the graph has it; whether it did.
    pub(crate) fn add_is_a(&mut self, child: NodeIndex, parent: NodeIndex) -> bool {
        if child == parent
            || self
                .graph
                .edges_connecting(child, parent)
                .any(|er| matches!(er.weight(), Edge::IsA))
        {
            return false;
        }
        self.touch();
        self.graph.add_edge(child, parent, Edge::IsA);
        true
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

    /// As [`add_claim`](Self::add_claim), taking the claim: its evidence moves into the
    /// graph without a copy.
    pub fn add_claim_owned(&mut self, c: Claim) {
        let s = self.add_entity(&c.subject);
        let o = self.add_entity(&c.object);
        let record = EvidenceRecord {
            evidence: c.evidence,
            hedged: c.hedged,
            context: c.context,
        };
        self.add_evidence(s, &c.relation, o, c.negated, std::iter::once(record));
    }

    fn intern(&mut self, t: &mut Text) {
        match self.texts.get(&**t) {
            Some(shared) => *t = shared.clone(),
            None => {
                self.texts.insert(t.clone());
            }
        }
    }

    fn intern_opt(&mut self, t: &mut Option<Text>) {
        if let Some(t) = t {
            self.intern(t);
        }
    }

    fn intern_record(&mut self, r: &mut EvidenceRecord) {
        self.intern(&mut r.evidence.document);
        self.intern_opt(&mut r.evidence.section);
        self.intern(&mut r.evidence.sentence);
        self.intern_opt(&mut r.evidence.trigger);
        self.intern_opt(&mut r.evidence.source);
        self.intern_opt(&mut r.context.species);
        self.intern_opt(&mut r.context.population);
        self.intern_opt(&mut r.context.tissue);
    }

    fn relation_id(&mut self, relation: &str) -> u32 {
        if let Some(&id) = self.relation_ids.get(relation) {
            return id;
        }
        let id = self.relations.len() as u32;
        self.relations.push(Text::from(relation));
        self.relation_ids.insert(relation.to_string(), id);
        id
    }

    /// The claim edges by key, built from the graph when missing.
    fn edge_map(&mut self) -> &mut EdgeTable {
        if self.edges.is_none() {
            let mut map = EdgeTable::default();
            map.reserve(self.claims);
            let found: Vec<(NodeIndex, Text, NodeIndex, bool, EdgeIndex)> = self
                .graph
                .edge_references()
                .filter_map(|er| {
                    er.weight().claim().map(|c| {
                        (
                            er.source(),
                            c.relation.clone(),
                            er.target(),
                            c.negated,
                            er.id(),
                        )
                    })
                })
                .collect();
            for (s, relation, o, negated, ix) in found {
                let r = self.relation_id(&relation);
                map.insert((s, r, o, negated), ix);
            }
            self.edges = Some(map);
        }
        self.edges.get_or_insert_with(EdgeTable::default)
    }

    /// The claim edge (subject, relation, object, negated), created when missing.
    /// `ids` are the subject's and object's ids when the caller has them at hand (they
    /// are the nodes' ids): the claim id is hashed from them instead of from the nodes.
    fn claim_edge(
        &mut self,
        s: NodeIndex,
        relation: &str,
        o: NodeIndex,
        negated: bool,
        ids: Option<(&str, &str)>,
    ) -> EdgeIndex {
        self.touch();
        let r = self.relation_id(relation);
        self.edge_map();
        let Some(edges) = self.edges.as_mut() else {
            unreachable!("edge_map builds the map")
        };
        // One lookup for both the found and the new edge.
        let key = (s, r, o, negated);
        match edges.find(key) {
            edge_table::Found::Edge(e) => e,
            edge_table::Found::Vacant(place) => {
                let id = match ids {
                    Some((subject, object)) => ClaimId::of(subject, relation, object, negated),
                    None => ClaimId::of(&self.graph[s].id, relation, &self.graph[o].id, negated),
                };
                let relation = self.relations[r as usize].clone();
                let ix = self.graph.add_edge(
                    s,
                    o,
                    Edge::Claim(ClaimEdge {
                        id,
                        relation,
                        negated,
                        evidence: Vec::new(),
                    }),
                );
                if let Some(edges) = self.edges.as_mut() {
                    edges.fill(place, key, ix);
                }
                self.claims += 1;
                ix
            }
        }
    }

    /// Appends interned records to a claim edge's evidence (sorted and made distinct by
    /// `canonicalize`).
    fn attach(&mut self, ix: EdgeIndex, mut records: Vec<EvidenceRecord>) {
        if let Edge::Claim(edge) = &mut self.graph[ix] {
            // Most edges have one evidence: taking the list as collected keeps its exact
            // capacity, where `append` to an empty list would reserve room for four.
            if edge.evidence.is_empty() {
                edge.evidence = records;
            } else {
                edge.evidence.append(&mut records);
            }
        }
    }

    fn add_evidence(
        &mut self,
        s: NodeIndex,
        relation: &str,
        o: NodeIndex,
        negated: bool,
        records: impl IntoIterator<Item = EvidenceRecord>,
    ) {
        let ix = self.claim_edge(s, relation, o, negated, None);
        let mut records: Vec<EvidenceRecord> = records.into_iter().collect();
        for rec in &mut records {
            self.intern_record(rec);
        }
        self.attach(ix, records);
    }

    /// As [`add_claim`](Self::add_claim), from a claim borrowed from its input line: only
    /// the strings the graph does not hold yet are copied.
    pub fn add_claim_borrowed(&mut self, c: &BorrowedClaim) {
        let table = self.node_table();
        table.prefetch_slot(&c.subject.id);
        table.prefetch_slot(&c.object.id);
        table.prefetch_record(&c.subject.id);
        table.prefetch_record(&c.object.id);
        let s = self.add_entity(&c.subject);
        let o = self.add_entity(&c.object);
        // The edge's slot, and the nodes' edge lists a new edge links into, are fetched
        // while the evidence texts are interned.
        let r = self.relation_id(&c.relation);
        self.edge_map().prefetch((s, r, o, c.negated));
        if let (Some(first), Some(second)) = (
            self.graph.node_weight(NodeIndex::new(0)),
            self.graph.node_weight(NodeIndex::new(1)),
        ) {
            // petgraph keeps nodes in one vector: node i is at first + i × stride (a wrong
            // guess only wastes the prefetch, which never faults).
            let first = std::ptr::from_ref(first).cast::<u8>();
            let stride = (std::ptr::from_ref(second) as usize).wrapping_sub(first as usize);
            for n in [s, o] {
                let at = first.wrapping_add(n.index().wrapping_mul(stride));
                node_table::prefetch(at);
                node_table::prefetch(at.wrapping_add(std::mem::size_of::<Node>()));
            }
        }
        // Consecutive claims mostly come from one document and section, often from one
        // sentence: those are checked against the previous claim's texts first.
        let e = &c.evidence;
        let evidence = Evidence {
            document: self.intern_recent(0, &e.document),
            section: e.section.as_deref().map(|t| self.intern_recent(1, t)),
            sentence: self.recent_sentence(&e.sentence),
            start: e.start,
            end: e.end,
            citations: e.citations.clone(),
            trigger: e.trigger.as_deref().map(|t| self.intern_str(t)),
            score: e.score,
            source: e.source.as_deref().map(|t| self.intern_str(t)),
            verified: e.verified,
        };
        let x = &c.context;
        let context = Context {
            species: x.species.as_deref().map(|t| self.intern_str(t)),
            population: x.population.as_deref().map(|t| self.intern_str(t)),
            tissue: x.tissue.as_deref().map(|t| self.intern_str(t)),
        };
        let record = EvidenceRecord {
            evidence,
            hedged: c.hedged,
            context,
        };
        let ix = self.claim_edge(
            s,
            &c.relation,
            o,
            c.negated,
            Some((&c.subject.id, &c.object.id)),
        );
        self.attach(ix, vec![record]);
    }

    /// As [`intern_str`](Self::intern_str), trying first the text last interned in
    /// `slot` (one slot per evidence field).
    fn intern_recent(&mut self, slot: usize, s: &str) -> Text {
        if let Some(t) = &self.recent[slot]
            && **t == *s
        {
            return t.clone();
        }
        let t = self.intern_str(s);
        self.recent[slot] = Some(t.clone());
        t
    }

    /// The sentence of a borrowed claim: shared with the previous claim's when the same,
    /// a new copy otherwise. Claims of one sentence come together (an extraction writes
    /// a sentence's claims one after the other), and most sentences are stated once, so
    /// looking each up in the table of texts would almost always miss and grow the table
    /// by one; a sentence repeated further apart is only stored twice.
    fn recent_sentence(&mut self, s: &str) -> Text {
        if let Some(t) = &self.recent[2]
            && **t == *s
        {
            return t.clone();
        }
        let t = Text::from(s);
        self.recent[2] = Some(t.clone());
        t
    }

    /// The graph's shared copy of `s`, made when it has none.
    fn intern_str(&mut self, s: &str) -> Text {
        if let Some(shared) = self.texts.get(s) {
            return shared.clone();
        }
        let t = Text::from(s);
        self.texts.insert(t.clone());
        t
    }

    /// Merges another graph into this one, taking its evidence.
    pub fn merge(&mut self, mut other: KnowledgeGraph) {
        // entity_ref carries the members, so add_entity re-links them too.
        let mut map: FxHashMap<NodeIndex, NodeIndex> = FxHashMap::default();
        for ix in other.graph.node_indices() {
            map.insert(ix, self.add_entity(&other.entity_ref(ix)));
        }
        let claims: Vec<EdgeIndex> = other
            .graph
            .edge_indices()
            .filter(|&e| other.graph[e].claim().is_some())
            .collect();
        for e in claims {
            let Some((s, o)) = other.graph.edge_endpoints(e) else {
                continue;
            };
            if let Some(Edge::Claim(c)) = other.graph.remove_edge(e) {
                self.add_evidence(map[&s], &c.relation, map[&o], c.negated, c.evidence);
            }
        }
        for (child, parent) in other.hierarchy_sorted() {
            self.add_is_a(map[&child], map[&parent]);
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

    /// The same graph with nodes in id order and edges in (subject, relation, object,
    /// negated) order (claims and memberships, then the hierarchy links by child and
    /// parent), so that indices and iteration order are canonical, and every
    /// evidence list sorted and distinct. Free on a graph that is canonical already.
    pub fn canonicalize(mut self) -> KnowledgeGraph {
        if self.canonical {
            return self;
        }
        // The key map and the node table are rebuilt on demand; free them before the new
        // graph is allocated.
        self.edges = None;
        self.node_table = None;
        let order = self.nodes_by_id();
        let mut rank = vec![u32::MAX; self.graph.node_bound()];
        for (i, ix) in order.iter().enumerate() {
            rank[ix.index()] = i as u32;
        }
        // Relations ranked by name; membership sorts as the relation `has-member`.
        // A graph read in canonical order has not numbered its relations (a hierarchy
        // link added to it then needs them ranked here).
        let unnumbered: Vec<Text> = self
            .graph
            .edge_weights()
            .filter_map(|e| e.claim())
            .filter(|c| !self.relation_ids.contains_key(&*c.relation))
            .map(|c| c.relation.clone())
            .collect();
        for r in unnumbered {
            self.relation_id(&r);
        }
        let mut names: Vec<&str> = self.relations.iter().map(|r| &**r).collect();
        names.push(HAS_MEMBER);
        names.sort_unstable();
        names.dedup();
        let relation_rank: FxHashMap<&str, u32> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, i as u32))
            .collect();
        // Hierarchy links come after every claim and membership, by (child, parent):
        // the order a saved graph lists them in, so that a graph read back is in
        // canonical order as it is read.
        let mut hierarchy: Vec<(u32, u32, EdgeIndex)> = Vec::new();
        let edges: Vec<(u32, u32, u32, bool, EdgeIndex)> = self
            .graph
            .edge_references()
            .filter_map(|er| {
                let w = er.weight();
                let (s, o) = (rank[er.source().index()], rank[er.target().index()]);
                if matches!(w, Edge::IsA) {
                    hierarchy.push((s, o, er.id()));
                    return None;
                }
                Some((
                    s,
                    relation_rank[w.relation()],
                    o,
                    w.claim().is_some_and(|c| c.negated),
                    er.id(),
                ))
            })
            .collect();
        drop(relation_rank);
        drop(names);
        let mut edges = sort_by_source(edges, order.len());
        hierarchy.sort_unstable();
        edges.extend(hierarchy.into_iter().map(|(s, o, e)| (s, 0, o, false, e)));
        let mut out = KnowledgeGraph::new();
        out.graph = StableDiGraph::with_capacity(order.len(), edges.len());
        out.nodes.reserve(order.len());
        let mut new_ix = Vec::with_capacity(order.len());
        for ix in &order {
            let n = std::mem::replace(
                &mut self.graph[*ix],
                Node {
                    id: String::new(),
                    label: String::new(),
                    kind: Kind::ALL[0],
                    synonyms: Vec::new(),
                    members: Vec::new(),
                },
            );
            let id = n.id.clone();
            let new = out.graph.add_node(n);
            out.nodes.insert(id, new);
            new_ix.push(new);
        }
        for (s, _, o, _, e) in edges {
            let mut w = std::mem::replace(&mut self.graph[e], Edge::HasMember);
            if let Edge::Claim(c) = &mut w {
                if c.evidence.len() > 1 {
                    c.evidence.sort_unstable();
                    c.evidence.dedup();
                }
                out.claims += 1;
            }
            out.graph
                .add_edge(new_ix[s as usize], new_ix[o as usize], w);
        }
        out.relations = std::mem::take(&mut self.relations);
        out.relation_ids = std::mem::take(&mut self.relation_ids);
        out.texts = std::mem::take(&mut self.texts);
        out.canonical = true;
        out
    }

    /// The graph with combination ids of the form before saved format 4
    /// (`combination:CHEBI:27300+CHEBI:27363`) re-minted in the current form
    /// ([`crate::claim::combination_id`]), and the claim ids that hash them recomputed;
    /// the graph itself when it has none.
    ///
    /// # Errors
    /// Two nodes whose ids become the same (`path` names the graph).
    pub(crate) fn remint_legacy_ids(
        mut self,
        path: &std::path::Path,
    ) -> crate::error::Result<KnowledgeGraph> {
        use crate::claim::{current_combination_id, is_legacy_combination_id};
        let legacy = self.graph.node_weights().any(|n| {
            is_legacy_combination_id(&n.id) || n.members.iter().any(|m| is_legacy_combination_id(m))
        });
        if !legacy {
            return Ok(self);
        }
        let nodes: Vec<NodeIndex> = self.graph.node_indices().collect();
        self.nodes.clear();
        for &ix in &nodes {
            let n = &mut self.graph[ix];
            if let std::borrow::Cow::Owned(id) = current_combination_id(&n.id) {
                n.id = id;
            }
            for m in &mut n.members {
                if let std::borrow::Cow::Owned(id) = current_combination_id(m) {
                    *m = id;
                }
            }
            n.members.sort();
            if self.nodes.insert(n.id.clone(), ix).is_some() {
                return Err(crate::error::Error::parse(
                    path,
                    0,
                    0,
                    format!("corrupt saved graph: node `{}` twice", n.id),
                ));
            }
        }
        let claims: Vec<(EdgeIndex, NodeIndex, NodeIndex)> = self
            .graph
            .edge_references()
            .filter(|er| er.weight().claim().is_some())
            .map(|er| (er.id(), er.source(), er.target()))
            .collect();
        for (e, s, o) in claims {
            let (subject, object) = (self.graph[s].id.clone(), self.graph[o].id.clone());
            if let Edge::Claim(c) = &mut self.graph[e] {
                c.id = ClaimId::of(&subject, &c.relation, &object, c.negated);
                let relation = c.relation.clone();
                // A graph read in canonical order has not numbered its relations yet.
                self.relation_id(&relation);
            }
        }
        self.node_table = None;
        self.edges = None;
        self.touch();
        Ok(self.canonicalize())
    }

    /// Node indices sorted by id. Each node is first keyed by the first 16 bytes of its
    /// id, big-endian (zero-padded: ids hold no NUL, so key order is id order wherever
    /// keys differ); only nodes with equal keys compare their id strings. Most
    /// comparisons then stay in the array being sorted instead of reaching for two
    /// strings elsewhere on the heap.
    fn nodes_by_id(&self) -> Vec<NodeIndex> {
        let mut keyed: Vec<(u128, u32)> = self
            .graph
            .node_indices()
            .map(|ix| {
                let id = self.graph[ix].id.as_bytes();
                let mut head = [0u8; 16];
                let n = id.len().min(16);
                head[..n].copy_from_slice(&id[..n]);
                (u128::from_be_bytes(head), ix.index() as u32)
            })
            .collect();
        keyed.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0).then_with(|| {
                let id = |k: &(u128, u32)| &self.graph[NodeIndex::new(k.1 as usize)].id;
                id(a).cmp(id(b))
            })
        });
        keyed
            .into_iter()
            .map(|(_, i)| NodeIndex::new(i as usize))
            .collect()
    }

    /// The subgraph induced by `nodes` (claims and memberships among them).
    pub fn subgraph(&self, nodes: &[NodeIndex]) -> KnowledgeGraph {
        let keep: BTreeSet<NodeIndex> = nodes.iter().copied().collect();
        let mut out = KnowledgeGraph::new();
        let mut map: FxHashMap<NodeIndex, NodeIndex> = FxHashMap::default();
        for &ix in &keep {
            let n = self.graph[ix].clone();
            let id = n.id.clone();
            let new = out.graph.add_node(n);
            out.nodes.insert(id, new);
            map.insert(ix, new);
        }
        for er in self.graph.edge_references() {
            let (Some(&s), Some(&t)) = (map.get(&er.source()), map.get(&er.target())) else {
                continue;
            };
            out.graph.add_edge(s, t, er.weight().clone());
            if let Some(c) = er.weight().claim() {
                // canonicalize ranks every relation the graph holds.
                out.relation_id(&c.relation);
                out.claims += 1;
            }
        }
        out.canonical = false;
        out.canonicalize()
    }

    /// Node indices in canonical (id) order.
    pub fn nodes_sorted(&self) -> Vec<NodeIndex> {
        if self.canonical {
            self.graph.node_indices().collect()
        } else {
            self.nodes_by_id()
        }
    }

    /// Claim edges in canonical order: (source, target, edge).
    pub fn claims_sorted(&self) -> Vec<(NodeIndex, NodeIndex, &ClaimEdge)> {
        let mut v: Vec<(NodeIndex, NodeIndex, &ClaimEdge)> = self
            .graph
            .edge_references()
            .filter_map(|er| er.weight().claim().map(|c| (er.source(), er.target(), c)))
            .collect();
        if !self.canonical {
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
        }
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
        if !self.canonical {
            v.sort_by(|a, b| {
                (&self.graph[a.0].id, &self.graph[a.1].id)
                    .cmp(&(&self.graph[b.0].id, &self.graph[b.1].id))
            });
        }
        v
    }

    /// Hierarchy edges in canonical order: (child, parent).
    pub fn hierarchy_sorted(&self) -> Vec<(NodeIndex, NodeIndex)> {
        let mut v: Vec<(NodeIndex, NodeIndex)> = self
            .graph
            .edge_references()
            .filter(|er| matches!(er.weight(), Edge::IsA))
            .map(|er| (er.source(), er.target()))
            .collect();
        if !self.canonical {
            v.sort_by(|a, b| {
                (&self.graph[a.0].id, &self.graph[a.1].id)
                    .cmp(&(&self.graph[b.0].id, &self.graph[b.1].id))
            });
        }
        v
    }

    /// The ids of the parents of `ix` in the graph's hierarchy (its `is-a` targets),
    /// sorted.
    pub fn parent_ids(&self, ix: NodeIndex) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .graph
            .edges_directed(ix, petgraph::Direction::Outgoing)
            .filter(|er| matches!(er.weight(), Edge::IsA))
            .map(|er| self.graph[er.target()].id.as_str())
            .collect();
        v.sort_unstable();
        v
    }

    /// The number of edges of each kind: claims, memberships, hierarchy links.
    pub fn edge_counts(&self) -> EdgeCounts {
        let mut counts = EdgeCounts {
            claims: self.claims,
            ..EdgeCounts::default()
        };
        for e in self.graph.edge_weights() {
            match e {
                Edge::Claim(_) => {}
                Edge::HasMember => counts.memberships += 1,
                Edge::IsA => counts.hierarchy += 1,
            }
        }
        counts
    }

    /// The claims of the graph, one per evidence, in canonical order.
    pub fn to_claims(&self) -> Vec<Claim> {
        let mut out = Vec::new();
        for (s, o, c) in self.claims_sorted() {
            for e in &c.evidence {
                out.push(Claim {
                    subject: self.entity_ref(s),
                    relation: c.relation.to_string(),
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

    /// Counts of nodes by kind.
    pub fn nodes_by_kind(&self) -> BTreeMap<Kind, usize> {
        let mut m = BTreeMap::new();
        for n in self.graph.node_weights() {
            *m.entry(n.kind).or_insert(0) += 1;
        }
        m
    }

    /// Counts of claim edges by relation (negated ones as `not RELATION`).
    pub fn edges_by_relation(&self) -> BTreeMap<String, usize> {
        let mut counts: FxHashMap<(&str, bool), usize> = FxHashMap::default();
        for e in self.graph.edge_weights() {
            if let Edge::Claim(c) = e {
                *counts.entry((&c.relation, c.negated)).or_insert(0) += 1;
            }
        }
        counts
            .into_iter()
            .map(|((r, negated), n)| {
                let key = if negated {
                    format!("not {r}")
                } else {
                    r.to_string()
                };
                (key, n)
            })
            .collect()
    }

    /// Normalised names (labels and synonyms with
    /// [`normalize_label`](crate::lexicon::normalize_label), ids lowercased) to the nodes
    /// that bear them, built on the first call and kept until the graph changes.
    pub fn name_index(&self) -> &HashMap<String, Vec<NodeIndex>> {
        self.names.get_or_init(|| {
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
        })
    }
}

/// Edges `(source rank, relation rank, target rank, negated, edge)` in sorted order:
/// placed by source first (a counting sort over the `nodes` ranks), then each source's
/// few edges sorted, which costs far less than one sort of all the edges.
fn sort_by_source(
    edges: Vec<(u32, u32, u32, bool, EdgeIndex)>,
    nodes: usize,
) -> Vec<(u32, u32, u32, bool, EdgeIndex)> {
    let mut next = vec![0usize; nodes + 1];
    for e in &edges {
        next[e.0 as usize + 1] += 1;
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let bounds = next.clone();
    let mut out = vec![(0, 0, 0, false, EdgeIndex::end()); edges.len()];
    for e in edges {
        let at = &mut next[e.0 as usize];
        out[*at] = e;
        *at += 1;
    }
    for w in bounds.windows(2) {
        if w[1] - w[0] > 1 {
            out[w[0]..w[1]].sort_unstable();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Vocabulary;

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
                sentence: format!("{s} {r} {o} in {doc}").into(),
                ..Evidence::default()
            },
        }
    }

    #[test]
    fn hierarchy_links_do_not_depend_on_how_inputs_were_grouped() {
        // X is a form of A and of B, and A of B: the links are X -> A -> B, however the
        // graph was put together.
        let mut lex = crate::lexicon::Lexicon::default();
        lex.set_parents("X", vec!["A".into(), "B".into()]);
        lex.set_parents("A", vec!["B".into()]);
        let links = |g: &KnowledgeGraph| {
            let mut v: Vec<(String, String)> = g
                .graph
                .edge_references()
                .filter(|e| matches!(e.weight(), Edge::IsA))
                .map(|e| {
                    (
                        g.graph[e.source()].id.clone(),
                        g.graph[e.target()].id.clone(),
                    )
                })
                .collect();
            v.sort();
            v
        };
        let mut whole = KnowledgeGraph::new();
        for c in [
            claim("X", "increases", "Q", false, "d", false),
            claim("A", "increases", "Q", false, "d", false),
            claim("B", "increases", "Q", false, "d", false),
        ] {
            whole.add_claim(&c);
        }
        whole.link_hierarchy(&lex);
        let want = vec![
            ("A".to_string(), "B".to_string()),
            ("X".to_string(), "A".to_string()),
        ];
        assert_eq!(links(&whole), want);
        // Two shards: X and B in one (linked X -> B), A and B in the other.
        let mut one = KnowledgeGraph::new();
        one.add_claim(&claim("X", "increases", "Q", false, "d", false));
        one.add_claim(&claim("B", "increases", "Q", false, "d", false));
        one.link_hierarchy(&lex);
        assert_eq!(links(&one), vec![("X".to_string(), "B".to_string())]);
        let mut two = KnowledgeGraph::new();
        two.add_claim(&claim("A", "increases", "Q", false, "d", false));
        two.add_claim(&claim("B", "increases", "Q", false, "d", false));
        two.link_hierarchy(&lex);
        one.merge(two);
        one.link_hierarchy(&lex);
        assert_eq!(links(&one), want, "the shortcut X -> B goes");
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
            .find(|(_, _, c)| &*c.relation == "suppresses" && !c.negated)
            .unwrap();
        assert_eq!(e.evidence.len(), 2);
        assert!((e.confidence() - (1.0 - 0.4 * 0.7)).abs() < 1e-9);
        let contra = crate::query::analysis::contradictions(&g, &Vocabulary::bundled());
        assert_eq!(contra.len(), 1);
        assert_eq!(
            contra[0].claims,
            vec!["induces", "not suppresses", "suppresses"]
        );
    }

    #[test]
    fn contradictions_do_not_depend_on_edge_order() {
        let claims = vec![
            claim("Z:1", "suppresses", "B:1", false, "d1", false),
            claim("A:1", "suppresses", "B:1", true, "d3", false),
            claim("Z:1", "induces", "B:1", false, "d3", false),
            claim("A:1", "suppresses", "C:1", false, "d1", false),
            claim("A:1", "suppresses", "B:1", false, "d2", true),
            claim("Z:1", "suppresses", "C:1", true, "d1", false),
        ];
        let vocab = Vocabulary::bundled();
        let mut raw = KnowledgeGraph::new();
        for c in &claims {
            raw.add_claim(c);
        }
        assert!(!raw.is_canonical());
        let canonical = raw.clone().canonicalize();
        let found = crate::query::analysis::contradictions(&canonical, &vocab);
        assert_eq!(crate::query::analysis::contradictions(&raw, &vocab), found);
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|c| (c.subject.as_str(), c.object.as_str()))
            .collect();
        assert_eq!(pairs, [("A:1", "B:1"), ("Z:1", "B:1")]);
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
    fn degree_leaders_break_ties_by_id_across_the_cut() {
        // Degrees: hub 4, then d/c/b 1 each... plus x with 2: the top 3 are hub, x and the
        // smallest id among the degree-1 nodes.
        let claims = [
            claim("hub", "induces", "d", false, "p", false),
            claim("hub", "induces", "c", false, "p", false),
            claim("hub", "induces", "x", false, "p", false),
            claim("hub", "induces", "b", false, "p", false),
            claim("y", "induces", "x", false, "p", false),
        ];
        let kg = KnowledgeGraph::from_claims(&claims).canonicalize();
        let ids: Vec<(&str, usize)> = crate::query::analysis::degree_leaders(&kg, 3)
            .into_iter()
            .map(|(ix, d)| (kg.node(ix).id.as_str(), d))
            .collect();
        assert_eq!(ids, [("hub", 4), ("x", 2), ("b", 1)]);
        assert!(crate::query::analysis::degree_leaders(&kg, 0).is_empty());
        assert_eq!(crate::query::analysis::degree_leaders(&kg, 100).len(), 6);
    }

    #[test]
    fn entities_merge_the_same_through_the_node_table() {
        let e = |label: &str, synonyms: &[&str], kind| EntityRef {
            synonyms: synonyms.iter().map(|s| s.to_string()).collect(),
            ..ent("X:1", label, kind)
        };
        let mut g = KnowledgeGraph::new();
        let ix = g.add_entity(&e("b", &["c"], Kind::Protein));
        for again in [
            e("b", &["c"], Kind::Protein),
            e("a", &[], Kind::Protein),
            e("b", &["c"], Kind::Protein),
            e("a", &[], Kind::Protein),
            e("d", &["a", "b"], Kind::Gene),
            e("b", &["c"], Kind::Protein),
        ] {
            assert_eq!(g.add_entity(&again), ix);
        }
        assert_eq!(g.node_count(), 1);
        let n = g.node(ix);
        assert_eq!((n.label.as_str(), n.kind), ("a", Kind::Gene));
        assert_eq!(n.synonyms, ["b", "c", "d"]);
        // Many ids: the table grows; a canonical graph's table is rebuilt from its nodes.
        for i in 0..1000 {
            g.add_entity(&ent(&format!("N:{i}"), "n", Kind::Gene));
        }
        let mut g = g.canonicalize();
        for i in (0..1000).rev() {
            g.add_entity(&ent(&format!("N:{i}"), "n", Kind::Gene));
        }
        g.add_entity(&e("a", &["b", "c", "d"], Kind::Gene));
        assert_eq!(g.node_count(), 1001);
        let n = g.node(g.node_index("X:1").unwrap());
        assert_eq!(n.synonyms, ["b", "c", "d"]);
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
