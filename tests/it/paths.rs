//! Path search checked against brute force on random graphs (proptest), and on the
//! seed graph.

use std::collections::BTreeSet;

use claimgraph::claim::{Claim, Context, EntityRef, Evidence};
use claimgraph::kg::KnowledgeGraph;
use claimgraph::lexicon::Kind;
use claimgraph::query::{Filter, Mode, PathOptions, Query};
use claimgraph::vocab::{Sign, Vocabulary};
use petgraph::stable_graph::NodeIndex;
use proptest::prelude::*;

const RELATIONS: [&str; 4] = ["induces", "suppresses", "associated-with", "increases"];

fn ent(i: usize) -> EntityRef {
    EntityRef {
        id: format!("N:{i}"),
        label: format!("n{i}"),
        kind: if i.is_multiple_of(2) {
            Kind::Protein
        } else {
            Kind::Process
        },
        mention: None,
        synonyms: vec![],
        members: vec![],
    }
}

/// A random graph: (subject, relation, object, negated); subjects >= 100 are
/// combinations of two base nodes; `parents` are hierarchy links (child, parent)
/// between base nodes, as a lexicon's `parents` column gives them.
#[derive(Debug, Clone)]
struct Spec {
    n: usize,
    claims: Vec<(usize, usize, usize, bool)>,
    combos: Vec<(usize, usize)>,
    parents: Vec<(usize, usize)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (3usize..8).prop_flat_map(|n| {
        let combos = proptest::collection::vec((0..n, 0..n), 0..2);
        (Just(n), combos).prop_flat_map(move |(n, combos)| {
            let subjects = n + combos.len();
            let claims = proptest::collection::vec(
                (
                    0..subjects,
                    0..RELATIONS.len(),
                    0..n,
                    proptest::bool::weighted(0.15),
                ),
                0..16,
            );
            let parents = proptest::collection::vec((0..n, 0..n), 0..4);
            (Just(n), Just(combos), claims, parents).prop_map(|(n, combos, claims, parents)| Spec {
                n,
                claims,
                combos,
                parents,
            })
        })
    })
}

fn subject(spec: &Spec, s: usize) -> EntityRef {
    if s < spec.n {
        ent(s)
    } else {
        let (a, b) = spec.combos[s - spec.n];
        EntityRef::combination(vec![ent(a), ent(b)], None)
    }
}

fn build(spec: &Spec) -> (KnowledgeGraph, Vec<Claim>) {
    let claims: Vec<Claim> = spec
        .claims
        .iter()
        .filter(|(s, _, o, _)| subject(spec, *s).id != ent(*o).id)
        .map(|&(s, r, o, negated)| Claim {
            subject: subject(spec, s),
            relation: RELATIONS[r].to_string(),
            object: ent(o),
            negated,
            // Some claims hedged, so that confidences differ and ranking shows.
            hedged: (s + o).is_multiple_of(3),
            context: Context::default(),
            evidence: Evidence {
                document: "d".into(),
                sentence: format!("{s} {r} {o}").into(),
                ..Evidence::default()
            },
        })
        .collect();
    let mut kg = KnowledgeGraph::from_claims(&claims);
    let mut lexicon = claimgraph::lexicon::Lexicon::default();
    let mut parents: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for &(c, p) in &spec.parents {
        if c != p {
            parents.entry(ent(c).id).or_default().push(ent(p).id);
        }
    }
    for (c, ps) in parents {
        lexicon.set_parents(&c, ps);
    }
    kg.link_hierarchy(&lexicon);
    (kg.canonicalize(), claims)
}

/// Base nodes `a` and `b` (modulo the number of base nodes) and their indices, when
/// both are in the graph.
fn ends(
    kg: &KnowledgeGraph,
    spec: &Spec,
    a: usize,
    b: usize,
) -> Option<(usize, usize, NodeIndex, NodeIndex)> {
    let (a, b) = (a % spec.n, b % spec.n);
    Some((a, b, kg.node_index(&ent(a).id)?, kg.node_index(&ent(b).id)?))
}

