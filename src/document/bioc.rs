//! BioC (XML and JSON; PubTator exports it): each BioC `document` becomes one
//! [`Document`], its passages paragraphs whose section is the passage's `type` infon
//! (`title`, `abstract`, ...; else its `section_type`), with its annotations and
//! relations kept.
//!
//! # Which text the spans point into
//!
//! BioC gives every passage an `offset` in the document and every annotation a
//! document-level `location`. claimgraph builds the document text by placing each
//! passage's text at its offset, counted in characters as BioC writers count them
//! (PubTator: title at 0, abstract at the title's length + 1), with line breaks in the
//! gaps. So a character position in claimgraph's document text is the BioC position, and
//! evidence `start`/`end` are the UTF-8 byte offsets of those positions (the same number
//! for ASCII text). A passage whose offset lies before the end of the previous one is
//! placed after it instead, and its annotations moved with it. An annotation whose
//! location does not hold its text (counted in characters, or else in UTF-8 bytes) is
//! looked up by its text in the passage; one that cannot be placed is left out.
//!
//! A document's id is `PMID:NNN` when the BioC id is a number (as PubMed XML names it, so
//! that evidence from both merges); otherwise the id as given.
//!
//! # What is read
//!
//! - XML: `collection` / `document` / `passage` (`infon`, `offset`, `text`, or
//!   `sentence`s with their own `offset` and `text`) / `annotation` (`infon`s, `location
//!   offset length`, `text`) / `relation` (`infon`s, `node refid role`), in documents,
//!   passages and sentences. The DOCTYPE is allowed, never fetched; the whole file is
//!   parsed in memory (roxmltree).
//! - JSON: a collection (`{"source", "documents": [...]}`), a document (`{"id",
//!   "passages"}`), an object of one key holding a list of documents (PubTator3's
//!   `{"PubTator3": [...]}`), a list of any of these, or several such values one after
//!   another (JSON Lines). Infons may be strings, numbers or objects (PubTator3 writes a
//!   relation's `role1` as `{"identifier", "type", ...}`).
//!
//! Entity annotations become given mentions ([`BiocDocument::given_mentions`]): their
//! identifiers (`identifier` infon, or `NCBI Gene` / `MESH` infons; a number for a gene
//! is an NCBI Gene id, `D012345` a MeSH id) are mapped to lexicon CURIEs through the
//! identifier mappings ([`crate::lexicon::Xrefs`]) where known, kept as given otherwise.
//! Relations are parsed into [`Relation`]s and left to whoever turns them into claims.

use std::collections::BTreeMap;
use std::path::Path;

use roxmltree::Node;
use serde_json::Value;

use super::pubmed::{node_location, parse_xml as parse_xml_text};
use super::{Document, Paragraph};
use crate::error::{Error, Location, Result};
use crate::extract::GivenMention;
use crate::lexicon::{Kind, Lexicon, xrefs::normalize_foreign};

/// An entity annotation of a BioC document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    /// The annotation's id (`T1`; unique within its document).
    pub id: String,
    /// Its `type` infon (`Gene`, `Chemical`, `Disease`, ...).
    pub kind: Option<String>,
    /// Its identifiers as given (`7124`, `MESH:D014807`; several when the annotation
    /// lists several, `;` or `,` separated), `-` and empty ones left out.
    pub identifiers: Vec<String>,
    /// The identifiers as CURIEs (`NCBIGene:7124`, `MESH:D014807`), same order.
    pub curies: Vec<String>,
    /// The text as the annotation gives it.
    pub text: String,
    /// Byte offset of its first byte in the document text.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// Every infon, by key.
    pub infons: BTreeMap<String, String>,
}

/// One argument of a relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationArgument {
    /// Its role (the node's `role`, or `role1`/`role2`, `entity1`/`entity2` for
    /// relations that name their arguments by identifier in infons).
    pub role: String,
    /// What the relation gives: an annotation id (`refid`) or an identifier
    /// (`Chemical|MESH:D014807`, `D014807`).
    pub reference: String,
    /// The annotations it refers to (indices into [`BiocDocument::annotations`]): the
    /// one with that id, or every one with that identifier.
    pub annotations: Vec<usize>,
}

