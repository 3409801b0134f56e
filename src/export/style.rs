//! The drawing conventions every diagram export shares (DOT/SVG, Mermaid, Cytoscape.js,
//! HTML): a shape and fill colour per entity kind, an arrowhead and colour per relation
//! (a tee for inhibition, a normal arrow for increase, diamonds and dots for unsigned
//! links). One place, so that every picture of a graph looks the same.

use crate::lexicon::Kind;
use crate::vocab::{Sign, Vocabulary};

/// Graphviz shape and fill colour of a kind.
pub fn kind_style(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Nutrient => ("ellipse", "#b8e186"),
        Kind::Chemical => ("hexagon", "#fdb863"),
        Kind::Gene => ("box", "#c6dbef"),
        Kind::Protein => ("box", "#9ecae1"),
        Kind::Cytokine => ("octagon", "#fc9272"),
        Kind::Tissue => ("tab", "#fee391"),
        Kind::Cell => ("egg", "#d9d9d9"),
        Kind::Process => ("parallelogram", "#e5f5f9"),
        Kind::Condition => ("diamond", "#f4a582"),
        Kind::Combination => ("box3d", "#cbc9e2"),
    }
}

/// Graphviz arrowhead and colour of a relation: by its sign, with membership,
/// hierarchy (a hollow arrowhead, as for a subclass), association and unsigned
/// regulation drawn apart.
pub fn relation_style(vocab: &Vocabulary, relation: &str) -> (&'static str, &'static str) {
    match relation {
        "has-member" => ("odot", "#756bb1"),
        "is-a" => ("empty", "#525252"),
        "associated-with" => ("dot", "#636363"),
        "regulates" => ("odiamond", "#636363"),
        _ => match vocab.sign(relation) {
            Sign::Positive => ("normal", "#1a9641"),
            Sign::Negative => ("tee", "#d7191c"),
            Sign::Unsigned => ("odiamond", "#636363"),
        },
    }
}
