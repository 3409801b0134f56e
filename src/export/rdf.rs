//! N-Triples and Turtle: the very triples a JSON-LD processor reads from the JSON-LD
//! export (entities with their Biolink category, one association node per claim with
//! its evidence, the direct triple of each affirmed claim).
//!
//! Keeping the two in step is the point: a test turns the JSON-LD into RDF with pyld
//! and checks that it is isomorphic to these triples. So literals take the lexical
//! forms JSON-LD's RDF conversion gives (`6.0E-1` for a double), and ids go through the
//! same [`iri`] mapping.
//!
//! The writer is built for speed (a graph of a million claims is some 20 million
//! triples): every term that recurs (a node's IRI, a predicate, a category, a
//! relation's qualifiers) is written out once, in the syntax of the output, and each
//! triple is then a few byte copies into a large buffer. The bytes are those oxttl
//! writes for the same triples (a round-trip test re-serialises the output with oxttl
//! and compares): literals escape what oxrdf escapes, and Turtle groups a subject's
//! triples with `;` and `,`, uses the longest matching prefix, and writes `a` for
//! `rdf:type`.

use std::cmp::Reverse;
use std::hash::Hasher;
use std::io::Write;

use oxrdf::{NamedNode, Triple};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::NodeIndexable;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use crate::error::{Error, Result};
use crate::kg::{ClaimEdge, KnowledgeGraph};
use crate::lexicon::Kind;
use crate::vocab::Vocabulary;

use super::biolink::{AGENT_TYPE, KNOWLEDGE_LEVEL, category};
use super::jsonld::{
    BIOLINK, CG_VOCAB, PREFIXES, RDF, RDFS, XSD, direct_predicate, iri, publications,
};

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

// --- Terms as bytes ------------------------------------------------------------------

/// The output syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    NTriples,
    Turtle,
}

/// Bytes that [`push_literal`] cannot copy as they are: C0 controls, `"`, `\`, DEL, and
/// 0xEF, the first byte of U+FFFE and U+FFFF.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[0x7F] = true;
    t[0xEF] = true;
    t
};

/// Appends `s` as a quoted literal, escaped as oxrdf writes it in both N-Triples and
/// Turtle: `\b \t \n \f \r \" \\` for those characters, `\u00XX` for the other C0
/// controls and DEL, `\uFFFE` and `\uFFFF` for those noncharacters; everything else
/// (all other non-ASCII text included) as it is.
fn push_literal(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let b = s.as_bytes();
    out.push(b'"');
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !SPECIAL[usize::from(c)] {
            i += 1;
            continue;
        }
        let mut unicode = [b'\\', b'u', b'0', b'0', 0, 0];
        let (escape, len): (&[u8], usize) = match c {
            0x08 => (b"\\b", 1),
            b'\t' => (b"\\t", 1),
            b'\n' => (b"\\n", 1),
            0x0C => (b"\\f", 1),
            b'\r' => (b"\\r", 1),
            b'"' => (b"\\\"", 1),
            b'\\' => (b"\\\\", 1),
            0xEF => match b.get(i + 1..i + 3) {
                Some([0xBF, 0xBE]) => (b"\\uFFFE", 3),
                Some([0xBF, 0xBF]) => (b"\\uFFFF", 3),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                unicode[4] = HEX[usize::from(c >> 4)];
                unicode[5] = HEX[usize::from(c & 0xF)];
                (&unicode, 1)
            }
        };
        out.extend_from_slice(&b[copied..i]);
        out.extend_from_slice(escape);
        i += len;
        copied = i;
    }
    out.extend_from_slice(&b[copied..]);
    out.push(b'"');
}

