//! N-Triples and Turtle: the very triples a JSON-LD processor reads from the JSON-LD
//! export (entities with their Biolink category, one association node per claim with
//! its evidence, the direct triple of each affirmed claim), written by oxttl.
//!
//! Keeping the two in step is the point: a test turns the JSON-LD into RDF with pyld
//! and checks that it is isomorphic to these triples. So literals take the lexical
//! forms JSON-LD's RDF conversion gives (`6.0E-1` for a double), and ids go through the
//! same [`iri`] mapping.

use std::collections::BTreeMap;

use oxrdf::{Literal, NamedNode, Triple};
use oxttl::{NTriplesSerializer, TurtleSerializer};

use crate::error::{Error, Result};
use crate::kg::{ClaimEdge, KnowledgeGraph};
use crate::vocab::Vocabulary;

use super::jsonld::{
    AGENT_TYPE, BIOLINK, CG_VOCAB, KNOWLEDGE_LEVEL, PREFIXES, RDF, RDFS, XSD, category,
    direct_predicate, iri,
};
use super::summary::ClaimSummary;

/// The canonical XSD lexical form of a double, as JSON-LD's RDF conversion writes it:
/// `6.0E-1`, `1.0E0`.
pub fn canonical_double(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "INF" } else { "-INF" }.into();
    }
    let s = format!("{x:E}");
    match s.split_once('E') {
        Some((mantissa, exp)) if !mantissa.contains('.') => format!("{mantissa}.0E{exp}"),
        _ => s,
    }
}

/// Builds the triples; an IRI that does not parse (an unusual id or vocabulary term)
/// is an error naming it.
struct Builder {
    triples: BTreeMap<String, Triple>,
}

fn named(iri: &str) -> Result<NamedNode> {
    NamedNode::new(iri).map_err(|e| Error::Usage(format!("cannot export `{iri}` as an IRI: {e}")))
}

/// The IRI of a CURIE or IRI value (a predicate, category, publication).
fn curie_iri(value: &str) -> String {
    iri(value)
}

impl Builder {
    fn add(&mut self, s: &str, p: &str, o: oxrdf::Term) -> Result<()> {
        let t = Triple::new(named(s)?, named(p)?, o);
        self.triples.insert(t.to_string(), t);
        Ok(())
    }

    fn iri(&mut self, s: &str, p: &str, o: &str) -> Result<()> {
        let o = named(o)?;
        self.add(s, p, o.into())
    }

    fn text(&mut self, s: &str, p: &str, o: &str) -> Result<()> {
        self.add(s, p, Literal::new_simple_literal(o).into())
    }

    fn typed(&mut self, s: &str, p: &str, lexical: String, datatype: &str) -> Result<()> {
        let dt = named(&format!("{XSD}{datatype}"))?;
        self.add(s, p, Literal::new_typed_literal(lexical, dt).into())
    }
}

fn association(b: &mut Builder, vocab: &Vocabulary, s: &str, o: &str, c: &ClaimEdge) -> Result<()> {
    let a = iri(&c.id);
    let bl = |t: &str| format!("{BIOLINK}{t}");
    let cg = |t: &str| format!("{CG_VOCAB}{t}");
    let rel = vocab.get(&c.relation);
    let sum = ClaimSummary::of(c);
    b.iri(&a, &format!("{RDF}type"), &format!("{RDF}Statement"))?;
    b.iri(&a, &format!("{RDF}type"), &bl("Association"))?;
    b.iri(&a, &format!("{RDF}subject"), &iri(s))?;
    let predicate = rel.map_or("biolink:related_to", |r| r.biolink.as_str());
    b.iri(&a, &format!("{RDF}predicate"), &curie_iri(predicate))?;
    b.iri(&a, &format!("{RDF}object"), &iri(o))?;
    b.iri(&a, &cg("relation"), &cg(&c.relation))?;
    b.typed(&a, &bl("negated"), c.negated.to_string(), "boolean")?;
    b.typed(&a, &cg("hedged"), sum.hedged.to_string(), "boolean")?;
    if let Some(r) = rel {
        for (k, v) in &r.qualifiers {
            b.text(&a, &bl(k), v)?;
        }
    }
    for t in &sum.sentences {
        b.text(&a, &bl("supporting_text"), t)?;
    }
    for p in &sum.publications {
        b.iri(&a, &bl("publications"), &curie_iri(p))?;
    }
    for sec in &sum.sections {
        b.text(&a, &cg("section"), sec)?;
    }
    for e in &c.evidence {
        let ctx = &e.context;
        for (key, value) in [
            ("species", &ctx.species),
            ("population", &ctx.population),
            ("tissue", &ctx.tissue),
        ] {
            if let Some(v) = value {
                b.text(&a, &cg(key), v)?;
            }
        }
    }
    b.typed(
        &a,
        &bl("has_confidence_score"),
        canonical_double(sum.confidence),
        "double",
    )?;
    b.typed(
        &a,
        &bl("evidence_count"),
        sum.evidence_count.to_string(),
        "integer",
    )?;
    b.text(&a, &bl("knowledge_level"), KNOWLEDGE_LEVEL)?;
    b.text(&a, &bl("agent_type"), AGENT_TYPE)?;
    Ok(())
}