/// An independent enumeration of every simple path (as (node id, relation) steps):
/// claims forward (not negated), has-member and has-form down, member-of and is-a up,
/// never up then down (member-of or is-a, then has-member or has-form).
fn brute(
    kg: &KnowledgeGraph,
    claims: &[Claim],
    from: &str,
    to: &str,
    max: usize,
) -> Vec<Vec<(String, String)>> {
    let mut steps: Vec<(String, String, String)> = Vec::new(); // (from, relation, to)
    let mut seen = BTreeSet::new();
    for c in claims {
        if !c.negated
            && seen.insert((
                c.subject.id.clone(),
                c.relation.clone(),
                c.object.id.clone(),
            ))
        {
            steps.push((
                c.subject.id.clone(),
                c.relation.clone(),
                c.object.id.clone(),
            ));
        }
    }
    for (combo, member) in kg.memberships_sorted() {
        let (c, m) = (kg.node(combo).id.clone(), kg.node(member).id.clone());
        steps.push((c.clone(), "has-member".into(), m.clone()));
        steps.push((m, "member-of".into(), c));
    }
    for (child, parent) in kg.hierarchy_sorted() {
        let (c, p) = (kg.node(child).id.clone(), kg.node(parent).id.clone());
        steps.push((c.clone(), "is-a".into(), p.clone()));
        steps.push((p, "has-form".into(), c));
    }
    let up = |r: &str| r == "member-of" || r == "is-a";
    let down = |r: &str| r == "has-member" || r == "has-form";
    let mut out = Vec::new();
    #[allow(clippy::too_many_arguments)]
    fn go(
        steps: &[(String, String, String)],
        forbidden: &dyn Fn(&str, &str) -> bool,
        at: &str,
        to: &str,
        last: &str,
        max: usize,
        path: &mut Vec<(String, String)>,
        visited: &mut Vec<String>,
        out: &mut Vec<Vec<(String, String)>>,
    ) {
        if path.len() >= max {
            return;
        }
        for (f, r, t) in steps {
            if f != at || visited.contains(t) || forbidden(last, r) {
                continue;
            }
            path.push((t.clone(), r.clone()));
            if t == to {
                out.push(path.clone());
            } else {
                visited.push(t.clone());
                go(steps, forbidden, t, to, r, max, path, visited, out);
                visited.pop();
            }
            path.pop();
        }
    }
    go(
        &steps,
        &|last, next| up(last) && down(next),
        from,
        to,
        "",
        max,
        &mut Vec::new(),
        &mut vec![from.to_string()],
        &mut out,
    );
    out
}

/// −ln(confidence) in millionths of every walkable claim, by (subject id, relation,
/// object id), computed here from the graph's confidences (membership and hierarchy
/// hops cost nothing).
fn claim_doubts(kg: &KnowledgeGraph) -> std::collections::BTreeMap<(String, String, String), u64> {
    kg.claims_sorted()
        .into_iter()
        .filter(|(_, _, c)| !c.negated)
        .map(|(s, o, c)| {
            let d = (-c.confidence().clamp(1e-9, 1.0).ln() * 1e6).round() as u64;
            (
                (
                    kg.node(s).id.clone(),
                    c.relation.to_string(),
                    kg.node(o).id.clone(),
                ),
                d,
            )
        })
        .collect()
}

