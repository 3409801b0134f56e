//! The claim model and its interchange formats (JSON Lines and TSV).
//!
//! A claim is one statement of a document: subject, relation, object, polarity, hedging,
//! context, and the evidence that states it. `extract` writes claims, `build` reads them.

use std::io::{BufRead, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::lexicon::{Entity, Kind, Lexicon, normalize_label};
use crate::vocab::Vocabulary;

mod borrowed;
mod scan;

use std::borrow::Cow;

pub use borrowed::{BorrowedClaim, BorrowedContext, BorrowedEntity, BorrowedEvidence, Str};

/// An entity as a claim names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EntityRef {
    /// CURIE, `combination:` id, or `claimgraph:` id for an ungrounded entity.
    pub id: String,
    /// Preferred label.
    pub label: String,
    /// Kind.
    pub kind: Kind,
    /// The text as written in the sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mention: Option<String>,
    /// Other names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
    /// Members of a combination.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<EntityRef>,
}

impl EntityRef {
    /// The reference to a lexicon entity, with the mention as written.
    pub fn from_entity(e: &Entity, mention: Option<&str>) -> EntityRef {
        EntityRef {
            id: e.id.clone(),
            label: e.label.clone(),
            kind: e.kind,
            mention: mention.map(str::to_string),
            synonyms: e.synonyms.clone(),
            members: Vec::new(),
        }
    }

    /// An entity no vocabulary knows: id `claimgraph:` + its normalised label.
    pub fn ungrounded(label: &str, kind: Kind) -> EntityRef {
        EntityRef {
            id: format!("claimgraph:{}", normalize_label(label)),
            label: label.to_string(),
            kind,
            mention: Some(label.to_string()),
            synonyms: Vec::new(),
            members: Vec::new(),
        }
    }

    /// A combination of members: id from [`combination_id`] over the member ids sorted
    /// bytewise, label the member labels joined by ` + ` in the same order. Duplicate
    /// members are dropped; members of nested combinations are flattened.
    pub fn combination(members: Vec<EntityRef>, mention: Option<&str>) -> EntityRef {
        let mut flat: Vec<EntityRef> = Vec::new();
        for m in members {
            if m.kind == Kind::Combination {
                flat.extend(m.members);
            } else {
                flat.push(m);
            }
        }
        flat.sort_by(|a, b| a.id.as_bytes().cmp(b.id.as_bytes()));
        flat.dedup_by(|a, b| a.id == b.id);
        let id = combination_id(flat.iter().map(|m| m.id.as_str()));
        let label = flat
            .iter()
            .map(|m| m.label.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        EntityRef {
            id,
            label,
            kind: Kind::Combination,
            mention: mention.map(str::to_string),
            synonyms: Vec::new(),
            members: flat,
        }
    }
}

/// The prefix of every combination id.
pub const COMBINATION_PREFIX: &str = "combination:";

/// The id of the combination of `members` (ids, in the order given: callers pass them
/// sorted bytewise): `combination:` and the member ids joined by `+`, each with `%`, `:`
/// and `+` percent-encoded, so that the id is a CURIE with one prefix and one colon
/// (`combination:CHEBI%3A27300+CHEBI%3A27363`) and [`combination_members`] gives the
/// members back.
///
/// # Examples
/// ```
/// use claimgraph::claim::{combination_id, combination_members};
/// let id = combination_id(["CHEBI:27300", "CHEBI:27363"]);
/// assert_eq!(id, "combination:CHEBI%3A27300+CHEBI%3A27363");
/// assert_eq!(combination_members(&id).unwrap(), ["CHEBI:27300", "CHEBI:27363"]);
/// ```
pub fn combination_id<'a>(members: impl IntoIterator<Item = &'a str>) -> String {
    let mut id = String::from(COMBINATION_PREFIX);
    for (i, m) in members.into_iter().enumerate() {
        if i > 0 {
            id.push('+');
        }
        for c in m.chars() {
            match c {
                '%' => id.push_str("%25"),
                ':' => id.push_str("%3A"),
                '+' => id.push_str("%2B"),
                c => id.push(c),
            }
        }
    }
    id
}

/// The member ids of a combination id, from the current form ([`combination_id`]) or
/// the form of claims files and saved graphs before format 4
/// (`combination:CHEBI:27300+CHEBI:27363`, members joined by `+` as they are); `None`
/// for an id that is not a combination's.
pub fn combination_members(id: &str) -> Option<Vec<String>> {
    let rest = id.strip_prefix(COMBINATION_PREFIX)?;
    if rest.is_empty() {
        return None;
    }
    if rest.contains(':') {
        return Some(rest.split('+').map(str::to_string).collect());
    }
    rest.split('+').map(percent_decode).collect()
}

