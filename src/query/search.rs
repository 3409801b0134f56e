//! Path search algorithms over the (node, last-hop-was-member-of) state graph:
//! bidirectional BFS for all shortest paths, Dijkstra on −log confidence, Yen's k
//! shortest simple paths on top of either, and bounded depth-first enumeration.

use std::cmp::Reverse;
use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, BinaryHeap};

use petgraph::stable_graph::NodeIndex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{Hop, Move, Query, State};
use crate::claim::Text;
use crate::kg::KnowledgeGraph;

/// What a spur search may not use: nodes, and hops leaving a given node.
#[derive(Debug, Default, Clone)]
pub(crate) struct Bans {
    pub nodes: FxHashSet<NodeIndex>,
    pub hops: FxHashSet<HopKey>,
}

/// Search labels: state -> its distance and its list of links in a [`Links`] arena.
type Layers = FxHashMap<State, Layer>;

/// A state's label in a breadth-first search.
#[derive(Debug, Clone, Copy)]
struct Layer {
    depth: u32,
    head: u32,
    tail: u32,
}

const NONE: u32 = u32::MAX;

impl Layer {
    fn root() -> Layer {
        Layer {
            depth: 0,
            head: NONE,
            tail: NONE,
        }
    }
}

/// Linked lists of (neighbouring state, move), one per labelled state, in one arena.
#[derive(Default)]
struct Links {
    arena: Vec<(State, Move, u32)>,
}

impl Links {
    /// Labels `state` at `depth` through `(via, m)`: a new state (returns true), or one
    /// more link of a state already at `depth`.
    fn reach(
        &mut self,
        layers: &mut Layers,
        state: State,
        depth: u32,
        via: State,
        m: Move,
    ) -> bool {
        let at = self.arena.len() as u32;
        match layers.entry(state) {
            Entry::Vacant(v) => {
                self.arena.push((via, m, NONE));
                v.insert(Layer {
                    depth,
                    head: at,
                    tail: at,
                });
                true
            }
            Entry::Occupied(mut o) if o.get().depth == depth => {
                self.arena.push((via, m, NONE));
                let layer = o.get_mut();
                self.arena[layer.tail as usize].2 = at;
                layer.tail = at;
                false
            }
            Entry::Occupied(_) => false,
        }
    }

    /// The links of a state, in the order they were found.
    fn list(&self, layer: &Layer) -> impl Iterator<Item = (State, &Move)> {
        let mut at = layer.head;
        std::iter::from_fn(move || {
            let (s, m, next) = self.arena.get(at as usize)?;
            at = *next;
            Some((*s, m))
        })
    }
}

/// The ordering key of a path: node ids, then relations.
pub(crate) type PathKey<'g> = (Vec<&'g str>, Vec<Text>);

/// A hop's identity: from, to, relation, and the claim edge's index.
pub(crate) type HopKey = (NodeIndex, NodeIndex, Text, Option<usize>, bool);

pub(crate) fn hop_key(h: &Hop) -> HopKey {
    (
        h.from,
        h.to,
        h.relation.clone(),
        h.edge.map(|e| e.index()),
        h.reversed,
    )
}

impl<'g> Query<'g> {
    fn allowed(&self, hop: &Hop, bans: &Bans) -> bool {
        !bans.nodes.contains(&hop.to)
            && (bans.hops.is_empty() || !bans.hops.contains(&hop_key(hop)))
    }

