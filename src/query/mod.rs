//! Path questions over the graph: "how does zinc reach IL-17, with what net effect?"
//!
//! A path is a sequence of hops. Claim edges are walked forward (or, in undirected
//! search, backward as `reversed` hops); membership is walked both ways: `has-member`
//! from a combination to a member and `member-of` back, never `member-of` directly
//! followed by `has-member` (siblings of a combination are not causally linked).
//! Hierarchy is walked both ways the same way: `is-a` up from an entity to its parent
//! (vitamin D3 to vitamin D) and `has-form` down, never `is-a` directly followed by
//! `has-form` (vitamin D2 and vitamin D3 are not linked through vitamin D); every
//! membership and hierarchy hop has sign +, and [`Filter::no_hierarchy`] leaves the
//! hierarchy out. Negated claims are left out unless asked for, and then carry sign 0.
//!
//! The search runs over states (node, whether the last hop went up: `member-of` or
//! `is-a`), so these rules hold in every algorithm: bidirectional BFS for shortest paths,
//! Dijkstra on −log confidence for the most confident paths, Yen's algorithm for the k shortest
//! simple paths, bounded DFS for all paths up to a length.

pub mod analysis;
mod search;
pub mod suggest;

use crate::claim::Text;
use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::kg::{Adjacency, Edge, KnowledgeGraph, Link};
use crate::lexicon::Kind;
use crate::vocab::{HAS_FORM, MEMBER_OF, Sign, Vocabulary};

/// Which edges and nodes a search may use.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Walk negated claims too (with sign 0).
    pub include_negated: bool,
    /// Walk claim edges against their direction too (as `reversed` hops, sign 0).
    pub undirected: bool,
    /// Only these relations (membership and hierarchy hops are always allowed); empty
    /// means all.
    pub relations: Vec<String>,
    /// Leave hierarchy hops (`is-a`, `has-form`) out (`paths --no-hierarchy`).
    pub no_hierarchy: bool,
    /// Kinds allowed for the nodes inside a path (not its ends); empty means all.
    pub kinds: Vec<Kind>,
    /// Claims below this confidence are not walked.
    pub min_confidence: f64,
}

/// How to search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    /// All shortest paths (by hops).
    Shortest,
    /// The k shortest simple paths (Yen).
    KShortest(usize),
    /// All simple paths of at most this many hops.
    MaxHops(usize),
    /// The k most confident paths (Dijkstra on −log confidence, Yen for k > 1).
    Weighted(usize),
}

impl Mode {
    /// The search asked for by the three choices a caller offers: `weighted` (the most
    /// confident paths, `k` of them, default 1) wins over `k` (the k shortest simple
    /// paths), which wins over `max_hops` (every simple path of at most that many hops);
    /// none of them means all shortest paths.
    pub fn choose(weighted: bool, k: Option<usize>, max_hops: Option<usize>) -> Mode {
        match (weighted, k, max_hops) {
            (true, k, _) => Mode::Weighted(k.unwrap_or(1)),
            (false, Some(k), _) => Mode::KShortest(k),
            (false, None, Some(n)) => Mode::MaxHops(n),
            (false, None, None) => Mode::Shortest,
        }
    }
}

/// Options of a path search.
#[derive(Debug, Clone)]
pub struct PathOptions {
    /// Edge and node filters.
    pub filter: Filter,
    /// The algorithm.
    pub mode: Mode,
    /// Keep only paths with this net sign.
    pub sign: Option<Sign>,
    /// The most paths to return.
    pub limit: usize,
}

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions {
            filter: Filter::default(),
            mode: Mode::Shortest,
            sign: None,
            limit: 10,
        }
    }
}

/// One hop of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    /// Where the hop starts.
    pub from: NodeIndex,
    /// Where it ends.
    pub to: NodeIndex,
    /// The relation walked (`has-member`, `member-of`, `is-a`, `has-form`, or a claim
    /// relation).
    pub relation: Text,
    /// The claim edge, for claim hops.
    pub edge: Option<EdgeIndex>,
    /// Walked against the edge's direction.
    pub reversed: bool,
}

/// A path and its net sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// The hops in order.
    pub hops: Vec<Hop>,
    /// The product of the hops' signs.
    pub sign: Sign,
}