/// Whether `id` is a combination id in the form before format 4 (its members' colons
/// written as they are).
pub fn is_legacy_combination_id(id: &str) -> bool {
    id.strip_prefix(COMBINATION_PREFIX)
        .is_some_and(|rest| rest.contains(':'))
}

/// The current id for a combination id of either form (the id itself when it is
/// current or not a combination's).
pub fn current_combination_id(id: &str) -> std::borrow::Cow<'_, str> {
    if !is_legacy_combination_id(id) {
        return Cow::Borrowed(id);
    }
    match combination_members(id) {
        Some(mut members) => {
            members.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            members.dedup();
            Cow::Owned(combination_id(members.iter().map(String::as_str)))
        }
        None => Cow::Borrowed(id),
    }
}

/// `%XX` escapes decoded; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Shared, immutable text: evidence strings repeat across claims (one document, section
/// or trigger for many claims), so a graph keeps one copy of each and clones are cheap.
pub type Text = std::sync::Arc<str>;

/// Where and to whom a claim applies, when the text says so.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Context {
    /// Species or model ("human", "animal", "mouse").
    pub species: Option<Text>,
    /// Population ("postmenopausal women").
    pub population: Option<Text>,
    /// Tissue or cell where the effect happens ("gut").
    pub tissue: Option<Text>,
}

impl Context {
    /// Whether no field is set.
    pub fn is_empty(&self) -> bool {
        self.species.is_none() && self.population.is_none() && self.tissue.is_none()
    }
}

/// A model's score for a claim in [0, 1], kept in thousandths so that evidence stays
/// `Eq`, `Ord` and `Hash`. JSON writes it as a number (`0.873`); reading rounds to the
/// nearest thousandth and rejects anything outside [0, 1].
///
/// # Examples
/// ```
/// use claimgraph::claim::Score;
/// let s = Score::from_f64(0.8734).unwrap();
/// assert_eq!(s.thousandths(), 873);
/// assert_eq!(serde_json::to_string(&s).unwrap(), "0.873");
/// assert!(Score::from_f64(1.5).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u16);

impl Score {
    /// The highest score, 1.
    pub const MAX: Score = Score(1000);

    /// The score nearest `v`, or `None` when `v` is not a number in [0, 1].
    pub fn from_f64(v: f64) -> Option<Score> {
        if !(0.0..=1.0).contains(&v) {
            return None;
        }
        // In [0, 1000] after the check above.
        Some(Score((v * 1000.0).round() as u16))
    }

    /// The score of `n` thousandths, or `None` above 1000.
    pub fn from_thousandths(n: u16) -> Option<Score> {
        (n <= 1000).then_some(Score(n))
    }

    /// The score in thousandths (0 to 1000).
    pub fn thousandths(self) -> u16 {
        self.0
    }

    /// The score as a number in [0, 1].
    pub fn value(self) -> f64 {
        f64::from(self.0) / 1000.0
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.value())
    }
}

impl std::str::FromStr for Score {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Score, String> {
        s.trim()
            .parse::<f64>()
            .ok()
            .and_then(Score::from_f64)
            .ok_or_else(|| format!("score `{s}` is not a number in [0, 1]"))
    }
}

impl Serialize for Score {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_f64(self.value())
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        Score::from_f64(v)
            .ok_or_else(|| serde::de::Error::custom(format!("score {v} is not a number in [0, 1]")))
    }
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

/// The text that states a claim.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// The document's id.
    pub document: Text,
    /// The section heading, if any.
    #[serde(default)]
    pub section: Option<Text>,
    /// The sentence.
    #[serde(default)]
    pub sentence: Text,
    /// UTF-8 byte offset of the sentence in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// UTF-8 byte offset one past the sentence's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// Source numbers (research summaries) cited by the paragraph.
    #[serde(default)]
    pub citations: Vec<u64>,
    /// The phrase that produced the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Text>,
    /// The reading model's score for the claim, when a model read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    /// Where an imported record came from (the tool and file), when another tool made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    /// Whether the claim was checked against its source sentence: false for an imported
    /// record that came without source text. Omitted from JSON when true.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub verified: bool,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence {
            document: Text::from(""),
            section: None,
            sentence: Text::from(""),
            start: None,
            end: None,
            citations: Vec::new(),
            trigger: None,
            score: None,
            source: None,
            verified: true,
        }
    }
}

