//! Claim edges by key, in a flat table.
//!
//! Building adds about one new edge per claim, each first looked up by its key (subject,
//! relation, object, polarity): a lookup in a table of a million edges that almost
//! always misses the cache. Here the key and the edge sit together in one 16-byte slot
//! (a general hash map keeps its control bytes and its entries apart, two misses), and
//! the slot can be fetched ahead of the lookup with [`EdgeTable::prefetch`].

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::node_table::prefetch;

/// The key of a claim edge: (subject, relation id, object, negated).
pub(super) type EdgeKey = (NodeIndex, u32, NodeIndex, bool);

/// One slot: the key packed (relation id shifted left by one, polarity in the low bit)
/// and the edge; `edge == u32::MAX` for an empty slot.
#[derive(Debug, Clone, Copy)]
struct Slot {
    s: u32,
    o: u32,
    rn: u32,
    edge: u32,
}

const EMPTY: Slot = Slot {
    s: 0,
    o: 0,
    rn: 0,
    edge: u32::MAX,
};

/// Claim edges by key (see the module documentation).
#[derive(Debug, Clone, Default)]
pub(super) struct EdgeTable {
    /// A power of two long (or empty).
    slots: Vec<Slot>,
    len: usize,
    /// Keys that do not fit a slot (indices or relation ids of 2³¹ and more), kept aside.
    large: rustc_hash::FxHashMap<EdgeKey, EdgeIndex>,
}

/// The packed key, when it fits.
#[inline]
fn pack((s, r, o, negated): EdgeKey) -> Option<(u32, u32, u32)> {
    let s = u32::try_from(s.index()).ok().filter(|&v| v != u32::MAX)?;
    let o = u32::try_from(o.index()).ok()?;
    let rn = r.checked_mul(2)? | u32::from(negated);
    Some((s, o, rn))
}

#[inline]
fn hash((s, o, rn): (u32, u32, u32)) -> u64 {
    let mut x = u64::from(s) | (u64::from(o) << 32);
    x ^= u64::from(rn).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 31)).wrapping_mul(0xd6e8_feb8_6659_fd93);
    x ^ (x >> 32)
}

/// What [`EdgeTable::find`] found.
pub(super) enum Found {
    /// The edge with the key.
    Edge(EdgeIndex),
    /// No edge has the key; [`EdgeTable::fill`] puts one at this place.
    Vacant(Place),
}

/// Where a missing key goes.
pub(super) struct Place(Option<usize>);

impl EdgeTable {
    /// Makes room for `additional` more edges.
    pub(super) fn reserve(&mut self, additional: usize) {
        let want = (self.len + additional).saturating_mul(4) / 3 + 1;
        if want > self.slots.len() {
            let size = want.next_power_of_two().max(16);
            let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
            for slot in old.into_iter().filter(|s| s.edge != u32::MAX) {
                let mut i = hash((slot.s, slot.o, slot.rn)) as usize & (size - 1);
                while self.slots[i].edge != u32::MAX {
                    i = (i + 1) & (size - 1);
                }
                self.slots[i] = slot;
            }
        }
    }

    /// Starts fetching the slot where a lookup of `key` begins.
    #[inline]
    pub(super) fn prefetch(&self, key: EdgeKey) {
        if let Some(k) = pack(key)
            && !self.slots.is_empty()
        {
            let i = hash(k) as usize & (self.slots.len() - 1);
            prefetch(self.slots.as_ptr().wrapping_add(i));
        }
    }

    /// The edge with `key`, or where to put one.
    #[inline]
    pub(super) fn find(&mut self, key: EdgeKey) -> Found {
        let Some(k) = pack(key) else {
            return match self.large.get(&key) {
                Some(&e) => Found::Edge(e),
                None => Found::Vacant(Place(None)),
            };
        };
        self.reserve(1);
        let mask = self.slots.len() - 1;
        let mut i = hash(k) as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.edge == u32::MAX {
                return Found::Vacant(Place(Some(i)));
            }
            if (slot.s, slot.o, slot.rn) == k {
                return Found::Edge(EdgeIndex::new(slot.edge as usize));
            }
            i = (i + 1) & mask;
        }
    }

    /// Puts the edge `e` of `key` at `place` (from [`find`](Self::find) of `key`, with no
    /// change to the table since).
    pub(super) fn fill(&mut self, place: Place, key: EdgeKey, e: EdgeIndex) {
        match (place.0, pack(key), u32::try_from(e.index())) {
            (Some(i), Some((s, o, rn)), Ok(edge)) if edge != u32::MAX => {
                self.slots[i] = Slot { s, o, rn, edge };
                self.len += 1;
            }
            _ => {
                self.large.insert(key, e);
            }
        }
    }

    /// Whether an edge has `key`.
    pub(super) fn contains_key(&mut self, key: EdgeKey) -> bool {
        matches!(self.find(key), Found::Edge(_))
    }

    /// Adds the edge `e` of `key` (not in the table).
    pub(super) fn insert(&mut self, key: EdgeKey, e: EdgeIndex) {
        if let Found::Vacant(place) = self.find(key) {
            self.fill(place, key, e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_filled_and_grows() {
        let mut t = EdgeTable::default();
        let key = |i: usize| {
            (
                NodeIndex::new(i % 97),
                (i % 5) as u32,
                NodeIndex::new(i),
                i.is_multiple_of(2),
            )
        };
        for i in 0..5000 {
            let Found::Vacant(place) = t.find(key(i)) else {
                panic!("{i} found before it was added")
            };
            t.fill(place, key(i), EdgeIndex::new(i));
        }
        let big = (
            NodeIndex::new(u32::MAX as usize),
            u32::MAX,
            NodeIndex::new(1),
            true,
        );
        t.insert(big, EdgeIndex::new(7));
        for i in 0..5000 {
            assert!(matches!(t.find(key(i)), Found::Edge(e) if e.index() == i));
        }
        assert!(t.contains_key(big));
        assert!(!t.contains_key((NodeIndex::new(1), 0, NodeIndex::new(5000), true)));
    }
}
