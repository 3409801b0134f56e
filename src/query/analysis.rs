//! Analysis of a whole graph beside the path queries: contradictions, the most connected
//! entities, and finding entities by name (with suggestions for a name that matches none).
//!
//! These read the graph only; they are what `stats`, `check` and name resolution use.

use std::collections::BTreeSet;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use serde::Serialize;

use crate::kg::{KnowledgeGraph, Node};
use crate::vocab::{Sign, Vocabulary};

/// The summary of a graph that `claimgraph stats --format json` prints (and the Python
/// package's `Graph.stats` returns): node and edge counts in the words every command
/// uses (claims, with evidence; membership and hierarchy links, which are not claims,
/// counted apart), nodes by kind, claims by relation, the most connected entities (by
/// edges of every kind) and the contradictions.
pub fn summary(kg: &KnowledgeGraph, vocab: &Vocabulary) -> serde_json::Value {
    let kinds: std::collections::BTreeMap<String, usize> = kg
        .nodes_by_kind()
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect();
    let leaders: Vec<serde_json::Value> = degree_leaders(kg, 10)
        .into_iter()
        .map(|(ix, d)| {
            serde_json::json!({"id": kg.node(ix).id, "label": kg.node(ix).label, "degree": d})
        })
        .collect();
    let counts = kg.edge_counts();
    serde_json::json!({
        "nodes": kg.node_count(),
        "claims": counts.claims,
        "membership_links": counts.memberships,
        "hierarchy_links": counts.hierarchy,
        "nodes_by_kind": kinds,
        "claims_by_relation": kg.edges_by_relation(),
        "degree_leaders": leaders,
        "contradictions": contradictions(kg, vocab),
    })
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

/// Pairs of entities with an affirmed and a negated claim of the same relation, or
/// with affirmed claims of opposite sign.
pub fn contradictions(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Vec<Contradiction> {
    let mut claims: Vec<(NodeIndex, NodeIndex, &str, bool)> = kg
        .graph()
        .edge_references()
        .filter_map(|er| {
            er.weight()
                .claim()
                .map(|c| (er.source(), er.target(), &*c.relation, c.negated))
        })
        .collect();
    // Only claims of one pair can conflict. In a canonical graph the claims already come
    // grouped by subject: sorting each subject's few claims is enough to bring each
    // pair's together, where one sort of all claims would cost far more.
    if claims.is_sorted_by_key(|c| c.0) {
        for run in claims.chunk_by_mut(|a, b| a.0 == b.0) {
            run.sort_unstable();
        }
    } else {
        claims.sort_unstable();
    }
    let mut out = Vec::new();
    for pair in claims.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        if pair.len() < 2 {
            continue;
        }
        let mut conflicting = BTreeSet::new();
        for &(_, _, r1, n1) in pair {
            for &(_, _, r2, n2) in pair {
                let polarity = r1 == r2 && !n1 && n2;
                let (a, b) = (vocab.sign(r1), vocab.sign(r2));
                let opposite = !n1 && !n2 && a != Sign::Unsigned && b != Sign::Unsigned && a != b;
                if polarity || opposite {
                    for (r, n) in [(r1, n1), (r2, n2)] {
                        conflicting.insert(if n { format!("not {r}") } else { r.to_string() });
                    }
                }
            }
        }
        if !conflicting.is_empty() {
            out.push(Contradiction {
                subject: kg.graph()[pair[0].0].id.clone(),
                object: kg.graph()[pair[0].1].id.clone(),
                claims: conflicting.into_iter().collect(),
            });
        }
    }
    out.sort_by(|a, b| (&a.subject, &a.object).cmp(&(&b.subject, &b.object)));
    out
}

/// The `n` nodes with the most claims (in and out), most first, ties by id.
pub fn degree_leaders(kg: &KnowledgeGraph, n: usize) -> Vec<(NodeIndex, usize)> {
    let mut degree = vec![0usize; kg.graph().node_bound()];
    for er in kg.graph().edge_references() {
        if er.weight().claim().is_some() {
            degree[er.source().index()] += 1;
            degree[er.target().index()] += 1;
        }
    }
    let mut v: Vec<(NodeIndex, usize)> = degree
        .into_iter()
        .enumerate()
        .filter(|&(_, d)| d > 0)
        .map(|(i, d)| (NodeIndex::new(i), d))
        .collect();
    if v.len() > n {
        // Only nodes at or above the n-th largest degree can lead: sort those alone.
        let mut degrees: Vec<usize> = v.iter().map(|&(_, d)| d).collect();
        let k = degrees.len() - n.max(1);
        let cut = *degrees.select_nth_unstable(k).1;
        v.retain(|&(_, d)| d >= cut);
    }
    v.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| kg.graph()[a.0].id.cmp(&kg.graph()[b.0].id))
    });
    v.truncate(n);
    v
}

/// Finds nodes by name: an exact id, label or synonym (case-insensitive, Greek
/// letters and punctuation folded).
pub fn find(kg: &KnowledgeGraph, name: &str) -> Vec<NodeIndex> {
    if let Some(ix) = kg.node_index(name) {
        return vec![ix];
    }
    // A combination named by its id as claims files before format 4 wrote it
    // (`combination:CHEBI:27300+CHEBI:27363`), members in any order.
    if crate::claim::is_legacy_combination_id(name)
        && let Some(mut members) = crate::claim::combination_members(name)
    {
        members.sort();
        let id = crate::claim::combination_id(members.iter().map(String::as_str));
        if let Some(ix) = kg.node_index(&id) {
            return vec![ix];
        }
    }
    let names = kg.name_index();
    let key = crate::lexicon::normalize_label(name);
    let mut hits: Vec<NodeIndex> = names.get(&key).cloned().unwrap_or_default();
    for ix in names.get(&name.to_lowercase()).into_iter().flatten() {
        if !hits.contains(ix) {
            hits.push(*ix);
        }
    }
    // Label matches before synonym matches, then by id.
    hits.sort_by(|a, b| {
        let (na, nb) = (&kg.graph()[*a], &kg.graph()[*b]);
        let by_synonym = |n: &Node| crate::lexicon::normalize_label(&n.label) != key;
        (by_synonym(na), &na.id).cmp(&(by_synonym(nb), &nb.id))
    });
    hits
}

/// Up to `n` entities whose names are close to `name`, shown as `label (kind)`, for
/// error messages; none when nothing is close (see [`crate::query::suggest`]).
pub fn closest_names(kg: &KnowledgeGraph, name: &str, n: usize) -> Vec<String> {
    crate::query::suggest::suggest(
        name,
        kg.graph()
            .node_weights()
            .map(|node| (node.label.as_str(), node.kind, node.synonyms.as_slice())),
        n,
    )
    .into_iter()
    .map(|s| s.to_string())
    .collect()
}