/// One claim.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Claim {
    /// Who acts.
    pub subject: EntityRef,
    /// The relation's name in the vocabulary.
    pub relation: String,
    /// What is acted on.
    pub object: EntityRef,
    /// Whether the text denies the claim.
    #[serde(default)]
    pub negated: bool,
    /// Whether the text states it with hedging ("may", "suggest").
    #[serde(default)]
    pub hedged: bool,
    /// Species, population, tissue.
    #[serde(default)]
    pub context: Context,
    /// The evidence.
    #[serde(default)]
    pub evidence: Evidence,
}

/// Writes claims as JSON Lines.
///
/// # Errors
/// Writing fails.
pub fn write_jsonl<W: Write + ?Sized>(out: &mut W, claims: &[Claim]) -> std::io::Result<()> {
    for c in claims {
        serde_json::to_writer(&mut *out, c)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Checks a claim's relation against the vocabulary.
fn check_relation(relation: &str, vocab: &Vocabulary, path: &Path, line: usize) -> Result<()> {
    if vocab.contains(relation) {
        Ok(())
    } else {
        Err(Error::UnknownRelation {
            location: crate::error::Location::new(path, line, 1),
            relation: relation.to_string(),
            known: vocab.known_names(),
        })
    }
}

/// Reads claims from JSON Lines, calling `each` for every claim as it is read (streaming).
///
/// # Errors
/// Invalid UTF-8, invalid JSON, a claim of the wrong shape, or an unknown relation, with
/// the line and column.
pub fn read_jsonl<R: BufRead>(
    reader: R,
    path: &Path,
    vocab: &Vocabulary,
    mut each: impl FnMut(Claim) -> Result<()>,
) -> Result<()> {
    read_jsonl_borrowed(reader, path, vocab, |c| each(c.into_owned()))
}

/// As [`read_jsonl`], but each claim is handed over borrowed from the line being read: no
/// string is copied unless it holds a JSON escape. This is how `build` reads claims files.
///
/// Lines are parsed where they lie in the reader's buffer (only a line split between two
/// reads is copied), by a scanner that knows the claim schema; a line it does not handle
/// goes to serde_json, so every error carries serde_json's message and column.
///
/// # Errors
/// As [`read_jsonl`].
pub fn read_jsonl_borrowed<R: BufRead>(
    mut reader: R,
    path: &Path,
    vocab: &Vocabulary,
    mut each: impl FnMut(BorrowedClaim<'_>) -> Result<()>,
) -> Result<()> {
    let mut line = 0;
    // The relations found in the vocabulary so far: a file names few, many times.
    let mut known: rustc_hash::FxHashSet<String> = Default::default();
    let mut one = |bytes: &[u8]| -> Result<()> {
        line += 1;
        let claim = match parse_line(bytes, path, line)? {
            Some(claim) => claim,
            None => return Ok(()),
        };
        if !known.contains(&*claim.relation) {
            check_relation(&claim.relation, vocab, path, line)?;
            known.insert(claim.relation.to_string());
        }
        each(claim)
    };
    // The start of a line that the buffer ended in the middle of.
    let mut split: Vec<u8> = Vec::new();
    loop {
        let buffered = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(path, e)),
        };
        if buffered.is_empty() {
            return if split.is_empty() {
                Ok(())
            } else {
                one(&split)
            };
        }
        let mut rest = buffered;
        if !split.is_empty() {
            match memchr::memchr(b'\n', rest) {
                Some(i) => {
                    split.extend_from_slice(&rest[..=i]);
                    rest = &rest[i + 1..];
                    one(&split)?;
                    split.clear();
                }
                None => split.extend_from_slice(rest),
            }
        }
        if !split.is_empty() {
            let n = buffered.len();
            reader.consume(n);
            continue;
        }
        while let Some(i) = memchr::memchr(b'\n', rest) {
            one(&rest[..=i])?;
            rest = &rest[i + 1..];
        }
        split.extend_from_slice(rest);
        let n = buffered.len();
        reader.consume(n);
    }
}

/// One line of a claims file (its newline included): the claim, or `None` for a blank
/// line.
fn parse_line<'a>(bytes: &'a [u8], path: &Path, line: usize) -> Result<Option<BorrowedClaim<'a>>> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::parse(path, line, e.valid_up_to() + 1, "invalid UTF-8"))?;
    let mut claim = match scan::claim(text) {
        Some(claim) => claim,
        None if text.trim().is_empty() => return Ok(None),
        None => serde_json::from_str::<BorrowedClaim>(text).map_err(|e| {
            let col = if e.line() <= 1 { e.column() } else { 0 };
            Error::parse(path, line, col, format!("not a claim: {e}"))
        })?,
    };
    remint_legacy(&mut claim.subject);
    remint_legacy(&mut claim.object);
    Ok(Some(claim))
}

