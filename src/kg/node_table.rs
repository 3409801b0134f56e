//! A compact index of nodes by id for building a graph.
//!
//! Building looks every entity a claim names up by id, a few million times for a million
//! claims, and almost always finds the entity exactly as it was seen before, so that there
//! is nothing to merge. Through the graph's `String`-keyed map and the node itself, that
//! check reads the map's bucket, the key's bytes, the node, its label and each synonym:
//! half a dozen cache misses in different places on the heap. This table keeps, beside
//! each node's index, one *record* of an entity already merged into the node (its id,
//! label, kind and synonyms as written, one after another in one buffer): a lookup reads
//! one slot and one record, and when the entity matches the record byte for byte, merging
//! it again is known to change nothing, so the node is not touched at all.
//!
//! Why a matching record means nothing to merge: a node's label, synonyms and kind are a
//! function of the *set* of entities merged into it (the smallest label, every other name,
//! the smallest kind), so merging one of them a second time is a no-op. A record is
//! always one of those entities, or the node's own state when the table is built from an
//! existing graph (merging that is a no-op too).

use std::hash::BuildHasher;

use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxBuildHasher;

use super::persist::{leb128, put};
use super::{EntityLike, Node};

/// One slot of the open-addressing table.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The high half of the id's hash (to skip most other ids without reading a record).
    tag: u32,
    /// The node; `u32::MAX` for an empty slot.
    node: u32,
    /// Where the node's record starts in `records`.
    record: u64,
}

const EMPTY: Slot = Slot {
    tag: 0,
    node: u32::MAX,
    record: 0,
};

/// What a lookup found.
pub(super) enum Found {
    /// The entity as recorded: nothing to merge.
    Same(NodeIndex),
    /// The id is known but the entity differs from the record: merge, then
    /// [`NodeTable::rerecord`] at `slot`.
    Differs { node: NodeIndex, slot: usize },
    /// A new id: add the node, then [`NodeTable::insert`] it with `hash`.
    Missing { hash: u64 },
}

/// Nodes by id (see the module documentation).
#[derive(Debug, Clone, Default)]
pub(super) struct NodeTable {
    /// A power of two long (or empty).
    slots: Vec<Slot>,
    len: usize,
    /// Records: id length, id, label length, label, kind (1 byte), synonym count, then each
    /// synonym's length and bytes; lengths and the count as LEB128 numbers.
    records: Vec<u8>,
}

fn hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

/// The LEB128 number at `at` (the saved format's numbers) and the position after it.
#[inline]
fn read_len(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let (v, n) = leb128(bytes, at)?;
    Some((usize::try_from(v).ok()?, at + n))
}

