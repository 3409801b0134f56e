//! Path questions over the graph: "how does zinc reach IL-17, with what net effect?"
//!
//! A path is a sequence of hops. Claim edges are walked forward (or, in undirected
//! search, backward as `reversed` hops); membership is walked both ways: `has-member`
//! from a combination to a member and `member-of` back, never `member-of` directly
//! followed by `has-member` (siblings of a combination are not causally linked).
//! Negated claims are left out unless asked for, and then carry sign 0.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::kg::{Edge, KnowledgeGraph};
use crate::vocab::{HAS_MEMBER, MEMBER_OF, Sign, Vocabulary};

/// Options of a path search.
#[derive(Debug, Clone)]
pub struct PathOptions {
    /// Walk negated claims too (with sign 0).
    pub include_negated: bool,
    /// Walk claim edges against their direction too.
    pub undirected: bool,
    /// Only these relations (membership hops are always allowed); empty means all.
    pub relations: Vec<String>,
    /// The most paths to return.
    pub limit: usize,
}

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions {
            include_negated: false,
            undirected: false,
            relations: Vec::new(),
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
    /// The relation walked (`has-member`, `member-of`, or a claim relation).
    pub relation: String,
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

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
struct State {
    node: NodeIndex,
    after_member_of: bool,
}

/// The hops leaving `state`, honouring the options.
fn moves<'g>(
    kg: &'g KnowledgeGraph,
    state: State,
    opts: &'g PathOptions,
) -> impl Iterator<Item = (Hop, State)> + 'g {
    let g = kg.graph();
    let fwd = g
        .edges_directed(state.node, Direction::Outgoing)
        .map(|er| (er, false));
    let back = g
        .edges_directed(state.node, Direction::Incoming)
        .map(|er| (er, true));
    fwd.chain(back).filter_map(move |(er, reversed)| {
        let other = if reversed { er.source() } else { er.target() };
        match er.weight() {
            Edge::HasMember => {
                if !reversed && state.after_member_of {
                    return None;
                }
                let relation = if reversed { MEMBER_OF } else { HAS_MEMBER };
                Some((
                    Hop {
                        from: state.node,
                        to: other,
                        relation: relation.to_string(),
                        edge: None,
                        reversed: false,
                    },
                    State {
                        node: other,
                        after_member_of: reversed,
                    },
                ))
            }
            Edge::Claim(c) => {
                if reversed && !opts.undirected {
                    return None;
                }
                if c.negated && !opts.include_negated {
                    return None;
                }
                if !opts.relations.is_empty() && !opts.relations.iter().any(|r| r == &c.relation) {
                    return None;
                }
                Some((
                    Hop {
                        from: state.node,
                        to: other,
                        relation: c.relation.clone(),
                        edge: Some(er.id()),
                        reversed,
                    },
                    State {
                        node: other,
                        after_member_of: false,
                    },
                ))
            }
        }
    })
}

/// The sign of one hop.
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