/// The result of a path search.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The paths, shortest (or most confident) first; among paths of one length the
    /// more confident first ([`path_doubt`]), then by node ids.
    pub paths: Vec<Path>,
    /// Set when a cap cut the enumeration short.
    pub truncated: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub(crate) struct State {
    node: NodeIndex,
    /// The last hop went up (`member-of` or `is-a`): the next may not go down.
    after_up: bool,
}

/// One step of a search: the state it reaches (forward) or comes from (backward), and
/// the link it walks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Move {
    state: State,
    link: Link,
    /// The link's position in the adjacency index.
    at: u32,
    /// Walked against the link's edge.
    reversed: bool,
}

/// The states a walk can be in at the far end of `l`: after an upward hop only at a
/// whole (a combination or a parent).
fn arrivals(l: &Link) -> &'static [bool] {
    if l.to_whole() {
        &[false, true]
    } else {
        &[false]
    }
}

/// A query context: a graph, its vocabulary, and the filters.
pub struct Query<'g> {
    kg: &'g KnowledgeGraph,
    vocab: &'g Vocabulary,
    filter: Filter,
    adjacency: &'g Adjacency,
    /// Relations allowed by the filter, by relation number (all when `None`).
    relations: Option<Vec<bool>>,
    member_of: Text,
    has_form: Text,
    /// The place of each relation's name (by relation number) in the sorted names of all
    /// relations and `member-of`, so that paths are ordered by comparing numbers; equal
    /// names have equal places.
    relation_ranks: Vec<u32>,
    /// The place of `member-of` among them.
    member_of_rank: u32,
    /// The place of `has-form` among them.
    has_form_rank: u32,
    /// Search memory, allocated once and reused by every search of this query.
    scratch: std::cell::RefCell<search::Scratch>,
}

