//! JSON-LD with an inline context: entities with Biolink categories, one association node
//! per claim (`rdf:subject`, `rdf:predicate`, `rdf:object`, negation, supporting text,
//! publications, confidence, knowledge level, agent type), and the direct triple for
//! affirmed claims. A combination lists its members (`biolink:has_part`), an entity its
//! parents in the hierarchy (`rdfs:subClassOf`). No remote context is ever referenced.

use std::io::Write;

use petgraph::stable_graph::NodeIndex;

use serde_json::{Map, Value, json};

use crate::kg::{ClaimEdge, KnowledgeGraph};
use crate::vocab::Vocabulary;

use super::summary::ClaimSummary;

use super::biolink::{AGENT_TYPE, KNOWLEDGE_LEVEL, category};

/// The namespace of claimgraph's own terms.
pub const CG_VOCAB: &str = "https://w3id.org/claimgraph/vocab#";
/// The namespace of claimgraph's minted entity ids (`claimgraph:`, `combination:`).
pub const CG_ENTITY: &str = "https://w3id.org/claimgraph/entity/";
/// The namespace of any other id that is neither a known CURIE nor an absolute IRI
/// (kept apart from [`CG_ENTITY`], so that `x` and `claimgraph:x` stay two resources).
pub const CG_ID: &str = "https://w3id.org/claimgraph/id/";
/// The namespace of claim (association) ids.
pub const CG_CLAIM: &str = "https://w3id.org/claimgraph/claim/";
/// The namespace of documents.
pub const CG_DOCUMENT: &str = "https://w3id.org/claimgraph/document/";
/// The Biolink model namespace.
pub const BIOLINK: &str = "https://w3id.org/biolink/vocab/";

/// CURIE prefixes and their IRIs; `true` marks OBO-style prefixes ending in `_`.
pub const PREFIXES: &[(&str, &str, bool)] = &[
    ("CHEBI", "http://purl.obolibrary.org/obo/CHEBI_", true),
    ("GO", "http://purl.obolibrary.org/obo/GO_", true),
    ("CL", "http://purl.obolibrary.org/obo/CL_", true),
    ("UBERON", "http://purl.obolibrary.org/obo/UBERON_", true),
    ("MONDO", "http://purl.obolibrary.org/obo/MONDO_", true),
    ("HP", "http://purl.obolibrary.org/obo/HP_", true),
    ("RO", "http://purl.obolibrary.org/obo/RO_", true),
    ("DOID", "http://purl.obolibrary.org/obo/DOID_", true),
    ("PR", "http://purl.obolibrary.org/obo/PR_", true),
    ("HGNC", "http://identifiers.org/hgnc/", false),
    ("FPLX", "http://identifiers.org/fplx/", false),
    ("MESH", "http://id.nlm.nih.gov/mesh/", false),
    ("NCBIGene", "http://identifiers.org/ncbigene/", false),
    ("PMID", "http://www.ncbi.nlm.nih.gov/pubmed/", false),
    ("biolink", BIOLINK, false),
    ("claimgraph", CG_ENTITY, false),
    (
        "combination",
        "https://w3id.org/claimgraph/combination/",
        false,
    ),
    ("claim", CG_CLAIM, false),
];

/// The full IRI of a CURIE, if its prefix is known.
pub fn expand(curie: &str) -> Option<String> {
    let (prefix, local) = curie.split_once(':')?;
    PREFIXES
        .iter()
        .find(|(p, _, _)| *p == prefix)
        .map(|(_, iri, _)| format!("{iri}{local}"))
}

/// The RDF namespace.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// The RDF Schema namespace.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// The XML Schema datatypes namespace.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// The namespace IRI of a prefix the JSON-LD context lets a compact IRI use: the
/// [`PREFIXES`] and the context's own `rdf`, `rdfs`, `xsd` and `cg`.
pub fn namespace(prefix: &str) -> Option<&'static str> {
    match prefix {
        "rdf" => Some(RDF),
        "rdfs" => Some(RDFS),
        "xsd" => Some(XSD),
        "cg" => Some(CG_VOCAB),
        _ => PREFIXES
            .iter()
            .find(|(p, _, _)| *p == prefix)
            .map(|(_, iri, _)| *iri),
    }
}

/// `s` with every character outside ASCII letters, digits and `-._~:+` percent-encoded
/// (as UTF-8 bytes), so that it is safe in the path of an IRI and in a Turtle name.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(&mut out, s, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | ':' | '+')
    });
    out
}

