//! Decoding glued citation markers: research summaries write the sources of a paragraph
//! as one digit run before its final period (`systems 14.` cites 1 and 4).
//!
//! A run is read as the strictly increasing sequence of positive integers without leading
//! zeros that has the most members; ties go to the sequence whose largest member is
//! smallest. `125` is 1, 2, 5; `6811` is 6, 8, 11; `1112` is 11, 12.

/// The longest digit run [`decode`] accepts; longer runs are not citation markers.
pub const MAX_RUN: usize = 40;

/// Decodes a digit run into citation numbers, or `None` when it is not a valid run
/// (empty, not all ASCII digits, longer than `MAX_RUN` digits, or with no increasing reading).
///
/// # Complexity
/// O(n³) for a run of n digits, bounded by `MAX_RUN`.
///
/// # Examples
/// ```
/// use claimgraph::document::decode_citations;
/// assert_eq!(decode_citations("1710"), Some(vec![1, 7, 10]));
/// assert_eq!(decode_citations("125"), Some(vec![1, 2, 5]));
/// ```
pub fn decode(run: &str) -> Option<Vec<u64>> {
    let digits = run.as_bytes();
    let n = digits.len();
    if n == 0 || n > MAX_RUN || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = |i: usize, j: usize| -> Option<u64> {
        if digits[i] == b'0' || j - i > 18 {
            return None;
        }
        run[i..j].parse().ok()
    };
    // best[i][j]: the best reading of run[j..] whose previous number is run[i..j],
    // as (count, largest member); j == n means nothing is left.
    // Computed from the end; None means no valid continuation.
    let mut best: Vec<Vec<Option<(usize, u64, usize)>>> = vec![vec![None; n + 1]; n + 1];
    for j in (1..=n).rev() {
        for i in (0..j).rev() {
            let Some(prev) = value(i, j) else { continue };
            if j == n {
                best[i][j] = Some((0, 0, n));
                continue;
            }
            let mut choice: Option<(usize, u64, usize)> = None;
            #[allow(clippy::needless_range_loop)]
            for k in j + 1..=n {
                let Some(next) = value(j, k) else { continue };
                if next <= prev {
                    continue;
                }
                if let Some((count, largest, _)) = best[j][k] {
                    let cand = (count + 1, largest.max(next), k);
                    if better(cand, choice) {
                        choice = Some(cand);
                    }
                }
            }
            best[i][j] = choice;
        }
    }
    // The first number starts at 0.
    let mut start: Option<(usize, u64, usize)> = None;
    #[allow(clippy::needless_range_loop)]
    for j in 1..=n {
        let Some(first) = value(0, j) else { continue };
        if let Some((count, largest, _)) = best[0][j] {
            let cand = (count + 1, largest.max(first), j);
            if better(cand, start) {
                start = Some(cand);
            }
        }
    }
    let (_, _, mut j) = start?;
    let mut i = 0;
    let mut out = Vec::new();
    loop {
        out.push(value(i, j)?);
        if j == n {
            return Some(out);
        }
        let (_, _, k) = best[i][j]?;
        i = j;
        j = k;
    }
}

fn better(cand: (usize, u64, usize), current: Option<(usize, u64, usize)>) -> bool {
    match current {
        None => true,
        Some((count, largest, _)) => cand.0 > count || (cand.0 == count && cand.1 < largest),
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn design_examples() {
        assert_eq!(decode("14"), Some(vec![1, 4]));
        assert_eq!(decode("268"), Some(vec![2, 6, 8]));
        assert_eq!(decode("1710"), Some(vec![1, 7, 10]));
        assert_eq!(decode("125"), Some(vec![1, 2, 5]));
        assert_eq!(decode("6811"), Some(vec![6, 8, 11]));
        assert_eq!(decode("1112"), Some(vec![11, 12]));
    }

    #[test]
    fn tricky_runs() {
        assert_eq!(decode("7"), Some(vec![7]));
        assert_eq!(decode("10"), Some(vec![10]));
        assert_eq!(decode("101112"), Some(vec![10, 11, 12]));
        assert_eq!(decode("101113"), Some(vec![10, 11, 13]));
        assert_eq!(decode("3567"), Some(vec![3, 5, 6, 7]));
        assert_eq!(decode("123456789101112"), Some((1..=12).collect()));
        // ties: 1,9,10 and 1,91,0? (0 invalid) -> 1,9,10
        assert_eq!(decode("1910"), Some(vec![1, 9, 10]));
        // 21 cannot be 2,1: read as one number.
        assert_eq!(decode("21"), Some(vec![21]));
        assert_eq!(decode("0"), None);
        assert_eq!(decode("05"), None);
        assert_eq!(decode(""), None);
        assert_eq!(decode("12a"), None);
    }

    #[test]
    fn readings_are_increasing_and_spell_the_run() {
        for n in 1..3000u64 {
            let run = n.to_string();
            if let Some(v) = decode(&run) {
                assert!(v.windows(2).all(|w| w[0] < w[1]), "{run}: {v:?}");
                let spelled: String = v.iter().map(u64::to_string).collect();
                assert_eq!(spelled, run);
            }
        }
    }
}