impl<'g> Query<'g> {
    /// A query over `kg` with `filter`.
    pub fn new(kg: &'g KnowledgeGraph, vocab: &'g Vocabulary, filter: Filter) -> Query<'g> {
        let adjacency = kg.adjacency();
        let relations = (!filter.relations.is_empty()).then(|| {
            let mut allowed = Vec::new();
            for r in &filter.relations {
                if let Some(n) = adjacency.relation_number(r) {
                    let n = n as usize;
                    if allowed.len() <= n {
                        allowed.resize(n + 1, false);
                    }
                    allowed[n] = true;
                }
            }
            allowed
        });
        let mut names: Vec<&str> = (0..adjacency.relation_count())
            .map(|n| &**adjacency.relation(n as u16))
            .collect();
        names.push(MEMBER_OF);
        names.push(HAS_FORM);
        names.sort_unstable();
        names.dedup();
        let rank = |name: &str| names.partition_point(|n| *n < name) as u32;
        let relation_ranks = (0..adjacency.relation_count())
            .map(|n| rank(adjacency.relation(n as u16)))
            .collect();
        let member_of_rank = rank(MEMBER_OF);
        let has_form_rank = rank(HAS_FORM);
        Query {
            kg,
            vocab,
            filter,
            adjacency,
            relations,
            member_of: Text::from(MEMBER_OF),
            has_form: Text::from(HAS_FORM),
            relation_ranks,
            member_of_rank,
            has_form_rank,
            scratch: std::cell::RefCell::new(search::Scratch::new(adjacency.node_bound())),
        }
    }

    fn node_ok(&self, n: NodeIndex, target: NodeIndex) -> bool {
        n == target
            || self.filter.kinds.is_empty()
            || self.filter.kinds.contains(&self.kg.node(n).kind)
    }

    /// Whether the filters allow the claim behind `l`.
    fn claim_ok(&self, l: &Link, at: u32) -> bool {
        (!l.negated() || self.filter.include_negated)
            && self.relations.as_ref().is_none_or(|allowed| {
                allowed
                    .get(self.adjacency.relation_of(at) as usize)
                    .copied()
                    .unwrap_or(false)
            })
            && (self.filter.min_confidence <= 0.0
                || self.kg.graph()[self.adjacency.edge(at)]
                    .claim()
                    .is_some_and(|c| c.confidence() >= self.filter.min_confidence))
    }

    /// Calls `f` with every move leaving `state` that the filters allow; `target` is
    /// exempt from `kinds`. No hop is built: searches build hops only for the paths they
    /// return.
    pub(crate) fn each_move(&self, state: State, target: NodeIndex, f: impl FnMut(Move)) {
        self.each_move_where(state, target, |_| true, f);
    }

    /// [`each_move`](Self::each_move) over only the links `keep` accepts: a cheap test
    /// on the bare link, made before any filter.
    #[inline]
    pub(crate) fn each_move_where(
        &self,
        state: State,
        target: NodeIndex,
        keep: impl Fn(&Link) -> bool,
        mut f: impl FnMut(Move),
    ) {
        // Without `undirected`, claims arriving here are never walked: only the
        // structural links among them.
        let r = self.adjacency.runs(state.node);
        let incoming = if self.filter.undirected {
            r.incoming
        } else {
            r.incoming_members
        };
        for (run, reversed) in [(r.outgoing, false), (incoming, true)] {
            for (at, l) in (run.at..).zip(run.links) {
                if !keep(l) {
                    continue;
                }
                let other = l.other();
                if !self.node_ok(other, target) {
                    continue;
                }
                let after_up = if l.structural() {
                    // Down (`has-member`, `has-form`) or up (`member-of`, `is-a`), never
                    // up and then down to a sibling.
                    if l.hierarchy() && self.filter.no_hierarchy {
                        continue;
                    }
                    let up = l.upward(reversed);
                    if !up && state.after_up {
                        continue;
                    }
                    up
                } else {
                    if (reversed && !self.filter.undirected) || !self.claim_ok(l, at) {
                        continue;
                    }
                    false
                };
                f(Move {
                    state: State {
                        node: other,
                        after_up,
                    },
                    link: *l,
                    at,
                    reversed,
                });
            }
        }
    }

    /// Calls `f` with every move arriving at `state` (for backward search) over the links
    /// `keep` accepts (a cheap test on the bare link, made before any filter), its
    /// `state` being the predecessor; `source` is exempt from `kinds`.
    #[inline]
    pub(crate) fn each_move_back_where(
        &self,
        state: State,
        source: NodeIndex,
        keep: impl Fn(&Link) -> bool,
        mut f: impl FnMut(Move),
    ) {
        // Without `undirected`, claims leaving here are never walked backwards: only the
        // structural links among them.
        let r = self.adjacency.runs(state.node);
        let outgoing = if self.filter.undirected {
            r.outgoing
        } else {
            r.outgoing_members
        };
        for (run, reversed) in [(r.incoming, false), (outgoing, true)] {
            for (at, l) in (run.at..).zip(run.links) {
                if !keep(l) {
                    continue;
                }
                let other = l.other();
                if !self.node_ok(other, source) {
                    continue;
                }
                if l.structural() {
                    if l.hierarchy() && self.filter.no_hierarchy {
                        continue;
                    }
                    // Forward, other goes down to state (`has-member`, `has-form`: needs
                    // other not after an upward hop, lands after_up = false) or up
                    // (`member-of`, `is-a`: lands true).
                    let up = l.upward(reversed);
                    if !up && !state.after_up {
                        let prev = State {
                            node: other,
                            after_up: false,
                        };
                        f(Move {
                            state: prev,
                            link: *l,
                            at,
                            reversed,
                        });
                    }
                    if up && state.after_up {
                        for &after in arrivals(l) {
                            let prev = State {
                                node: other,
                                after_up: after,
                            };
                            f(Move {
                                state: prev,
                                link: *l,
                                at,
                                reversed,
                            });
                        }
                    }
                } else {
                    if state.after_up
                        || (reversed && !self.filter.undirected)
                        || !self.claim_ok(l, at)
                    {
                        continue;
                    }
                    for &after in arrivals(l) {
                        let prev = State {
                            node: other,
                            after_up: after,
                        };
                        f(Move {
                            state: prev,
                            link: *l,
                            at,
                            reversed,
                        });
                    }
                }
            }
        }
    }

    /// The place among all relation names of the name of the relation a move walks
    /// (`member-of` for a membership walked backwards, `has-form` for a hierarchy link):
    /// comparing places compares names.
    pub(crate) fn step_relation_rank(&self, m: &Move) -> u32 {
        if m.link.structural() && m.reversed {
            if m.link.hierarchy() {
                self.has_form_rank
            } else {
                self.member_of_rank
            }
        } else {
            self.relation_ranks[self.adjacency.relation_of(m.at) as usize]
        }
    }

    /// The hop `from -> to` that move `m` walks.
    pub(crate) fn hop_of(&self, from: NodeIndex, to: NodeIndex, m: &Move) -> Hop {
        let l = &m.link;
        if l.structural() {
            let relation = if m.reversed && l.hierarchy() {
                self.has_form.clone()
            } else if m.reversed {
                self.member_of.clone()
            } else {
                self.adjacency
                    .relation(self.adjacency.relation_of(m.at))
                    .clone()
            };
            Hop {
                from,
                to,
                relation,
                edge: None,
                reversed: false,
            }
        } else {
            Hop {
                from,
                to,
                relation: self
                    .adjacency
                    .relation(self.adjacency.relation_of(m.at))
                    .clone(),
                edge: Some(self.adjacency.edge(m.at)),
                reversed: m.reversed,
            }
        }
    }

    /// The hops leaving `state` that the filters allow; `target` is exempt from `kinds`.
    pub(crate) fn moves(&self, state: State, target: NodeIndex) -> Vec<(Hop, State)> {
        let mut out = Vec::new();
        self.each_move(state, target, |m| {
            out.push((self.hop_of(state.node, m.state.node, &m), m.state));
        });
        out
    }

    /// The states a walk can be in at `node`: after an upward hop only at a whole (a
    /// combination, reached from a member by `member-of`, or a parent, reached by `is-a`).
    pub(crate) fn arrival_states(&self, node: NodeIndex) -> &'static [bool] {
        if self.adjacency.is_whole(node) {
            &[false, true]
        } else {
            &[false]
        }
    }

    fn hop_cost(&self, hop: &Hop) -> f64 {
        match hop.edge.and_then(|e| self.kg.graph()[e].claim()) {
            Some(c) => -(c.confidence().clamp(1e-9, 1.0)).ln() + 1e-9,
            None => 1e-9,
        }
    }

    /// The sign of one hop.
    pub fn hop_sign(&self, hop: &Hop) -> Sign {
        hop_sign(self.kg, self.vocab, hop)
    }

    /// Paths from `from` to `to`.
    pub fn paths(&self, from: NodeIndex, to: NodeIndex, opts: &PathOptions) -> Found {
        if from == to {
            return Found::default();
        }
        let start = State {
            node: from,
            after_up: false,
        };
        let limit = opts.limit.max(1);
        let no_bans = search::Bans::default();
        let by_hops =
            |s: State, b: &search::Bans| self.all_shortest(s, to, b, 1).into_iter().next();
        let hops_cost = |p: &[Hop]| p.len() as f64;
        let (raw, truncated) = match opts.mode {
            Mode::Shortest if opts.sign.is_none() => {
                // Enough to rank (at least one more than the limit, to tell whether there
                // are more).
                let pool = limit.saturating_add(1).max(RANK_POOL);
                let found = self.all_shortest(start, to, &no_bans, pool);
                (found, false)
            }
            Mode::Shortest => {
                // The shortest paths with the wanted sign: walk Yen's order until the
                // first length that has one.
                let ranked = self.yen(start, 200, &by_hops, &hops_cost);
                let wanted = opts.sign;
                let first = ranked
                    .iter()
                    .find(|p| Some(path_sign(self.kg, self.vocab, p)) == wanted)
                    .map(Vec::len);
                (
                    ranked
                        .into_iter()
                        .filter(|p| Some(p.len()) == first)
                        .collect(),
                    false,
                )
            }
            Mode::KShortest(k) => (
                self.yen(
                    start,
                    if opts.sign.is_some() { k * 20 } else { k },
                    &by_hops,
                    &hops_cost,
                ),
                false,
            ),
            Mode::MaxHops(n) => self.bounded(
                start,
                to,
                n,
                if opts.sign.is_some() {
                    limit * 20
                } else {
                    limit
                },
            ),
            Mode::Weighted(k) => {
                let best = |s: State, b: &search::Bans| self.cheapest(s, to, b);
                let cost = |p: &[Hop]| p.iter().map(|h| self.hop_cost(h)).sum::<f64>();
                (
                    self.yen(
                        start,
                        if opts.sign.is_some() { k * 20 } else { k },
                        &best,
                        &cost,
                    ),
                    false,
                )
            }
        };
        let mut paths: Vec<Path> = raw
            .into_iter()
            .map(|hops| {
                let sign = path_sign(self.kg, self.vocab, &hops);
                Path { hops, sign }
            })
            .filter(|p| opts.sign.is_none_or(|s| p.sign == s))
            .collect();
        if !matches!(opts.mode, Mode::Weighted(_)) {
            // Stable: equally confident paths keep the search's node-id order.
            paths.sort_by_cached_key(|p| (p.hops.len(), path_doubt(self.kg, &p.hops)));
        }
        let cap = match opts.mode {
            Mode::KShortest(k) | Mode::Weighted(k) => k,
            _ => limit,
        };
        let truncated = truncated || paths.len() > cap;
        paths.truncate(cap);
        Found { paths, truncated }
    }
}

