//! A multi-class averaged perceptron over hashed sparse features.
//!
//! Features are 64-bit hashes ([`Hasher`]); each selects one row of a dense weight table
//! with one column per class. Training keeps, beside the weights, the running sums the
//! averaging needs (the usual timestamp trick), so averaging costs one pass at the end.
//! Everything is deterministic: no randomness here, and floating-point sums run in a fixed
//! order.

use crate::error::{Error, Location, Result};

/// FNV-1a over bytes: a stable hash (the same on every platform and build), so feature
/// ids in a saved model mean the same thing wherever it is loaded.
#[derive(Debug, Clone, Copy)]
pub struct Hasher(u64);

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

impl Hasher {
    /// A hasher started with a feature template's id.
    pub fn template(id: u8) -> Hasher {
        Hasher(FNV_OFFSET).byte(id)
    }

    /// Feed one byte.
    pub fn byte(self, b: u8) -> Hasher {
        Hasher((self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME))
    }

    /// Feed a string, then a separator so that ("ab","c") and ("a","bc") differ.
    pub fn str(self, s: &str) -> Hasher {
        let mut h = self;
        for &b in s.as_bytes() {
            h = h.byte(b);
        }
        h.byte(0xff)
    }

    /// Feed a 64-bit value in one step (one multiply, not eight), for features built from
    /// values hashed once per sentence; [`Hasher::finish`] mixes the result.
    pub fn u64(self, x: u64) -> Hasher {
        Hasher(
            (self.0 ^ x)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29),
        )
    }

    /// The finished hash.
    pub fn finish(self) -> u64 {
        // A final avalanche so that the low bits used as the row index mix every input bit.
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

/// A trained (or training) perceptron: `classes` columns, `2^bits` rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Perceptron {
    classes: usize,
    bits: u32,
    weights: Vec<f32>,
}

/// The training state of a [`Perceptron`]: the weights, the averaging sums and the clock.
#[derive(Debug, Clone)]
pub struct Trainer {
    model: Perceptron,
    sums: Vec<f64>,
    clock: f64,
}

impl Perceptron {
    /// A zero model.
    pub fn new(classes: usize, bits: u32) -> Perceptron {
        let rows = 1usize << bits;
        Perceptron {
            classes,
            bits,
            weights: vec![0.0; rows.saturating_mul(classes)],
        }
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    fn row(&self, feature: u64) -> usize {
        let mask = (1u64 << self.bits) - 1;
        // The mask keeps the value below 2^bits, which fits usize on every target we build.
        usize::try_from(feature & mask).unwrap_or(0) * self.classes
    }

    /// The score of every class for a feature set, written into `out` (cleared first).
    pub fn scores(&self, features: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.classes, 0.0);
        for &f in features {
            let r = self.row(f);
            if let Some(ws) = self.weights.get(r..r + self.classes) {
                for (o, w) in out.iter_mut().zip(ws) {
                    *o += *w;
                }
            }
        }
    }

    /// The best class (the lowest index on ties) and its score.
    pub fn best(scores: &[f32]) -> (usize, f32) {
        let mut best = (0, f32::NEG_INFINITY);
        for (i, &s) in scores.iter().enumerate() {
            if s > best.1 {
                best = (i, s);
            }
        }
        best
    }

