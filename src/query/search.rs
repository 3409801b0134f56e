//! Path search algorithms over the (node, last-hop-was-member-of) state graph:
//! bidirectional BFS for all shortest paths, Dijkstra on −log confidence, Yen's k
//! shortest simple paths on top of either, and bounded depth-first enumeration.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

use petgraph::stable_graph::NodeIndex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{Hop, Query, State};
use crate::claim::Text;
use crate::kg::KnowledgeGraph;

/// What a spur search may not use: nodes, and hops leaving a given node.
#[derive(Debug, Default, Clone)]
pub(crate) struct Bans {
    pub nodes: FxHashSet<NodeIndex>,
    pub hops: FxHashSet<HopKey>,
}

/// Search labels: state -> (distance, linked states with the hop between).
type Layers = FxHashMap<State, (usize, Vec<(State, Hop)>)>;

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
    /// bidirectional breadth-first search that always expands the smaller frontier.
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
        // Forward: state -> (distance, predecessors). Backward: state -> (distance, successors).
        let mut fwd: Layers = FxHashMap::default();
        let mut bwd: Layers = FxHashMap::default();
        fwd.insert(start, (0, Vec::new()));
        let mut f_frontier = vec![start];
        let mut b_frontier: Vec<State> = Vec::new();
        for after_member_of in [false, true] {
            let s = State {
                node: target,
                after_member_of,
            };
            bwd.insert(s, (0, Vec::new()));
            b_frontier.push(s);
        }
        let (mut f_depth, mut b_depth) = (0usize, 0usize);
        let mut best: Option<usize> = None;
        while best.is_none() && !f_frontier.is_empty() && !b_frontier.is_empty() {
            let forward = f_frontier.len() <= b_frontier.len();
            let mut next = Vec::new();
            if forward {
                for &s in &f_frontier {
                    for (hop, n) in self.moves(s, target) {
                        if n.node == start.node || !self.allowed(&hop, bans) {
                            continue;
                        }
                        match fwd.get_mut(&n) {
                            None => {
                                fwd.insert(n, (f_depth + 1, vec![(s, hop)]));
                                next.push(n);
                            }
                            Some((d, preds)) if *d == f_depth + 1 => preds.push((s, hop)),
                            _ => {}
                        }
                    }
                }
                f_depth += 1;
                f_frontier = next;
                for s in &f_frontier {
                    if let Some((db, _)) = bwd.get(s) {
                        best = Some(best.map_or(f_depth + db, |b: usize| b.min(f_depth + db)));
                    }
                }
            } else {
                for &s in &b_frontier {
                    for (hop, p) in self.moves_back(s, start.node) {
                        if p.node == target
                            || !self.allowed(&hop, bans)
                            || (bans.nodes.contains(&p.node) && p.node != start.node)
                        {
                            continue;
                        }
                        match bwd.get_mut(&p) {
                            None => {
                                bwd.insert(p, (b_depth + 1, vec![(s, hop)]));
                                next.push(p);
                            }
                            Some((d, succs)) if *d == b_depth + 1 => succs.push((s, hop)),
                            _ => {}
                        }
                    }
                }
                b_depth += 1;
                b_frontier = next;
                for s in &b_frontier {
                    if let Some((df, _)) = fwd.get(s) {
                        best = Some(best.map_or(df + b_depth, |b: usize| b.min(df + b_depth)));
                    }
                }
            }
        }
        let Some(len) = best else { return Vec::new() };
        // Every shortest path has exactly one state at forward distance `cut`.
        let cut = f_depth.min(len);
        let meeting: Vec<State> = fwd
            .iter()
            .filter(|(s, (df, _))| *df == cut && bwd.get(s).is_some_and(|(db, _)| df + db == len))
            .map(|(s, _)| *s)
            .collect();
        let mut out: Vec<Vec<Hop>> = Vec::new();
        let budget = cap.saturating_mul(20).max(200);
        for m in meeting {
            let heads = unwind(&fwd, m, start, budget);
            let tails = unwind_forward(&bwd, m, budget);
            for h in &heads {
                for t in &tails {
                    let mut p = h.clone();
                    p.extend(t.iter().cloned());
                    if is_simple(&p) {
                        out.push(p);
                    }
                }
                if out.len() >= budget {
                    break;
                }
            }
        }
        self.order(&mut out);
        out.truncate(cap);
        out
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

fn is_simple(p: &[Hop]) -> bool {
    let mut seen = FxHashSet::default();
    if let Some(first) = p.first() {
        seen.insert(first.from);
    }
    p.iter().all(|h| seen.insert(h.to))
}

/// All paths from `start` to `s` through the predecessor lists (forward search).
fn unwind(fwd: &Layers, s: State, start: State, budget: usize) -> Vec<Vec<Hop>> {
    let mut out = Vec::new();
    let mut stack: Vec<(State, Vec<Hop>)> = vec![(s, Vec::new())];
    while let Some((cur, suffix)) = stack.pop() {
        if out.len() >= budget {
            break;
        }
        if cur == start {
            let mut p = suffix;
            p.reverse();
            out.push(p);
            continue;
        }
        for (p, hop) in fwd.get(&cur).map(|(_, v)| v.as_slice()).unwrap_or(&[]) {
            let mut next = suffix.clone();
            next.push(hop.clone());
            stack.push((*p, next));
        }
    }
    out
}

/// All paths from `s` to the target through the successor lists (backward search).
fn unwind_forward(bwd: &Layers, s: State, budget: usize) -> Vec<Vec<Hop>> {
    let mut out = Vec::new();
    let mut stack: Vec<(State, Vec<Hop>)> = vec![(s, Vec::new())];
    while let Some((cur, prefix)) = stack.pop() {
        if out.len() >= budget {
            break;
        }
        match bwd.get(&cur) {
            Some((0, _)) => out.push(prefix),
            Some((_, succs)) => {
                for (n, hop) in succs {
                    let mut next = prefix.clone();
                    next.push(hop.clone());
                    stack.push((*n, next));
                }
            }
            None => {}
        }
    }
    out
}
