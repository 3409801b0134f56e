//! "Did you mean ...?" for a name that matches no entity.
//!
//! A suggestion must be close, or it is worse than none: `zinx` should offer zinc, and
//! nothing else; "Foxp3+ CD4+ T cells" may offer "regulatory T cell" (they share most of
//! their words) but never an unrelated cytokine. A candidate qualifies either by a small
//! edit distance over the whole name (folded: case, Greek letters, punctuation), or, for
//! a query of several words, by sharing most of its words with the query both ways, words compared with a one-letter
//! tolerance. Candidates are each entity's label and synonyms; the label is what is shown.

use crate::lexicon::Kind;

/// A suggested entity: its label and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The entity's label.
    pub label: String,
    /// The entity's kind.
    pub kind: Kind,
}

impl std::fmt::Display for Suggestion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.label, self.kind)
    }
}

/// Up to `n` entities whose names are close to `query`, best first (ties by label).
///
/// `candidates` yields each entity's label, kind and other names. Returns nothing when no
/// name is close enough: no suggestion is better than a wrong one.
///
/// # Complexity
/// O(total length of the names × length of `query`).
pub fn suggest<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = (&'a str, Kind, &'a [String])>,
    n: usize,
) -> Vec<Suggestion> {
    let q = Folded::new(query);
    if q.compact.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u32, String, Kind)> = Vec::new();
    for (label, kind, synonyms) in candidates {
        let best = std::iter::once(label)
            .chain(synonyms.iter().map(String::as_str))
            .filter_map(|name| q.score(&Folded::new(name)))
            .min();
        if let Some(score) = best {
            scored.push((score, label.to_string(), kind));
        }
    }
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(n)
        .map(|(_, label, kind)| Suggestion { label, kind })
        .collect()
}

/// A name folded for comparison: its words, and all of them run together.
struct Folded {
    words: Vec<String>,
    compact: String,
}

impl Folded {
    fn new(name: &str) -> Self {
        let mut spelled = String::with_capacity(name.len());
        for ch in name.chars() {
            match ch {
                'α' => spelled.push_str("alpha"),
                'β' => spelled.push_str("beta"),
                'γ' => spelled.push_str("gamma"),
                'δ' => spelled.push_str("delta"),
                'κ' => spelled.push_str("kappa"),
                c if c.is_alphanumeric() => spelled.extend(c.to_lowercase()),
                _ => spelled.push(' '),
            }
        }
        let words: Vec<String> = spelled.split_whitespace().map(str::to_string).collect();
        let compact = words.concat();
        Folded { words, compact }
    }

    /// Lower is closer; `None` when `other` is not close enough to suggest.
    fn score(&self, other: &Folded) -> Option<u32> {
        if other.compact.is_empty() {
            return None;
        }
        let (mine, theirs) = (self.compact.chars().count(), other.compact.chars().count());
        // One edit in four letters, and at least one: `zinx` → zinc, `il17` → IL-17A.
        let allowed = (mine.max(theirs) / 4).max(1);
        if let Some(d) = edit_distance_within(&self.compact, &other.compact, allowed) {
            return Some(u32::try_from(d).unwrap_or(u32::MAX));
        }
        // Shared words: most of each side's words have a match on the other side.
        let shared = |a: &[String], b: &[String]| {
            a.iter()
                .filter(|w| b.iter().any(|v| words_match(w, v)))
                .count()
        };
        let (here, there) = (
            shared(&self.words, &other.words),
            shared(&other.words, &self.words),
        );
        // A one-word query is judged by its spelling alone: `zinx` is not "zinc
        // homeostasis". Otherwise at least half the query's words and more than half the
        // candidate's must be shared.
        if self.words.len() >= 2
            && here * 2 >= self.words.len()
            && there * 2 > other.words.len()
            && self
                .words
                .iter()
                .any(|w| w.len() >= 3 && other.words.iter().any(|v| words_match(w, v)))
        {
            // After every whole-name match, fewer unmatched words first.
            let unmatched = (self.words.len() - here) + (other.words.len() - there);
            return Some(1000 + u32::try_from(unmatched).unwrap_or(u32::MAX - 1000));
        }
        None
    }
}

/// Two words match when equal, or one edit apart and both at least four letters long
/// (`cells` and `cell`).
fn words_match(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 4 && b.len() >= 4 && edit_distance_within(a, b, 1).is_some())
}

/// The Levenshtein distance of `a` and `b` when it is at most `k`, else `None`; stops as
/// soon as it must exceed `k` (names whose lengths differ by more cost nothing), so
/// checking a name against every entity of a large graph stays quick.
pub(crate) fn edit_distance_within(a: &str, b: &str, k: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut best = cur[0];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            best = best.min(cur[j + 1]);
        }
        // Every later row is at least this row's smallest entry.
        if best > k {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= k)
}

/// Levenshtein distance over characters (the tests' reference).
#[cfg(test)]
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<(&'static str, Kind, Vec<String>)> {
        vec![
            ("zinc", Kind::Nutrient, vec!["Zn".into()]),
            ("zinc homeostasis", Kind::Process, vec![]),
            ("IFN-γ", Kind::Cytokine, vec!["interferon gamma".into()]),
            ("bone", Kind::Tissue, vec![]),
            ("regulatory T cell", Kind::Cell, vec!["Treg".into()]),
            ("IL-17", Kind::Cytokine, vec!["interleukin 17".into()]),
            ("vitamin D", Kind::Nutrient, vec![]),
            ("vitamin D3", Kind::Nutrient, vec!["cholecalciferol".into()]),
        ]
    }

    fn ask(q: &str) -> Vec<String> {
        let n = names();
        suggest(q, n.iter().map(|(l, k, s)| (*l, *k, s.as_slice())), 3)
            .into_iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn bounded_distance_agrees_with_the_full_one() {
        let words = [
            "",
            "zinc",
            "zinx",
            "zn",
            "interferon",
            "interleukin",
            "il17",
            "il17a",
        ];
        for a in words {
            for b in words {
                let d = edit_distance(a, b);
                for k in 0..6 {
                    assert_eq!(
                        edit_distance_within(a, b, k),
                        (d <= k).then_some(d),
                        "{a} {b} {k}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_typo_suggests_the_name_and_nothing_unrelated() {
        assert_eq!(ask("zinx"), ["zinc (nutrient)"]);
        assert_eq!(ask("IL17"), ["IL-17 (cytokine)"]);
        assert_eq!(ask("interferon-gama"), ["IFN-γ (cytokine)"]);
    }

    #[test]
    fn shared_words_suggest_only_when_most_words_are_shared() {
        assert_eq!(ask("Foxp3+ CD4+ T cells"), ["regulatory T cell (cell)"]);
        assert_eq!(
            ask("vitamin D2"),
            ["vitamin D (nutrient)", "vitamin D3 (nutrient)"]
        );
        assert!(ask("copper").is_empty());
        assert!(ask("bone marrow derived dendritic cells").is_empty());
        assert!(ask("---").is_empty());
    }
}