    /// All shortest simple paths from `start` to `target` (up to `cap`), by a
    /// bidirectional breadth-first search that expands the side whose frontier has fewer
    /// edges, so that a hub on one side is not expanded while the other side is cheap.
    pub(crate) fn all_shortest(
        &self,
        start: State,
        target: NodeIndex,
        bans: &Bans,
        cap: usize,
    ) -> Vec<Vec<Hop>> {
        if start.node == target {
            return vec![Vec::new()];
        }
        // Forward: state -> (distance, predecessors). Backward: state -> (distance,
        // successors). Links live in one arena; hops are built only for returned paths.
        let mut links = Links::default();
        let mut fwd: Layers = FxHashMap::default();
        let mut bwd: Layers = FxHashMap::default();
        fwd.insert(start, Layer::root());
        let mut f_frontier = vec![start];
        let mut b_frontier: Vec<State> = Vec::new();
        for &after_member_of in self.arrival_states(target) {
            let s = State {
                node: target,
                after_member_of,
            };
            bwd.insert(s, Layer::root());
            b_frontier.push(s);
        }
        let hop_banned = |from: NodeIndex, to: NodeIndex, m: &Move| {
            !bans.hops.is_empty() && bans.hops.contains(&hop_key(&self.hop_of(from, to, m)))
        };
        let cost =
            |frontier: &[State]| -> usize { frontier.iter().map(|s| self.kg.degree(s.node)).sum() };
        let (mut f_depth, mut b_depth) = (0u32, 0u32);
        let mut best: Option<u32> = None;
        while best.is_none() && !f_frontier.is_empty() && !b_frontier.is_empty() {
            let mut next = Vec::new();
            if cost(&f_frontier) <= cost(&b_frontier) {
                for &s in &f_frontier {
                    self.each_move(s, target, |m| {
                        let n = m.state;
                        if n.node == start.node
                            || bans.nodes.contains(&n.node)
                            || hop_banned(s.node, n.node, &m)
                        {
                            return;
                        }
                        if links.reach(&mut fwd, n, f_depth + 1, s, m) {
                            next.push(n);
                        }
                    });
                }
                f_depth += 1;
                f_frontier = next;
                for s in &f_frontier {
                    if let Some(l) = bwd.get(s) {
                        best = Some(best.map_or(f_depth + l.depth, |b| b.min(f_depth + l.depth)));
                    }
                }
            } else {
                for &s in &b_frontier {
                    self.each_move_back(s, start.node, |m| {
                        let p = m.state;
                        if p.node == target
                            || bans.nodes.contains(&s.node)
                            || (bans.nodes.contains(&p.node) && p.node != start.node)
                            || hop_banned(p.node, s.node, &m)
                        {
                            return;
                        }
                        if links.reach(&mut bwd, p, b_depth + 1, s, m) {
                            next.push(p);
                        }
                    });
                }
                b_depth += 1;
                b_frontier = next;
                for s in &b_frontier {
                    if let Some(l) = fwd.get(s) {
                        best = Some(best.map_or(l.depth + b_depth, |b| b.min(l.depth + b_depth)));
                    }
                }
            }
        }
        let Some(len) = best else { return Vec::new() };
        // Every shortest path has exactly one state at forward distance `cut`.
        let cut = f_depth.min(len);
        let mut meeting: Vec<State> = fwd
            .iter()
            .filter(|(s, l)| l.depth == cut && bwd.get(s).is_some_and(|b| l.depth + b.depth == len))
            .map(|(s, _)| *s)
            .collect();
        meeting.sort_unstable();
        // Paths as steps (from, to, move): hops are built only for the ones returned.
        let mut out: Vec<Vec<Step>> = Vec::new();
        let budget = cap.saturating_mul(20).max(200);
        for m in meeting {
            let heads = unwind(&links, &fwd, m, budget, true);
            let tails = unwind(&links, &bwd, m, budget, false);
            for h in &heads {
                for t in &tails {
                    let mut p = Vec::with_capacity(h.len() + t.len());
                    p.extend_from_slice(h);
                    p.extend_from_slice(t);
                    if steps_simple(&p) {
                        out.push(p);
                    }
                }
                if out.len() >= budget {
                    break;
                }
            }
        }
        // The order of `order`: length, then node ids, then relations; equal paths once.
        let kg = self.kg;
        out.sort_by(|a, b| {
            a.len()
                .cmp(&b.len())
                .then_with(|| {
                    let id = |s: &Step| kg.node(s.1).id.as_str();
                    a.iter().map(id).cmp(b.iter().map(id))
                })
                .then_with(|| {
                    let rel = |s: &Step| self.step_relation(&s.2);
                    a.iter().map(rel).cmp(b.iter().map(rel))
                })
        });
        let mut paths: Vec<Vec<Hop>> = Vec::with_capacity(cap.min(out.len()));
        for p in out {
            if paths.len() >= cap {
                break;
            }
            let hops: Vec<Hop> = p.iter().map(|(f, t, m)| self.hop_of(*f, *t, m)).collect();
            if paths.last() != Some(&hops) {
                paths.push(hops);
            }
        }
        paths
    }

