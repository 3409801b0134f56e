//! The relations the rules name themselves rather than through a trigger phrase of the
//! vocabulary: what an agent noun ("the PKC inhibitor Bis"), "the inhibitory effect of
//! A on B" or "improves a condition" states, and the direction an association "with
//! lower X" adds. Each must be a relation of the bundled vocabulary
//! (`graph/relations.toml`), as a test checks; with another vocabulary the rules check
//! that it has the relation before they state it.

/// Raises the level or amount of the object (sign `+`).
pub(super) const INCREASES: &str = "increases";
/// Lowers the level or amount of the object (sign `-`).
pub(super) const DECREASES: &str = "decreases";
/// Lowers production, expression or activity of the object (sign `-`).
pub(super) const SUPPRESSES: &str = "suppresses";
/// Regulates the object, direction not stated (unsigned).
pub(super) const REGULATES: &str = "regulates";
/// Correlated with the object, not stated as causal (unsigned).
pub(super) const ASSOCIATED_WITH: &str = "associated-with";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{Sign, Vocabulary};

    #[test]
    fn the_rules_relations_are_in_the_bundled_vocabulary_with_their_signs() {
        let vocab = Vocabulary::bundled();
        for (name, sign) in [
            (INCREASES, Sign::Positive),
            (DECREASES, Sign::Negative),
            (SUPPRESSES, Sign::Negative),
            (REGULATES, Sign::Unsigned),
            (ASSOCIATED_WITH, Sign::Unsigned),
        ] {
            assert!(
                vocab.contains(name),
                "{name} is not in graph/relations.toml"
            );
            assert_eq!(vocab.sign(name), sign, "{name} changed sign");
        }
        assert_eq!(
            vocab.get(INCREASES).and_then(|r| r.opposite.as_deref()),
            Some(DECREASES)
        );
    }
}