/// Turtle's `PN_CHARS_BASE`.
fn pn_chars_base(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// Turtle's `PN_CHARS_U`.
fn pn_chars_u(c: char) -> bool {
    pn_chars_base(c) || c == '_'
}

/// Turtle's `PN_CHARS`.
fn pn_chars(c: char) -> bool {
    pn_chars_u(c)
        || matches!(c, '-' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// The characters Turtle's `PN_LOCAL_ESC` may write after a backslash.
fn local_escapable(c: char) -> bool {
    matches!(
        c,
        '_' | '~'
            | '.'
            | '-'
            | '!'
            | '$'
            | '&'
            | '\''
            | '('
            | ')'
            | '*'
            | '+'
            | ','
            | ';'
            | '='
            | '/'
            | '?'
            | '#'
            | '@'
            | '%'
    )
}

/// Appends `local` as the local part of a Turtle prefixed name (escaping with `\` what
/// may be escaped), or returns false (`out` unchanged) when it cannot be one.
fn push_local_name(out: &mut Vec<u8>, local: &str) -> bool {
    let mark = out.len();
    let mut utf8 = [0; 4];
    let mut chars = local.chars();
    let mut first = true;
    while let Some(c) = chars.next() {
        let plain = if first {
            pn_chars_u(c) || c == ':' || c.is_ascii_digit()
        } else {
            // A `.` may not end the name.
            pn_chars(c) || c == ':' || (c == '.' && !chars.as_str().is_empty())
        };
        first = false;
        if !plain {
            if !local_escapable(c) {
                out.truncate(mark);
                return false;
            }
            out.push(b'\\');
        }
        out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
    }
    true
}

/// Whether `s` is a Turtle `DOUBLE` token (`[+-]? ([0-9]+ '.' [0-9]* | '.'? [0-9]+)
/// [eE] [+-]? [0-9]+`).
fn is_turtle_double(s: &str) -> bool {
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let Some((mantissa, exponent)) = s.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    !exponent.is_empty()
        && digits(exponent)
        && digits(whole)
        && digits(fraction)
        && !(whole.is_empty() && fraction.is_empty())
}

/// The XSD datatypes of the typed literals written.
#[derive(Debug, Clone, Copy)]
#[repr(usize)]
enum Datatype {
    Boolean,
    Integer,
    Double,
}

impl Datatype {
    const ALL: [Datatype; 3] = [Datatype::Boolean, Datatype::Integer, Datatype::Double];

    fn name(self) -> &'static str {
        match self {
            Datatype::Boolean => "boolean",
            Datatype::Integer => "integer",
            Datatype::Double => "double",
        }
    }

    /// Whether Turtle writes `lexical` bare (as a boolean or number token).
    fn bare_in_turtle(self, lexical: &str) -> bool {
        match self {
            Datatype::Boolean => matches!(lexical, "true" | "false"),
            Datatype::Integer => {
                let digits = lexical.strip_prefix(['+', '-']).unwrap_or(lexical);
                !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
            }
            Datatype::Double => is_turtle_double(lexical),
        }
    }
}

/// How terms are written in one syntax.
struct Terms {
    syntax: Syntax,
    /// Turtle's prefixes, longest namespace first (the first that gives a valid local
    /// name is used).
    prefixes: Vec<(&'static str, &'static str)>,
    /// The IRI of each [`Datatype`], written.
    datatypes: Vec<Vec<u8>>,
}

impl Terms {
    fn new(syntax: Syntax) -> Terms {
        let mut prefixes = Vec::new();
        if syntax == Syntax::Turtle {
            // Declared in the order oxttl declares them: by name, then longest namespace
            // first.
            let fixed = [("rdf", RDF), ("rdfs", RDFS), ("xsd", XSD), ("cg", CG_VOCAB)];
            let by_name: std::collections::BTreeMap<&'static str, &'static str> = fixed
                .into_iter()
                .chain(PREFIXES.iter().map(|(p, ns, _)| (*p, *ns)))
                .collect();
            prefixes = by_name.into_iter().collect();
            prefixes.sort_unstable_by_key(|(_, ns)| Reverse(ns.len()));
        }
        let mut terms = Terms {
            syntax,
            prefixes,
            datatypes: Vec::new(),
        };
        terms.datatypes = Datatype::ALL
            .iter()
            .map(|d| terms.iri(&format!("{XSD}{}", d.name())))
            .collect();
        terms
    }

    /// The `@prefix` lines Turtle starts with.
    fn prelude(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, ns) in &self.prefixes {
            out.extend_from_slice(format!("@prefix {name}: <{ns}> .\n").as_bytes());
        }
        out
    }

    /// Appends an IRI: `<iri>`, or in Turtle a prefixed name when one fits.
    fn push_iri(&self, out: &mut Vec<u8>, iri: &str) {
        for (name, ns) in &self.prefixes {
            if let Some(local) = iri.strip_prefix(ns) {
                let mark = out.len();
                out.extend_from_slice(name.as_bytes());
                out.push(b':');
                if push_local_name(out, local) {
                    return;
                }
                out.truncate(mark);
            }
        }
        out.push(b'<');
        out.extend_from_slice(iri.as_bytes());
        out.push(b'>');
    }

    fn iri(&self, iri: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(iri.len() + 2);
        self.push_iri(&mut out, iri);
        out
    }

    /// An IRI in predicate position (Turtle writes `rdf:type` as `a`).
    fn predicate(&self, iri: &str) -> Vec<u8> {
        if self.syntax == Syntax::Turtle && iri.strip_prefix(RDF) == Some("type") {
            return b"a".to_vec();
        }
        self.iri(iri)
    }

    /// Appends a typed literal: `"lexical"^^<datatype>`, bare in Turtle when it is a
    /// boolean or number token.
    fn push_typed(&self, out: &mut Vec<u8>, lexical: &str, datatype: Datatype) {
        if self.syntax == Syntax::Turtle && datatype.bare_in_turtle(lexical) {
            out.extend_from_slice(lexical.as_bytes());
            return;
        }
        push_literal(out, lexical);
        out.extend_from_slice(b"^^");
        out.extend_from_slice(&self.datatypes[datatype as usize]);
    }

    fn literal(&self, s: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(s.len() + 2);
        push_literal(&mut out, s);
        out
    }
}

/// An IRI that is not made from an id (a predicate, class or vocabulary term), checked
/// so that a malformed one in a custom vocabulary is an error naming it.
fn checked(iri: &str) -> Result<&str> {
    NamedNode::new(iri)
        .map(|_| iri)
        .map_err(|e| Error::InvalidIri {
            iri: iri.to_string(),
            reason: e.to_string(),
        })
}

// --- Triples of one subject ----------------------------------------------------------

/// A predicate, as an index into [`Predicates`].
type Pred = u32;

/// Every predicate written, each once in predicate position, numbered.
#[derive(Default)]
struct Predicates {
    forms: Vec<Vec<u8>>,
    by_iri: FxHashMap<String, Pred>,
}

impl Predicates {
    /// The number of predicate `iri` (checked the first time it is seen).
    fn get(&mut self, terms: &Terms, iri: &str) -> Result<Pred> {
        if let Some(&p) = self.by_iri.get(iri) {
            return Ok(p);
        }
        let p = Pred::try_from(self.forms.len()).expect("fewer than 2^32 predicates");
        self.forms.push(terms.predicate(checked(iri)?));
        self.by_iri.insert(iri.to_string(), p);
        Ok(p)
    }
}

#[derive(Debug, Clone, Copy)]
struct Item {
    predicate: Pred,
    start: usize,
    end: usize,
    hash: u64,
}

/// Up to this many triples a group looks for a duplicate by a scan; beyond, by a map.
const SCAN: usize = 32;

/// The distinct triples of one subject, in the order first added: the subject's bytes,
/// and each triple's predicate and object bytes.
#[derive(Default)]
struct Group {
    subject: Vec<u8>,
    objects: Vec<u8>,
    items: Vec<Item>,
    /// First item of each hash, filled once a group outgrows [`SCAN`].
    index: FxHashMap<u64, usize>,
}

impl Group {
    fn start(&mut self, subject: &[u8]) {
        self.subject.clear();
        self.subject.extend_from_slice(subject);
        self.objects.clear();
        self.items.clear();
        if !self.index.is_empty() {
            self.index.clear();
        }
    }

    /// Adds the triple (subject, `predicate`, the object `write` appends), unless the
    /// group holds it already.
    fn add(&mut self, predicate: Pred, write: impl FnOnce(&mut Vec<u8>)) {
        let start = self.objects.len();
        write(&mut self.objects);
        let end = self.objects.len();
        let object = &self.objects[start..end];
        let mut h = FxHasher::default();
        h.write_u32(predicate);
        h.write(object);
        let hash = h.finish();
        let same = |it: &Item| {
            it.hash == hash
                && it.predicate == predicate
                && self.objects[it.start..it.end] == *object
        };
        let seen = if self.items.len() < SCAN {
            self.items.iter().any(same)
        } else {
            if self.index.is_empty() {
                for (i, it) in self.items.iter().enumerate() {
                    self.index.entry(it.hash).or_insert(i);
                }
            }
            match self.index.get(&hash) {
                None => false,
                Some(&i) => same(&self.items[i]) || self.items.iter().any(same),
            }
        };
        if seen {
            self.objects.truncate(start);
            return;
        }
        if !self.index.is_empty() {
            self.index.entry(hash).or_insert(self.items.len());
        }
        self.items.push(Item {
            predicate,
            start,
            end,
            hash,
        });
    }

    fn iri(&mut self, predicate: Pred, form: &[u8]) {
        self.add(predicate, |o| o.extend_from_slice(form));
    }

    fn text(&mut self, predicate: Pred, value: &str) {
        self.add(predicate, |o| push_literal(o, value));
    }
}

// --- Output --------------------------------------------------------------------------

/// Bytes gathered before they are handed to the writer (1 MiB: fewer, larger writes
/// cost the kernel less than 64 KiB ones, ~15% less system time at 100k claims).
const CHUNK: usize = 1 << 20;

/// Writes groups of triples in the output syntax through a large buffer.
struct Output<'w> {
    syntax: Syntax,
    buf: Vec<u8>,
    out: &'w mut dyn Write,
    /// Turtle: the `@prefix` lines, written before the first triple.
    prelude: Vec<u8>,
    /// Turtle: whether a triple has been written, and the last subject and predicate
    /// (a statement runs on while they repeat).
    started: bool,
    last_subject: Vec<u8>,
    last_predicate: Pred,
}