/// Length-prefixed bytes at `at`: the bytes and the position after them.
#[inline]
fn read_str(bytes: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let (n, start) = read_len(bytes, at)?;
    let end = start.checked_add(n)?;
    Some((bytes.get(start..end)?, end))
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

impl NodeTable {
    /// A table with room for `n` nodes.
    pub(super) fn with_capacity(n: usize) -> NodeTable {
        let mut t = NodeTable::default();
        t.reserve(n);
        t
    }

    /// The table of a graph's nodes (each recorded as it is now).
    pub(super) fn of_nodes<'n>(
        nodes: impl Iterator<Item = (NodeIndex, &'n Node)>,
        n: usize,
    ) -> NodeTable {
        let mut t = NodeTable::with_capacity(n);
        for (ix, node) in nodes {
            let at = t.records.len() as u64;
            put_str(&mut t.records, &node.id);
            put_rest(
                &mut t.records,
                &node.label,
                node.kind as u8,
                node.synonyms.len(),
                node.synonyms.iter().map(String::as_str),
            );
            t.place(hash(&node.id), ix, at);
        }
        t
    }

    /// Makes room for `additional` more nodes.
    pub(super) fn reserve(&mut self, additional: usize) {
        let want = (self.len + additional).saturating_mul(4) / 3 + 1;
        if want > self.slots.len() {
            self.grow(want.next_power_of_two().max(16));
        }
    }

    fn grow(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        for s in old.into_iter().filter(|s| s.node != u32::MAX) {
            let id = read_str(&self.records, s.record as usize).map_or(&[][..], |(id, _)| id);
            // Ids are UTF-8 (they were `&str`), and hashing needs the same `str` as lookups.
            let h = hash(std::str::from_utf8(id).unwrap_or_default());
            let mut i = h as usize & (size - 1);
            while self.slots[i].node != u32::MAX {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = s;
        }
    }

    /// Starts fetching the slot where a lookup of `id` begins (see [`prefetch_record`]).
    ///
    /// [`prefetch_record`]: Self::prefetch_record
    #[inline]
    pub(super) fn prefetch_slot(&self, id: &str) {
        if !self.slots.is_empty() {
            let i = hash(id) as usize & (self.slots.len() - 1);
            prefetch(&raw const self.slots[i]);
        }
    }

    /// Starts fetching the record of the first slot a lookup of `id` reads, when that is
    /// the id's. A claim's two entities are looked up one after the other: starting both
    /// slots' fetches, then both records', waits for each level once instead of twice.
    #[inline]
    pub(super) fn prefetch_record(&self, id: &str) {
        if !self.slots.is_empty() {
            let h = hash(id);
            let s = self.slots[h as usize & (self.slots.len() - 1)];
            if s.node != u32::MAX
                && s.tag == (h >> 32) as u32
                && let Some(r) = self.records.get(s.record as usize)
            {
                prefetch(std::ptr::from_ref(r));
            }
        }
    }

    /// Looks the entity `e` up.
    #[inline]
    pub(super) fn find<E: EntityLike>(&self, e: &E) -> Found {
        let id = e.id();
        let hash = hash(id);
        if self.slots.is_empty() {
            return Found::Missing { hash };
        }
        let mask = self.slots.len() - 1;
        let tag = (hash >> 32) as u32;
        let mut i = hash as usize & mask;
        loop {
            let s = self.slots[i];
            if s.node == u32::MAX {
                return Found::Missing { hash };
            }
            if s.tag == tag {
                let at = s.record as usize;
                if let Some((rid, next)) = read_str(&self.records, at)
                    && rid == id.as_bytes()
                {
                    let node = NodeIndex::new(s.node as usize);
                    return if self.rest_matches(next, e) {
                        Found::Same(node)
                    } else {
                        Found::Differs { node, slot: i }
                    };
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether the record from `at` (after the id) is `e`'s label, kind and synonyms.
    fn rest_matches<E: EntityLike>(&self, at: usize, e: &E) -> bool {
        let r = &self.records;
        let Some((label, mut at)) = read_str(r, at) else {
            return false;
        };
        if label != e.label().as_bytes() || r.get(at) != Some(&(e.kind() as u8)) {
            return false;
        }
        let Some((count, next)) = read_len(r, at + 1) else {
            return false;
        };
        at = next;
        let mut seen = 0usize;
        for s in e.synonyms() {
            match read_str(r, at) {
                Some((rs, next)) if seen < count && rs == s.as_bytes() => {
                    at = next;
                    seen += 1;
                }
                _ => return false,
            }
        }
        seen == count
    }

    /// Adds the new node `node` for `e` (looked up as missing, with `hash`).
    pub(super) fn insert<E: EntityLike>(&mut self, hash: u64, node: NodeIndex, e: &E) {
        self.reserve(1);
        let at = self.record(e);
        self.place(hash, node, at);
    }

    /// Records `e` (just merged) as the entity of the node at `slot`.
    pub(super) fn rerecord<E: EntityLike>(&mut self, slot: usize, e: &E) {
        let at = self.record(e);
        self.slots[slot].record = at;
    }

    fn record<E: EntityLike>(&mut self, e: &E) -> u64 {
        let at = self.records.len() as u64;
        let id = e.id();
        put_str(&mut self.records, id);
        put_rest(
            &mut self.records,
            e.label(),
            e.kind() as u8,
            e.synonyms().count(),
            e.synonyms(),
        );
        at
    }

    fn place(&mut self, hash: u64, node: NodeIndex, record: u64) {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        while self.slots[i].node != u32::MAX {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot {
            tag: (hash >> 32) as u32,
            node: node.index() as u32,
            record,
        };
        self.len += 1;
    }
}

fn put_rest<'s>(
    out: &mut Vec<u8>,
    label: &str,
    kind: u8,
    count: usize,
    synonyms: impl Iterator<Item = &'s str>,
) {
    put_str(out, label);
    out.push(kind);
    put(out, count as u64);
    for s in synonyms {
        put_str(out, s);
    }
}

/// Asks the processor to start loading the cache line at `p` (any address: a prefetch
/// never faults).
#[inline(always)]
pub(super) fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: SSE is part of every x86-64 processor, and a prefetch never faults, even
        // on an address it cannot reach.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(p.cast::<i8>()) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