/// How many shortest paths a search lists before ranking them ([`path_doubt`]): a pair
/// joined by more has the most confident of the first this many, in node-id order.
pub const RANK_POOL: usize = 256;

/// The ranking cost of a path against others of its length: the sum over its claim hops
/// of −ln(confidence) in millionths, rounded per hop (a membership or hierarchy hop is
/// certain and costs nothing). The lower, the more confident the path: vitamin D
/// `has-form` vitamin D3 `member-of` zinc + vitamin D3 `increases` regulatory T cell
/// (one claim) comes before a path through two claims of like confidence.
pub fn path_doubt(kg: &KnowledgeGraph, hops: &[Hop]) -> u64 {
    hops.iter()
        .filter_map(|h| h.edge.and_then(|e| kg.graph()[e].claim()))
        .map(|c| doubt(c.confidence()))
        .sum()
}

/// −ln(confidence) in millionths, the confidence clamped to (0, 1].
pub fn doubt(confidence: f64) -> u64 {
    // At most -ln(1e-9) * 1e6, about 2.1e7: no overflow, no sign loss.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let d = (-(confidence.clamp(1e-9, 1.0)).ln() * 1e6).round() as u64;
    d
}

/// The sign of one hop: the relation's sign, 0 for negated or reversed hops, + for
/// membership and hierarchy.
pub fn hop_sign(kg: &KnowledgeGraph, vocab: &Vocabulary, hop: &Hop) -> Sign {
    if hop.reversed {
        return Sign::Unsigned;
    }
    match hop.edge.map(|e| &kg.graph()[e]) {
        Some(Edge::Claim(c)) if c.negated => Sign::Unsigned,
        Some(Edge::Claim(c)) => vocab.sign(&c.relation),
        _ => Sign::Positive,
    }
}