/// The triples of the graph, distinct, sorted by their N-Triples form.
///
/// # Errors
/// An id or vocabulary term that makes no valid IRI (ids are percent-encoded, so only
/// a malformed IRI in a custom vocabulary can).
pub fn triples(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Result<Vec<Triple>> {
    let mut b = Builder {
        triples: BTreeMap::new(),
    };
    let claims = kg.claims_sorted();
    for ix in kg.nodes_sorted() {
        let n = kg.node(ix);
        let s = iri(&n.id);
        b.iri(
            &s,
            &format!("{BIOLINK}category"),
            &curie_iri(category(n.kind)),
        )?;
        b.text(&s, &format!("{CG_VOCAB}kind"), n.kind.as_str())?;
        b.text(&s, &format!("{RDFS}label"), &n.label)?;
        for syn in &n.synonyms {
            b.text(&s, &format!("{BIOLINK}synonym"), syn)?;
        }
        for m in &n.members {
            b.iri(&s, &format!("{BIOLINK}has_part"), &iri(m))?;
        }
    }
    for (s, o, c) in &claims {
        let (s, o) = (&kg.node(*s).id, &kg.node(*o).id);
        if !c.negated {
            b.iri(
                &iri(s),
                &curie_iri(&direct_predicate(vocab, &c.relation)),
                &iri(o),
            )?;
        }
        association(&mut b, vocab, s, o, c)?;
    }
    Ok(b.triples.into_values().collect())
}

fn io_error(e: std::io::Error) -> Error {
    Error::io("<rdf>", e)
}

/// The graph as N-Triples, one triple a line, sorted.
///
/// # Errors
/// As [`triples`].
pub fn to_ntriples(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Result<Vec<u8>> {
    let mut ser = NTriplesSerializer::new().for_writer(Vec::new());
    for t in triples(kg, vocab)? {
        ser.serialize_triple(&t).map_err(io_error)?;
    }
    Ok(ser.finish())
}

/// The graph as Turtle with the JSON-LD context's prefixes.
///
/// # Errors
/// As [`triples`].
pub fn to_turtle(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Result<Vec<u8>> {
    let mut ser = TurtleSerializer::new();
    let fixed = [("rdf", RDF), ("rdfs", RDFS), ("xsd", XSD), ("cg", CG_VOCAB)];
    for (p, ns) in fixed
        .into_iter()
        .chain(PREFIXES.iter().map(|(p, ns, _)| (*p, *ns)))
    {
        ser = ser
            .with_prefix(p, ns)
            .map_err(|e| Error::Usage(format!("bad prefix IRI `{ns}`: {e}")))?;
    }
    let mut w = ser.for_writer(Vec::new());
    for t in triples(kg, vocab)? {
        w.serialize_triple(&t).map_err(io_error)?;
    }
    w.finish().map_err(io_error)
}

#[cfg(test)]
mod tests {
    use super::canonical_double;

    #[test]
    fn doubles_take_the_canonical_form() {
        assert_eq!(canonical_double(0.6), "6.0E-1");
        assert_eq!(canonical_double(1.0), "1.0E0");
        assert_eq!(canonical_double(0.84), "8.4E-1");
        assert_eq!(canonical_double(0.123456), "1.23456E-1");
    }
}