    /// The model as bytes: a header, then the non-zero weights as (index, value) pairs,
    /// little-endian.
    pub fn to_bytes(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"CGPW");
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        let nonzero: Vec<(usize, f32)> = self
            .weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != 0.0)
            .map(|(i, w)| (i, *w))
            .collect();
        out.extend_from_slice(&(nonzero.len() as u32).to_le_bytes());
        for (i, w) in nonzero {
            out.extend_from_slice(&(i as u32).to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
    }

    /// Read a model written by [`Perceptron::to_bytes`] from the front of `bytes`; returns
    /// the model and the bytes after it.
    pub fn from_bytes(bytes: &[u8]) -> Result<(Perceptron, &[u8])> {
        let bad = |what: &str| Error::Parse {
            location: Location::file("<model>"),
            message: format!("reader model: {what}"),
        };
        let mut r = Reader(bytes);
        if r.take(4).ok_or_else(|| bad("truncated header"))? != b"CGPW" {
            return Err(bad("bad magic"));
        }
        let classes = r.u32().ok_or_else(|| bad("truncated header"))? as usize;
        let bits = r.u32().ok_or_else(|| bad("truncated header"))?;
        if bits > 24 || classes == 0 || classes > 64 {
            return Err(bad("implausible shape"));
        }
        let mut p = Perceptron::new(classes, bits);
        let n = r.u32().ok_or_else(|| bad("truncated count"))?;
        for _ in 0..n {
            let i = r.u32().ok_or_else(|| bad("truncated weights"))? as usize;
            let w = f32::from_bits(r.u32().ok_or_else(|| bad("truncated weights"))?);
            *p.weights
                .get_mut(i)
                .ok_or_else(|| bad("weight index out of range"))? = w;
        }
        Ok((p, r.0))
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.0.split_at_checked(n)?;
        self.0 = tail;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

impl Trainer {
    /// A zero model to train.
    pub fn new(classes: usize, bits: u32) -> Trainer {
        let model = Perceptron::new(classes, bits);
        let sums = vec![0.0; model.weights.len()];
        Trainer {
            model,
            sums,
            clock: 1.0,
        }
    }

    /// The current (unaveraged) weights, for decoding during training.
    pub fn current(&self) -> &Perceptron {
        &self.model
    }

    /// One example: when `predicted` is not `gold`, move the weights of the features
    /// towards `gold` and away from `predicted`. Advances the clock either way.
    pub fn update(&mut self, features: &[u64], gold: usize, predicted: usize) {
        if gold != predicted {
            for &f in features {
                let r = self.model.row(f);
                for (class, delta) in [(gold, 1.0f32), (predicted, -1.0f32)] {
                    if let Some(w) = self.model.weights.get_mut(r + class) {
                        *w += delta;
                    }
                    if let Some(s) = self.sums.get_mut(r + class) {
                        *s += self.clock * f64::from(delta);
                    }
                }
            }
        }
        self.clock += 1.0;
    }

    /// The averaged model.
    pub fn finish(self) -> Perceptron {
        let c = self.clock;
        let mut model = self.model;
        for (w, s) in model.weights.iter_mut().zip(&self.sums) {
            let avg = f64::from(*w) - s / c;
            // Round tiny weights to zero so the saved model stays sparse.
            *w = if avg.abs() < 1e-3 { 0.0 } else { avg as f32 };
        }
        model
    }
}

/// A deterministic shuffle (xorshift64* from a fixed seed, Fisher–Yates).
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let r = state.wrapping_mul(0x2545_f491_4f6c_dd1d);
        let j = usize::try_from(r % (i as u64 + 1)).unwrap_or(0);
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let mut t = Trainer::new(2, 8);
        let a = Hasher::template(1).str("a").finish();
        let b = Hasher::template(1).str("b").finish();
        let mut scores = Vec::new();
        for _ in 0..5 {
            for (f, gold) in [(a, 0), (b, 1)] {
                t.current().scores(&[f], &mut scores);
                let (p, _) = Perceptron::best(&scores);
                t.update(&[f], gold, p);
            }
        }
        let m = t.finish();
        m.scores(&[b], &mut scores);
        assert_eq!(Perceptron::best(&scores).0, 1);
        m.scores(&[a], &mut scores);
        assert_eq!(Perceptron::best(&scores).0, 0);
        let mut bytes = Vec::new();
        m.to_bytes(&mut bytes);
        let (back, rest) = Perceptron::from_bytes(&bytes).expect("reads back");
        assert!(rest.is_empty());
        assert_eq!(back, m);
        assert!(Perceptron::from_bytes(&bytes[..bytes.len() - 3]).is_err());
    }
}
