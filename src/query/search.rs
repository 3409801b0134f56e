//! Path search algorithms over the (node, last-hop-was-member-of) state graph:
//! bidirectional BFS for all shortest paths, Dijkstra on −log confidence, Yen's k
//! shortest simple paths on top of either, and bounded depth-first enumeration.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

use petgraph::stable_graph::NodeIndex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{Hop, Move, Query, State};
use crate::claim::Text;
use crate::kg::KnowledgeGraph;
use crate::kg::Link;

/// What a spur search may not use: nodes, and hops leaving a given node.
#[derive(Debug, Default, Clone)]
pub(crate) struct Bans {
    pub nodes: FxHashSet<NodeIndex>,
    pub hops: FxHashSet<HopKey>,
}

/// A state as a number: its node's index, twice, plus whether it was reached by
/// `member-of` (the order of [`State`]).
fn code(s: State) -> u32 {
    (s.node.index() as u32) << 1 | u32::from(s.after_up)
}

/// The state numbered `c`.
fn state(c: u32) -> State {
    State {
        node: NodeIndex::new((c >> 1) as usize),
        after_up: c & 1 != 0,
    }
}

/// A set of small numbers as bits: the states of a 190k-node graph fit in 47 kB, so the
/// membership tests of a search's inner loop stay in cache (a per-state array of labels
/// would not, and writing one label per reached state costs a cache miss each).
#[derive(Debug, Default)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }

    #[inline]
    fn contains(&self, i: u32) -> bool {
        let i = i as usize;
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 != 0)
    }

    /// Whether either state of node `n` (codes `2n` and `2n + 1`, one word) is in.
    #[inline]
    fn contains_node(&self, n: u32) -> bool {
        let i = n as usize * 2;
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 3 != 0)
    }

    #[inline]
    fn insert(&mut self, i: u32) {
        let i = i as usize;
        self.0[i / 64] |= 1 << (i % 64);
    }

    #[inline]
    fn remove(&mut self, i: u32) {
        let i = i as usize;
        self.0[i / 64] &= !(1 << (i % 64));
    }
}

/// One link found by a search: the state it labels (`owner`), the neighbouring state
/// one layer nearer the root (`via`), and the move between them.
#[derive(Debug, Clone, Copy)]
struct Entry {
    owner: u32,
    via: u32,
    link: Link,
    at: u32,
    reversed: bool,
}

impl Entry {
    /// The move, as the search made it: its state is the owner.
    fn step(&self, forward: bool) -> Step {
        let m = Move {
            state: state(self.owner),
            link: self.link,
            at: self.at,
            reversed: self.reversed,
        };
        let (owner, via) = (state(self.owner).node, state(self.via).node);
        if forward {
            (via, owner, m)
        } else {
            (owner, via, m)
        }
    }
}

/// One side of a bidirectional search. Breadth-first layers are kept as runs: the
/// labelled states in the order they were labelled, and the links in the order they
/// were found, each with where every layer starts. Bits say which states are labelled
/// and which belong to the layer being built. Nothing is stored per state: a state's
/// depth and links are looked up only for the few states that end on a shortest path.
#[derive(Debug, Default)]
struct Side {
    seen: Bits,
    newest: Bits,
    labelled: Vec<u32>,
    layers: Vec<usize>,
    entries: Vec<Entry>,
    entry_layers: Vec<usize>,
    /// After the search: (depth of the owner, entry) for the links between states on
    /// shortest paths.
    lists: Vec<(u32, u32)>,
}

impl Side {
    fn new(states: usize) -> Side {
        Side {
            seen: Bits::new(states),
            newest: Bits::new(states),
            layers: vec![0],
            entry_layers: vec![0],
            ..Side::default()
        }
    }

    /// Forgets every label (touching only the labelled states).
    fn clear(&mut self) {
        for &s in &self.labelled {
            self.seen.remove(s);
            self.newest.remove(s);
        }
        self.labelled.clear();
        self.layers.clear();
        self.layers.push(0);
        self.entries.clear();
        self.entry_layers.clear();
        self.entry_layers.push(0);
        self.lists.clear();
    }

    /// The depth of the newest layer.
    fn depth(&self) -> u32 {
        (self.layers.len() - 1) as u32
    }

