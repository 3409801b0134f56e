//! The Biolink terms every export that speaks Biolink shares (JSON-LD, RDF, KGX, GraphML,
//! Neo4j, Cypher, Cytoscape.js): the category of each entity kind, the predicate of each
//! relation, and the knowledge level and agent type of a text-mined claim.

use crate::lexicon::Kind;
use crate::vocab::Vocabulary;

/// The Biolink knowledge level of every claim: a text-mined assertion.
pub const KNOWLEDGE_LEVEL: &str = "knowledge_assertion";
/// The Biolink agent type of every claim.
pub const AGENT_TYPE: &str = "text_mining_agent";
/// The predicate of a relation the vocabulary does not know.
pub const RELATED_TO: &str = "biolink:related_to";
/// The predicate linking a combination to its members.
pub const HAS_PART: &str = "biolink:has_part";
/// The predicate linking an entity to its parent in the hierarchy (`is-a`).
pub const SUBCLASS_OF: &str = "biolink:subclass_of";

/// The Biolink category of a kind.
pub fn category(kind: Kind) -> &'static str {
    match kind {
        Kind::Nutrient | Kind::Chemical => "biolink:SmallMolecule",
        Kind::Gene => "biolink:Gene",
        Kind::Protein | Kind::Cytokine => "biolink:Protein",
        Kind::Tissue => "biolink:GrossAnatomicalStructure",
        Kind::Cell => "biolink:Cell",
        Kind::Process => "biolink:BiologicalProcess",
        Kind::Condition => "biolink:DiseaseOrPhenotypicFeature",
        Kind::Combination => "biolink:ChemicalMixture",
    }
}

/// The KGX category of an entity: as [`category`], except that a condition is a
/// `biolink:PhenotypicFeature` when its id is an HP term and a `biolink:Disease`
/// otherwise (KGX wants the most specific class).
pub fn kgx_category(kind: Kind, id: &str) -> &'static str {
    match kind {
        Kind::Condition if id.starts_with("HP:") => "biolink:PhenotypicFeature",
        Kind::Condition => "biolink:Disease",
        k => category(k),
    }
}

/// The Biolink predicate of a relation ([`RELATED_TO`] for one the vocabulary lacks).
pub fn predicate<'v>(vocab: &'v Vocabulary, relation: &str) -> &'v str {
    vocab
        .get(relation)
        .map_or(RELATED_TO, |r| r.biolink.as_str())
}