fn as_steps(kg: &KnowledgeGraph, p: &claimgraph::query::Path) -> Vec<(String, String)> {
    p.hops
        .iter()
        .map(|h| (kg.node(h.to).id.clone(), h.relation.to_string()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn shortest_k_shortest_and_bounded_match_brute_force(spec in spec(), a in 0usize..8, b in 0usize..8, k in 1usize..5) {
        let (kg, claims) = build(&spec);
        let vocab = Vocabulary::bundled();
        let Some((a, b, from, to)) = ends(&kg, &spec, a, b) else { return Ok(()) };
        prop_assume!(from != to);
        let all = brute(&kg, &claims, &ent(a).id, &ent(b).id, 12);
        let q = Query::new(&kg, &vocab, Filter::default());

        // Shortest: exactly the brute-force paths of minimal length.
        let found = q.paths(from, to, &PathOptions { limit: 10_000, ..PathOptions::default() });
        let min = all.iter().map(Vec::len).min();
        let expect: BTreeSet<_> = all.iter().filter(|p| Some(p.len()) == min).cloned().collect();
        let got: BTreeSet<_> = found.paths.iter().map(|p| as_steps(&kg, p)).collect();
        prop_assert_eq!(&got, &expect);

        // Without the hierarchy: the shortest of the brute-force paths that walk none.
        let plain = Query::new(&kg, &vocab, Filter { no_hierarchy: true, ..Filter::default() });
        let found_plain = plain.paths(from, to, &PathOptions { limit: 10_000, ..PathOptions::default() });
        let flat: Vec<&Vec<(String, String)>> = all
            .iter()
            .filter(|p| !p.iter().any(|(_, r)| r == "is-a" || r == "has-form"))
            .collect();
        let min_flat = flat.iter().map(|p| p.len()).min();
        let expect_flat: BTreeSet<_> = flat.into_iter().filter(|p| Some(p.len()) == min_flat).cloned().collect();
        let got_flat: BTreeSet<_> = found_plain.paths.iter().map(|p| as_steps(&kg, p)).collect();
        prop_assert_eq!(got_flat, expect_flat);

        // Every path is made of real hops, is simple, and its sign is the product.
        for p in &found.paths {
            let mut nodes = vec![from];
            let mut sign = Sign::Positive;
            for h in &p.hops {
                prop_assert_eq!(h.from, *nodes.last().unwrap());
                prop_assert!(!nodes.contains(&h.to));
                nodes.push(h.to);
                sign = sign.times(q.hop_sign(h));
            }
            prop_assert_eq!(p.sign, sign);
        }

        // K shortest: the k smallest lengths, in order.
        let ks = q.paths(from, to, &PathOptions { mode: Mode::KShortest(k), limit: k, ..PathOptions::default() });
        let mut lengths: Vec<usize> = all.iter().map(Vec::len).collect();
        lengths.sort();
        lengths.truncate(k);
        let got_lengths: Vec<usize> = ks.paths.iter().map(|p| p.hops.len()).collect();
        prop_assert_eq!(got_lengths, lengths);
        let distinct: BTreeSet<_> = ks.paths.iter().map(|p| as_steps(&kg, p)).collect();
        prop_assert_eq!(distinct.len(), ks.paths.len());
        for p in &ks.paths {
            prop_assert!(all.contains(&as_steps(&kg, p)));
        }

        // Bounded: every simple path up to 3 hops.
        let bounded = q.paths(from, to, &PathOptions { mode: Mode::MaxHops(3), limit: 10_000, ..PathOptions::default() });
        let expect3: BTreeSet<_> = all.iter().filter(|p| p.len() <= 3).cloned().collect();
        let got3: BTreeSet<_> = bounded.paths.iter().map(|p| as_steps(&kg, p)).collect();
        prop_assert_eq!(got3, expect3);
    }

    /// question: a limit lists the first shortest paths in order (the most confident
    /// first: the least summed −ln confidence of the claim hops, in millionths; then node
    /// ids, then relation names), whichever side the search met in, and says when there
    /// are more.
    #[test]
    fn a_limit_lists_the_first_shortest_paths_in_order(spec in spec(), a in 0usize..8, b in 0usize..8, limit in 1usize..4) {
        let (kg, claims) = build(&spec);
        let vocab = Vocabulary::bundled();
        let Some((a, b, from, to)) = ends(&kg, &spec, a, b) else { return Ok(()) };
        prop_assume!(from != to);
        let all = brute(&kg, &claims, &ent(a).id, &ent(b).id, 12);
        let min = all.iter().map(Vec::len).min();
        let doubts = claim_doubts(&kg);
        let key = |p: &[(String, String)]| -> (u64, Vec<String>, Vec<String>) {
            let mut at = ent(a).id;
            let mut doubt = 0;
            for (to, rel) in p {
                doubt += doubts.get(&(at.clone(), rel.clone(), to.clone())).copied().unwrap_or(0);
                at.clone_from(to);
            }
            let (nodes, rels) = p.iter().cloned().unzip();
            (doubt, nodes, rels)
        };
        let mut expect: Vec<_> = all.iter().filter(|p| Some(p.len()) == min).map(|p| key(p)).collect();
        expect.sort();
        let q = Query::new(&kg, &vocab, Filter::default());
        let found = q.paths(from, to, &PathOptions { limit, ..PathOptions::default() });
        let got: Vec<_> = found.paths.iter().map(|p| key(&as_steps(&kg, p))).collect();
        prop_assert_eq!(&got[..], &expect[..expect.len().min(limit)]);
        prop_assert_eq!(found.truncated, expect.len() > limit);
    }

    #[test]
    fn filters_are_respected(spec in spec(), a in 0usize..8, b in 0usize..8, rel in 0usize..4, sign_neg in any::<bool>()) {
        let (kg, _) = build(&spec);
        let vocab = Vocabulary::bundled();
        let Some((_, _, from, to)) = ends(&kg, &spec, a, b) else { return Ok(()) };
        prop_assume!(from != to);
        let filter = Filter { relations: vec![RELATIONS[rel].to_string()], kinds: vec![Kind::Protein, Kind::Combination], ..Filter::default() };
        let q = Query::new(&kg, &vocab, filter);
        let found = q.paths(from, to, &PathOptions { mode: Mode::MaxHops(4), limit: 1000, ..PathOptions::default() });
        for p in &found.paths {
            for h in &p.hops {
                prop_assert!(&*h.relation == RELATIONS[rel] || ["has-member", "member-of", "is-a", "has-form"].contains(&&*h.relation));
                if h.to != to {
                    let kind = kg.node(h.to).kind;
                    prop_assert!(kind == Kind::Protein || kind == Kind::Combination);
                }
            }
        }
        let want = if sign_neg { Sign::Negative } else { Sign::Positive };
        let q = Query::new(&kg, &vocab, Filter::default());
        let signed = q.paths(from, to, &PathOptions { mode: Mode::KShortest(3), sign: Some(want), limit: 3, ..PathOptions::default() });
        for p in &signed.paths {
            prop_assert_eq!(p.sign, want);
        }
    }
}

#[test]
fn seed_zinc_reaches_il17_by_inhibition_with_evidence() {
    let ex = claimgraph::extract::Extractor::bundled();
    let doc = claimgraph::document::Document::parse(
        "zinc-vitamin-d",
        claimgraph::source::BUNDLED_CORPUS[0].1,
    );
    let kg = KnowledgeGraph::from_claims(&ex.extract(&doc));
    let vocab = Vocabulary::bundled();
    let zinc = claimgraph::query::analysis::find(&kg, "zinc")[0];
    let il17 = claimgraph::query::analysis::find(&kg, "IL-17")[0];
    let q = Query::new(&kg, &vocab, Filter::default());
    let found = q.paths(
        zinc,
        il17,
        &PathOptions {
            sign: Some(Sign::Negative),
            ..PathOptions::default()
        },
    );
    assert!(!found.paths.is_empty());
    let last = found.paths[0].hops.last().unwrap();
    let claim = kg.graph()[last.edge.unwrap()].claim().unwrap();
    assert!(!claim.evidence.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// One query context answers a batch with search memory reused from question to
    /// question: every answer must equal the answer of a fresh context, whatever came
    /// before (shortest, k shortest with their spur searches, undirected).
    #[test]
    fn a_batch_answers_like_single_queries(spec in spec(), pairs in proptest::collection::vec((0usize..8, 0usize..8, 0usize..3), 1..12)) {
        let (kg, _) = build(&spec);
        let vocab = Vocabulary::bundled();
        let filters = [
            Filter::default(),
            Filter { undirected: true, ..Filter::default() },
            Filter { include_negated: true, ..Filter::default() },
        ];
        for filter in filters {
            let batch = Query::new(&kg, &vocab, filter.clone());
            for &(a, b, mode) in &pairs {
                let (Some(from), Some(to)) = (kg.node_index(&ent(a % spec.n).id), kg.node_index(&ent(b % spec.n).id)) else { continue };
                let opts = PathOptions {
                    mode: match mode {
                        0 => Mode::Shortest,
                        1 => Mode::KShortest(3),
                        _ => Mode::Weighted(2),
                    },
                    limit: 5,
                    ..PathOptions::default()
                };
                let got = batch.paths(from, to, &opts);
                let alone = Query::new(&kg, &vocab, filter.clone()).paths(from, to, &opts);
                prop_assert_eq!(got.truncated, alone.truncated);
                prop_assert_eq!(got.paths, alone.paths);
            }
        }
    }
}