impl Output<'_> {
    fn write(&mut self, g: &Group, predicates: &Predicates) -> Result<()> {
        let buf = &mut self.buf;
        match self.syntax {
            Syntax::NTriples => {
                for it in &g.items {
                    buf.extend_from_slice(&g.subject);
                    buf.push(b' ');
                    buf.extend_from_slice(&predicates.forms[it.predicate as usize]);
                    buf.push(b' ');
                    buf.extend_from_slice(&g.objects[it.start..it.end]);
                    buf.extend_from_slice(b" .\n");
                }
            }
            Syntax::Turtle => {
                for (k, it) in g.items.iter().enumerate() {
                    let predicate = &predicates.forms[it.predicate as usize];
                    let object = &g.objects[it.start..it.end];
                    let same_subject = k > 0 || (self.started && self.last_subject == g.subject);
                    if !self.started {
                        buf.extend_from_slice(&self.prelude);
                    }
                    if !same_subject {
                        if self.started {
                            buf.extend_from_slice(b" .\n");
                        }
                        buf.extend_from_slice(&g.subject);
                        buf.push(b' ');
                        buf.extend_from_slice(predicate);
                    } else if it.predicate == self.last_predicate {
                        buf.extend_from_slice(b" ,");
                    } else {
                        buf.extend_from_slice(b" ;\n\t");
                        buf.extend_from_slice(predicate);
                    }
                    buf.push(b' ');
                    buf.extend_from_slice(object);
                    self.started = true;
                    self.last_predicate = it.predicate;
                }
                if !g.items.is_empty() {
                    self.last_subject.clear();
                    self.last_subject.extend_from_slice(&g.subject);
                }
            }
        }
        if self.buf.len() >= CHUNK {
            self.drain()?;
        }
        Ok(())
    }

    fn drain(&mut self) -> Result<()> {
        self.out.write_all(&self.buf).map_err(io_error)?;
        self.buf.clear();
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        if self.syntax == Syntax::Turtle && self.started {
            self.buf.extend_from_slice(b" .\n");
        }
        self.drain()
    }
}