/// Text where every argument of a relation is mentioned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationContext {
    /// The section (passage type) of the text.
    pub section: Option<String>,
    /// The sentence (or, when no sentence holds every argument, the passage).
    pub text: String,
    /// Byte offset of the text in the document text.
    pub start: usize,
    /// Byte offset one past it.
    pub end: usize,
}

/// A BioC relation between annotations (PubTator's Positive_Correlation, Association,
/// Bind, ...), as given: nothing here reads it as a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The relation's id.
    pub id: String,
    /// Its `type` infon.
    pub kind: Option<String>,
    /// Every infon, by key.
    pub infons: BTreeMap<String, String>,
    /// Its arguments, in order.
    pub arguments: Vec<RelationArgument>,
    /// The sentences that mention every argument (passages, when no sentence does), in
    /// text order.
    pub contexts: Vec<RelationContext>,
}

/// A BioC document read: the document claimgraph extracts from, its annotations and
/// its relations.
#[derive(Debug, Clone)]
pub struct BiocDocument {
    /// The document (id `PMID:NNN` for a numeric BioC id).
    pub document: Document,
    /// The BioC id as given.
    pub source_id: String,
    /// Entity annotations of every passage and sentence, in text order.
    pub annotations: Vec<Annotation>,
    /// Relations of the document, its passages and sentences.
    pub relations: Vec<Relation>,
}

impl BiocDocument {
    /// The annotations as mentions for [`crate::Extractor::extract_with_mentions`]:
    /// those of an entity kind claimgraph has (genes and proteins, chemicals, diseases
    /// and phenotypes, cells; not species or variants) with an identifier. The entity is
    /// the lexicon's when an identifier is a lexicon id or maps to one; else the mapped
    /// CURIE, or the identifier as given, labelled with the annotation's text.
    pub fn given_mentions(&self, lexicon: &Lexicon) -> Vec<GivenMention> {
        let mut out = Vec::new();
        for a in &self.annotations {
            let Some(kind) = a.kind.as_deref().and_then(kind_of_type) else {
                continue;
            };
            let Some(curie) = a.curies.first() else {
                continue;
            };
            let (id, label, kind) = match a.curies.iter().find_map(|c| lexicon.map_xref(c)) {
                Some(e) => (e.id.clone(), e.label.clone(), e.kind),
                None => {
                    let id = lexicon.xref(curie).unwrap_or(curie).to_string();
                    (id, a.text.clone(), kind)
                }
            };
            out.push(GivenMention {
                start: a.start,
                end: a.end,
                id,
                label,
                kind,
            });
        }
        out
    }
}

/// The claimgraph kind of a BioC/PubTator annotation type, if it has one.
pub fn kind_of_type(t: &str) -> Option<Kind> {
    match t.to_ascii_lowercase().replace(['_', ' ', '-'], "").as_str() {
        "gene" | "protein" | "geneorgeneproduct" | "geneproduct" | "familyname" | "domainmotif"
        | "proteinfamily" => Some(Kind::Protein),
        "chemical" | "drug" | "chemicalentity" | "simplechemical" => Some(Kind::Chemical),
        "disease" | "diseaseorphenotypicfeature" | "phenotype" => Some(Kind::Condition),
        "cell" | "celltype" | "cellline" => Some(Kind::Cell),
        _ => None,
    }
}

/// The CURIE of an annotation identifier given the annotation's type: a number is an
/// NCBI Gene id for a gene (an NCBI Taxonomy id for a species), `D012345`/`C012345` a
/// MeSH id, a CURIE is kept (its prefix as [`normalize_foreign`] writes it).
pub fn identifier_curie(kind: Option<&str>, id: &str) -> String {
    let id = id.trim();
    let t = kind.unwrap_or("").to_ascii_lowercase();
    if id.contains(':') {
        return normalize_foreign(id);
    }
    if id.bytes().all(|b| b.is_ascii_digit()) {
        if t.contains("species") || t.contains("organism") {
            return format!("NCBITaxon:{id}");
        }
        if t.contains("gene") || t.contains("protein") {
            return format!("NCBIGene:{id}");
        }
    }
    let mesh = id.len() > 1
        && matches!(id.as_bytes()[0], b'D' | b'C')
        && id[1..].bytes().all(|b| b.is_ascii_digit());
    if mesh {
        return format!("MESH:{id}");
    }
    id.to_string()
}