    /// The states at `depth`.
    fn layer(&self, depth: u32) -> &[u32] {
        let d = depth as usize;
        let end = self
            .layers
            .get(d + 1)
            .copied()
            .unwrap_or(self.labelled.len());
        self.layers
            .get(d)
            .map_or(&[], |&start| &self.labelled[start..end])
    }

    /// The links found while building the layer at `depth` (≥ 1).
    fn layer_entries(&self, depth: u32) -> std::ops::Range<usize> {
        let d = depth as usize;
        let end = self
            .entry_layers
            .get(d + 1)
            .copied()
            .unwrap_or(self.entries.len());
        self.entry_layers[d]..end
    }

    /// Labels a search root (depth 0, no links).
    fn root(&mut self, s: State) {
        let c = code(s);
        if !self.seen.contains(c) {
            self.seen.insert(c);
            self.labelled.push(c);
        }
    }

    /// Starts the next layer: the states of the previous one are no longer newest.
    fn start_layer(&mut self) {
        let from = self.layers.last().copied().unwrap_or(0);
        for &s in &self.labelled[from..] {
            self.newest.remove(s);
        }
        self.layers.push(self.labelled.len());
        self.entry_layers.push(self.entries.len());
    }

    /// Labels `owner` in the layer being built through the move `m` from `via`: a new
    /// state (returns true), or one more link of a state already in that layer.
    #[inline]
    fn reach(&mut self, owner: State, via: State, m: &Move) -> bool {
        let c = code(owner);
        let fresh = !self.seen.contains(c);
        if fresh {
            self.seen.insert(c);
            self.newest.insert(c);
            self.labelled.push(c);
        } else if !self.newest.contains(c) {
            return false;
        }
        self.entries.push(Entry {
            owner: c,
            via: code(via),
            link: m.link,
            at: m.at,
            reversed: m.reversed,
        });
        fresh
    }

    /// The depth of every state in `marked` (states this side labelled), as
    /// (state, depth) pairs in `out`.
    fn depths_of(&self, marked: &Bits, out: &mut Vec<(u32, u32)>) {
        for d in 0..=self.depth() {
            for &s in self.layer(d) {
                if marked.contains(s) {
                    out.push((s, d));
                }
            }
        }
    }

    /// Collects the links of `roots` (states at `depth`) and of every state they lead
    /// back through, layer by layer, into `lists` as (depth of the link's owner, entry).
    /// `need` is all clear and is left so; `needed` is scratch.
    fn collect(&mut self, roots: &[u32], depth: u32, need: &mut Bits, needed: &mut Vec<u32>) {
        self.lists.clear();
        needed.clear();
        for &s in roots {
            if !need.contains(s) {
                need.insert(s);
                needed.push(s);
            }
        }
        for d in (1..=depth).rev() {
            for i in self.layer_entries(d) {
                let e = self.entries[i];
                if need.contains(e.owner) {
                    self.lists.push((d, i as u32));
                    if !need.contains(e.via) {
                        need.insert(e.via);
                        needed.push(e.via);
                    }
                }
            }
        }
        for &s in needed.iter() {
            need.remove(s);
        }
    }
}

/// Memory for the breadth-first search, kept by a [`Query`] and reused by every search
/// it runs, so that once warm a search allocates nothing but the paths it returns.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    fwd: Side,
    bwd: Side,
    /// Nodes a search may not enter, and the same as a list (to clear the bits).
    banned: Bits,
    banned_list: Vec<NodeIndex>,
    /// Bits over states for the end of a search, kept all clear between uses.
    mark: Bits,
    marked: Vec<u32>,
    f_frontier: Vec<State>,
    b_frontier: Vec<State>,
    next: Vec<State>,
    /// The moves of a layer that reach the other side: (state, via, move).
    probe: Vec<(State, State, Move)>,
    /// States labelled by both sides, with their forward and backward depths.
    meets: Vec<(u32, u32, u32)>,
    depths: Vec<(u32, u32)>,
    meeting: Vec<u32>,
    /// The steps of the shortest paths found (see [`Next`]), and their groups.
    nexts: Vec<Next>,
    groups: Vec<(u64, u32)>,
    /// Listing the paths: candidate steps per position, the step sequences along one
    /// route (all indices into `nexts`), their order.
    levels: Vec<Vec<u32>>,
    out: Vec<u32>,
    order: Vec<u32>,
    /// Ordering the paths: the nodes their steps reach, by index, and each one's place
    /// by id.
    nodes: Vec<u32>,
    places: Vec<u32>,
}