fn io_error(e: std::io::Error) -> Error {
    Error::write("RDF", e)
}

// --- The graph's triples -------------------------------------------------------------

/// The predicates every graph uses.
#[derive(Clone, Copy)]
struct Fixed {
    rdf_type: Pred,
    rdf_subject: Pred,
    rdf_predicate: Pred,
    rdf_object: Pred,
    relation: Pred,
    negated: Pred,
    hedged: Pred,
    supporting_text: Pred,
    publications: Pred,
    section: Pred,
    species: Pred,
    population: Pred,
    tissue: Pred,
    evidence_source: Pred,
    verified: Pred,
    confidence: Pred,
    evidence_count: Pred,
    knowledge_level: Pred,
    agent_type: Pred,
    category: Pred,
    kind: Pred,
    label: Pred,
    synonym: Pred,
    has_part: Pred,
    sub_class_of: Pred,
}

/// What a relation contributes to each of its claims, written once.
struct Relation {
    /// The object of `rdf:predicate` (its Biolink predicate).
    biolink: Vec<u8>,
    /// The object of `cg:relation`.
    name: Vec<u8>,
    /// Qualifier predicates and their literal values.
    qualifiers: Vec<(Pred, Vec<u8>)>,
    /// The predicate of the direct triple, found when an affirmed claim first needs it.
    direct: Option<Pred>,
}

