//! A deterministic layered layout (left to right) for the interactive page, computed at
//! export time so that the page opens on its final picture: no physics simulation in
//! the browser, no external tool, the same positions for the same graph on every
//! machine.
//!
//! The steps are those of a Sugiyama drawing, each kept simple: cycles are broken by
//! reversing the back edges of a depth-first search; each node's layer is its longest
//! path from a source, and a source sits just before its nearest successor; the order
//! in each layer comes from barycentre sweeps; then each node's vertical place is the
//! mean of its neighbours', made to keep the order and the spacing by a least-squares
//! fit (pool-adjacent-violators). A layer too long for the picture's aspect is folded
//! into several adjacent columns.
//!
//! Boxes never overlap, by construction: each column is as wide as its widest node and
//! columns are `gap_x` apart; in a column, nodes are at least `gap_y` apart.
//!
//! # Complexity
//! O((V + E) · sweeps + V log V) time, O(V + E) memory.

/// Spacing of the layout, in the units of the node sizes (CSS pixels on the page).
#[derive(Debug, Clone, Copy)]
pub struct Spacing {
    /// Between the widest node of a column and the next column (room for edge labels).
    pub gap_x: f64,
    /// Between two nodes of a column.
    pub gap_y: f64,
    /// The width-to-height ratio the picture should have (long layers are folded).
    pub aspect: f64,
}

impl Default for Spacing {
    fn default() -> Self {
        Spacing {
            gap_x: 120.0,
            gap_y: 24.0,
            aspect: 1.15,
        }
    }
}

/// Centres of `sizes.len()` boxes (width, height) laid out in layers from left to right
/// along `edges` (index pairs; self-loops, repeats and out-of-range indices are
/// ignored).
pub fn layered(
    sizes: &[(f64, f64)],
    edges: &[(usize, usize)],
    spacing: Spacing,
) -> Vec<(f64, f64)> {
    let n = sizes.len();
    if n == 0 {
        return Vec::new();
    }
    let mut pairs: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && a < n && b < n)
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let dag = acyclic(n, &pairs);
    let layer = layers(n, &dag);
    let nlayers = layer.iter().max().map_or(0, |m| m + 1);
    // Neighbours in either direction, for ordering and placing.
    let mut nbrs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in &dag {
        nbrs[a].push(b);
        nbrs[b].push(a);
    }
    let mut by_layer: Vec<Vec<usize>> = vec![Vec::new(); nlayers];
    for v in 0..n {
        by_layer[layer[v]].push(v);
    }
    order_layers(&mut by_layer, &layer, &nbrs);
    let columns = fold(&by_layer, sizes, spacing);
    let mut pos = place(&columns, sizes, &nbrs, spacing);
    wrap(&columns, sizes, &mut pos, spacing);
    pos
}

/// The fewest columns that are ever cut into bands.
const MIN_COLUMNS_TO_WRAP: usize = 8;

/// Too many columns for the aspect (a long chain of layers): the columns are cut into
/// bands, like lines of text, each band drawn below the one before it, a gap apart.
fn wrap(columns: &[Vec<usize>], sizes: &[(f64, f64)], pos: &mut [(f64, f64)], spacing: Spacing) {
    let extent = |col: &[usize], pos: &[(f64, f64)]| {
        col.iter().fold(
            (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
            |(x0, x1, y0, y1), &v| {
                let (w, h) = sizes[v];
                let (x, y) = pos[v];
                (
                    x0.min(x - w / 2.0),
                    x1.max(x + w / 2.0),
                    y0.min(y - h / 2.0),
                    y1.max(y + h / 2.0),
                )
            },
        )
    };
    let spans: Vec<(f64, f64, f64, f64)> = columns.iter().map(|c| extent(c, pos)).collect();
    let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
        return;
    };
    let width = last.1 - first.0;
    let (top, bottom) = spans
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), s| (a.min(s.2), b.max(s.3)));
    let height = (bottom - top).max(1.0);
    let gap = spacing.gap_x;
    // With b bands the picture is about width / b wide and b (height + gap) tall.
    let bands = ((width / ((height + gap) * spacing.aspect)).sqrt().round() as usize).max(1);
    // A few columns stay in one row however flat: a short chain reads left to right.
    if bands == 1 || columns.len() <= MIN_COLUMNS_TO_WRAP {
        return;
    }
    let per_band = width / bands as f64;
    let mut band = 0usize;
    let mut band_x = first.0;
    for (col, span) in columns.iter().zip(&spans) {
        if span.1 - band_x > per_band * 1.05 && span.0 > band_x && band + 1 < bands {
            band += 1;
            band_x = span.0;
        }
        for &v in col {
            pos[v].0 -= band_x - first.0;
            pos[v].1 += band as f64 * (height + gap);
        }
    }
}