/// Gives a combination named in the form before saved format 4 its current id (from its
/// members when the claim lists them, else from the old id).
fn remint_legacy(e: &mut BorrowedEntity<'_>) {
    for m in &mut e.members {
        remint_legacy(m);
    }
    if !is_legacy_combination_id(&e.id) {
        return;
    }
    let id = if e.members.is_empty() {
        current_combination_id(&e.id).into_owned()
    } else {
        let mut ids: Vec<&str> = e.members.iter().map(|m| &*m.id).collect();
        ids.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        ids.dedup();
        combination_id(ids)
    };
    e.id = Str(Cow::Owned(id));
}

/// The TSV columns `extract --format tsv` writes; `build` reads them back.
pub const TSV_COLUMNS: [&str; 18] = [
    "subject",
    "relation",
    "object",
    "negated",
    "hedged",
    "document",
    "section",
    "sentence",
    "citations",
    "subject_id",
    "subject_kind",
    "object_id",
    "object_kind",
    "trigger",
    "context",
    "score",
    "source",
    "verified",
];

fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Writes claims as TSV with a header row (tabs and line breaks in text become spaces).
///
/// # Errors
/// Writing fails.
pub fn write_tsv<W: Write + ?Sized>(out: &mut W, claims: &[Claim]) -> std::io::Result<()> {
    writeln!(out, "{}", TSV_COLUMNS.join("\t"))?;
    for c in claims {
        let cites: Vec<String> = c.evidence.citations.iter().map(u64::to_string).collect();
        let ctx: Vec<String> = [
            ("species", &c.context.species),
            ("population", &c.context.population),
            ("tissue", &c.context.tissue),
        ]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}")))
        .collect();
        let row = [
            tsv_field(&c.subject.label),
            c.relation.clone(),
            tsv_field(&c.object.label),
            c.negated.to_string(),
            c.hedged.to_string(),
            tsv_field(&c.evidence.document),
            tsv_field(c.evidence.section.as_deref().unwrap_or("")),
            tsv_field(&c.evidence.sentence),
            cites.join(";"),
            c.subject.id.clone(),
            c.subject.kind.to_string(),
            c.object.id.clone(),
            c.object.kind.to_string(),
            tsv_field(c.evidence.trigger.as_deref().unwrap_or("")),
            tsv_field(&ctx.join("; ")),
            c.evidence.score.map(|v| v.to_string()).unwrap_or_default(),
            tsv_field(c.evidence.source.as_deref().unwrap_or("")),
            c.evidence.verified.to_string(),
        ];
        writeln!(out, "{}", row.join("\t"))?;
    }
    Ok(())
}

/// Resolves names of a TSV row to entities: by id, by lexicon name, or ungrounded.
struct Resolver<'a> {
    lexicon: &'a Lexicon,
    by_name: std::collections::HashMap<String, usize>,
}

impl<'a> Resolver<'a> {
    fn new(lexicon: &'a Lexicon) -> Self {
        let mut by_name = std::collections::HashMap::new();
        for (i, e) in lexicon.entities().iter().enumerate() {
            for n in std::iter::once(&e.label).chain(&e.synonyms) {
                by_name.entry(normalize_label(n)).or_insert(i);
            }
        }
        Resolver { lexicon, by_name }
    }

    fn resolve(&self, name: &str, id: Option<&str>, kind: Option<Kind>) -> EntityRef {
        if let Some(id) = id.filter(|s| !s.is_empty()) {
            if let Some(e) = self.lexicon.get(id) {
                return EntityRef::from_entity(e, Some(name));
            }
            if let Some(ids) = combination_members(id) {
                let members = ids.iter().map(|m| self.resolve(m, Some(m), None)).collect();
                return EntityRef::combination(members, Some(name));
            }
            let kind = kind.unwrap_or_else(|| infer_kind(name));
            return EntityRef {
                id: id.to_string(),
                label: name.to_string(),
                kind,
                mention: Some(name.to_string()),
                synonyms: Vec::new(),
                members: Vec::new(),
            };
        }
        if name.contains('+') && kind.is_none_or(|k| k == Kind::Combination) {
            let parts: Vec<&str> = name
                .split('+')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            if parts.len() > 1 {
                let members = parts.iter().map(|p| self.resolve(p, None, None)).collect();
                return EntityRef::combination(members, Some(name));
            }
        }
        match self.by_name.get(&normalize_label(name)) {
            Some(&i) => EntityRef::from_entity(&self.lexicon.entities()[i], Some(name)),
            None => EntityRef::ungrounded(name, kind.unwrap_or_else(|| infer_kind(name))),
        }
    }
}