/// Writes the triples of a graph: each entity's triples, in id order, then for each
/// claim in canonical order its direct triple (once per distinct triple) and its
/// association's triples. A subject's triples are written each once.
struct Exporter<'g> {
    kg: &'g KnowledgeGraph,
    vocab: &'g Vocabulary,
    terms: Terms,
    predicates: Predicates,
    fixed: Fixed,
    /// Objects every association has.
    statement: Vec<u8>,
    association: Vec<u8>,
    truth: [Vec<u8>; 2],
    knowledge_level: Vec<u8>,
    agent_type: Vec<u8>,
    /// By [`Kind`]: the category IRI and the kind literal.
    kinds: Vec<(Vec<u8>, Vec<u8>)>,
    /// Each node's IRI, written: `node_forms[node_spans[index]]`.
    node_forms: Vec<u8>,
    node_spans: Vec<(usize, usize)>,
    relations: FxHashMap<&'g str, Relation>,
    /// Scratch space reused for every claim.
    group: Group,
    sentences: Vec<&'g str>,
    sections: Vec<&'g str>,
    publications: Vec<String>,
    object: Vec<u8>,
    /// Confidence literals written so far, by the bits of the value (few distinct).
    confidences: FxHashMap<u64, Vec<u8>>,
}

impl<'g> Exporter<'g> {
    fn new(kg: &'g KnowledgeGraph, vocab: &'g Vocabulary, syntax: Syntax) -> Result<Self> {
        let terms = Terms::new(syntax);
        let mut predicates = Predicates::default();
        let mut p = |iri: String| predicates.get(&terms, &iri);
        let (bl, cg) = (
            |t: &str| format!("{BIOLINK}{t}"),
            |t: &str| format!("{CG_VOCAB}{t}"),
        );
        let fixed = Fixed {
            rdf_type: p(format!("{RDF}type"))?,
            rdf_subject: p(format!("{RDF}subject"))?,
            rdf_predicate: p(format!("{RDF}predicate"))?,
            rdf_object: p(format!("{RDF}object"))?,
            relation: p(cg("relation"))?,
            negated: p(bl("negated"))?,
            hedged: p(cg("hedged"))?,
            supporting_text: p(bl("supporting_text"))?,
            publications: p(bl("publications"))?,
            section: p(cg("section"))?,
            species: p(cg("species"))?,
            population: p(cg("population"))?,
            tissue: p(cg("tissue"))?,
            evidence_source: p(cg("evidenceSource"))?,
            verified: p(cg("verified"))?,
            confidence: p(bl("has_confidence_score"))?,
            evidence_count: p(bl("evidence_count"))?,
            knowledge_level: p(bl("knowledge_level"))?,
            agent_type: p(bl("agent_type"))?,
            category: p(bl("category"))?,
            kind: p(cg("kind"))?,
            label: p(format!("{RDFS}label"))?,
            synonym: p(bl("synonym"))?,
            has_part: p(bl("has_part"))?,
            sub_class_of: p(format!("{RDFS}subClassOf"))?,
        };
        let truth = [false, true].map(|b| {
            let mut out = Vec::new();
            terms.push_typed(&mut out, &b.to_string(), Datatype::Boolean);
            out
        });
        let kinds = Kind::ALL
            .iter()
            .map(|&k| {
                Ok((
                    terms.iri(checked(&iri(category(k)))?),
                    terms.literal(k.as_str()),
                ))
            })
            .collect::<Result<_>>()?;
        let graph = kg.graph();
        let mut node_forms = Vec::new();
        let mut node_spans = vec![(0, 0); graph.node_bound()];
        for ix in graph.node_indices() {
            let start = node_forms.len();
            terms.push_iri(&mut node_forms, &iri(&kg.node(ix).id));
            node_spans[ix.index()] = (start, node_forms.len());
        }
        Ok(Exporter {
            kg,
            vocab,
            statement: terms.iri(&format!("{RDF}Statement")),
            association: terms.iri(checked(&bl("Association"))?),
            truth,
            knowledge_level: terms.literal(KNOWLEDGE_LEVEL),
            agent_type: terms.literal(AGENT_TYPE),
            kinds,
            node_forms,
            node_spans,
            terms,
            predicates,
            fixed,
            relations: FxHashMap::default(),
            group: Group::default(),
            sentences: Vec::new(),
            sections: Vec::new(),
            publications: Vec::new(),
            object: Vec::new(),
            confidences: FxHashMap::default(),
        })
    }