// ---------------------------------------------------------------------------------------
// The form both syntaxes are read into
// ---------------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct RawAnnotation {
    id: String,
    infons: BTreeMap<String, String>,
    locations: Vec<(usize, usize)>,
    text: String,
}

#[derive(Debug, Default)]
struct RawRelation {
    id: String,
    infons: BTreeMap<String, String>,
    nodes: Vec<(String, String)>,
}

/// A passage or a sentence: text at an offset.
#[derive(Debug, Default)]
struct RawText {
    offset: usize,
    text: String,
    annotations: Vec<RawAnnotation>,
}

#[derive(Debug, Default)]
struct RawPassage {
    infons: BTreeMap<String, String>,
    /// The passage's text, or its sentences.
    parts: Vec<RawText>,
}

#[derive(Debug, Default)]
struct RawDocument {
    id: String,
    passages: Vec<RawPassage>,
    relations: Vec<RawRelation>,
    /// Where it is, for errors.
    location: Option<Location>,
    /// How to name it in errors when there is no location ("document 3").
    name: String,
}

fn bad(raw: &RawDocument, path: &Path, message: String) -> Error {
    match &raw.location {
        Some(l) => Error::Parse {
            location: l.clone(),
            message,
        },
        None => Error::Parse {
            location: Location::file(path),
            message: format!("{}: {message}", raw.name),
        },
    }
}

/// The widest gap between passages that is kept as given (in characters); a wider one
/// (a passage offset far beyond the text) is closed, so that no offset can make the
/// document text huge.
const MAX_GAP: usize = 100_000;

/// The byte offset in `s` of character `chars` (`None` past the end).
fn char_to_byte(s: &str, chars: usize) -> Option<usize> {
    if chars == 0 {
        return Some(0);
    }
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .nth(chars)
}

fn document_id(raw: &str) -> String {
    let id = raw.trim();
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
        format!("PMID:{id}")
    } else if let Some(n) = id
        .strip_prefix("PMID")
        .map(|r| r.trim_start_matches([':', ' ', '_']))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        format!("PMID:{n}")
    } else {
        id.to_string()
    }
}

fn split_identifiers(s: &str) -> Vec<String> {
    s.split([';', ',', '|'])
        .map(str::trim)
        .filter(|x| !x.is_empty() && *x != "-" && !x.eq_ignore_ascii_case("none"))
        .map(str::to_string)
        .collect()
}

/// Builds the document: passages placed at their offsets (see the module's notes).
fn assemble(raw: RawDocument, path: &Path) -> Result<BiocDocument> {
    if raw.id.trim().is_empty() {
        return Err(bad(&raw, path, "a BioC document without an id".into()));
    }
    let id = document_id(&raw.id);
    let mut text = String::new();
    let mut chars = 0usize; // characters in `text`
    let mut paragraphs = Vec::new();
    let mut annotations = Vec::new();
    let mut title = None;
    for passage in &raw.passages {
        let section = passage
            .infons
            .get("type")
            .or_else(|| passage.infons.get("section_type"))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let is_title = section
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("title") || s.eq_ignore_ascii_case("front"));
        for part in &passage.parts {
            // Place the part at its offset, or (overlapping the text so far, or a gap of
            // more than MAX_GAP characters) right after the text so far.
            let at = if part.offset >= chars && part.offset - chars <= MAX_GAP {
                part.offset
            } else {
                chars + usize::from(chars > 0)
            };
            while chars < at {
                text.push('\n');
                chars += 1;
            }
            let start = text.len();
            text.push_str(&part.text);
            chars += part.text.chars().count();
            let end = text.len();
            if is_title && title.is_none() {
                title = Some(part.text.trim().to_string());
            }
            if start < end {
                paragraphs.push(Paragraph {
                    start,
                    end,
                    section: section.clone(),
                    citations: Vec::new(),
                });
            }
            for a in &part.annotations {
                if let Some((s, e)) = place(a, &part.text, part.offset) {
                    annotations.push(annotation(a, start + s, start + e));
                }
            }
        }
    }
    text.push('\n');
    // Sentence splitting must not cross a passage: the paragraphs are the passages.
    let title = title.unwrap_or_default();
    let document = Document::from_paragraphs(id, title, text, paragraphs);
    annotations.sort_by_key(|a| (a.start, a.end));
    let relations = raw
        .relations
        .iter()
        .map(|r| relation(r, &document, &annotations))
        .collect();
    Ok(BiocDocument {
        document,
        source_id: raw.id.trim().to_string(),
        annotations,
        relations,
    })
}