    /// The cheapest path by −log confidence (membership hops are free), Dijkstra.
    pub(crate) fn cheapest(
        &self,
        start: State,
        target: NodeIndex,
        bans: &Bans,
    ) -> Option<Vec<Hop>> {
        #[derive(PartialEq)]
        struct Cost(f64);
        impl Eq for Cost {}
        impl PartialOrd for Cost {
            fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(o))
            }
        }
        impl Ord for Cost {
            fn cmp(&self, o: &Self) -> std::cmp::Ordering {
                self.0.total_cmp(&o.0)
            }
        }
        let mut dist: FxHashMap<State, f64> = FxHashMap::default();
        let mut prev: FxHashMap<State, (State, Hop)> = FxHashMap::default();
        let mut heap = BinaryHeap::new();
        dist.insert(start, 0.0);
        heap.push((
            Reverse(Cost(0.0)),
            Reverse(start.node.index()),
            start.after_member_of,
        ));
        while let Some((Reverse(Cost(d)), Reverse(ix), after)) = heap.pop() {
            let s = State {
                node: NodeIndex::new(ix),
                after_member_of: after,
            };
            if dist.get(&s).is_some_and(|&best| d > best) {
                continue;
            }
            if s.node == target {
                let mut hops = Vec::new();
                let mut cur = s;
                while let Some((p, h)) = prev.get(&cur) {
                    hops.push(h.clone());
                    cur = *p;
                }
                hops.reverse();
                return Some(hops);
            }
            for (hop, n) in self.moves(s, target) {
                if n.node == start.node || !self.allowed(&hop, bans) {
                    continue;
                }
                let nd = d + self.hop_cost(&hop);
                if dist.get(&n).is_none_or(|&old| nd < old) {
                    dist.insert(n, nd);
                    prev.insert(n, (s, hop));
                    heap.push((
                        Reverse(Cost(nd)),
                        Reverse(n.node.index()),
                        n.after_member_of,
                    ));
                }
            }
        }
        None
    }

    /// The k best simple paths by Yen's algorithm, using `best` for each spur search
    /// and `cost` to rank; ties by node ids.
    pub(crate) fn yen(
        &self,
        start: State,
        k: usize,
        best: &dyn Fn(State, &Bans) -> Option<Vec<Hop>>,
        cost: &dyn Fn(&[Hop]) -> f64,
    ) -> Vec<Vec<Hop>> {
        let mut accepted: Vec<Vec<Hop>> = Vec::new();
        let Some(first) = best(start, &Bans::default()) else {
            return accepted;
        };
        accepted.push(first);
        let mut seen: BTreeSet<Vec<HopKey>> = BTreeSet::new();
        seen.insert(accepted[0].iter().map(hop_key).collect());
        let mut candidates: Vec<(f64, PathKey<'g>, Vec<Hop>)> = Vec::new();
        while accepted.len() < k {
            let last = accepted[accepted.len() - 1].clone();
            for i in 0..last.len() {
                let root = &last[..i];
                let spur = if i == 0 {
                    start
                } else {
                    State {
                        node: last[i - 1].to,
                        after_member_of: &*last[i - 1].relation == crate::vocab::MEMBER_OF,
                    }
                };
                let mut bans = Bans::default();
                for p in &accepted {
                    if p.len() > i && p[..i].iter().map(hop_key).eq(root.iter().map(hop_key)) {
                        bans.hops.insert(hop_key(&p[i]));
                    }
                }
                bans.nodes.insert(start.node);
                for h in root {
                    bans.nodes.insert(h.to);
                }
                bans.nodes.remove(&spur.node);
                if let Some(tail) = best(spur, &bans) {
                    let mut path = root.to_vec();
                    path.extend(tail);
                    if !is_simple(&path) {
                        continue;
                    }
                    let key: Vec<HopKey> = path.iter().map(hop_key).collect();
                    if seen.insert(key) {
                        candidates.push((cost(&path), self.key(&path), path));
                    }
                }
            }
            if candidates.is_empty() {
                break;
            }
            let (ix, _) = candidates
                .iter()
                .enumerate()
                .min_by(|a, b| a.1.0.total_cmp(&b.1.0).then_with(|| a.1.1.cmp(&b.1.1)))
                .unwrap_or((0, &candidates[0]));
            let (_, _, p) = candidates.swap_remove(ix);
            accepted.push(p);
        }
        accepted
    }

    /// Every simple path of at most `max_hops` hops (up to `cap`), and whether the cap cut
    /// the enumeration short.
    pub(crate) fn bounded(
        &self,
        start: State,
        target: NodeIndex,
        max_hops: usize,
        cap: usize,
    ) -> (Vec<Vec<Hop>>, bool) {
        let mut out = Vec::new();
        let mut path: Vec<Hop> = Vec::new();
        let mut on_path: FxHashSet<NodeIndex> = FxHashSet::default();
        on_path.insert(start.node);
        let mut truncated = false;
        self.dfs(
            start,
            target,
            max_hops,
            cap,
            &mut path,
            &mut on_path,
            &mut out,
            &mut truncated,
        );
        self.order(&mut out);
        (out, truncated)
    }

    #[allow(clippy::too_many_arguments)]
    fn dfs(
        &self,
        s: State,
        target: NodeIndex,
        left: usize,
        cap: usize,
        path: &mut Vec<Hop>,
        on_path: &mut FxHashSet<NodeIndex>,
        out: &mut Vec<Vec<Hop>>,
        truncated: &mut bool,
    ) {
        if left == 0 || *truncated {
            return;
        }
        for (hop, n) in self.moves(s, target) {
            if on_path.contains(&n.node) {
                continue;
            }
            path.push(hop);
            if n.node == target {
                if out.len() >= cap {
                    *truncated = true;
                    path.pop();
                    return;
                }
                out.push(path.clone());
            } else {
                on_path.insert(n.node);
                self.dfs(n, target, left - 1, cap, path, on_path, out, truncated);
                on_path.remove(&n.node);
            }
            path.pop();
        }
    }

    /// The ordering key of a path: its node ids, then relations.
    pub(crate) fn key(&self, p: &[Hop]) -> PathKey<'g> {
        let kg: &'g KnowledgeGraph = self.kg;
        (
            p.iter().map(|h| kg.node(h.to).id.as_str()).collect(),
            p.iter().map(|h| h.relation.clone()).collect(),
        )
    }

    /// Sorts paths by length, then node ids; removes duplicates.
    pub(crate) fn order(&self, paths: &mut Vec<Vec<Hop>>) {
        paths.sort_by_cached_key(|p| (p.len(), self.key(p)));
        paths.dedup();
    }
}