/// The net sign of a sequence of hops.
pub fn path_sign(kg: &KnowledgeGraph, vocab: &Vocabulary, hops: &[Hop]) -> Sign {
    hops.iter()
        .fold(Sign::Positive, |acc, h| acc.times(hop_sign(kg, vocab, h)))
}

/// All shortest paths from `from` to `to` with default filters (up to `limit`).
pub fn shortest_paths(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    from: NodeIndex,
    to: NodeIndex,
    filter: Filter,
    limit: usize,
) -> Vec<Path> {
    let opts = PathOptions {
        filter: filter.clone(),
        limit,
        ..PathOptions::default()
    };
    Query::new(kg, vocab, filter).paths(from, to, &opts).paths
}

/// A node as path output names it.
#[derive(Debug, Clone, Serialize)]
pub struct NodeSummary {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Kind.
    pub kind: String,
}

/// One evidence as path output shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceSummary {
    /// Document id.
    pub document: Text,
    /// Section heading.
    pub section: Option<Text>,
    /// Sentence.
    pub sentence: Text,
    /// Citations.
    pub citations: Vec<u64>,
    /// Hedged.
    pub hedged: bool,
}

/// A hop as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct HopOut {
    /// Start.
    pub from: NodeSummary,
    /// Relation.
    pub relation: String,
    /// End.
    pub to: NodeSummary,
    /// Walked against the edge's direction.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reversed: bool,
    /// Whether the claim is negated.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
    /// Confidence of the claim (absent for membership hops).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// The evidence of the claim.
    pub evidence: Vec<EvidenceSummary>,
}