/// The byte span of an annotation within its part's text (local offsets).
fn place(a: &RawAnnotation, part: &str, part_offset: usize) -> Option<(usize, usize)> {
    let want = a.text.as_str();
    let &(offset, length) = a.locations.first()?;
    let local = offset.checked_sub(part_offset);
    if let Some(local) = local {
        // Characters, as BioC writers count.
        if let (Some(s), Some(e)) = (
            char_to_byte(part, local),
            char_to_byte(part, local + length),
        ) && (want.is_empty() || part.get(s..e) == Some(want))
        {
            return (s < e).then_some((s, e));
        }
        // UTF-8 bytes, as some do.
        if part.get(local..local + length).is_some_and(|t| t == want) {
            return Some((local, local + length));
        }
    }
    if want.is_empty() {
        return None;
    }
    // The nearest occurrence of the text.
    let guess = local.and_then(|l| char_to_byte(part, l)).unwrap_or(0);
    part.match_indices(want)
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(guess))
        .map(|i| (i, i + want.len()))
}

fn annotation(a: &RawAnnotation, start: usize, end: usize) -> Annotation {
    let kind = a.infons.get("type").cloned();
    let mut identifiers = Vec::new();
    for key in [
        "identifier",
        "Identifier",
        "concept_id",
        "NCBI Gene",
        "MESH",
        "MeSH",
    ] {
        if let Some(v) = a.infons.get(key) {
            for id in split_identifiers(v) {
                let id = match key {
                    "NCBI Gene" if id.bytes().all(|b| b.is_ascii_digit()) => {
                        format!("NCBIGene:{id}")
                    }
                    "MESH" | "MeSH" if !id.contains(':') => format!("MESH:{id}"),
                    _ => id,
                };
                if !identifiers.contains(&id) {
                    identifiers.push(id);
                }
            }
        }
    }
    let curies = identifiers
        .iter()
        .map(|i| identifier_curie(kind.as_deref(), i))
        .collect();
    Annotation {
        id: a.id.clone(),
        kind,
        identifiers,
        curies,
        text: a.text.clone(),
        start,
        end,
        infons: a.infons.clone(),
    }
}

fn relation(r: &RawRelation, doc: &Document, annotations: &[Annotation]) -> Relation {
    let mut arguments = Vec::new();
    if !r.nodes.is_empty() {
        for (refid, role) in &r.nodes {
            arguments.push(RelationArgument {
                role: role.clone(),
                reference: refid.clone(),
                annotations: annotations
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| &a.id == refid)
                    .map(|(i, _)| i)
                    .collect(),
            });
        }
    } else {
        // Relations between concepts: PubTator3 `role1`/`role2` ("Chemical|MESH:D014807"),
        // BioRED `entity1`/`entity2` ("D014807").
        for key in ["role1", "role2", "entity1", "entity2"] {
            let Some(v) = r.infons.get(key) else { continue };
            let (t, id) = match v.split_once('|') {
                Some((t, id)) => (Some(t), id),
                None => (None, v.as_str()),
            };
            let ids: Vec<String> = split_identifiers(id);
            let found = annotations
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    ids.iter().any(|i| {
                        let c = identifier_curie(t.or(a.kind.as_deref()), i);
                        a.identifiers.contains(i) || a.curies.contains(&c)
                    })
                })
                .map(|(i, _)| i)
                .collect();
            arguments.push(RelationArgument {
                role: key.to_string(),
                reference: v.clone(),
                annotations: found,
            });
        }
    }
    let contexts = contexts(doc, annotations, &arguments);
    Relation {
        id: r.id.clone(),
        kind: r.infons.get("type").cloned(),
        infons: r.infons.clone(),
        arguments,
        contexts,
    }
}