    fn run(mut self, out: &mut Output) -> Result<()> {
        let kg = self.kg;
        let f = self.fixed;
        for ix in kg.nodes_sorted() {
            let n = kg.node(ix);
            let (start, end) = self.node_spans[ix.index()];
            let g = &mut self.group;
            g.start(&self.node_forms[start..end]);
            let (category, kind) = &self.kinds[n.kind as usize];
            g.iri(f.category, category);
            g.iri(f.kind, kind);
            g.text(f.label, &n.label);
            for syn in &n.synonyms {
                g.text(f.synonym, syn);
            }
            for m in &n.members {
                let member = iri(m);
                g.add(f.has_part, |o| self.terms.push_iri(o, &member));
            }
            for parent in kg.parent_ids(ix) {
                let parent = iri(parent);
                g.add(f.sub_class_of, |o| self.terms.push_iri(o, &parent));
            }
            out.write(g, &self.predicates)?;
        }
        // Two relations can share a direct predicate: each direct triple is written once.
        // Claims come grouped by subject, so only the current subject's are remembered.
        let mut direct: FxHashSet<(Pred, NodeIndex)> = FxHashSet::default();
        let mut current = None;
        for (si, oi, c) in kg.claims_sorted() {
            if current != Some(si) {
                debug_assert!(current.is_none_or(|prev| kg.node(prev).id < kg.node(si).id));
                current = Some(si);
                direct.clear();
            }
            if !c.negated {
                let p = self.direct_predicate(&c.relation)?;
                if direct.insert((p, oi)) {
                    let (start, end) = self.node_spans[si.index()];
                    self.group.start(&self.node_forms[start..end]);
                    let (start, end) = self.node_spans[oi.index()];
                    self.group.iri(p, &self.node_forms[start..end]);
                    out.write(&self.group, &self.predicates)?;
                }
            }
            self.association(si, oi, c)?;
            out.write(&self.group, &self.predicates)?;
        }
        Ok(())
    }

    /// The relation's triples, written once.
    fn relation(&mut self, name: &'g str) -> Result<&mut Relation> {
        if !self.relations.contains_key(name) {
            let rel = self.vocab.get(name);
            let biolink = rel.map_or("biolink:related_to", |r| r.biolink.as_str());
            let mut qualifiers = Vec::new();
            if let Some(r) = rel {
                for (k, v) in &r.qualifiers {
                    let p = self.predicates.get(&self.terms, &format!("{BIOLINK}{k}"))?;
                    qualifiers.push((p, self.terms.literal(v)));
                }
            }
            let relation = Relation {
                biolink: self.terms.iri(checked(&iri(biolink))?),
                name: self.terms.iri(checked(&format!("{CG_VOCAB}{name}"))?),
                qualifiers,
                direct: None,
            };
            self.relations.insert(name, relation);
        }
        Ok(self.relations.get_mut(name).expect("inserted above"))
    }

    fn direct_predicate(&mut self, name: &'g str) -> Result<Pred> {
        if let Some(p) = self.relation(name)?.direct {
            return Ok(p);
        }
        let p = self
            .predicates
            .get(&self.terms, &iri(&direct_predicate(self.vocab, name)))?;
        self.relation(name)?.direct = Some(p);
        Ok(p)
    }