/// All shortest paths from `from` to `to` (up to `opts.limit`), ordered by the ids of
/// their nodes. An empty result means `to` cannot be reached.
///
/// # Complexity
/// One breadth-first search over (node, last-hop-was-member-of) states, O(V + E), then
/// the enumeration of the shortest-path DAG, bounded by `opts.limit` paths.
pub fn shortest_paths(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    from: NodeIndex,
    to: NodeIndex,
    opts: &PathOptions,
) -> Vec<Path> {
    if from == to {
        return Vec::new();
    }
    use std::collections::HashMap;
    let start = State {
        node: from,
        after_member_of: false,
    };
    let mut dist: HashMap<State, usize> = HashMap::new();
    let mut preds: HashMap<State, Vec<(State, Hop)>> = HashMap::new();
    dist.insert(start, 0);
    let mut queue = VecDeque::from([start]);
    let mut found: Option<usize> = None;
    while let Some(s) = queue.pop_front() {
        let d = dist[&s];
        if found.is_some_and(|f| d >= f) {
            break;
        }
        for (hop, next) in moves(kg, s, opts) {
            if next.node == from {
                continue;
            }
            match dist.get(&next) {
                None => {
                    dist.insert(next, d + 1);
                    preds.entry(next).or_default().push((s, hop));
                    if next.node == to {
                        found = Some(d + 1);
                    } else {
                        queue.push_back(next);
                    }
                }
                Some(&dn) if dn == d + 1 => preds.entry(next).or_default().push((s, hop)),
                _ => {}
            }
        }
    }
    let Some(len) = found else { return Vec::new() };
    // Enumerate backwards from each target state.
    let mut paths: Vec<Vec<Hop>> = Vec::new();
    let targets: Vec<State> = [false, true]
        .into_iter()
        .map(|after_member_of| State {
            node: to,
            after_member_of,
        })
        .filter(|s| dist.get(s) == Some(&len))
        .collect();
    let cap = opts.limit.saturating_mul(50).max(1000);
    for t in targets {
        let mut stack: Vec<(State, Vec<Hop>)> = vec![(t, Vec::new())];
        while let Some((s, suffix)) = stack.pop() {
            if paths.len() >= cap {
                break;
            }
            if s == start {
                let mut p = suffix;
                p.reverse();
                paths.push(p);
                continue;
            }
            for (p, hop) in preds.get(&s).into_iter().flatten() {
                // Simple paths only: no node twice.
                if suffix.iter().any(|h| h.to == hop.from) {
                    continue;
                }
                let mut next = suffix.clone();
                next.push(hop.clone());
                stack.push((*p, next));
            }
        }
    }
    let key = |p: &Vec<Hop>| -> Vec<String> {
        let mut k: Vec<String> = p.iter().map(|h| kg.node(h.to).id.clone()).collect();
        k.extend(p.iter().map(|h| h.relation.clone()));
        k
    };
    paths.sort_by_key(key);
    paths.dedup();
    paths
        .into_iter()
        .take(opts.limit)
        .map(|hops| {
            let sign = path_sign(kg, vocab, &hops);
            Path { hops, sign }
        })
        .collect()
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
    pub document: String,
    /// Section heading.
    pub section: Option<String>,
    /// Sentence.
    pub sentence: String,
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
pub fn answer(kg: &KnowledgeGraph, from: NodeIndex, to: NodeIndex, paths: &[Path]) -> PathsAnswer {
    PathsAnswer {
        from: summary(kg, from),
        to: summary(kg, to),
        paths: paths
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
                            relation: h.relation.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Claim, Context, EntityRef, Evidence};
    use crate::lexicon::Kind;

    fn e(id: &str) -> EntityRef {
        EntityRef {
            id: id.into(),
            label: id.into(),
            kind: Kind::Protein,
            mention: None,
            synonyms: vec![],
            members: vec![],
        }
    }

    fn c(s: EntityRef, r: &str, o: &str, negated: bool) -> Claim {
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
        let paths = shortest_paths(&kg, &v, a, u, &PathOptions::default());
        assert_eq!(paths.len(), 1);
        let rels: Vec<&str> = paths[0].hops.iter().map(|h| h.relation.as_str()).collect();
        assert_eq!(rels, vec!["member-of", "suppresses", "induces"]);
        assert_eq!(paths[0].sign, Sign::Negative);
        // member-of then has-member is not allowed: A cannot reach B through the combination.
        let b = kg.node_index("B").unwrap();
        assert!(shortest_paths(&kg, &v, a, b, &PathOptions::default()).is_empty());
        // negated claims only on request, with sign 0
        let x = kg.node_index("X").unwrap();
        assert!(shortest_paths(&kg, &v, b, x, &PathOptions::default()).is_empty());
        let opts = PathOptions {
            include_negated: true,
            ..PathOptions::default()
        };
        assert_eq!(shortest_paths(&kg, &v, b, x, &opts)[0].sign, Sign::Unsigned);
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
            &PathOptions::default(),
        );
        assert_eq!(paths.len(), 2);
        assert_eq!(kg.node(paths[0].hops[0].to).id, "M1");
        assert_eq!(paths[0].sign, Sign::Negative);
        assert_eq!(paths[1].sign, Sign::Positive);
    }
}