fn contexts(
    doc: &Document,
    annotations: &[Annotation],
    args: &[RelationArgument],
) -> Vec<RelationContext> {
    if args.is_empty() || args.iter().any(|a| a.annotations.is_empty()) {
        return Vec::new();
    }
    let holds_all = |s: usize, e: usize| {
        args.iter().all(|a| {
            a.annotations
                .iter()
                .any(|&i| annotations[i].start >= s && annotations[i].end <= e)
        })
    };
    let mut out: Vec<RelationContext> = doc
        .sentences
        .iter()
        .filter(|s| holds_all(s.start, s.end))
        .map(|s| RelationContext {
            section: doc.paragraphs[s.paragraph].section.clone(),
            text: doc.text[s.start..s.end].to_string(),
            start: s.start,
            end: s.end,
        })
        .collect();
    if out.is_empty() {
        out = doc
            .paragraphs
            .iter()
            .filter(|p| holds_all(p.start, p.end))
            .map(|p| RelationContext {
                section: p.section.clone(),
                text: doc.text[p.start..p.end].to_string(),
                start: p.start,
                end: p.end,
            })
            .collect();
    }
    out
}

// ---------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------

fn children<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |c| c.has_tag_name(name))
}

fn text_of(node: Node, name: &'static str) -> String {
    children(node, name)
        .next()
        .map(|n| {
            n.descendants()
                .filter(Node::is_text)
                .filter_map(|t| t.text())
                .collect::<String>()
        })
        .unwrap_or_default()
}

fn infons(node: Node) -> BTreeMap<String, String> {
    children(node, "infon")
        .filter_map(|i| {
            let key = i.attribute("key")?;
            Some((key.to_string(), i.text().unwrap_or("").trim().to_string()))
        })
        .collect()
}

fn number(
    doc: &roxmltree::Document,
    node: Node,
    s: &str,
    path: &Path,
    what: &str,
) -> Result<usize> {
    s.trim().parse().map_err(|_| Error::Parse {
        location: node_location(doc, node, path),
        message: format!("{what} `{}` is not a number", s.trim()),
    })
}

fn xml_annotations(
    doc: &roxmltree::Document,
    node: Node,
    path: &Path,
) -> Result<Vec<RawAnnotation>> {
    children(node, "annotation")
        .map(|a| {
            let locations = children(a, "location")
                .map(|l| {
                    Ok((
                        number(
                            doc,
                            l,
                            l.attribute("offset").unwrap_or(""),
                            path,
                            "location offset",
                        )?,
                        number(
                            doc,
                            l,
                            l.attribute("length").unwrap_or(""),
                            path,
                            "location length",
                        )?,
                    ))
                })
                .collect::<Result<_>>()?;
            Ok(RawAnnotation {
                id: a.attribute("id").unwrap_or("").to_string(),
                infons: infons(a),
                locations,
                text: text_of(a, "text"),
            })
        })
        .collect()
}

fn xml_relations(node: Node, out: &mut Vec<RawRelation>) {
    for r in children(node, "relation") {
        out.push(RawRelation {
            id: r.attribute("id").unwrap_or("").to_string(),
            infons: infons(r),
            nodes: children(r, "node")
                .map(|n| {
                    (
                        n.attribute("refid").unwrap_or("").to_string(),
                        n.attribute("role").unwrap_or("").to_string(),
                    )
                })
                .collect(),
        });
    }
}

fn xml_document(doc: &roxmltree::Document, d: Node, path: &Path) -> Result<RawDocument> {
    let mut raw = RawDocument {
        id: text_of(d, "id"),
        location: Some(node_location(doc, d, path)),
        ..Default::default()
    };
    xml_relations(d, &mut raw.relations);
    for p in children(d, "passage") {
        let offset = number(doc, p, &text_of(p, "offset"), path, "passage offset")?;
        let mut passage = RawPassage {
            infons: infons(p),
            parts: Vec::new(),
        };
        xml_relations(p, &mut raw.relations);
        let sentences: Vec<Node> = children(p, "sentence").collect();
        if sentences.is_empty() {
            passage.parts.push(RawText {
                offset,
                text: text_of(p, "text"),
                annotations: xml_annotations(doc, p, path)?,
            });
        } else {
            for s in sentences {
                xml_relations(s, &mut raw.relations);
                passage.parts.push(RawText {
                    offset: number(doc, s, &text_of(s, "offset"), path, "sentence offset")?,
                    text: text_of(s, "text"),
                    annotations: xml_annotations(doc, s, path)?,
                });
            }
        }
        raw.passages.push(passage);
    }
    Ok(raw)
}