/// A kind for a name no vocabulary knows, from its form: `IL-` names are cytokines,
/// `... cells` cells, `...ase` proteins, disease words conditions, gene-like symbols
/// genes, anything else a process.
pub fn infer_kind(name: &str) -> Kind {
    let lower = name.to_lowercase();
    let last = lower.split_whitespace().last().unwrap_or("");
    if lower.starts_with("il-")
        || lower.starts_with("interleukin")
        || lower.starts_with("ifn")
        || lower.starts_with("tnf")
    {
        Kind::Cytokine
    } else if matches!(
        last,
        "cell" | "cells" | "lymphocytes" | "macrophages" | "monocytes" | "neutrophils"
    ) {
        Kind::Cell
    } else if last.ends_with("ase")
        || last.ends_with("ases")
        || last.ends_with("receptor")
        || last.ends_with("receptors")
        || last.ends_with("protein")
        || last.ends_with("proteins")
        || last.ends_with("factor")
        || last.ends_with("transporters")
        || last.ends_with("transporter")
    {
        Kind::Protein
    } else if [
        "disease",
        "syndrome",
        "deficiency",
        "itis",
        "cancer",
        "disorder",
        "infection",
        "osis",
        "emia",
        "aemia",
        "pathy",
    ]
    .iter()
    .any(|s| last.ends_with(s))
    {
        Kind::Condition
    } else if name.len() <= 10
        && name.chars().any(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        Kind::Gene
    } else {
        Kind::Process
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "" | "false" | "0" | "no" | "affirmed" => Some(false),
        "true" | "1" | "yes" | "negated" | "hedged" => Some(true),
        _ => None,
    }
}

/// Reads claims from a TSV with a header row naming at least `subject`, `relation` and
/// `object`, calling `each` for every claim.
///
/// # Errors
/// A missing header, a row with too few fields, a bad boolean or citation, or an unknown
/// relation, with the line and column.
pub fn read_tsv<R: std::io::Read>(
    reader: R,
    path: &Path,
    vocab: &Vocabulary,
    lexicon: &Lexicon,
    mut each: impl FnMut(Claim) -> Result<()>,
) -> Result<()> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(reader);
    let csv_err = |e: csv::Error| {
        let line = e.position().map_or(0, |p| p.line() as usize);
        Error::parse(path, line, 0, e.to_string())
    };
    let headers = rdr.headers().map_err(csv_err)?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(si), Some(ri), Some(oi)) = (col("subject"), col("relation"), col("object")) else {
        return Err(Error::parse(
            path,
            1,
            1,
            "a claims TSV needs a header row naming at least `subject`, `relation` and `object` columns",
        ));
    };
    let resolver = Resolver::new(lexicon);
    let mut record = csv::StringRecord::new();
    while rdr.read_record(&mut record).map_err(csv_err)? {
        let line = record.position().map_or(0, |p| p.line() as usize);
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let column_of = |i: usize| {
            record
                .iter()
                .take(i)
                .map(|f| f.chars().count() + 1)
                .sum::<usize>()
                + 1
        };
        for (i, what) in [(si, "subject"), (ri, "relation"), (oi, "object")] {
            if field(Some(i)).is_empty() {
                return Err(Error::parse(
                    path,
                    line,
                    column_of(i),
                    format!("empty `{what}`"),
                ));
            }
        }
        let flag = |name: &str| -> Result<bool> {
            let i = col(name);
            parse_bool(field(i)).ok_or_else(|| {
                Error::parse(
                    path,
                    line,
                    i.map_or(0, column_of),
                    format!("`{name}` must be true or false"),
                )
            })
        };
        let kind_of = |name: &str| -> Result<Option<Kind>> {
            let i = col(name);
            let s = field(i);
            if s.is_empty() {
                return Ok(None);
            }
            s.parse()
                .map(Some)
                .map_err(|m: String| Error::parse(path, line, i.map_or(0, column_of), m))
        };
        let citations = {
            let i = col("citations");
            let s = field(i);
            let mut v = Vec::new();
            for part in s.split([';', ',']).map(str::trim).filter(|p| !p.is_empty()) {
                v.push(part.parse::<u64>().map_err(|_| {
                    Error::parse(
                        path,
                        line,
                        i.map_or(0, column_of),
                        format!("citation `{part}` is not a number"),
                    )
                })?);
            }
            v
        };
        let opt = |name: &str| {
            Some(field(col(name)))
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let claim = Claim {
            subject: resolver.resolve(
                field(Some(si)),
                opt("subject_id").as_deref(),
                kind_of("subject_kind")?,
            ),
            relation: field(Some(ri)).to_string(),
            object: resolver.resolve(
                field(Some(oi)),
                opt("object_id").as_deref(),
                kind_of("object_kind")?,
            ),
            negated: flag("negated")?,
            hedged: flag("hedged")?,
            context: parse_context(opt("context").as_deref().unwrap_or("")),
            evidence: Evidence {
                document: opt("document")
                    .unwrap_or_else(|| {
                        path.file_stem()
                            .map_or_else(|| "-".to_string(), |s| s.to_string_lossy().into_owned())
                    })
                    .into(),
                section: opt("section").map(Text::from),
                sentence: opt("sentence").unwrap_or_default().into(),
                start: None,
                end: None,
                citations,
                trigger: opt("trigger").map(Text::from),
                score: {
                    let i = col("score");
                    let v = field(i);
                    if v.is_empty() {
                        None
                    } else {
                        Some(
                            v.parse::<Score>()
                                .map_err(|m| Error::parse(path, line, i.map_or(0, column_of), m))?,
                        )
                    }
                },
                source: opt("source").map(Text::from),
                verified: {
                    let i = col("verified");
                    let v = field(i);
                    v.is_empty() || flag("verified")?
                },
            },
        };
        check_relation(&claim.relation, vocab, path, line)?;
        each(claim)?;
    }
    Ok(())
}