    /// Fills the group with the association node of claim `c` (the same evidence as
    /// [`super::summary::ClaimSummary`] flattens).
    fn association(&mut self, si: NodeIndex, oi: NodeIndex, c: &'g ClaimEdge) -> Result<()> {
        self.relation(&c.relation)?;
        let rel = &self.relations[&*c.relation];
        let f = self.fixed;
        let terms = &self.terms;

        // The evidence, flattened.
        self.sentences.clear();
        self.sections.clear();
        self.publications.clear();
        for e in &c.evidence {
            let s = &*e.evidence.sentence;
            if !s.is_empty() && !self.sentences.contains(&s) {
                self.sentences.push(s);
            }
            if let Some(sec) = &e.evidence.section {
                self.sections.push(sec);
            }
            self.publications
                .extend(publications(&e.evidence.document, &e.evidence.citations));
        }
        self.sections.sort_unstable();
        self.sections.dedup();
        self.publications.sort_unstable();
        self.publications.dedup();

        self.object.clear();
        terms.push_iri(&mut self.object, &iri(&c.id.to_string()));
        let (start, end) = self.node_spans[si.index()];
        let subject = &self.node_forms[start..end];
        let (start, end) = self.node_spans[oi.index()];
        let object = &self.node_forms[start..end];

        let g = &mut self.group;
        g.start(&self.object);
        g.iri(f.rdf_type, &self.statement);
        g.iri(f.rdf_type, &self.association);
        g.iri(f.rdf_subject, subject);
        g.iri(f.rdf_predicate, &rel.biolink);
        g.iri(f.rdf_object, object);
        g.iri(f.relation, &rel.name);
        g.iri(f.negated, &self.truth[usize::from(c.negated)]);
        g.iri(f.hedged, &self.truth[usize::from(c.hedged())]);
        for (p, v) in &rel.qualifiers {
            g.iri(*p, v);
        }
        for s in &self.sentences {
            g.text(f.supporting_text, s);
        }
        for p in &self.publications {
            g.add(f.publications, |o| terms.push_iri(o, &iri(p)));
        }
        for s in &self.sections {
            g.text(f.section, s);
        }
        for e in &c.evidence {
            let ctx = &e.context;
            for (p, value) in [
                (f.species, &ctx.species),
                (f.population, &ctx.population),
                (f.tissue, &ctx.tissue),
            ] {
                if let Some(v) = value {
                    g.text(p, v);
                }
            }
        }
        // Imported evidence: its origins, and whether any was checked against its
        // sentence (claimgraph's own claims carry neither).
        let mut sources: Vec<&str> = c
            .evidence
            .iter()
            .filter_map(|e| e.evidence.source.as_deref())
            .collect();
        if !sources.is_empty() {
            sources.sort_unstable();
            sources.dedup();
            for s in sources {
                g.text(f.evidence_source, s);
            }
            let verified = c.evidence.iter().any(|e| e.evidence.verified);
            g.iri(f.verified, &self.truth[usize::from(verified)]);
        }
        let confidence = c.confidence();
        match self.confidences.get(&confidence.to_bits()) {
            Some(form) => g.iri(f.confidence, form),
            None => {
                let mut form = Vec::new();
                terms.push_typed(&mut form, &canonical_double(confidence), Datatype::Double);
                g.iri(f.confidence, &form);
                if self.confidences.len() < 4096 {
                    self.confidences.insert(confidence.to_bits(), form);
                }
            }
        }
        let mut digits = itoa_buffer();
        let count = itoa(&mut digits, c.evidence.len());
        g.add(f.evidence_count, |o| {
            terms.push_typed(o, count, Datatype::Integer);
        });
        g.iri(f.knowledge_level, &self.knowledge_level);
        g.iri(f.agent_type, &self.agent_type);
        Ok(())
    }
}

/// Room for the decimal digits of any `usize`.
fn itoa_buffer() -> [u8; 20] {
    [0; 20]
}

/// The decimal digits of `n`, written at the end of `buf`.
fn itoa(buf: &mut [u8; 20], mut n: usize) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).expect("ASCII digits")
}

fn write_rdf(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    syntax: Syntax,
    out: &mut dyn Write,
) -> Result<()> {
    let exporter = Exporter::new(kg, vocab, syntax)?;
    let mut output = Output {
        syntax,
        buf: Vec::with_capacity(CHUNK + CHUNK / 2),
        out,
        prelude: exporter.terms.prelude(),
        started: false,
        last_subject: Vec::new(),
        last_predicate: 0,
    };
    exporter.run(&mut output)?;
    output.finish()
}