impl Scratch {
    /// Memory for searches over a graph of `node_bound` node indices.
    pub(crate) fn new(node_bound: usize) -> Scratch {
        Scratch {
            fwd: Side::new(node_bound * 2),
            bwd: Side::new(node_bound * 2),
            banned: Bits::new(node_bound),
            mark: Bits::new(node_bound * 2),
            ..Scratch::default()
        }
    }

    /// Starts a search: forgets the previous one's labels, empties the buffers.
    fn begin(&mut self) {
        self.fwd.clear();
        self.bwd.clear();
        for n in self.banned_list.drain(..) {
            self.banned.remove(n.index() as u32);
        }
        self.f_frontier.clear();
        self.b_frontier.clear();
        self.meets.clear();
        self.meeting.clear();
        self.out.clear();
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

    /// Calls `g(state, via, move)` for every move a breadth-first layer makes from
    /// `frontier`: forward, to each allowed successor; backward, to each allowed
    /// predecessor. The start node is never re-entered forward nor the target left
    /// backward; banned nodes and hops are skipped.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn layer_moves(
        &self,
        forward: bool,
        frontier: &[State],
        start: State,
        target: NodeIndex,
        is_banned: &impl Fn(NodeIndex) -> bool,
        hop_banned: &impl Fn(NodeIndex, NodeIndex, &Move) -> bool,
        keep: impl Fn(&Link) -> bool + Copy,
        mut g: impl FnMut(State, State, &Move),
    ) {
        // Reading a node's row and then its links are two cache misses in a row; asking
        // for a few nodes' rows, then their links, before walking them lets the memory
        // system fetch them in parallel.
        for chunk in frontier.chunks(16) {
            self.adjacency.touch(chunk.iter().map(|s| s.node));
            if forward {
                for &s in chunk {
                    self.each_move_where(s, target, keep, |m| {
                        let n = m.state;
                        if n.node == start.node
                            || is_banned(n.node)
                            || hop_banned(s.node, n.node, &m)
                        {
                            return;
                        }
                        g(n, s, &m);
                    });
                }
            } else {
                for &s in chunk {
                    let s_banned = is_banned(s.node);
                    self.each_move_back_where(s, start.node, keep, |m| {
                        let p = m.state;
                        if p.node == target
                            || s_banned
                            || (is_banned(p.node) && p.node != start.node)
                            || hop_banned(p.node, s.node, &m)
                        {
                            return;
                        }
                        g(p, s, &m);
                    });
                }
            }
        }
    }