/// The documents of a BioC XML file: one result per `document`, in file order; a
/// document that cannot be read (no id, an offset that is not a number) is an error
/// naming its place, and the others still come through.
///
/// # Errors
/// Malformed XML, or a root element other than `collection`.
pub fn parse_xml(xml: &str, path: &Path) -> Result<Vec<Result<BiocDocument>>> {
    let doc = parse_xml_text(xml, path, "BioC XML")?;
    let root = doc.root_element();
    let documents: Vec<Node> = match root.tag_name().name() {
        "collection" => children(root, "document").collect(),
        "document" => vec![root],
        other => {
            return Err(Error::Parse {
                location: node_location(&doc, root, path),
                message: format!("expected a BioC <collection>, found <{other}>"),
            });
        }
    };
    Ok(documents
        .into_iter()
        .map(|d| xml_document(&doc, d, path).and_then(|raw| assemble(raw, path)))
        .collect())
}

// ---------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------

fn json_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        // PubTator3: `"role1": {"identifier": "MESH:D014807", "type": "Chemical", ...}`.
        Value::Object(o) if o.contains_key("identifier") => {
            let id = json_string(&o["identifier"]);
            match o.get("type").map(json_string) {
                Some(t) if !t.is_empty() => format!("{t}|{id}"),
                _ => id,
            }
        }
        other => other.to_string(),
    }
}

fn json_infons(v: &Value) -> BTreeMap<String, String> {
    v.get("infons")
        .and_then(Value::as_object)
        .map(|o| o.iter().map(|(k, v)| (k.clone(), json_string(v))).collect())
        .unwrap_or_default()
}

fn json_number(v: Option<&Value>, what: &str) -> std::result::Result<usize, String> {
    match v {
        None | Some(Value::Null) => Ok(0),
        Some(Value::Number(n)) => n
            .as_u64()
            .map(|n| n as usize)
            .ok_or_else(|| format!("{what} {n} is not a non-negative integer")),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map_err(|_| format!("{what} `{s}` is not a number")),
        Some(other) => Err(format!("{what} {other} is not a number")),
    }
}

fn json_list<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn json_annotations(v: &Value) -> std::result::Result<Vec<RawAnnotation>, String> {
    json_list(v, "annotations")
        .iter()
        .map(|a| {
            let locations = json_list(a, "locations")
                .iter()
                .map(|l| {
                    Ok((
                        json_number(l.get("offset"), "location offset")?,
                        json_number(l.get("length"), "location length")?,
                    ))
                })
                .collect::<std::result::Result<_, String>>()?;
            Ok(RawAnnotation {
                id: a.get("id").map(json_string).unwrap_or_default(),
                infons: json_infons(a),
                locations,
                text: a.get("text").map(json_string).unwrap_or_default(),
            })
        })
        .collect()
}

fn json_relations(v: &Value, out: &mut Vec<RawRelation>) {
    for r in json_list(v, "relations") {
        out.push(RawRelation {
            id: r.get("id").map(json_string).unwrap_or_default(),
            infons: json_infons(r),
            nodes: json_list(r, "nodes")
                .iter()
                .map(|n| {
                    (
                        n.get("refid").map(json_string).unwrap_or_default(),
                        n.get("role").map(json_string).unwrap_or_default(),
                    )
                })
                .collect(),
        });
    }
}

fn json_document(
    d: &Value,
    name: String,
) -> std::result::Result<RawDocument, Box<(RawDocument, String)>> {
    let mut raw = RawDocument {
        id: d.get("id").map(json_string).unwrap_or_default(),
        name,
        ..Default::default()
    };
    json_relations(d, &mut raw.relations);
    let read = |raw: &mut RawDocument| -> std::result::Result<(), String> {
        for p in json_list(d, "passages") {
            let mut passage = RawPassage {
                infons: json_infons(p),
                parts: Vec::new(),
            };
            json_relations(p, &mut raw.relations);
            let sentences = json_list(p, "sentences");
            if sentences.is_empty() {
                passage.parts.push(RawText {
                    offset: json_number(p.get("offset"), "passage offset")?,
                    text: p.get("text").map(json_string).unwrap_or_default(),
                    annotations: json_annotations(p)?,
                });
            } else {
                for s in sentences {
                    json_relations(s, &mut raw.relations);
                    passage.parts.push(RawText {
                        offset: json_number(s.get("offset"), "sentence offset")?,
                        text: s.get("text").map(json_string).unwrap_or_default(),
                        annotations: json_annotations(s)?,
                    });
                }
            }
            raw.passages.push(passage);
        }
        Ok(())
    };
    match read(&mut raw) {
        Ok(()) => Ok(raw),
        Err(m) => Err(Box::new((raw, m))),
    }
}