/// Writes the graph as N-Triples, one triple a line, as the triples are made: each
/// entity's triples, in id order, then for each claim in canonical order its direct
/// triple (once per distinct triple) and its association's triples.
///
/// # Errors
/// An IRI from a custom vocabulary that is not valid, or writing fails.
pub fn write_ntriples(kg: &KnowledgeGraph, vocab: &Vocabulary, out: &mut dyn Write) -> Result<()> {
    write_rdf(kg, vocab, Syntax::NTriples, out)
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

/// The triples of the graph, in the order of [`write_ntriples`] (read back from the
/// N-Triples).
///
/// # Errors
/// As [`write_ntriples`].
pub fn triples(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Result<Vec<Triple>> {
    let nt = to_ntriples(kg, vocab)?;
    oxttl::NTriplesParser::new()
        .for_slice(&nt)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::Inconsistent(format!("the N-Triples written do not parse: {e}")))
}

/// Writes the graph as Turtle with the JSON-LD context's prefixes, the triples in the
/// order of [`write_ntriples`].
///
/// # Errors
/// As [`write_ntriples`].
pub fn write_turtle(kg: &KnowledgeGraph, vocab: &Vocabulary, out: &mut dyn Write) -> Result<()> {
    write_rdf(kg, vocab, Syntax::Turtle, out)
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
    use super::*;

    #[test]
    fn doubles_take_the_canonical_form() {
        assert_eq!(canonical_double(0.6), "6.0E-1");
        assert_eq!(canonical_double(1.0), "1.0E0");
        assert_eq!(canonical_double(0.84), "8.4E-1");
        assert_eq!(canonical_double(0.123456), "1.23456E-1");
    }

    fn quoted(s: &str) -> String {
        let mut out = Vec::new();
        push_literal(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn literals_escape_as_oxrdf_does() {
        for s in [
            "",
            "plain",
            "a\"b\\c",
            "\t\n\r\u{8}\u{c}",
            "\u{0}\u{1}\u{1f}\u{7f}",
            "\u{fffe}\u{ffff}\u{fffd}\u{feff}",
            "é漢字🧪\u{2028}\u{85}",
            "\u{efbf}x",
        ] {
            assert_eq!(
                quoted(s),
                oxrdf::Literal::new_simple_literal(s).to_string(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn local_names_escape_or_give_up() {
        let local = |s: &str| {
            let mut out = Vec::new();
            push_local_name(&mut out, s).then(|| String::from_utf8(out).unwrap())
        };
        assert_eq!(local("0179760").as_deref(), Some("0179760"));
        assert_eq!(local("a.b").as_deref(), Some("a.b"));
        assert_eq!(local("a.").as_deref(), Some("a\\."));
        assert_eq!(local("-a").as_deref(), Some("\\-a"));
        assert_eq!(local("x%20y").as_deref(), Some("x\\%20y"));
        assert_eq!(local("a b"), None);
        assert_eq!(local("a<b"), None);
    }

    #[test]
    fn a_group_keeps_each_triple_once_in_first_order() {
        let mut g = Group::default();
        for _ in 0..2 {
            g.start(b"<s>");
            // 40 distinct (predicate, object) pairs, each added 3 times: past SCAN, so
            // both the scan and the map find duplicates.
            for i in 0..120u32 {
                g.text(i % 4, &(i % 40).to_string());
            }
            let got: Vec<(Pred, String)> = g
                .items
                .iter()
                .map(|it| {
                    let object = String::from_utf8(g.objects[it.start..it.end].to_vec());
                    (it.predicate, object.unwrap())
                })
                .collect();
            let want: Vec<(Pred, String)> =
                (0..40u32).map(|i| (i % 4, format!("\"{i}\""))).collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn itoa_writes_decimal_digits() {
        for n in [0, 7, 10, 1234567890, usize::MAX] {
            assert_eq!(itoa(&mut itoa_buffer(), n), n.to_string());
        }
    }

    #[test]
    fn turtle_doubles() {
        for s in ["6.0E-1", "1.0E0", "1E5", ".5e1", "+1.e-2"] {
            assert!(is_turtle_double(s), "{s}");
        }
        for s in ["NaN", "INF", "-INF", "1.0", ".E1", "1E", "1.0E+", "1..0E1"] {
            assert!(!is_turtle_double(s), "{s}");
        }
    }
}