    /// The first `cap` shortest simple paths from `start` to `target` in order (node ids,
    /// then relation names, then the claims' order in the graph), by a bidirectional
    /// breadth-first search that expands the side whose frontier has fewer edges, so
    /// that a hub on one side is not expanded while the other side is cheap. The paths
    /// are then listed depth first in that order from the links between the states on
    /// shortest paths, and the listing stops at `cap`: a pair joined by thousands of
    /// shortest paths costs the first few.
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
        let mut scratch = self.scratch.borrow_mut();
        scratch.begin();
        let Scratch {
            fwd,
            bwd,
            banned,
            banned_list,
            mark,
            marked,
            f_frontier,
            b_frontier,
            next,
            probe,
            meets,
            depths,
            meeting,
            nexts,
            groups,
            levels,
            out,
            order,
            nodes,
            places,
        } = &mut *scratch;
        for &n in &bans.nodes {
            if n.index() < self.adjacency.node_bound() {
                banned.insert(n.index() as u32);
                banned_list.push(n);
            }
        }
        let (banned, any_banned) = (&*banned, !banned_list.is_empty());
        let is_banned = |n: NodeIndex| any_banned && banned.contains(n.index() as u32);
        // Banned hops all leave a few nodes (the spur node of a Yen round): a hop is
        // built and looked up only when it leaves one of them.
        let mut ban_from: Vec<NodeIndex> = Vec::new();
        for h in &bans.hops {
            if !ban_from.contains(&h.0) {
                ban_from.push(h.0);
            }
        }
        let hop_banned = |from: NodeIndex, to: NodeIndex, m: &Move| {
            ban_from.contains(&from) && bans.hops.contains(&hop_key(&self.hop_of(from, to, m)))
        };
        // Forward: predecessors of each state, layer by layer. Backward: successors.
        // Hops are built only for the returned paths.
        fwd.root(start);
        f_frontier.push(start);
        for &after_up in self.arrival_states(target) {
            let s = State {
                node: target,
                after_up,
            };
            bwd.root(s);
            b_frontier.push(s);
        }
        let a = self.adjacency;
        let cost =
            |frontier: &[State]| -> usize { frontier.iter().map(|s| a.degree(s.node)).sum() };
        let (mut f_cost, mut b_cost) = (cost(f_frontier), cost(b_frontier));
        // The search stops at the first layer that labels states the other side has
        // labelled: the meets. Every state both sides label is one of them.
        while meets.is_empty() && !f_frontier.is_empty() && !b_frontier.is_empty() {
            let forward = f_cost <= b_cost;
            let (this, other, frontier, this_cost) = if forward {
                (&mut *fwd, &*bwd, &mut *f_frontier, &mut f_cost)
            } else {
                (&mut *bwd, &*fwd, &mut *b_frontier, &mut b_cost)
            };
            // First a cheap pass: does the layer reach states the other side labelled?
            // If so it is the last layer, and only those states (the meets) need labels.
            // The filters are applied only to links whose far node the other side has
            // labelled, so for most links the pass is one bit test.
            probe.clear();
            let other_seen = &other.seen;
            self.layer_moves(
                forward,
                frontier,
                start,
                target,
                &is_banned,
                &hop_banned,
                |l: &Link| other_seen.contains_node(l.other),
                |n, s, m| {
                    if other_seen.contains(code(n)) {
                        probe.push((n, s, *m));
                    }
                },
            );
            this.start_layer();
            next.clear();
            // The cost of the layer being built, from the degrees the links carry.
            let mut next_cost = 0usize;
            if probe.is_empty() {
                self.layer_moves(
                    forward,
                    frontier,
                    start,
                    target,
                    &is_banned,
                    &hop_banned,
                    |_: &Link| true,
                    |n, s, m| {
                        if this.reach(n, s, m) {
                            next.push(n);
                            next_cost += m.link.other_degree();
                        }
                    },
                );
            } else {
                for (n, s, m) in probe.iter() {
                    if this.reach(*n, *s, m) {
                        next.push(*n);
                    }
                }
            }
            std::mem::swap(frontier, next);
            *this_cost = next_cost;
            let (this, other, frontier) = (&*this, other, &*frontier);
            marked.clear();
            for &s in frontier {
                let c = code(s);
                if other.seen.contains(c) {
                    mark.insert(c);
                    marked.push(c);
                }
            }
            if !marked.is_empty() {
                depths.clear();
                other.depths_of(mark, depths);
                for &(c, d) in depths.iter() {
                    meets.push(if forward {
                        (c, this.depth(), d)
                    } else {
                        (c, d, this.depth())
                    });
                }
                for &c in marked.iter() {
                    mark.remove(c);
                }
            }
        }
        let f_depth = fwd.depth();
        let Some(len) = meets.iter().map(|&(_, f, b)| f + b).min() else {
            return Vec::new();
        };
        // Every shortest path has exactly one state at forward distance `cut`.
        let cut = f_depth.min(len);
        meeting.extend(
            meets
                .iter()
                .filter_map(|&(c, f, b)| (f == cut && f + b == len).then_some(c)),
        );
        meeting.sort_unstable();
        fwd.collect(meeting, cut, mark, marked);
        bwd.collect(meeting, len - cut, mark, marked);
        // The steps of every shortest path, each with its place on a path (the number of
        // steps before it) and the states it joins: forward links lead from the start
        // to the meeting states, backward links on from them to the target.
        nexts.clear();
        for &(d, i) in &fwd.lists {
            let e = fwd.entries[i as usize];
            nexts.push(Next::new(d - 1, e.via, e.owner, e.step(true)));
        }
        for &(d, i) in &bwd.lists {
            let e = bwd.entries[i as usize];
            nexts.push(Next::new(len - d, e.owner, e.via, e.step(false)));
        }
        // Paths are listed by the ids of the nodes they reach, then by their relations'
        // names, both compared as numbers: places among the nodes the steps reach, and
        // relation ranks.
        // In a canonical graph index order is id order (see [`KnowledgeGraph`]), so a
        // node's index is its place and no id is read.
        let canonical = self.kg.is_canonical();
        if !canonical {
            nodes.clear();
            nodes.extend(nexts.iter().map(|n| n.step.1.index() as u32));
            self.node_places(nodes, places);
        }
        for n in nexts.iter_mut() {
            let node = n.step.1.index() as u32;
            n.place = if canonical {
                node
            } else {
                places[nodes.partition_point(|&x| x < node)]
            };
            n.rank = self.step_relation_rank(&n.step.2);
        }
        // Grouped here (by number, not moving the steps); a group is put in order only
        // when the listing reaches it.
        groups.clear();
        groups.extend((0..nexts.len() as u32).map(|i| (nexts[i as usize].group(), i)));
        groups.sort_unstable();
        let mut walk = Walk {
            query: self,
            nexts,
            groups,
            len: len as usize,
            start,
            cap,
            route: Vec::with_capacity(len as usize),
            levels,
            steps: out,
            order,
            paths: Vec::with_capacity(cap.min(16)),
        };
        walk.routes(0, &[code(start)]);
        walk.paths
    }

    /// Sorts `nodes` (indices) and drops repeats, and puts the place of each by id among
    /// them in `places`: comparing places compares ids.
    fn node_places(&self, nodes: &mut Vec<u32>, places: &mut Vec<u32>) {
        let kg = self.kg;
        nodes.sort_unstable();
        nodes.dedup();
        let id = |n: u32| kg.node(NodeIndex::new(n as usize)).id.as_str();
        let mut by_id: Vec<u32> = (0..nodes.len() as u32).collect();
        by_id.sort_unstable_by(|&a, &b| id(nodes[a as usize]).cmp(id(nodes[b as usize])));
        places.clear();
        places.resize(nodes.len(), 0);
        for (place, &i) in by_id.iter().enumerate() {
            places[i as usize] = place as u32;
        }
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
            start.after_up,
        ));
        while let Some((Reverse(Cost(d)), Reverse(ix), after)) = heap.pop() {
            let s = State {
                node: NodeIndex::new(ix),
                after_up: after,
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
                    heap.push((Reverse(Cost(nd)), Reverse(n.node.index()), n.after_up));
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
                        after_up: matches!(
                            &*last[i - 1].relation,
                            crate::vocab::MEMBER_OF | crate::vocab::IS_A
                        ),
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

/// One step of a shortest path, as the listing needs it.
#[derive(Debug, Clone, Copy)]
struct Next {
    /// The number of steps before it on a path.
    pos: u32,
    /// The states it leads from and to.
    from: u32,
    to: u32,
    /// The place by id of the node it reaches, and the rank of its relation's name.
    place: u32,
    rank: u32,
    step: Step,
}

impl Next {
    fn new(pos: u32, from: u32, to: u32, step: Step) -> Next {
        Next {
            pos,
            from,
            to,
            place: 0,
            rank: 0,
            step,
        }
    }

    /// The groups the listing reads steps in: by position, then state.
    fn group(&self) -> u64 {
        (self.pos as u64) << 32 | self.from as u64
    }

    /// The order of steps within a group: as paths are ordered (the node reached, then
    /// the relation), then by link.
    fn order(&self) -> (u32, u32, u32, bool) {
        (self.place, self.rank, self.step.2.at, self.step.2.reversed)
    }
}

/// The steps at position `pos` leaving state `from`, as (group, index in `nexts`) from
/// `groups` (sorted).
fn leaving(groups: &[(u64, u32)], pos: usize, from: u32) -> &[(u64, u32)] {
    let key = (pos as u64) << 32 | from as u64;
    let lo = groups.partition_point(|g| g.0 < key);
    let hi = lo + groups[lo..].partition_point(|g| g.0 == key);
    &groups[lo..hi]
}

/// Lists shortest paths in order from the steps that make them: depth first over the
/// nodes a path reaches, the lowest place first, so that the first paths listed are the
/// first in order and the listing stops at `cap` without making the rest.
struct Walk<'q, 'g, 's> {
    query: &'q Query<'g>,
    nexts: &'s [Next],
    /// Every step's group ([`Next::group`]) and index in `nexts`, sorted.
    groups: &'s [(u64, u32)],
    /// Steps in a path.
    len: usize,
    start: State,
    cap: usize,
    /// The nodes the path being listed reaches so far.
    route: Vec<NodeIndex>,
    /// Per position, the candidate next steps (indices into `nexts`).
    levels: &'s mut Vec<Vec<u32>>,
    /// The step sequences along one route (indices into `nexts`, `len` each), and their
    /// order.
    steps: &'s mut Vec<u32>,
    order: &'s mut Vec<u32>,
    paths: Vec<Vec<Hop>>,
}

impl Walk<'_, '_, '_> {
    /// Lists the paths whose route begins with `route` (`pos` nodes) and that are in
    /// one of `states` there; false once `cap` paths are listed.
    fn routes(&mut self, pos: usize, states: &[u32]) -> bool {
        if pos == self.len {
            return self.list_route();
        }
        let nexts = self.nexts;
        if self.levels.len() <= pos {
            self.levels.resize_with(pos + 1, Vec::new);
        }
        let mut level = std::mem::take(&mut self.levels[pos]);
        level.clear();
        for &s in states {
            level.extend(leaving(self.groups, pos, s).iter().map(|g| g.1));
        }
        level.sort_unstable_by_key(|&i| nexts[i as usize].order());
        // Runs of steps reaching the same node (one place): each run is one branch.
        let mut go_on = true;
        let mut i = 0;
        while go_on && i < level.len() {
            let first = &nexts[level[i] as usize];
            let mut reached = [first.to; 2];
            let mut n_reached = 1;
            let mut j = i + 1;
            while j < level.len() && nexts[level[j] as usize].place == first.place {
                let to = nexts[level[j] as usize].to;
                if !reached[..n_reached].contains(&to) && n_reached < 2 {
                    reached[n_reached] = to;
                    n_reached += 1;
                }
                j += 1;
            }
            let node = first.step.1;
            if node != self.start.node && !self.route.contains(&node) {
                self.route.push(node);
                go_on = self.routes(pos + 1, &reached[..n_reached]);
                self.route.pop();
            }
            i = j;
        }
        self.levels[pos] = level;
        go_on
    }

    /// Lists the paths along the complete route, ordered by their relations; false once
    /// `cap` paths are listed.
    fn list_route(&mut self) -> bool {
        self.steps.clear();
        let mut walk = Vec::with_capacity(self.len);
        self.along(0, code(self.start), &mut walk);
        let len = self.len.max(1);
        let n = self.steps.len() / len;
        let nexts = self.nexts;
        let steps = &*self.steps;
        let path = |p: u32| steps[p as usize * len..(p as usize + 1) * len].iter();
        let ranks = |p: u32| path(p).map(|&i| nexts[i as usize].rank);
        let links = |p: u32| {
            path(p).map(|&i| {
                (
                    nexts[i as usize].step.2.at,
                    nexts[i as usize].step.2.reversed,
                )
            })
        };
        self.order.clear();
        self.order.extend(0..n as u32);
        if n > 1 {
            // By relations, then by the links' order in the graph.
            self.order.sort_unstable_by(|&a, &b| {
                ranks(a).cmp(ranks(b)).then_with(|| links(a).cmp(links(b)))
            });
        }
        let listed = self.paths.len();
        for &p in self.order.iter() {
            if self.paths.len() >= self.cap {
                return false;
            }
            let hops: Vec<Hop> = steps[p as usize * len..(p as usize + 1) * len]
                .iter()
                .map(|&i| {
                    let (f, t, m) = &nexts[i as usize].step;
                    self.query.hop_of(*f, *t, m)
                })
                .collect();
            if !self.paths[listed..].contains(&hops) {
                self.paths.push(hops);
            }
        }
        self.paths.len() < self.cap
    }

    /// Appends to `steps` every step sequence from `state` at `pos` along the rest of
    /// the route; `walk` holds the steps before.
    fn along(&mut self, pos: usize, state: u32, walk: &mut Vec<u32>) {
        if pos == self.len {
            self.steps.extend_from_slice(walk);
            return;
        }
        for &(_, i) in leaving(self.groups, pos, state) {
            let n = &self.nexts[i as usize];
            if n.step.1 == self.route[pos] {
                walk.push(i);
                self.along(pos + 1, n.to, walk);
                walk.pop();
            }
        }
    }
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

/// Whether a path repeats no node.
fn is_simple(p: &[Hop]) -> bool {
    repeats_no_node(p.first().map(|h| h.from), p.iter().map(|h| h.to))
}
