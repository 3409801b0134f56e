//! The closed-class words the rules read: one list a file under `graph/words/rules/`
//! (one entry a line, `#` comment lines, a header saying what the list is for; a
//! two-column list is tab-separated), bundled with the binary and parsed once.
//!
//! The lists are small: a lookup rules out most words by their length and first byte,
//! then scans the list. The learned reader's cue lists (`graph/words/negation.txt`,
//! `graph/words/hedge.txt`) are not these: a trained model's checksum covers them.

use std::ops::Deref;
use std::sync::LazyLock;

/// Declares [`Words`] with one field a list, and [`FILES`], the bundled text of each.
macro_rules! word_lists {
    ($($(#[$doc:meta])* $field:ident: $file:literal,)*) => {
        /// The word lists of the rules, each in its file's order.
        pub(super) struct Words {
            $($(#[$doc])* pub(super) $field: WordList,)*
            /// `species.txt`: species words and the species they name.
            pub(super) species: Box<[(&'static str, &'static str)]>,
        }

        /// Every one-column list: its file name and bundled text.
        #[cfg(test)]
        const FILES: &[(&str, &str)] = &[
            $(($file, include_str!(concat!("../../graph/words/rules/", $file))),)*
        ];

        impl Words {
            fn bundled() -> Words {
                Words {
                    $($field: WordList::new(
                        entries(include_str!(concat!("../../graph/words/rules/", $file)))
                            .collect(),
                    ),)*
                    species: entries(SPECIES).map(pair).collect(),
                }
            }
        }
    };
}

word_lists! {
    /// `negations.txt`: words that negate a claim between its subject and its trigger.
    negations: "negations.txt",
    /// `hedges.txt`: words that hedge a claim in its clause before the trigger.
    hedges: "hedges.txt",
    /// `auxiliaries.txt`: words between a subject and its verb that keep the link.
    auxiliaries: "auxiliaries.txt",
    /// `light-verbs.txt`: verbs whose object noun carries the relation.
    light_verbs: "light-verbs.txt",
    /// `quantifiers.txt`: quantifiers before an agent.
    quantifiers: "quantifiers.txt",
    /// `inhibitor-nouns.txt`: agent nouns of agents that lower their target.
    inhibitor_nouns: "inhibitor-nouns.txt",
    /// `activator-nouns.txt`: agent nouns of agents that raise their target.
    activator_nouns: "activator-nouns.txt",
    /// `cell-activities.txt`: nouns after a cell naming what the cells do or have.
    cell_activities: "cell-activities.txt",
    /// `effect-nouns.txt`: the nouns of "the effect of A on B".
    effect_nouns: "effect-nouns.txt",
    /// `object-stops.txt`: words that end the search for an object.
    object_stops: "object-stops.txt",
    /// `subject-stops.txt`: words that end the search for a subject to the left.
    subject_stops: "subject-stops.txt",
    /// `subject-nouns.txt`: nouns naming how a subject is given.
    subject_nouns: "subject-nouns.txt",
    /// `clause-openers.txt`: words that open a new clause right before a subject.
    clause_openers: "clause-openers.txt",
    /// `subordinators.txt`: words that open a sentence-initial subordinate clause.
    subordinators: "subordinators.txt",
    /// `modifiers.txt`: modifiers between a coordinator and the next conjunct.
    modifiers: "modifiers.txt",
    /// `deficiency.txt`: words after an entity that make it its deficiency.
    deficiency: "deficiency.txt",
    /// `scarce.txt`: words before a subject that make it a lack of the entity.
    scarce: "scarce.txt",
    /// `combination-before.txt`: words before a group that make it one combination.
    combination_before: "combination-before.txt",
    /// `combination-after.txt`: words after a group that make it one combination.
    combination_after: "combination-after.txt",
    /// `examples.txt`: words that introduce examples of the preceding argument.
    examples: "examples.txt",
    /// `good-outcomes.txt`: outcomes of a condition that are good to increase.
    good_outcomes: "good-outcomes.txt",
    /// `bettering.txt`: verbs meaning "makes better".
    bettering: "bettering.txt",
    /// `locative.txt`: words before a tissue or cell that make it a location.
    locative: "locative.txt",
    /// `populations.txt`: head words of population phrases.
    populations: "populations.txt",
    /// `population-modifiers.txt`: modifiers kept with a population head word.
    population_modifiers: "population-modifiers.txt",
    /// `molecular-heads.txt`: head nouns naming a gene's or protein's form or part.
    molecular_heads: "molecular-heads.txt",
    /// `class-nouns.txt`: class nouns written before a gene's or protein's name.
    class_nouns: "class-nouns.txt",
    /// `protein-heads.txt`: head nouns that make a small molecule's name a protein's.
    protein_heads: "protein-heads.txt",
    /// `not-symbols.txt`: capitalised words that are no entity's short name.
    not_symbols: "not-symbols.txt",
}

/// One word list: its entries in file order (as a slice), and for a quick "no" the
/// lengths and first bytes they have.
pub(super) struct WordList {
    entries: Box<[&'static str]>,
    /// Bit `n`: an entry is `n` bytes long (bit 63: 63 or more).
    lengths: u64,
    /// Bit `b % 64` of word `b / 64`: an entry starts with byte `b`.
    firsts: [u64; 4],
}

impl WordList {
    fn new(entries: Box<[&'static str]>) -> WordList {
        let mut lengths = 0;
        let mut firsts = [0; 4];
        for e in &entries {
            lengths |= 1 << e.len().min(63);
            if let Some(&b) = e.as_bytes().first() {
                firsts[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        WordList {
            entries,
            lengths,
            firsts,
        }
    }

    /// Whether `w` is an entry.
    #[inline]
    pub(super) fn contains(&self, w: &str) -> bool {
        if self.lengths >> w.len().min(63) & 1 == 0 {
            return false;
        }
        let Some(&b) = w.as_bytes().first() else {
            return self.entries.contains(&w);
        };
        if self.firsts[usize::from(b >> 6)] >> (b & 63) & 1 == 0 {
            return false;
        }
        // Length and first byte before the bytes: most entries differ in one of them.
        self.entries
            .iter()
            .any(|e| e.len() == w.len() && e.as_bytes()[0] == b && *e == w)
    }
}

impl Deref for WordList {
    type Target = [&'static str];

    fn deref(&self) -> &[&'static str] {
        &self.entries
    }
}

/// The bundled `species.txt`.
const SPECIES: &str = include_str!("../../graph/words/rules/species.txt");

/// The word lists, parsed on first use.
pub(super) static WORDS: LazyLock<Words> = LazyLock::new(Words::bundled);

/// The entries of a list file: its lines, less empty lines and `#` comment lines.
fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The two columns of a tab-separated entry (the second empty when there is no tab).
fn pair(entry: &'static str) -> (&'static str, &'static str) {
    entry.split_once('\t').unwrap_or((entry, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether an entry is free of stray whitespace: none at either end, no tab, no run
    /// of spaces.
    fn clean(entry: &str) -> bool {
        entry == entry.trim() && !entry.contains('\t') && !entry.contains("  ")
    }

    #[test]
    fn every_list_parses_is_non_empty_and_clean() {
        let words = &*WORDS;
        assert_eq!(
            FILES.len() + 1,
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/graph/words/rules"))
                .expect("the lists' folder")
                .count(),
            "a list file is not declared in words.rs"
        );
        for (file, text) in FILES {
            assert!(text.starts_with("# "), "{file} has no header comment");
            let list: Vec<&str> = entries(text).collect();
            assert!(!list.is_empty(), "{file} is empty");
            let mut seen = std::collections::HashSet::new();
            for e in &list {
                assert!(clean(e), "{file}: stray whitespace in {e:?}");
                assert!(seen.insert(*e), "{file}: {e:?} twice");
                let case_ok = if *file == "not-symbols.txt" {
                    e.chars().any(char::is_uppercase)
                } else {
                    *e == e.to_lowercase()
                };
                assert!(case_ok, "{file}: {e:?} is not in the list's case");
            }
        }
        assert!(
            SPECIES.starts_with("# "),
            "species.txt has no header comment"
        );
        assert!(!words.species.is_empty(), "species.txt is empty");
        for line in entries(SPECIES) {
            let (word, species) = pair(line);
            assert!(
                line.matches('\t').count() == 1 && !word.is_empty() && !species.is_empty(),
                "species.txt: {line:?} is not two tab-separated columns"
            );
            assert!(
                clean(word) && clean(species),
                "species.txt: stray whitespace in {line:?}"
            );
            assert_eq!(
                line,
                line.to_lowercase(),
                "species.txt: {line:?} is not lowercase"
            );
        }
        assert_eq!(words.negations[0], "not");
        assert_eq!(words.species[0], ("mice", "mouse"));
    }
}