/// A path as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct PathOut {
    /// `+`, `-` or `0`.
    pub sign: &'static str,
    /// The hops.
    pub hops: Vec<HopOut>,
}

/// The answer to a path query, as printed with `--format json`.
#[derive(Debug, Clone, Serialize)]
pub struct PathsAnswer {
    /// Start entity.
    pub from: NodeSummary,
    /// End entity.
    pub to: NodeSummary,
    /// The paths found (empty when none).
    pub paths: Vec<PathOut>,
    /// Set when more paths exist than were listed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

/// A node summary.
pub fn summary(kg: &KnowledgeGraph, ix: NodeIndex) -> NodeSummary {
    let n = kg.node(ix);
    NodeSummary {
        id: n.id.clone(),
        label: n.label.clone(),
        kind: n.kind.to_string(),
    }
}

/// The printable answer for paths between two nodes.
pub fn answer(kg: &KnowledgeGraph, from: NodeIndex, to: NodeIndex, found: &Found) -> PathsAnswer {
    PathsAnswer {
        from: summary(kg, from),
        to: summary(kg, to),
        truncated: found.truncated,
        paths: found
            .paths
            .iter()
            .map(|p| PathOut {
                sign: p.sign.as_str(),
                hops: p
                    .hops
                    .iter()
                    .map(|h| {
                        let claim = h.edge.and_then(|e| kg.graph()[e].claim());
                        HopOut {
                            from: summary(kg, h.from),
                            relation: h.relation.to_string(),
                            to: summary(kg, h.to),
                            reversed: h.reversed,
                            negated: claim.is_some_and(|c| c.negated),
                            confidence: claim.map(|c| c.confidence()),
                            evidence: claim
                                .map(|c| {
                                    c.evidence
                                        .iter()
                                        .map(|e| EvidenceSummary {
                                            document: e.evidence.document.clone(),
                                            section: e.evidence.section.clone(),
                                            sentence: e.evidence.sentence.clone(),
                                            citations: e.evidence.citations.clone(),
                                            hedged: e.hedged,
                                        })
                                        .collect()
                                })
                                .unwrap_or_default(),
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// A claim, membership or hierarchy link in a neighbourhood.
#[derive(Debug, Clone, Serialize)]
pub struct NeighborClaim {
    /// The hop at which the search reaches this edge: 1 for the edges at the centre, 2
    /// for those at its neighbours, and so on.
    pub depth: usize,
    /// What the edge is: `claim` (with evidence), `membership` or `hierarchy` (links that
    /// are not claims).
    pub edge: &'static str,
    /// Subject.
    pub from: NodeSummary,
    /// Relation.
    pub relation: String,
    /// Object.
    pub to: NodeSummary,
    /// Negated.
    pub negated: bool,
    /// Confidence of a claim (absent for membership and hierarchy links).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// Number of evidence sentences (0 for membership and hierarchy links).
    pub evidence: usize,
}

/// The neighbourhood of an entity.
#[derive(Debug, Clone, Serialize)]
pub struct Neighborhood {
    /// The centre.
    pub center: NodeSummary,
    /// How many of [`Neighborhood::claims`] are claims, membership and hierarchy links.
    pub counts: crate::kg::EdgeCounts,
    /// Claims, membership and hierarchy links within the depth, nearest first.
    pub claims: Vec<NeighborClaim>,
}

/// Claims within `depth` hops of `center`, walking edges both ways.
pub fn neighborhood(
    kg: &KnowledgeGraph,
    center: NodeIndex,
    depth: usize,
    relations: &[String],
    include_negated: bool,
) -> Neighborhood {
    use std::collections::{BTreeMap, VecDeque};
    let g = kg.graph();
    let mut dist: BTreeMap<NodeIndex, usize> = BTreeMap::from([(center, 0)]);
    let mut queue = VecDeque::from([center]);
    let mut claims: Vec<(usize, EdgeIndex)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    while let Some(n) = queue.pop_front() {
        let d = dist[&n];
        if d >= depth {
            continue;
        }
        for er in g
            .edges_directed(n, Direction::Outgoing)
            .chain(g.edges_directed(n, Direction::Incoming))
        {
            let ok = match er.weight() {
                Edge::Claim(c) => {
                    (include_negated || !c.negated)
                        && (relations.is_empty() || relations.iter().any(|r| **r == *c.relation))
                }
                Edge::HasMember | Edge::IsA => relations.is_empty(),
            };
            if !ok {
                continue;
            }
            if seen.insert(er.id()) {
                claims.push((d + 1, er.id()));
            }
            let other = if er.source() == n {
                er.target()
            } else {
                er.source()
            };
            if let std::collections::btree_map::Entry::Vacant(slot) = dist.entry(other) {
                slot.insert(d + 1);
                queue.push_back(other);
            }
        }
    }
    let mut out: Vec<NeighborClaim> = claims
        .into_iter()
        .filter_map(|(depth, e)| {
            let (s, t) = g.edge_endpoints(e)?;
            let w = &g[e];
            Some(NeighborClaim {
                depth,
                edge: match w {
                    Edge::Claim(_) => "claim",
                    Edge::HasMember => "membership",
                    Edge::IsA => "hierarchy",
                },
                from: summary(kg, s),
                relation: w.relation().to_string(),
                to: summary(kg, t),
                negated: w.claim().is_some_and(|c| c.negated),
                confidence: w.claim().map(|c| c.confidence()),
                evidence: w.claim().map_or(0, |c| c.evidence.len()),
            })
        })
        .collect();
    let mut counts = crate::kg::EdgeCounts::default();
    for c in &out {
        match c.edge {
            "claim" => counts.claims += 1,
            "membership" => counts.memberships += 1,
            _ => counts.hierarchy += 1,
        }
    }
    out.sort_by(|a, b| {
        (a.depth, &a.from.id, &a.relation, &a.to.id).cmp(&(
            b.depth,
            &b.from.id,
            &b.relation,
            &b.to.id,
        ))
    });
    Neighborhood {
        center: summary(kg, center),
        counts,
        claims: out,
    }
}

fn is_true(b: &bool) -> bool {
    *b
}

/// One evidence with its context, as `explain` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ExplainedEvidence {
    /// Document id.
    pub document: Text,
    /// Section.
    pub section: Option<Text>,
    /// Sentence.
    pub sentence: Text,
    /// Citations.
    pub citations: Vec<u64>,
    /// Hedged.
    pub hedged: bool,
    /// The phrase that produced it.
    pub trigger: Option<Text>,
    /// Where an imported record came from (tool and file); absent for claimgraph's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    /// Whether it was checked against its source sentence (false for an imported record
    /// without source text); written only when false.
    #[serde(skip_serializing_if = "is_true")]
    pub verified: bool,
    /// Species.
    pub species: Option<Text>,
    /// Population.
    pub population: Option<Text>,
    /// Tissue.
    pub tissue: Option<Text>,
}

/// One claim edge with all its evidence.
#[derive(Debug, Clone, Serialize)]
pub struct ExplainedClaim {
    /// The claim id.
    pub id: String,
    /// Negated.
    pub negated: bool,
    /// Confidence.
    pub confidence: f64,
    /// Evidence.
    pub evidence: Vec<ExplainedEvidence>,
}

/// The answer of `explain`.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// Subject.
    pub from: NodeSummary,
    /// Relation.
    pub relation: String,
    /// Object.
    pub to: NodeSummary,
    /// The affirmed and negated claims.
    pub claims: Vec<ExplainedClaim>,
}

/// Every evidence of the claims `from relation to`, affirmed and negated.
pub fn explain(kg: &KnowledgeGraph, from: NodeIndex, relation: &str, to: NodeIndex) -> Explanation {
    let claims = kg
        .graph()
        .edges_connecting(from, to)
        .filter_map(|er| er.weight().claim())
        .filter(|c| &*c.relation == relation)
        .map(|c| ExplainedClaim {
            id: c.id.to_string(),
            negated: c.negated,
            confidence: c.confidence(),
            evidence: c
                .evidence
                .iter()
                .map(|e| ExplainedEvidence {
                    document: e.evidence.document.clone(),
                    section: e.evidence.section.clone(),
                    sentence: e.evidence.sentence.clone(),
                    citations: e.evidence.citations.clone(),
                    hedged: e.hedged,
                    trigger: e.evidence.trigger.clone(),
                    source: e.evidence.source.clone(),
                    verified: e.evidence.verified,
                    species: e.context.species.clone(),
                    population: e.context.population.clone(),
                    tissue: e.context.tissue.clone(),
                })
                .collect(),
        })
        .collect();
    Explanation {
        from: summary(kg, from),
        relation: relation.to_string(),
        to: summary(kg, to),
        claims,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::claim::{Claim, Context, EntityRef, Evidence};
    use crate::lexicon::Kind;

    /// A protein entity named `id` (test helper, shared with the adjacency tests).
    pub(crate) fn e(id: &str) -> EntityRef {
        EntityRef {
            id: id.into(),
            label: id.into(),
            kind: Kind::Protein,
            mention: None,
            synonyms: vec![],
            members: vec![],
        }
    }

    /// A claim from `s` to protein `o` with one evidence (test helper).
    pub(crate) fn c(s: EntityRef, r: &str, o: &str, negated: bool) -> Claim {
        Claim {
            subject: s,
            relation: r.into(),
            object: e(o),
            negated,
            hedged: false,
            context: Context::default(),
            evidence: Evidence {
                document: "d".into(),
                sentence: "s".into(),
                ..Evidence::default()
            },
        }
    }

    #[test]
    fn membership_hops_and_signs() {
        let combo = EntityRef::combination(vec![e("A"), e("B")], None);
        let claims = vec![
            c(combo.clone(), "suppresses", "T", false),
            c(e("T"), "induces", "U", false),
            c(e("B"), "induces", "X", true),
        ];
        let kg = KnowledgeGraph::from_claims(&claims);
        let v = Vocabulary::bundled();
        let a = kg.node_index("A").unwrap();
        let u = kg.node_index("U").unwrap();
        let paths = shortest_paths(&kg, &v, a, u, Filter::default(), 10);
        assert_eq!(paths.len(), 1);
        let rels: Vec<&str> = paths[0].hops.iter().map(|h| &*h.relation).collect();
        assert_eq!(rels, vec!["member-of", "suppresses", "induces"]);
        assert_eq!(paths[0].sign, Sign::Negative);
        // member-of then has-member is not allowed: A cannot reach B through the combination.
        let b = kg.node_index("B").unwrap();
        assert!(shortest_paths(&kg, &v, a, b, Filter::default(), 10).is_empty());
        // negated claims only on request, with sign 0
        let x = kg.node_index("X").unwrap();
        assert!(shortest_paths(&kg, &v, b, x, Filter::default(), 10).is_empty());
        let filter = Filter {
            include_negated: true,
            ..Filter::default()
        };
        assert_eq!(
            shortest_paths(&kg, &v, b, x, filter, 10)[0].sign,
            Sign::Unsigned
        );
    }

    #[test]
    fn ties_come_in_node_id_order() {
        let claims = vec![
            c(e("S"), "induces", "M2", false),
            c(e("S"), "induces", "M1", false),
            c(e("M2"), "induces", "T", false),
            c(e("M1"), "suppresses", "T", false),
        ];
        let kg = KnowledgeGraph::from_claims(&claims);
        let v = Vocabulary::bundled();
        let paths = shortest_paths(
            &kg,
            &v,
            kg.node_index("S").unwrap(),
            kg.node_index("T").unwrap(),
            Filter::default(),
            10,
        );
        assert_eq!(paths.len(), 2);
        assert_eq!(kg.node(paths[0].hops[0].to).id, "M1");
        assert_eq!(paths[0].sign, Sign::Negative);
        assert_eq!(paths[1].sign, Sign::Positive);
    }
}
