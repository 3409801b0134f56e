//! N-Triples and Turtle: the very triples a JSON-LD processor reads from the JSON-LD
//! export (entities with their Biolink category, one association node per claim with
//! its evidence, the direct triple of each affirmed claim), written by oxttl.
//!
//! Keeping the two in step is the point: a test turns the JSON-LD into RDF with pyld
//! and checks that it is isomorphic to these triples. So literals take the lexical
//! forms JSON-LD's RDF conversion gives (`6.0E-1` for a double), and ids go through the
//! same [`iri`] mapping.

use std::io::Write;

use oxrdf::{Literal, NamedNode, Triple};
use oxttl::{NTriplesSerializer, TurtleSerializer};
use petgraph::stable_graph::NodeIndex;

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

/// Builds the triples of one subject at a time and hands them, distinct, to a sink.
/// IRIs built from ids are valid by construction (ids are percent-encoded by [`iri`]);
/// every other IRI (vocabulary terms, predicates) is checked once and cached, so a
/// malformed one in a custom vocabulary is an error naming it.
struct Builder<'s> {
    group: Vec<Triple>,
    seen: rustc_hash::FxHashSet<Triple>,
    checked: rustc_hash::FxHashMap<String, NamedNode>,
    sink: &'s mut dyn FnMut(&Triple) -> Result<()>,
}

fn named(iri: &str) -> Result<NamedNode> {
    NamedNode::new(iri).map_err(|e| Error::Usage(format!("cannot export `{iri}` as an IRI: {e}")))
}

/// The IRI of a CURIE or IRI value (a predicate, category, publication).
fn curie_iri(value: &str) -> String {
    iri(value)
}

impl Builder<'_> {
    /// A term IRI (predicate, class, datatype, or an IRI from the vocabulary).
    fn term(&mut self, iri: &str) -> Result<NamedNode> {
        if let Some(n) = self.checked.get(iri) {
            return Ok(n.clone());
        }
        let n = named(iri)?;
        self.checked.insert(iri.to_string(), n.clone());
        Ok(n)
    }

    fn add(&mut self, s: &str, p: &str, o: oxrdf::Term) -> Result<()> {
        let p = self.term(p)?;
        self.group
            .push(Triple::new(NamedNode::new_unchecked(s), p, o));
        Ok(())
    }

    /// An IRI made from an id (percent-encoded, so valid).
    fn node(&mut self, s: &str, p: &str, o: &str) -> Result<()> {
        self.add(s, p, NamedNode::new_unchecked(o).into())
    }

    fn iri(&mut self, s: &str, p: &str, o: &str) -> Result<()> {
        let o = self.term(o)?;
        self.add(s, p, o.into())
    }

    fn text(&mut self, s: &str, p: &str, o: &str) -> Result<()> {
        self.add(s, p, Literal::new_simple_literal(o).into())
    }

    fn typed(&mut self, s: &str, p: &str, lexical: String, datatype: &str) -> Result<()> {
        let dt = self.term(&format!("{XSD}{datatype}"))?;
        self.add(s, p, Literal::new_typed_literal(lexical, dt).into())
    }

    /// Hands the subject's triples to the sink, each once.
    fn flush(&mut self) -> Result<()> {
        for t in self.group.drain(..) {
            if self.seen.insert(t.clone()) {
                (self.sink)(&t)?;
            }
        }
        self.seen.clear();
        Ok(())
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
    b.node(&a, &format!("{RDF}subject"), &iri(s))?;
    let predicate = rel.map_or("biolink:related_to", |r| r.biolink.as_str());
    b.iri(&a, &format!("{RDF}predicate"), &curie_iri(predicate))?;
    b.node(&a, &format!("{RDF}object"), &iri(o))?;
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
        b.node(&a, &bl("publications"), &curie_iri(p))?;
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

/// Hands every triple of the graph to `sink`: each entity's triples, in id order, then
/// for each claim in canonical order its direct triple (once per distinct triple) and
/// its association's triples. Nothing is held but the current subject's triples.
///
/// # Errors
/// An IRI from a custom vocabulary that is not valid, or what `sink` returns.
pub fn each_triple(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    sink: &mut dyn FnMut(&Triple) -> Result<()>,
) -> Result<()> {
    let mut b = Builder {
        group: Vec::new(),
        seen: rustc_hash::FxHashSet::default(),
        checked: rustc_hash::FxHashMap::default(),
        sink,
    };
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
            b.node(&s, &format!("{BIOLINK}has_part"), &iri(m))?;
        }
        b.flush()?;
    }
    // Two relations can share a direct predicate: each direct triple is written once.
    let mut direct: rustc_hash::FxHashSet<(NodeIndex, String, NodeIndex)> =
        rustc_hash::FxHashSet::default();
    for (si, oi, c) in kg.claims_sorted() {
        let (s, o) = (&kg.node(si).id, &kg.node(oi).id);
        if !c.negated {
            let p = curie_iri(&direct_predicate(vocab, &c.relation));
            if direct.insert((si, p.clone(), oi)) {
                b.node(&iri(s), &p, &iri(o))?;
                b.flush()?;
            }
        }
        association(&mut b, vocab, s, o, c)?;
        b.flush()?;
    }
    Ok(())
}

/// The triples of the graph, in the order of [`each_triple`].
///
/// # Errors
/// As [`each_triple`].
pub fn triples(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Result<Vec<Triple>> {
    let mut out = Vec::new();
    each_triple(kg, vocab, &mut |t| {
        out.push(t.clone());
        Ok(())
    })?;
    Ok(out)
}

fn io_error(e: std::io::Error) -> Error {
    Error::io("<rdf>", e)
}

/// Writes the graph as N-Triples, one triple a line, as the triples are made.
///
/// # Errors
/// As [`each_triple`], or writing fails.
pub fn write_ntriples(kg: &KnowledgeGraph, vocab: &Vocabulary, out: &mut dyn Write) -> Result<()> {
    let mut ser = NTriplesSerializer::new().for_writer(out);
    each_triple(kg, vocab, &mut |t| {
        ser.serialize_triple(t).map_err(io_error)
    })?;
    ser.finish();
    Ok(())
}

/// The graph as N-Triples.
///
/// # Errors
/// As [`write_ntriples`].
pub fn to_ntriples(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_ntriples(kg, vocab, &mut out)?;
    Ok(out)
}

/// Writes the graph as Turtle with the JSON-LD context's prefixes.
///
/// # Errors
/// As [`each_triple`], or writing fails.
pub fn write_turtle(kg: &KnowledgeGraph, vocab: &Vocabulary, out: &mut dyn Write) -> Result<()> {
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
    let mut w = ser.for_writer(out);
    each_triple(kg, vocab, &mut |t| w.serialize_triple(t).map_err(io_error))?;
    w.finish().map_err(io_error)?;
    Ok(())
}

/// The graph as Turtle.
///
/// # Errors
/// As [`write_turtle`].
pub fn to_turtle(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_turtle(kg, vocab, &mut out)?;
    Ok(out)
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