/// The edges with the back edges of a depth-first search (in index order) reversed.
fn acyclic(n: usize, pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in pairs {
        out[a].push(b);
    }
    // 0 unvisited, 1 on the stack, 2 done.
    let mut state = vec![0u8; n];
    let mut back = std::collections::BTreeSet::new();
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if let Some(&w) = out[v].get(*i) {
                *i += 1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => {
                        back.insert((v, w));
                    }
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    let mut dag: Vec<(usize, usize)> = pairs
        .iter()
        .map(|&(a, b)| {
            if back.contains(&(a, b)) {
                (b, a)
            } else {
                (a, b)
            }
        })
        .collect();
    dag.sort_unstable();
    dag.dedup();
    dag
}

/// Each node's layer: its longest path from a source, then each source moved to just
/// before its nearest successor (so a combination sits beside what it acts on).
fn layers(n: usize, dag: &[(usize, usize)]) -> Vec<usize> {
    let mut indeg = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in dag {
        indeg[b] += 1;
        out[a].push(b);
    }
    let mut layer = vec![0usize; n];
    let mut ready: std::collections::VecDeque<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    let sources: Vec<usize> = ready.iter().copied().collect();
    let mut left = indeg.clone();
    while let Some(v) = ready.pop_front() {
        for &w in &out[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            left[w] -= 1;
            if left[w] == 0 {
                ready.push_back(w);
            }
        }
    }
    for v in sources {
        if let Some(m) = out[v].iter().map(|&w| layer[w]).min() {
            layer[v] = m.saturating_sub(1);
        }
    }
    // Close the gaps of layers left empty.
    let mut used: Vec<usize> = layer.clone();
    used.sort_unstable();
    used.dedup();
    let rank: std::collections::HashMap<usize, usize> =
        used.iter().enumerate().map(|(i, &l)| (l, i)).collect();
    layer.iter().map(|l| rank[l]).collect()
}

/// Orders each layer by barycentre sweeps over the neighbours in the layers before
/// (downward) or after (upward), positions taken relative to the layer's length.
fn order_layers(by_layer: &mut [Vec<usize>], layer: &[usize], nbrs: &[Vec<usize>]) {
    let n = layer.len();
    let mut rel = vec![0.0f64; n];
    let update = |by_layer: &[Vec<usize>], rel: &mut [f64]| {
        for l in by_layer {
            let len = l.len().max(1) as f64;
            for (i, &v) in l.iter().enumerate() {
                rel[v] = (i as f64 + 0.5) / len;
            }
        }
    };
    update(by_layer, &mut rel);
    for sweep in 0..8 {
        let down = sweep % 2 == 0;
        let order: Vec<usize> = if down {
            (0..by_layer.len()).collect()
        } else {
            (0..by_layer.len()).rev().collect()
        };
        for li in order {
            let mut keyed: Vec<(f64, usize)> = by_layer[li]
                .iter()
                .map(|&v| {
                    let side: Vec<f64> = nbrs[v]
                        .iter()
                        .filter(|&&w| if down { layer[w] < li } else { layer[w] > li })
                        .map(|&w| rel[w])
                        .collect();
                    let key = if side.is_empty() {
                        rel[v]
                    } else {
                        side.iter().sum::<f64>() / side.len() as f64
                    };
                    (key, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            by_layer[li] = keyed.into_iter().map(|(_, v)| v).collect();
            let len = by_layer[li].len().max(1) as f64;
            for (i, &v) in by_layer[li].iter().enumerate() {
                rel[v] = (i as f64 + 0.5) / len;
            }
        }
    }
}

/// The columns of the picture: each layer, folded into several adjacent columns of at
/// most `cap` nodes where `cap` gives the picture the aspect closest to the one asked.
fn fold(by_layer: &[Vec<usize>], sizes: &[(f64, f64)], spacing: Spacing) -> Vec<Vec<usize>> {
    let longest = by_layer.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let widest = |l: &[usize]| l.iter().map(|&v| sizes[v].0).fold(0.0, f64::max);
    let mean_h = sizes.iter().map(|s| s.1).sum::<f64>() / sizes.len().max(1) as f64;
    let score = |cap: usize| {
        let w: f64 = by_layer
            .iter()
            .map(|l| l.len().div_ceil(cap) as f64 * (widest(l) + spacing.gap_x))
            .sum();
        let h = cap.min(longest) as f64 * (mean_h + spacing.gap_y);
        ((w / h).ln() - spacing.aspect.ln()).abs()
    };
    let mut caps: Vec<usize> = (1..=longest).map(|k| longest.div_ceil(k)).collect();
    caps.dedup();
    let cap = caps
        .into_iter()
        .min_by(|&a, &b| score(a).total_cmp(&score(b)).then(b.cmp(&a)))
        .unwrap_or(longest);
    by_layer
        .iter()
        .flat_map(|l| l.chunks(cap).map(<[usize]>::to_vec))
        .filter(|c| !c.is_empty())
        .collect()
}

/// Places the columns left to right and, in each, the nodes top to bottom near the mean
/// of their neighbours' places.
fn place(
    columns: &[Vec<usize>],
    sizes: &[(f64, f64)],
    nbrs: &[Vec<usize>],
    spacing: Spacing,
) -> Vec<(f64, f64)> {
    let mut pos = vec![(0.0, 0.0); sizes.len()];
    let mut x = 0.0;
    for col in columns {
        let w = col.iter().map(|&v| sizes[v].0).fold(0.0, f64::max);
        let cx = x + w / 2.0;
        // Packed, centred on 0, to start.
        let offsets = offsets(col, sizes, spacing.gap_y);
        let mid = offsets.last().copied().unwrap_or(0.0) / 2.0;
        for (&v, o) in col.iter().zip(&offsets) {
            pos[v] = (cx, o - mid);
        }
        x += w + spacing.gap_x;
    }
    for sweep in 0..6 {
        let order: Vec<usize> = if sweep % 2 == 0 {
            (0..columns.len()).collect()
        } else {
            (0..columns.len()).rev().collect()
        };
        for ci in order {
            let col = &columns[ci];
            let want: Vec<f64> = col
                .iter()
                .map(|&v| {
                    if nbrs[v].is_empty() {
                        pos[v].1
                    } else {
                        nbrs[v].iter().map(|&w| pos[w].1).sum::<f64>() / nbrs[v].len() as f64
                    }
                })
                .collect();
            let ys = fit_in_order(&want, &offsets(col, sizes, spacing.gap_y));
            for (&v, y) in col.iter().zip(ys) {
                pos[v].1 = y;
            }
        }
    }
    pos
}

/// The least distance from the first node of a column to each node, keeping the gap.
fn offsets(col: &[usize], sizes: &[(f64, f64)], gap: f64) -> Vec<f64> {
    let mut out = Vec::with_capacity(col.len());
    let mut at = 0.0;
    for (i, &v) in col.iter().enumerate() {
        if i > 0 {
            at += (sizes[col[i - 1]].1 + sizes[v].1) / 2.0 + gap;
        }
        out.push(at);
    }
    out
}

/// The places `y` closest (least squares) to `want` with `y[i+1] - y[i] >= off[i+1] -
/// off[i]`: pool-adjacent-violators on `want - off`, which must not decrease.
fn fit_in_order(want: &[f64], off: &[f64]) -> Vec<f64> {
    // Blocks of (sum, count), each a run of equal values.
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for (w, o) in want.iter().zip(off) {
        blocks.push((w - o, 1));
        while blocks.len() >= 2 {
            let (s2, c2) = blocks[blocks.len() - 1];
            let (s1, c1) = blocks[blocks.len() - 2];
            if s1 / c1 as f64 <= s2 / c2 as f64 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (s1 + s2, c1 + c2);
        }
    }
    let mut out = Vec::with_capacity(want.len());
    for (s, c) in blocks {
        let z = s / c as f64;
        out.extend(std::iter::repeat_n(z, c));
    }
    out.iter().zip(off).map(|(z, o)| z + o).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlaps(sizes: &[(f64, f64)], pos: &[(f64, f64)]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for i in 0..sizes.len() {
            for j in i + 1..sizes.len() {
                let dx = (pos[i].0 - pos[j].0).abs() * 2.0;
                let dy = (pos[i].1 - pos[j].1).abs() * 2.0;
                if dx < sizes[i].0 + sizes[j].0 && dy < sizes[i].1 + sizes[j].1 {
                    out.push((i, j));
                }
            }
        }
        out
    }

    /// A small deterministic pseudo-random sequence (no global state).
    fn lcg(seed: &mut u64) -> usize {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*seed >> 33) as usize
    }

    #[test]
    fn no_two_boxes_overlap_on_random_graphs_and_cycles() {
        let mut seed = 7u64;
        for n in [1usize, 2, 5, 30, 200] {
            let sizes: Vec<(f64, f64)> = (0..n)
                .map(|_| {
                    (
                        40.0 + (lcg(&mut seed) % 100) as f64,
                        30.0 + (lcg(&mut seed) % 20) as f64,
                    )
                })
                .collect();
            let mut edges: Vec<(usize, usize)> = (0..n * 2)
                .map(|_| (lcg(&mut seed) % n, lcg(&mut seed) % n))
                .collect();
            edges.push((0, n - 1));
            edges.push((n - 1, 0));
            let pos = layered(&sizes, &edges, Spacing::default());
            assert_eq!(pos.len(), n);
            assert!(pos.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
            assert_eq!(overlaps(&sizes, &pos), vec![], "n = {n}");
            assert_eq!(
                pos,
                layered(&sizes, &edges, Spacing::default()),
                "deterministic"
            );
        }
    }

    #[test]
    fn edges_point_right_and_the_picture_has_the_aspect_asked() {
        // A chain a -> b -> c: three columns left to right.
        let sizes = vec![(50.0, 30.0); 3];
        let pos = layered(&sizes, &[(0, 1), (1, 2)], Spacing::default());
        assert!(pos[0].0 < pos[1].0 && pos[1].0 < pos[2].0, "{pos:?}");
        // A star of 400 leaves is folded into columns, not one column 400 nodes tall.
        let sizes = vec![(60.0, 30.0); 401];
        let edges: Vec<(usize, usize)> = (1..401).map(|i| (0, i)).collect();
        let pos = layered(&sizes, &edges, Spacing::default());
        let (xs, ys): (Vec<f64>, Vec<f64>) = pos.iter().copied().unzip();
        let span = |v: &[f64]| {
            v.iter().copied().fold(f64::MIN, f64::max) - v.iter().copied().fold(f64::MAX, f64::min)
        };
        let ratio = span(&xs) / span(&ys);
        assert!((0.5..2.5).contains(&ratio), "aspect {ratio}");
        assert_eq!(overlaps(&sizes, &pos), vec![]);
        // A chain of 300 is cut into bands, not one row 300 columns wide.
        let sizes = vec![(60.0, 30.0); 300];
        let edges: Vec<(usize, usize)> = (1..300).map(|i| (i - 1, i)).collect();
        let pos = layered(&sizes, &edges, Spacing::default());
        let (xs, ys): (Vec<f64>, Vec<f64>) = pos.iter().copied().unzip();
        let ratio = span(&xs) / span(&ys);
        assert!((0.3..3.0).contains(&ratio), "aspect {ratio}");
        assert_eq!(overlaps(&sizes, &pos), vec![]);
    }

    #[test]
    fn ordered_fit_keeps_gaps_and_is_exact_when_it_can_be() {
        let y = fit_in_order(&[0.0, 100.0, 200.0], &[0.0, 40.0, 80.0]);
        assert_eq!(y, vec![0.0, 100.0, 200.0]);
        let y = fit_in_order(&[10.0, 10.0, 10.0], &[0.0, 40.0, 80.0]);
        assert_eq!(y, vec![-30.0, 10.0, 50.0]);
    }
}