/// One step of a found path: from, to, and the move between.
type Step = (NodeIndex, NodeIndex, Move);

/// All step sequences between `s` and the root of a search (depth 0) through the links:
/// from the root to `s` when `forward` (a forward search's predecessors), from `s` to
/// the root otherwise (a backward search's successors).
fn unwind(
    links: &Links,
    layers: &Layers,
    s: State,
    budget: usize,
    forward: bool,
) -> Vec<Vec<Step>> {
    let mut out = Vec::new();
    let mut stack: Vec<(State, Vec<Step>)> = vec![(s, Vec::new())];
    while let Some((cur, steps)) = stack.pop() {
        if out.len() >= budget {
            break;
        }
        let Some(layer) = layers.get(&cur) else {
            continue;
        };
        if layer.depth == 0 {
            let mut p = steps;
            if forward {
                p.reverse();
            }
            out.push(p);
            continue;
        }
        for (other, m) in links.list(layer) {
            let mut next = steps.clone();
            next.push(if forward {
                (other.node, cur.node, *m)
            } else {
                (cur.node, other.node, *m)
            });
            stack.push((other, next));
        }
    }
    out
}

/// Whether a walk given as its first node and the node each hop reaches repeats no node
/// (paths are short: a scan beats a set).
fn repeats_no_node(first: Option<NodeIndex>, mut reached: impl Iterator<Item = NodeIndex>) -> bool {
    let mut seen: Vec<NodeIndex> = first.into_iter().collect();
    reached.all(|n| {
        let fresh = !seen.contains(&n);
        seen.push(n);
        fresh
    })
}

/// Whether a step sequence repeats no node.
fn steps_simple(p: &[Step]) -> bool {
    repeats_no_node(p.first().map(|s| s.0), p.iter().map(|s| s.1))
}

/// Whether a path repeats no node.
fn is_simple(p: &[Hop]) -> bool {
    repeats_no_node(p.first().map(|h| h.from), p.iter().map(|h| h.to))
}