fn parse_context(s: &str) -> Context {
    let mut ctx = Context::default();
    for part in s.split(';') {
        if let Some((k, v)) = part.split_once('=') {
            let v = Some(Text::from(v.trim()));
            match k.trim() {
                "species" => ctx.species = v,
                "population" => ctx.population = v,
                "tissue" => ctx.tissue = v,
                _ => {}
            }
        }
    }
    ctx
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(id: &str, label: &str) -> EntityRef {
        EntityRef {
            id: id.into(),
            label: label.into(),
            kind: Kind::Nutrient,
            mention: None,
            synonyms: vec![],
            members: vec![],
        }
    }

    #[test]
    fn combination_ids_sort_bytewise() {
        let c = EntityRef::combination(
            vec![e("CHEBI:28940", "vitamin D3"), e("CHEBI:27363", "zinc")],
            None,
        );
        assert_eq!(c.id, "combination:CHEBI%3A27363+CHEBI%3A28940");
        assert_eq!(c.label, "zinc + vitamin D3");
        assert_eq!(c.kind, Kind::Combination);
        // One prefix, one colon: a CURIE.
        assert_eq!(c.id.matches(':').count(), 1);
    }

    #[test]
    fn combination_ids_give_their_members_back_in_both_forms() {
        for members in [
            vec!["CHEBI:27363", "CHEBI:28940"],
            vec!["claimgraph:a+b", "x%3Ay", "HGNC:1"],
        ] {
            let id = combination_id(members.iter().copied());
            assert_eq!(id.matches(':').count(), 1, "{id}");
            assert_eq!(combination_members(&id).unwrap(), members);
            assert!(!is_legacy_combination_id(&id));
        }
        let old = "combination:CHEBI:28940+CHEBI:27363";
        assert!(is_legacy_combination_id(old));
        assert_eq!(
            current_combination_id(old),
            "combination:CHEBI%3A27363+CHEBI%3A28940"
        );
        assert_eq!(combination_members("combination:a%zz"), None);
        assert_eq!(combination_members("CHEBI:1"), None);
    }

    #[test]
    fn legacy_combination_ids_in_claims_files_are_reminted() {
        let vocab = Vocabulary::bundled();
        let line = r#"{"subject":{"id":"combination:CHEBI:27363+CHEBI:28940","label":"zinc + vitamin D3","kind":"combination","members":[{"id":"CHEBI:28940","label":"vitamin D3","kind":"nutrient"},{"id":"CHEBI:27363","label":"zinc","kind":"nutrient"}]},"relation":"suppresses","object":{"id":"combination:HGNC:1+HGNC:2","label":"a + b","kind":"combination"},"evidence":{"document":"d"}}"#;
        let mut got = Vec::new();
        read_jsonl(line.as_bytes(), Path::new("c.jsonl"), &vocab, |c| {
            got.push(c);
            Ok(())
        })
        .unwrap();
        assert_eq!(got[0].subject.id, "combination:CHEBI%3A27363+CHEBI%3A28940");
        assert_eq!(got[0].object.id, "combination:HGNC%3A1+HGNC%3A2");
    }

    #[test]
    fn score_source_and_verified_round_trip_and_are_omitted_by_default() {
        let vocab = Vocabulary::bundled();
        let plain = Claim {
            subject: e("CHEBI:27363", "zinc"),
            relation: "increases".into(),
            object: e("CHEBI:28940", "vitamin D3"),
            negated: false,
            hedged: false,
            context: Context::default(),
            evidence: Evidence {
                document: "d".into(),
                ..Evidence::default()
            },
        };
        let json = serde_json::to_string(&plain).unwrap();
        assert!(!json.contains("score") && !json.contains("source") && !json.contains("verified"));
        let mut rich = plain.clone();
        rich.evidence.score = Score::from_f64(0.873);
        rich.evidence.source = Some("INDRA, stmts.json".into());
        rich.evidence.verified = false;
        let json = serde_json::to_string(&rich).unwrap();
        assert!(json.contains(r#""score":0.873"#), "{json}");
        assert!(json.contains(r#""verified":false"#), "{json}");
        // The fast scanner and serde read the same claim.
        let scanned = scan::claim(&json).unwrap().into_owned();
        assert_eq!(scanned, rich);
        let mut read = Vec::new();
        read_jsonl(json.as_bytes(), Path::new("c.jsonl"), &vocab, |c| {
            read.push(c);
            Ok(())
        })
        .unwrap();
        assert_eq!(read, vec![rich.clone()]);
        // Out of range: an error with the line, from serde.
        let bad = json.replace("0.873", "1.5");
        assert!(scan::claim(&bad).is_none());
        let err = read_jsonl(bad.as_bytes(), Path::new("c.jsonl"), &vocab, |_| Ok(()))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("c.jsonl:1:") && err.contains("[0, 1]"),
            "{err}"
        );
        // TSV carries them too.
        let mut tsv = Vec::new();
        write_tsv(&mut tsv, &[rich.clone(), plain.clone()]).unwrap();
        let mut back = Vec::new();
        let lex = Lexicon::bundled();
        read_tsv(tsv.as_slice(), Path::new("c.tsv"), &vocab, &lex, |c| {
            back.push(c);
            Ok(())
        })
        .unwrap();
        assert_eq!(back[0].evidence.score, rich.evidence.score);
        assert_eq!(back[0].evidence.source, rich.evidence.source);
        assert!(!back[0].evidence.verified);
        assert!(back[1].evidence.verified && back[1].evidence.score.is_none());
    }

    #[test]
    fn tsv_round_trip() {
        let lex = Lexicon::bundled();
        let vocab = Vocabulary::bundled();
        let tsv = "subject\trelation\tobject\tnegated\tcitations\nzinc\tsuppresses\tIL-17\tfalse\t2;6\nzinc+vitamin D3\tincreases\tfoo bar\ttrue\t\n";
        let mut claims = Vec::new();
        read_tsv(tsv.as_bytes(), Path::new("c.tsv"), &vocab, &lex, |c| {
            claims.push(c);
            Ok(())
        })
        .unwrap();
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[0].subject.id, "CHEBI:27363");
        assert_eq!(claims[0].evidence.citations, vec![2, 6]);
        assert_eq!(claims[1].subject.kind, Kind::Combination);
        assert!(claims[1].negated);
        assert_eq!(claims[1].object.id, "claimgraph:foo-bar");
        let mut out = Vec::new();
        write_tsv(&mut out, &claims).unwrap();
        let mut again = Vec::new();
        read_tsv(out.as_slice(), Path::new("o.tsv"), &vocab, &lex, |c| {
            again.push(c);
            Ok(())
        })
        .unwrap();
        assert_eq!(again.len(), 2);
        assert_eq!(again[1].subject.id, claims[1].subject.id);
        assert_eq!(again[0].relation, "suppresses");
    }

    #[test]
    fn tsv_without_header_is_rejected() {
        let err = read_tsv(
            "zinc\tsuppresses\tIL-17\n".as_bytes(),
            Path::new("x.tsv"),
            &Vocabulary::bundled(),
            &Lexicon::default(),
            |_| Ok(()),
        )
        .unwrap_err();
        assert!(err.to_string().contains("header row"), "{err}");
    }

    /// Claims read from `text` through a reader buffer of `capacity` bytes.
    fn read_all(text: &str, capacity: usize) -> Result<Vec<Claim>> {
        let reader = std::io::BufReader::with_capacity(capacity, text.as_bytes());
        let mut claims = Vec::new();
        read_jsonl(reader, Path::new("c.jsonl"), &Vocabulary::bundled(), |c| {
            claims.push(c);
            Ok(())
        })?;
        Ok(claims)
    }

    #[test]
    fn jsonl_lines_split_between_reads_blank_lines_and_a_last_line_without_newline() {
        let line = |i: usize| {
            let mut c = Claim {
                subject: e(&format!("A:{i}"), "a"),
                relation: "increases".into(),
                object: e("B:1", "b \"quoted\" é"),
                negated: i.is_multiple_of(2),
                hedged: false,
                context: Context::default(),
                evidence: Evidence::default(),
            };
            c.evidence.citations = vec![i as u64];
            c
        };
        let claims: Vec<Claim> = (0..20).map(line).collect();
        let mut text = String::new();
        for (i, c) in claims.iter().enumerate() {
            text.push_str(&serde_json::to_string(c).unwrap());
            text.push_str(["\n", "\r\n", "\n\n  \n"][i % 3]);
        }
        text.truncate(text.trim_end().len());
        for capacity in [1, 7, 64, 300, 1 << 16] {
            assert_eq!(read_all(&text, capacity).unwrap(), claims, "{capacity}");
        }
        // A line the scanner leaves to serde_json (a struct as an array) reads the same.
        let odd = r#"{"subject":["A:1","a","gene"],"relation":"increases","object":{"id":"B:1","label":"b","kind":"gene"}}"#;
        assert_eq!(read_all(odd, 8).unwrap()[0].subject.id, "A:1");
    }

    #[test]
    fn jsonl_errors_are_serde_json_errors_with_the_line() {
        let good = r#"{"subject":{"id":"A:1","label":"a","kind":"gene"},"relation":"increases","object":{"id":"B:1","label":"b","kind":"gene"}}"#;
        for (bad, column) in [
            (
                good.replace("\"label\":\"b\",", "\"label\":\"b\",\"label\":\"b\","),
                0,
            ),
            (good.replace("\"gene\"}}", "\"gene\",}}"), 0),
            (format!("{good} x"), good.len() + 2),
        ] {
            let expected = serde_json::from_str::<Claim>(&bad).unwrap_err();
            let err = read_all(&format!("{good}\n\n{bad}\n{good}\n"), 16).unwrap_err();
            let message = err.to_string();
            assert!(message.starts_with("c.jsonl:3:"), "{message}");
            assert!(message.contains(&expected.to_string()), "{message}");
            if column > 0 {
                assert_eq!(expected.column(), column);
            }
        }
        let err = read_all("{\"subject\": \"\u{1}\"}", 4).unwrap_err();
        assert!(err.to_string().contains("control character"), "{err}");
        let err = read_all(&format!("{good}\n{}", "{\"a\":\"\u{e9}"), 4).unwrap_err();
        assert!(err.to_string().starts_with("c.jsonl:2:"), "{err}");
    }

    #[test]
    fn jsonl_errors_have_line_and_unknown_relations_list_known() {
        let vocab = Vocabulary::bundled();
        let err = read_jsonl(
            "\n{\"subject\": 1}\n".as_bytes(),
            Path::new("c.jsonl"),
            &vocab,
            |_| Ok(()),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("c.jsonl:2:"), "{err}");
        let c = Claim {
            subject: e("A:1", "a"),
            relation: "teleports".into(),
            object: e("B:1", "b"),
            negated: false,
            hedged: false,
            context: Context::default(),
            evidence: Evidence::default(),
        };
        let line = serde_json::to_string(&c).unwrap();
        let err =
            read_jsonl(line.as_bytes(), Path::new("c.jsonl"), &vocab, |_| Ok(())).unwrap_err();
        assert!(
            err.to_string().contains("unknown relation `teleports`")
                && err.to_string().contains("induces")
        );
    }
}