/// The BioC documents a JSON value holds (see the module's notes), each with a name
/// for errors.
fn json_documents<'v>(v: &'v Value, at: &str, out: &mut Vec<(&'v Value, String)>) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                json_documents(item, &format!("{at}[{i}]"), out);
            }
        }
        Value::Object(o) if o.contains_key("passages") => out.push((v, at.to_string())),
        Value::Object(o) if o.contains_key("documents") => {
            json_documents(&o["documents"], &format!("{at}.documents"), out)
        }
        Value::Object(o) => {
            // PubTator3: {"PubTator3": [documents]}.
            for (k, item) in o {
                if item.is_array() {
                    json_documents(item, &format!("{at}.{k}"), out);
                }
            }
        }
        _ => {}
    }
}

/// The documents of a BioC JSON file (see the module's notes): one result per BioC
/// document, in file order; a document that cannot be read (no id, an offset that is
/// not a number) is an error naming it (`value 1: documents[3]`), the others still come
/// through.
///
/// # Errors
/// Malformed JSON (with line and column), or JSON that holds no BioC document.
pub fn parse_json(json: &str, path: &Path) -> Result<Vec<Result<BiocDocument>>> {
    let mut values = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(json).into_iter::<Value>();
    loop {
        let at = stream.byte_offset();
        match stream.next() {
            None => break,
            Some(Ok(v)) => values.push((v, at)),
            Some(Err(e)) => {
                return Err(Error::Parse {
                    location: Location::new(path, e.line(), e.column()),
                    message: format!("malformed BioC JSON: {e}"),
                });
            }
        }
    }
    let mut out = Vec::new();
    let several = values.len() > 1;
    for (n, (v, at)) in values.iter().enumerate() {
        let mut docs = Vec::new();
        json_documents(v, "", &mut docs);
        let (line, _) = crate::error::line_column(json, *at);
        for (d, name) in docs {
            let name = match (several, name.trim_start_matches('.')) {
                (true, "") => format!("value {} (line {line})", n + 1),
                (true, inner) => format!("value {} (line {line}): {inner}", n + 1),
                (false, "") => "the document".to_string(),
                (false, inner) => inner.to_string(),
            };
            out.push(match json_document(d, name) {
                Ok(raw) => assemble(raw, path),
                Err(e) => Err(bad(&e.0, path, e.1)),
            });
        }
    }
    if out.is_empty() {
        return Err(Error::Parse {
            location: Location::new(path, 1, 1),
            message: "no BioC document (expected `documents` or `passages`)".into(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE collection SYSTEM "BioC.dtd">
<collection><source>PubTator</source><date>2025</date><key>BioC.key</key>
<document><id>123</id>
<passage><infon key="type">title</infon><offset>0</offset><text>Zinc and TNF</text>
<annotation id="1"><infon key="type">Chemical</infon><infon key="identifier">MESH:D015032</infon><location offset="0" length="4"/><text>Zinc</text></annotation>
</passage>
<passage><infon key="type">abstract</infon><offset>13</offset><text>Zinc lowers TNF-α in mice. Nothing else.</text>
<annotation id="2"><infon key="type">Chemical</infon><infon key="identifier">MESH:D015032</infon><location offset="13" length="4"/><text>Zinc</text></annotation>
<annotation id="3"><infon key="type">Gene</infon><infon key="identifier">7124</infon><location offset="25" length="5"/><text>TNF-α</text></annotation>
<annotation id="4"><infon key="type">Species</infon><infon key="identifier">10090</infon><location offset="34" length="4"/><text>mice</text></annotation>
</passage>
<relation id="R1"><infon key="type">Negative_Correlation</infon><node refid="2" role="Chemical"/><node refid="3" role="Gene"/></relation>
</document>
<document><passage><offset>0</offset><text>No id.</text></passage></document>
</collection>"#;

    #[test]
    fn passages_are_placed_at_their_offsets() {
        let docs = parse_xml(XML, Path::new("c.xml")).unwrap();
        assert_eq!(docs.len(), 2);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.document.id, "PMID:123");
        assert_eq!(d.document.title, "Zinc and TNF");
        assert_eq!(
            d.document.text,
            "Zinc and TNF\nZinc lowers TNF-α in mice. Nothing else.\n"
        );
        let sections: Vec<_> = d
            .document
            .paragraphs
            .iter()
            .map(|p| p.section.as_deref())
            .collect();
        assert_eq!(sections, [Some("title"), Some("abstract")]);
        // Character offsets: "TNF-α" is at character 25, byte 25; "mice" at character
        // 34, byte 35 (α is two bytes).
        let spans: Vec<_> = d
            .annotations
            .iter()
            .map(|a| &d.document.text[a.start..a.end])
            .collect();
        assert_eq!(spans, ["Zinc", "Zinc", "TNF-α", "mice"]);
        assert_eq!(d.annotations[2].curies, ["NCBIGene:7124"]);
        assert_eq!(d.annotations[3].curies, ["NCBITaxon:10090"]);
        let r = &d.relations[0];
        assert_eq!(r.kind.as_deref(), Some("Negative_Correlation"));
        assert_eq!(r.arguments[0].annotations, [1]);
        assert_eq!(r.arguments[1].annotations, [2]);
        assert_eq!(r.contexts.len(), 1);
        assert_eq!(r.contexts[0].text, "Zinc lowers TNF-α in mice.");
        assert_eq!(r.contexts[0].section.as_deref(), Some("abstract"));
        let err = docs[1].as_ref().unwrap_err().to_string();
        assert!(
            err.starts_with("c.xml:15:1: a BioC document without an id"),
            "{err}"
        );
    }

    #[test]
    fn given_mentions_are_grounded_through_the_xrefs() {
        let docs = parse_xml(XML, Path::new("c.xml")).unwrap();
        let d = docs[0].as_ref().unwrap();
        let given = d.given_mentions(&Lexicon::bundled());
        let ids: Vec<_> = given.iter().map(|g| g.id.as_str()).collect();
        // Zinc is the curated CHEBI:27363; TNF maps to HGNC:11892; the species is no
        // entity kind of claimgraph.
        assert_eq!(ids, ["CHEBI:27363", "CHEBI:27363", "HGNC:11892"]);
    }

    #[test]
    fn json_in_its_several_shapes() {
        let doc = r#"{"id": "9", "passages": [{"infons": {"type": "abstract"}, "offset": 0, "text": "Zinc lowers TNF.",
            "annotations": [{"id": "a", "infons": {"type": "Gene", "identifier": "7124"}, "locations": [{"offset": 12, "length": 3}], "text": "TNF"}]}],
            "relations": [{"id": "R", "infons": {"type": "Association", "role1": {"type": "Gene", "identifier": "7124"}, "role2": "Chemical|MESH:D015032"}, "nodes": []}]}"#;
        for text in [
            doc.to_string(),
            format!(r#"{{"source": "s", "documents": [{doc}]}}"#),
            format!(r#"{{"PubTator3": [{doc}]}}"#),
            format!("[{doc}]"),
        ] {
            let docs = parse_json(&text, Path::new("d.json")).unwrap();
            let d = docs[0].as_ref().unwrap();
            assert_eq!(d.document.id, "PMID:9");
            assert_eq!(
                &d.document.text[d.annotations[0].start..d.annotations[0].end],
                "TNF"
            );
            let r = &d.relations[0];
            assert_eq!(r.arguments[0].reference, "Gene|7124");
            assert_eq!(r.arguments[0].annotations, [0]);
            assert!(r.arguments[1].annotations.is_empty());
        }
        let two = format!("{doc}\n{doc}\n");
        assert_eq!(parse_json(&two, Path::new("d.json")).unwrap().len(), 2);
        let err = parse_json("{\"documents\": [\n{\"id\": 1,}]}", Path::new("d.json"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("d.json:2:"), "{err}");
        let docs = parse_json(
            r#"{"documents": [{"passages": [{"offset": "x"}]}]}"#,
            Path::new("d.json"),
        )
        .unwrap();
        let err = docs[0].as_ref().unwrap_err().to_string();
        assert!(err.contains("documents[0]"), "{err}");
    }
}