/// Appends `s` to `out`, percent-encoding (as UTF-8 bytes) every character not `kept`.
fn encode_into(out: &mut String, s: &str, kept: impl Fn(char) -> bool) {
    for c in s.chars() {
        if kept(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
}

/// The IRI of a node or claim id, as every RDF export and a JSON-LD processor reading
/// [`jsonld_id`] agree on: a known prefix's namespace followed by the percent-encoded
/// local part; an id with an unknown prefix that is already an absolute IRI as it is;
/// anything else, whole and percent-encoded, under [`CG_ID`] (not [`CG_ENTITY`], where
/// `x` would become the IRI of `claimgraph:x`).
pub fn iri(id: &str) -> String {
    if let Some((prefix, local)) = id.split_once(':') {
        if let Some(ns) = namespace(prefix) {
            return format!("{ns}{}", percent_encode(local));
        }
        if oxrdf::NamedNode::new(id).is_ok() {
            return id.to_string();
        }
    }
    format!("{CG_ID}{}", percent_encode(id))
}

/// The `@id` a JSON-LD document writes for a node or claim id: the CURIE itself when a
/// JSON-LD processor expands it to [`iri`], else the full IRI.
pub fn jsonld_id(id: &str) -> String {
    match id.split_once(':') {
        Some((prefix, local))
            if namespace(prefix).is_some()
                && !local.starts_with("//")
                && percent_encode(local) == local =>
        {
            id.to_string()
        }
        _ => iri(id),
    }
}

/// The IRIs of the sources an evidence cites: a summary's numbered sources under the
/// document's IRI, or the document itself (a PubMed id becomes `PMID:`).
pub fn publications(document: &str, citations: &[u64]) -> Vec<String> {
    if citations.is_empty() {
        // A PubMed id: `123` (a file named by it) or `PMID:123` (PubMed XML, BioC).
        let pmid = document.strip_prefix("PMID:").unwrap_or(document);
        if !pmid.is_empty() && pmid.chars().all(|c| c.is_ascii_digit()) {
            return vec![format!("PMID:{pmid}")];
        }
        return vec![document_iri(document)];
    }
    citations
        .iter()
        .map(|n| format!("{}#source-{n}", document_iri(document)))
        .collect()
}

/// The IRI of a document id (percent-encoding what an IRI path may not hold).
pub fn document_iri(document: &str) -> String {
    let mut out = String::from(CG_DOCUMENT);
    encode_into(&mut out, document, |c| {
        c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')
    });
    out
}

/// The predicate IRI (as CURIE) of a relation's direct triple: its RO term, else
/// claimgraph's own term.
pub fn direct_predicate(vocab: &Vocabulary, relation: &str) -> String {
    match vocab.get(relation).and_then(|r| r.ro.clone()) {
        Some(ro) => ro,
        None => format!("cg:{relation}"),
    }
}

fn context(vocab: &Vocabulary) -> Value {
    let mut ctx = Map::new();
    for (p, iri, obo) in PREFIXES {
        if *obo {
            ctx.insert(p.to_string(), json!({"@id": iri, "@prefix": true}));
        } else {
            ctx.insert(p.to_string(), json!(iri));
        }
    }
    let fixed = json!({
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "cg": CG_VOCAB,
        "label": "rdfs:label",
        "synonym": "biolink:synonym",
        "kind": "cg:kind",
        "category": {"@id": "biolink:category", "@type": "@id"},
        "has_part": {"@id": "biolink:has_part", "@type": "@id"},
        "subClassOf": {"@id": "rdfs:subClassOf", "@type": "@id"},
        "subject": {"@id": "rdf:subject", "@type": "@id"},
        "predicate": {"@id": "rdf:predicate", "@type": "@id"},
        "object": {"@id": "rdf:object", "@type": "@id"},
        "relation": {"@id": "cg:relation", "@type": "@id"},
        "negated": {"@id": "biolink:negated", "@type": "xsd:boolean"},
        "hedged": {"@id": "cg:hedged", "@type": "xsd:boolean"},
        "supporting_text": "biolink:supporting_text",
        "publications": {"@id": "biolink:publications", "@type": "@id"},
        "has_confidence_score": {"@id": "biolink:has_confidence_score", "@type": "xsd:double"},
        "evidence_count": {"@id": "biolink:evidence_count", "@type": "xsd:integer"},
        "knowledge_level": "biolink:knowledge_level",
        "agent_type": "biolink:agent_type",
        "evidence_source": "cg:evidenceSource",
        "verified": {"@id": "cg:verified", "@type": "xsd:boolean"},
        "object_aspect_qualifier": "biolink:object_aspect_qualifier",
        "object_direction_qualifier": "biolink:object_direction_qualifier",
        "causal_mechanism_qualifier": "biolink:causal_mechanism_qualifier",
        "section": "cg:section",
        "species": "cg:species",
        "population": "cg:population",
        "tissue": "cg:tissue"
    });
    if let Value::Object(f) = fixed {
        ctx.extend(f);
    }
    // Every qualifier slot of the vocabulary is a Biolink term.
    for r in vocab.relations() {
        for k in r.qualifiers.keys() {
            ctx.entry(k.clone())
                .or_insert_with(|| json!(format!("biolink:{k}")));
        }
    }
    Value::Object(ctx)
}

fn association(vocab: &Vocabulary, s: &str, o: &str, c: &ClaimEdge) -> Value {
    let rel = vocab.get(&c.relation);
    let sum = ClaimSummary::of(c);
    let mut a = Map::new();
    a.insert("@id".into(), json!(jsonld_id(&c.id.to_string())));
    a.insert(
        "@type".into(),
        json!(["rdf:Statement", "biolink:Association"]),
    );
    a.insert("subject".into(), json!(jsonld_id(s)));
    a.insert(
        "predicate".into(),
        json!(rel.map_or_else(|| "biolink:related_to".to_string(), |r| r.biolink.clone())),
    );
    a.insert("object".into(), json!(jsonld_id(o)));
    a.insert("relation".into(), json!(format!("cg:{}", c.relation)));
    a.insert("negated".into(), json!(c.negated));
    a.insert("hedged".into(), json!(sum.hedged));
    if let Some(r) = rel {
        for (k, v) in &r.qualifiers {
            a.insert(k.clone(), json!(v));
        }
    }
    a.insert("supporting_text".into(), json!(sum.sentences));
    a.insert("publications".into(), json!(sum.publications));
    if !sum.sections.is_empty() {
        a.insert("section".into(), json!(sum.sections));
    }
    for (key, get) in [
        (
            "species",
            (|e: &crate::kg::EvidenceRecord| e.context.species.clone())
                as fn(&crate::kg::EvidenceRecord) -> Option<crate::claim::Text>,
        ),
        ("population", |e| e.context.population.clone()),
        ("tissue", |e| e.context.tissue.clone()),
    ] {
        let mut vals: Vec<crate::claim::Text> = c.evidence.iter().filter_map(get).collect();
        vals.sort();
        vals.dedup();
        if !vals.is_empty() {
            a.insert(key.into(), json!(vals));
        }
    }
    if !sum.sources.is_empty() {
        a.insert("evidence_source".into(), json!(sum.sources));
        a.insert("verified".into(), json!(sum.verified));
    }
    a.insert("has_confidence_score".into(), json!(sum.confidence));
    a.insert("evidence_count".into(), json!(sum.evidence_count));
    a.insert("knowledge_level".into(), json!(KNOWLEDGE_LEVEL));
    a.insert("agent_type".into(), json!(AGENT_TYPE));
    Value::Object(a)
}

/// Writes `value` pretty-printed as serde_json does, each line after the first
/// indented by `indent` spaces (JSON strings hold no raw line breaks, so this nests it).
fn write_nested(out: &mut dyn Write, value: &Value, indent: usize) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    let pad = " ".repeat(indent);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(pad.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// The JSON-LD node object of one entity, with the direct triples of its affirmed claims
/// (`claims` are the entity's own, as subject).
fn entity(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    ix: NodeIndex,
    claims: &[(NodeIndex, NodeIndex, &ClaimEdge)],
) -> Value {
    let n = kg.node(ix);
    let mut node = Map::new();
    node.insert("@id".into(), json!(jsonld_id(&n.id)));
    node.insert("category".into(), json!(category(n.kind)));
    node.insert("kind".into(), json!(n.kind.as_str()));
    node.insert("label".into(), json!(n.label));
    if !n.synonyms.is_empty() {
        node.insert("synonym".into(), json!(n.synonyms));
    }
    if !n.members.is_empty() {
        let members: Vec<String> = n.members.iter().map(|m| jsonld_id(m)).collect();
        node.insert("has_part".into(), json!(members));
    }
    let parents = kg.parent_ids(ix);
    if !parents.is_empty() {
        let parents: Vec<String> = parents.iter().map(|p| jsonld_id(p)).collect();
        node.insert("subClassOf".into(), json!(parents));
    }
    // Direct triples of affirmed claims, grouped by predicate.
    let mut direct: std::collections::BTreeMap<String, Vec<Value>> =
        std::collections::BTreeMap::new();
    for (_, o, c) in claims {
        if !c.negated {
            direct
                .entry(direct_predicate(vocab, &c.relation))
                .or_default()
                .push(json!({"@id": jsonld_id(&kg.node(*o).id)}));
        }
    }
    for (p, objs) in direct {
        node.insert(p, Value::Array(objs));
    }
    Value::Object(node)
}

/// Writes the graph as a JSON-LD document (pretty-printed, canonical order), one node
/// object at a time: the whole document is never held in memory.
///
/// # Errors
/// Writing fails.
pub fn write_jsonld(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let claims = kg.claims_sorted();
    // Each entity's own claims (as subject), still in canonical order within an entity.
    let mut by_subject = claims.clone();
    by_subject.sort_by_key(|(s, _, _)| *s);
    let own: rustc_hash::FxHashMap<NodeIndex, &[(NodeIndex, NodeIndex, &ClaimEdge)]> = by_subject
        .chunk_by(|a, b| a.0 == b.0)
        .map(|group| (group[0].0, group))
        .collect();
    out.write_all(b"{\n  \"@context\": ")?;
    write_nested(out, &context(vocab), 2)?;
    out.write_all(b",\n  \"@graph\": [")?;
    let mut first = true;
    let mut item = |out: &mut dyn Write, v: &Value| -> std::io::Result<()> {
        out.write_all(if first { b"\n    " } else { b",\n    " })?;
        first = false;
        write_nested(out, v, 4)
    };
    for ix in kg.nodes_sorted() {
        let mine = own.get(&ix).copied().unwrap_or(&[]);
        item(out, &entity(kg, vocab, ix, mine))?;
    }
    for (s, o, c) in &claims {
        item(
            out,
            &association(vocab, &kg.node(*s).id, &kg.node(*o).id, c),
        )?;
    }
    out.write_all(if first { b"]\n}\n" } else { b"\n  ]\n}\n" })
}

/// The graph as a JSON-LD document (see [`write_jsonld`]).
pub fn to_jsonld(kg: &KnowledgeGraph, vocab: &Vocabulary) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and every string in the graph is UTF-8.
    let _ = write_jsonld(kg, vocab, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_curies_and_publications() {
        assert_eq!(
            expand("CHEBI:27363").as_deref(),
            Some("http://purl.obolibrary.org/obo/CHEBI_27363")
        );
        assert_eq!(
            publications("zinc-vitamin-d", &[4]),
            vec![format!("{CG_DOCUMENT}zinc-vitamin-d#source-4")]
        );
        assert_eq!(
            publications("10022882", &[]),
            vec!["PMID:10022882".to_string()]
        );
        assert_eq!(
            publications("PMID:10022882", &[]),
            vec!["PMID:10022882".to_string()]
        );
        assert_eq!(document_iri("a b"), format!("{CG_DOCUMENT}a%20b"));
    }

    #[test]
    fn ids_become_valid_iris() {
        assert_eq!(jsonld_id("CHEBI:27363"), "CHEBI:27363");
        assert_eq!(
            iri("combination:CHEBI:1+CHEBI:2"),
            "https://w3id.org/claimgraph/combination/CHEBI:1+CHEBI:2"
        );
        let odd = "claimgraph:a \"b\"<é>";
        assert_eq!(iri(odd), format!("{CG_ENTITY}a%20%22b%22%3C%C3%A9%3E"));
        assert_eq!(jsonld_id(odd), iri(odd));
        assert_eq!(iri("urn:x:1"), "urn:x:1");
        assert_eq!(iri("no prefix"), format!("{CG_ID}no%20prefix"));
        // An id without a known prefix is not the claimgraph: id of the same text.
        assert_ne!(iri("zinc"), iri("claimgraph:zinc"));
        assert_ne!(iri(""), iri("claimgraph:"));
        assert_eq!(jsonld_id("claimgraph://x"), format!("{CG_ENTITY}%2F%2Fx"));
    }
}
