//! Claims made by other tools (INDRA, LLM graph builders, ...), checked before they join
//! the graph.
//!
//! Each reader ([`indra`], [`langchain`], [`neo4j`], [`graphrag`]) turns its producer's
//! output into neutral [`Record`]s; the [`Checker`] then grounds both arguments with the
//! lexicon, finds them in the record's source sentence, re-reads the polarity there, and
//! maps the predicate to the relation vocabulary. A record that passes becomes a
//! [`Claim`]; one that fails is [`Quarantined`] with the check and the reason, never
//! dropped and never merged. A record without source text cannot be checked against it:
//! it is imported with `verified: false` (or quarantined under [`ImportOptions::strict`]).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::claim::{Claim, Context, EntityRef, Evidence, Text, infer_kind};
use crate::document::{Document, split_sentences};
use crate::error::{Error, Result};
use crate::extract::Extractor;
use crate::extract::abbrev::LocalNames;
use crate::lexicon::{Entity, Kind, Lexicon, Matcher, normalize_label};
use crate::vocab::Vocabulary;

pub mod bioc;
#[cfg(feature = "parquet")]
pub mod graphrag;
pub mod indra;
pub mod langchain;
pub mod neo4j;

/// The formats of other tools that `build` and `check` read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ImportFormat {
    /// INDRA statements JSON (`indra.statements.stmts_to_json`).
    Indra,
    /// LangChain `GraphDocument` JSON (one document or a list).
    LangChain,
    /// neo4j-graphrag's `Neo4jGraph` JSON (lexical graph: chunks hold the text).
    Neo4jGraphRag,
    /// GraphRAG's `relationships.parquet` (with `entities.parquet` and
    /// `text_units.parquet` beside it).
    GraphRag,
    /// The relation annotations of BioC XML or JSON (PubTator's BioREx relations).
    Bioc,
}

impl ImportFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [ImportFormat; 5] = [
        ImportFormat::Indra,
        ImportFormat::LangChain,
        ImportFormat::Neo4jGraphRag,
        ImportFormat::GraphRag,
        ImportFormat::Bioc,
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Indra => "indra",
            ImportFormat::LangChain => "langchain",
            ImportFormat::Neo4jGraphRag => "neo4j-graphrag",
            ImportFormat::GraphRag => "graphrag",
            ImportFormat::Bioc => "bioc",
        }
    }

    /// The producer, as `evidence.source` names it.
    pub fn tool(self) -> &'static str {
        match self {
            ImportFormat::Indra => "INDRA",
            ImportFormat::LangChain => "LangChain GraphDocument",
            ImportFormat::Neo4jGraphRag => "neo4j-graphrag",
            ImportFormat::GraphRag => "GraphRAG",
            ImportFormat::Bioc => "PubTator/BioC",
        }
    }

    /// The format named `name` ([`ImportFormat::name`]).
    pub fn from_name(name: &str) -> Option<ImportFormat> {
        ImportFormat::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The format of a JSON file from its first bytes, when they say so.
    pub fn sniff_json(head: &str) -> Option<ImportFormat> {
        let t = head.trim_start();
        if !(t.starts_with('[') || t.starts_with('{')) {
            return None;
        }
        if t.contains("\"start_node_id\"") {
            return Some(ImportFormat::Neo4jGraphRag);
        }
        if t.contains("\"nodes\"") && t.contains("\"relationships\"") {
            return Some(ImportFormat::LangChain);
        }
        let indra_type = indra::STATEMENT_TYPES.iter().any(|ty| {
            t.contains(&format!("\"type\": \"{ty}\"")) || t.contains(&format!("\"type\":\"{ty}\""))
        });
        (indra_type && t.contains("\"evidence\"")).then_some(ImportFormat::Indra)
    }
}

impl std::fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// An argument of an imported record: a name and/or ids, as the producer gave them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Arg {
    /// The name (label, symbol or text as written).
    pub name: Option<String>,
    /// CURIEs, in the producer's order of preference (`HGNC:6018`, `CHEBI:27363`).
    pub ids: Vec<String>,
    /// The producer's type for it (`Protein`, `Nutrient`), a hint for an ungrounded one.
    pub kind: Option<String>,
    /// Other names to look for in the source text (not used for grounding).
    pub also: Vec<String>,
}

impl Arg {
    /// An argument known by name only.
    pub fn named(name: impl Into<String>) -> Arg {
        Arg {
            name: Some(name.into()),
            ..Arg::default()
        }
    }

    fn describe(&self) -> String {
        match (&self.name, self.ids.first()) {
            (Some(n), Some(id)) => format!("`{n}` ({id})"),
            (Some(n), None) => format!("`{n}`"),
            (None, Some(id)) => format!("`{id}`"),
            (None, None) => "an argument without name or id".to_string(),
        }
    }
}

/// The predicate of an imported record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Predicate {
    /// A relation of the vocabulary, chosen by the reader from a typed statement.
    Relation(String),
    /// Free text (`IS_COFACTOR_OF`, `upregulates`, a description), mapped by the
    /// vocabulary's trigger phrases.
    Text(String),
    /// A typed predicate that no relation of the vocabulary stands for, with why.
    Unmapped(String),
    /// The record lacks what its format needs (an argument, a type), with what.
    Malformed(String),
}

/// One imported record, in no producer's terms.
#[derive(Debug, Clone)]
pub struct Record {
    /// Who acts.
    pub subject: Arg,
    /// What is acted on.
    pub object: Arg,
    /// The predicate.
    pub predicate: Predicate,
    /// The predicate as the producer wrote it (kept as the evidence's trigger).
    pub predicate_text: String,
    /// Whether the producer says the claim is denied, when it says.
    pub negated: Option<bool>,
    /// Whether the producer says the claim is hedged, when it says.
    pub hedged: Option<bool>,
    /// The source text: a sentence, or a passage (chunk, text unit, page) holding it.
    pub text: Option<String>,
    /// The document (a PubMed id becomes `PMID:NNN`, see [`document_id`]).
    pub document: Option<String>,
    /// The section, when known.
    pub section: Option<String>,
    /// The producer and file (`INDRA (reach), statements.json`).
    pub source: String,
    /// The input record as the producer wrote it, for the quarantine file.
    pub raw: serde_json::Value,
}

/// Which check a quarantined record failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// The record lacks an argument or the shape its format needs.
    Shape,
    /// An id disagrees with the name, or nothing names the argument.
    Grounding,
    /// An argument is not in the source sentence.
    Mention,
    /// The record's polarity disagrees with its sentence.
    Polarity,
    /// The predicate maps to no relation of the vocabulary.
    Predicate,
    /// No source text to check against (quarantined under `strict` only).
    SourceText,
}

impl Check {
    /// The check's name, as the quarantine file writes it.
    pub fn name(self) -> &'static str {
        match self {
            Check::Shape => "shape",
            Check::Grounding => "grounding",
            Check::Mention => "mention",
            Check::Polarity => "polarity",
            Check::Predicate => "predicate",
            Check::SourceText => "source-text",
        }
    }
}

/// A record kept out of the graph: the input record, the check it failed and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quarantined {
    /// The check that failed.
    pub check: Check,
    /// Why, in words.
    pub reason: String,
    /// The producer and file.
    pub source: String,
    /// The input record as written.
    pub record: serde_json::Value,
}

/// How imported records are checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Quarantine records that carry no source text instead of importing them unverified.
    pub strict: bool,
}

/// What the imports of a build gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// Records read.
    pub records: usize,
    /// Records imported and verified against their source text.
    pub verified: usize,
    /// Records imported without source text (`verified: false`).
    pub unverified: usize,
    /// Records kept out, in input order.
    pub quarantined: Vec<Quarantined>,
}

impl ImportReport {
    /// The quarantined records by check.
    pub fn quarantined_by_check(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        for q in &self.quarantined {
            *m.entry(q.check.name()).or_insert(0) += 1;
        }
        m
    }

    /// Adds another report's counts and records after this one's.
    pub fn extend(&mut self, other: ImportReport) {
        self.records += other.records;
        self.verified += other.verified;
        self.unverified += other.unverified;
        self.quarantined.extend(other.quarantined);
    }

    /// The quarantine as JSON Lines: one object a line with `check`, `reason`, `source`
    /// and `record`.
    ///
    /// # Errors
    /// Writing fails.
    pub fn write_quarantine<W: std::io::Write + ?Sized>(&self, out: &mut W) -> std::io::Result<()> {
        for q in &self.quarantined {
            serde_json::to_writer(&mut *out, q)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// A document id as claimgraph names documents: a PubMed id in any of its usual forms
/// (`12345`, `PMID:12345`, `pmid12345`, `PMID-12345`) becomes `PMID:12345`, so that every
/// importer and claimgraph's own reading of the article name it alike; anything else is
/// kept as given.
///
/// # Examples
/// ```
/// use claimgraph::import::document_id;
/// assert_eq!(document_id(" pmid:10022882"), "PMID:10022882");
/// assert_eq!(document_id("10022882"), "PMID:10022882");
/// assert_eq!(document_id("zinc-vitamin-d"), "zinc-vitamin-d");
/// ```
pub fn document_id(raw: &str) -> String {
    let t = raw.trim();
    let digits = t
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("pmid"))
        .map_or(t, |_| t[4..].trim_start_matches([':', '-', '_', ' ']));
    if !digits.is_empty() && digits.len() <= 12 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("PMID:{digits}")
    } else {
        t.to_string()
    }
}

/// The kind a producer's type names (`Protein`, `GENE`, `Disease`, `small molecule`).
pub fn kind_of_type(ty: &str) -> Option<Kind> {
    let t: String = ty
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let t = t.trim_start_matches("biolink");
    Some(match t {
        "nutrient" | "vitamin" | "mineral" | "micronutrient" => Kind::Nutrient,
        "chemical" | "chemicalentity" | "drug" | "compound" | "smallmolecule" | "molecule"
        | "metabolite" | "simplechemical" => Kind::Chemical,
        "gene" | "geneorgeneproduct" => Kind::Gene,
        "protein" | "enzyme" | "receptor" | "transporter" | "proteinfamily" | "complex"
        | "family" | "geneproduct" => Kind::Protein,
        "cytokine" | "chemokine" | "interleukin" => Kind::Cytokine,
        "tissue" | "organ" | "anatomy" | "anatomicalentity" | "grossanatomicalstructure" => {
            Kind::Tissue
        }
        "cell" | "celltype" | "cellline" => Kind::Cell,
        "process" | "biologicalprocess" | "pathway" | "function" | "molecularfunction"
        | "bioprocess" => Kind::Process,
        "condition"
        | "disease"
        | "disorder"
        | "phenotype"
        | "phenotypicfeature"
        | "symptom"
        | "diseaseorphenotypicfeature" => Kind::Condition,
        _ => return None,
    })
}

/// The kind an id's prefix implies, for an id the lexicon does not know.
fn kind_of_prefix(id: &str) -> Option<Kind> {
    let prefix = id.split_once(':')?.0.to_ascii_uppercase();
    Some(match prefix.as_str() {
        "CHEBI" | "PUBCHEM.COMPOUND" | "DRUGBANK" => Kind::Chemical,
        "HGNC" | "NCBIGENE" | "ENSEMBL" => Kind::Gene,
        "UNIPROTKB" | "FPLX" | "PR" => Kind::Protein,
        "GO" => Kind::Process,
        "CL" => Kind::Cell,
        "UBERON" => Kind::Tissue,
        "MONDO" | "HP" | "DOID" => Kind::Condition,
        _ => return None,
    })
}

/// One verb or phrase of the vocabulary, as words, and its relation.
#[derive(Debug, Clone)]
struct Form {
    words: Vec<String>,
    relation: String,
}

/// Lowercase words of `s` (letters, digits, `-` and `'` inside words); `_` separates.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The negation cues: `graph/words/negation.txt` and the words the extractor reads as
/// negation.
fn cue_list(text: &str, extra: &[&str]) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .chain(extra.iter().map(|s| s.to_string()))
        .collect()
}

/// Checks imported records against the lexicon, the vocabulary and their source text.
#[derive(Debug)]
pub struct Checker<'a> {
    lexicon: &'a Lexicon,
    matcher: &'a Matcher,
    vocab: &'a Vocabulary,
    by_name: rustc_hash::FxHashMap<String, usize>,
    by_id: rustc_hash::FxHashMap<String, usize>,
    forms: Vec<Form>,
    negations: Vec<String>,
    hedges: Vec<String>,
    xrefs: BTreeMap<String, String>,
}

impl<'a> Checker<'a> {
    /// A checker over the extractor's lexicon and vocabulary.
    pub fn new(extractor: &'a Extractor) -> Checker<'a> {
        let lexicon = extractor.lexicon();
        let vocab = extractor.vocabulary();
        let mut by_name = rustc_hash::FxHashMap::default();
        let mut by_id = rustc_hash::FxHashMap::default();
        for (i, e) in lexicon.entities().iter().enumerate() {
            by_id.entry(e.id.to_ascii_uppercase()).or_insert(i);
            for n in std::iter::once(&e.label).chain(&e.synonyms) {
                by_name.entry(normalize_label(n)).or_insert(i);
            }
        }
        let mut forms = Vec::new();
        for rel in vocab.relations() {
            let mut add = |text: &str| {
                let w = words(text);
                if !w.is_empty() {
                    forms.push(Form {
                        words: w,
                        relation: rel.name.clone(),
                    });
                }
            };
            add(&rel.name.replace('-', " "));
            for v in &rel.verbs {
                let (first, rest) = v.split_once(' ').unwrap_or((v, ""));
                for (form, _) in crate::extract::triggers::inflect(first) {
                    add(&format!("{form} {rest}"));
                }
            }
            for p in rel.phrases.iter().chain(&rel.nominals) {
                add(p);
                if let Some(head) = p.strip_suffix(" of") {
                    add(head);
                }
            }
        }
        Checker {
            lexicon,
            matcher: extractor.matcher(),
            vocab,
            by_name,
            by_id,
            forms,
            negations: cue_list(
                crate::extract::reader::NEGATION_WORDS,
                &["not", "never", "n't"],
            ),
            hedges: cue_list(crate::extract::reader::HEDGE_WORDS, &[]),
            xrefs: BTreeMap::new(),
        }
    }

    /// This checker with identifier mappings (a foreign CURIE such as `NCBIGene:3569` or
    /// `MESH:D015032` to the lexicon's CURIE) besides the lexicon's own
    /// ([`Lexicon::xref`]: `graph/lexicon/derived/xrefs.tsv`), used when an id is not
    /// the lexicon's.
    pub fn with_xrefs(mut self, xrefs: BTreeMap<String, String>) -> Checker<'a> {
        self.xrefs = xrefs
            .into_iter()
            .map(|(k, v)| (k.to_ascii_uppercase(), v))
            .collect();
        self
    }

    /// The relation a free-text predicate names, or `None` when no trigger phrase of the
    /// vocabulary matches it (or phrases of different relations match it equally well).
    /// Case, `_` and tense are normalised: `IS_COFACTOR_OF` is `cofactor-for`,
    /// `upregulates` is `induces`. The bool says whether the predicate itself is negated
    /// (`DOES_NOT_INHIBIT`).
    pub fn map_predicate(&self, text: &str) -> Option<(String, bool)> {
        let mut w = words(&text.replace('_', " "));
        let negated = w
            .iter()
            .any(|x| x == "not" || x == "no" || x.ends_with("n't") || x == "never");
        w.retain(|x| !(x == "not" || x == "never" || x.ends_with("n't")));
        let name = w.join("-");
        if self.vocab.contains(&name) {
            return Some((name, negated));
        }
        // Longest match of a form among the words; an exact match wins outright.
        let mut best: Option<(usize, &str)> = None;
        let mut tie = false;
        for f in &self.forms {
            let n = f.words.len();
            if n > w.len() || !w.windows(n).any(|win| win == f.words.as_slice()) {
                continue;
            }
            match best {
                Some((m, r)) if n < m || (n == m && r == f.relation) => {}
                Some((m, _)) if n == m => tie = true,
                _ => {
                    best = Some((n, &f.relation));
                    tie = false;
                }
            }
        }
        match best {
            Some((_, r)) if !tie => Some((r.to_string(), negated)),
            _ => None,
        }
    }

    fn entity_by_id(&self, id: &str) -> Option<usize> {
        let key = id.trim().to_ascii_uppercase();
        self.by_id
            .get(&key)
            .copied()
            .or_else(|| {
                let mapped = self.xrefs.get(&key)?;
                self.by_id.get(&mapped.to_ascii_uppercase()).copied()
            })
            .or_else(|| {
                let mapped = self.lexicon.xref(id.trim())?;
                self.by_id.get(&mapped.to_ascii_uppercase()).copied()
            })
    }

    fn entity_by_name(&self, name: &str, locals: &LocalNames) -> Option<usize> {
        let n = name.trim();
        if let Some(&i) = self.by_name.get(&normalize_label(n)) {
            return Some(i);
        }
        if let Some(i) = locals.alias(n).filter(|&i| i < self.lexicon.len()) {
            return Some(i);
        }
        match self.matcher.find(n).as_slice() {
            [m] if m.start == 0 && m.end == n.len() => Some(m.entity),
            _ => None,
        }
    }

    /// Grounds an argument: the entity its ids name, else the one its name names (label,
    /// synonym, or an abbreviation the source text defines); an id the lexicon does not
    /// know is kept as given; a name alone is ungrounded.
    fn ground(&self, arg: &Arg, locals: &LocalNames) -> std::result::Result<Grounded, String> {
        let by_id = arg
            .ids
            .iter()
            .find_map(|id| self.entity_by_id(id).map(|i| (id, i)));
        let by_name = arg
            .name
            .as_deref()
            .and_then(|n| self.entity_by_name(n, locals));
        let entities = self.lexicon.entities();
        let hint = arg.kind.as_deref().and_then(kind_of_type);
        match (by_id, by_name) {
            (Some((id, a)), Some(b)) if a != b => Err(format!(
                "id `{id}` is `{}` in the lexicon, but the record names it `{}` (`{}`, {})",
                entities[a].label,
                arg.name.as_deref().unwrap_or(""),
                entities[b].label,
                entities[b].id
            )),
            (Some((_, i)), _) | (None, Some(i)) => Ok(Grounded {
                entity: EntityRef::from_entity(&entities[i], arg.name.as_deref()),
                index: Some(i),
            }),
            (None, None) => {
                let name = arg.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
                if let Some(id) = arg.ids.iter().find(|id| crate::lexicon::is_curie(id)) {
                    let label = name.unwrap_or(id);
                    let kind = hint
                        .or_else(|| kind_of_prefix(id))
                        .unwrap_or_else(|| infer_kind(label));
                    Ok(Grounded {
                        entity: EntityRef {
                            id: id.clone(),
                            label: label.to_string(),
                            kind,
                            mention: name.map(str::to_string),
                            synonyms: Vec::new(),
                            members: Vec::new(),
                        },
                        index: None,
                    })
                } else if let Some(n) = name {
                    Ok(Grounded {
                        entity: EntityRef::ungrounded(n, hint.unwrap_or_else(|| infer_kind(n))),
                        index: None,
                    })
                } else {
                    Err("an argument has neither a name nor an id".to_string())
                }
            }
        }
    }

    /// The names to look for in the source text: as written, the lexicon's label and
    /// synonyms, and the abbreviations the text defines.
    fn names_of<'b>(
        &'b self,
        arg: &'b Arg,
        g: &'b Grounded,
        locals: &'b LocalNames,
    ) -> Vec<&'b str> {
        let mut names: Vec<&str> = Vec::new();
        names.extend(arg.name.as_deref());
        names.extend(arg.also.iter().map(String::as_str));
        names.push(&g.entity.label);
        if let Some(i) = g.index {
            let e: &Entity = &self.lexicon.entities()[i];
            names.extend(e.synonyms.iter().map(String::as_str));
            names.extend(locals.aliases_of(i));
        }
        names.retain(|n| !n.trim().is_empty());
        names
    }

    /// Checks one record: the claim it makes, or why it is quarantined.
    ///
    /// # Errors
    /// The [`Quarantined`] record, with the check that failed.
    pub fn check(
        &self,
        rec: Record,
        options: ImportOptions,
    ) -> std::result::Result<Claim, Quarantined> {
        let fail = |check: Check, reason: String, rec: Record| Quarantined {
            check,
            reason,
            source: rec.source,
            record: rec.raw,
        };
        if let Predicate::Malformed(why) = &rec.predicate {
            let why = why.clone();
            return Err(fail(Check::Shape, why, rec));
        }
        let text = rec.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let locals = match text {
            // Abbreviations are defined in parentheses: no parenthesis, none to find.
            Some(t) if t.contains('(') => {
                let doc = Document::parse("import", format!("Imported record\n{t}\n"));
                LocalNames::of(&doc, self.lexicon, self.matcher)
            }
            _ => LocalNames::default(),
        };
        let (relation, predicate_negated) = match &rec.predicate {
            Predicate::Relation(r) if self.vocab.contains(r) => (r.clone(), false),
            Predicate::Relation(r) => {
                let why = format!("relation `{r}` is not in the vocabulary");
                return Err(fail(Check::Predicate, why, rec));
            }
            Predicate::Unmapped(why) => {
                let why = why.clone();
                return Err(fail(Check::Predicate, why, rec));
            }
            Predicate::Malformed(why) => {
                let why = why.clone();
                return Err(fail(Check::Shape, why, rec));
            }
            Predicate::Text(t) => match self.map_predicate(t) {
                Some(m) => m,
                None => {
                    let why = format!(
                        "predicate `{t}` matches no trigger phrase of the relation vocabulary"
                    );
                    return Err(fail(Check::Predicate, why, rec));
                }
            },
        };
        let subject = match self.ground(&rec.subject, &locals) {
            Ok(g) => g,
            Err(why) => return Err(fail(Check::Grounding, format!("subject: {why}"), rec)),
        };
        let object = match self.ground(&rec.object, &locals) {
            Ok(g) => g,
            Err(why) => return Err(fail(Check::Grounding, format!("object: {why}"), rec)),
        };
        let mapped = relation.clone();
        let relation = self
            .vocab
            .fit_range(&relation, object.entity.kind)
            .to_string();
        let stated_negated = match (rec.negated, predicate_negated) {
            (Some(n), p) => Some(n || p),
            (None, true) => Some(true),
            (None, false) => None,
        };
        let (sentence, negated, hedged, verified) = match text {
            None => {
                if options.strict {
                    let why = "no source text to check the record against (strict)".to_string();
                    return Err(fail(Check::SourceText, why, rec));
                }
                (
                    String::new(),
                    stated_negated.unwrap_or(false),
                    rec.hedged.unwrap_or(false),
                    false,
                )
            }
            Some(t) => {
                let s_names = self.names_of(&rec.subject, &subject, &locals);
                let o_names = self.names_of(&rec.object, &object, &locals);
                let states = |sentence: &str| {
                    let w = words(sentence);
                    self.forms.iter().any(|f| {
                        (f.relation == mapped || f.relation == relation)
                            && w.windows(f.words.len())
                                .any(|win| win == f.words.as_slice())
                    })
                };
                let found = match find_sentence(t, &s_names, &o_names, states) {
                    Ok(f) => f,
                    Err(missing) => {
                        let why = match missing {
                            Missing::Subject => format!(
                                "subject {} is not in the source text",
                                rec.subject.describe()
                            ),
                            Missing::Object => format!(
                                "object {} is not in the source text",
                                rec.object.describe()
                            ),
                            Missing::Together => format!(
                                "no sentence of the source text names both {} and {}",
                                rec.subject.describe(),
                                rec.object.describe()
                            ),
                        };
                        return Err(fail(Check::Mention, why, rec));
                    }
                };
                let sentence = &t[found.sentence.0..found.sentence.1];
                let said = self.cue_between(sentence, found.first, found.second, &self.negations);
                if let Some(stated) = stated_negated
                    && stated != said.is_some()
                {
                    let why = match said {
                        Some(cue) => {
                            format!("the record is affirmed, but its sentence denies it (`{cue}`)")
                        }
                        None => {
                            "the record is negated, but its sentence states no negation".to_string()
                        }
                    };
                    return Err(fail(Check::Polarity, why, rec));
                }
                let hedge = self.cue_between(sentence, (0, 0), found.second, &self.hedges);
                (
                    sentence.to_string(),
                    said.is_some(),
                    rec.hedged.unwrap_or(false) || hedge.is_some(),
                    true,
                )
            }
        };
        let document = rec
            .document
            .as_deref()
            .map(document_id)
            .unwrap_or_else(|| "imported".to_string());
        Ok(Claim {
            subject: subject.entity,
            relation,
            object: object.entity,
            negated,
            hedged,
            context: Context::default(),
            evidence: Evidence {
                document: Text::from(document),
                section: rec.section.as_deref().map(Text::from),
                sentence: Text::from(sentence),
                trigger: Some(Text::from(rec.predicate_text.as_str())),
                source: Some(Text::from(rec.source.as_str())),
                verified,
                ..Evidence::default()
            },
        })
    }

    /// A cue of `cues` in `sentence` from three words before the first argument to the
    /// start of the second (spans relative to the sentence).
    fn cue_between(
        &self,
        sentence: &str,
        first: (usize, usize),
        second: (usize, usize),
        cues: &[String],
    ) -> Option<String> {
        let before: Vec<(usize, &str)> = word_spans(&sentence[..first.0]);
        let from = before
            .len()
            .checked_sub(3)
            .and_then(|i| before.get(i))
            .map_or(0, |&(s, _)| s);
        let from = if first == (0, 0) { 0 } else { from };
        let to = second.0.max(from);
        let region = &sentence[from..to];
        word_spans(region).into_iter().find_map(|(_, w)| {
            let lw = w.to_lowercase();
            cues.iter()
                .find(|c| {
                    if c.as_str() == "n't" {
                        lw.ends_with("n't")
                    } else {
                        **c == lw
                    }
                })
                .map(|_| w.to_string())
        })
    }
}

/// A grounded argument and its lexicon index, if the lexicon has it.
#[derive(Debug, Clone)]
struct Grounded {
    entity: EntityRef,
    index: Option<usize>,
}

/// Which argument the source text lacks.
enum Missing {
    Subject,
    Object,
    Together,
}

/// The sentence of a text naming both arguments, and where they are in it.
struct Found {
    sentence: (usize, usize),
    /// The earlier argument's span in the sentence.
    first: (usize, usize),
    /// The later argument's span in the sentence.
    second: (usize, usize),
}

/// Words of `s` with their byte offsets.
fn word_spans(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let inside = c.is_alphanumeric() || c == '\'' || c == '’';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push((a, &s[a..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push((a, &s[a..]));
    }
    out
}

/// The first occurrence of any of `names` in `s` (case-insensitive, at word
/// boundaries).
fn find_name(s: &str, names: &[&str]) -> Option<(usize, usize)> {
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        // Lowercasing changed byte lengths: compare exactly instead.
        return names.iter().filter_map(|n| find_at_boundary(s, n)).min();
    }
    names
        .iter()
        .filter_map(|n| find_at_boundary(&lower, &n.to_lowercase()))
        .min()
}

fn find_at_boundary(hay: &str, needle: &str) -> Option<(usize, usize)> {
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(i) = hay.get(from..)?.find(needle).map(|i| from + i) {
        let end = i + needle.len();
        let before = hay[..i].chars().next_back();
        let after = hay[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some((i, end));
        }
        from = i + hay[i..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The first sentence of `text` that names both arguments and `states` (holds a trigger
/// phrase of the relation), else the first that names both.
fn find_sentence(
    text: &str,
    subject: &[&str],
    object: &[&str],
    states: impl Fn(&str) -> bool,
) -> std::result::Result<Found, Missing> {
    let (mut any_s, mut any_o) = (false, false);
    let mut fallback: Option<Found> = None;
    for (a, b) in split_sentences(text, 0, text.len()) {
        let s = &text[a..b];
        let (fs, fo) = (find_name(s, subject), find_name(s, object));
        any_s |= fs.is_some();
        any_o |= fo.is_some();
        if let (Some(x), Some(y)) = (fs, fo) {
            let (first, second) = if x <= y { (x, y) } else { (y, x) };
            let found = Found {
                sentence: (a, b),
                first,
                second,
            };
            if states(s) {
                return Ok(found);
            }
            fallback.get_or_insert(found);
        }
    }
    if let Some(f) = fallback {
        return Ok(f);
    }
    Err(match (any_s, any_o) {
        (false, _) => Missing::Subject,
        (true, false) => Missing::Object,
        _ => Missing::Together,
    })
}

/// Checks every record of one file, keeping the claims and the quarantined records.
pub fn check_records(
    checker: &Checker<'_>,
    records: Vec<Record>,
    options: ImportOptions,
    mut each: impl FnMut(Claim),
) -> ImportReport {
    use rayon::prelude::*;
    let mut report = ImportReport::default();
    // Records are checked on every core, and taken in input order.
    let checked: Vec<std::result::Result<Claim, Quarantined>> = records
        .into_par_iter()
        .map(|rec| checker.check(rec, options))
        .collect();
    for r in checked {
        report.records += 1;
        match r {
            Ok(c) => {
                if c.evidence.verified {
                    report.verified += 1;
                } else {
                    report.unverified += 1;
                }
                each(c);
            }
            Err(q) => report.quarantined.push(q),
        }
    }
    report
}

/// Reads the records of one input of `format`.
///
/// # Errors
/// The file cannot be read or is not of the format, with its line and column.
pub fn read(format: ImportFormat, path: &Path) -> Result<Vec<Record>> {
    match format {
        ImportFormat::Indra => indra::read(path),
        ImportFormat::LangChain => langchain::read(path),
        ImportFormat::Neo4jGraphRag => neo4j::read(path),
        ImportFormat::GraphRag => read_graphrag(path),
        ImportFormat::Bioc => bioc::read(path),
    }
}

#[cfg(feature = "parquet")]
fn read_graphrag(path: &Path) -> Result<Vec<Record>> {
    graphrag::read(path)
}

#[cfg(not(feature = "parquet"))]
fn read_graphrag(path: &Path) -> Result<Vec<Record>> {
    Err(Error::parse(
        path,
        0,
        0,
        "GraphRAG parquet tables need claimgraph built with the `parquet` feature",
    ))
}

/// Parses JSON text, with serde_json's line and column on failure.
pub(crate) fn parse_json(path: &Path, text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text)
        .map_err(|e| Error::parse(path, e.line(), e.column(), format!("not JSON: {e}")))
}

/// The file's name for `evidence.source`.
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A JSON string or number as text (ids and names that producers write either way);
/// `None` for anything else or a missing value.
pub(crate) fn scalar_text(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A string field of a JSON object.
pub(crate) fn str_field<'v>(v: &'v serde_json::Value, key: &str) -> Option<&'v str> {
    v.get(key)?.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(s: &str, p: &str, o: &str, text: Option<&str>) -> Record {
        Record {
            subject: Arg::named(s),
            object: Arg::named(o),
            predicate: Predicate::Text(p.to_string()),
            predicate_text: p.to_string(),
            negated: None,
            hedged: None,
            text: text.map(str::to_string),
            document: Some("12345".to_string()),
            section: None,
            source: "test".to_string(),
            raw: serde_json::json!({"s": s}),
        }
    }

    #[test]
    fn predicates_map_through_case_underscores_and_tense() {
        let ex = Extractor::bundled();
        let c = Checker::new(&ex);
        let m = |p: &str| c.map_predicate(p);
        assert_eq!(m("IS_COFACTOR_OF"), Some(("cofactor-for".into(), false)));
        assert_eq!(m("upregulates"), Some(("induces".into(), false)));
        assert_eq!(m("INHIBITS"), Some(("suppresses".into(), false)));
        assert_eq!(
            m("ASSOCIATED_WITH"),
            Some(("associated-with".into(), false))
        );
        assert_eq!(m("DOES_NOT_INHIBIT"), Some(("suppresses".into(), true)));
        assert_eq!(m("INTERACTS_WITH"), None);
        assert_eq!(m("FOUNDED_BY"), None);
    }

    #[test]
    fn a_record_is_checked_against_its_sentence() {
        let ex = Extractor::bundled();
        let c = Checker::new(&ex);
        let o = ImportOptions::default();
        let ok = c
            .check(
                rec(
                    "Zinc",
                    "INHIBITS",
                    "IL-6",
                    Some("Zinc inhibits the production of IL-6. Other text."),
                ),
                o,
            )
            .unwrap();
        assert_eq!(ok.subject.id, "CHEBI:27363");
        assert_eq!(ok.relation, "suppresses");
        assert!(ok.evidence.verified && !ok.negated);
        assert_eq!(&*ok.evidence.document, "PMID:12345");
        assert_eq!(
            &*ok.evidence.sentence,
            "Zinc inhibits the production of IL-6."
        );

        let absent = c
            .check(
                rec("Zinc", "INHIBITS", "IL-6", Some("Copper inhibits IL-6.")),
                o,
            )
            .unwrap_err();
        assert_eq!(absent.check, Check::Mention);
        assert!(absent.reason.contains("`Zinc`"), "{}", absent.reason);

        let denied = c
            .check(
                rec(
                    "zinc",
                    "INHIBITS",
                    "IL-6",
                    Some("Zinc did not inhibit IL-6 release."),
                ),
                o,
            )
            .unwrap();
        assert!(denied.negated, "polarity re-read from the sentence");
        let mut stated = rec(
            "zinc",
            "INHIBITS",
            "IL-6",
            Some("Zinc did not inhibit IL-6 release."),
        );
        stated.negated = Some(false);
        let q = c.check(stated, o).unwrap_err();
        assert_eq!(q.check, Check::Polarity);
        assert!(q.reason.contains("`not`"), "{}", q.reason);

        let bare = c.check(rec("zinc", "INHIBITS", "IL-6", None), o).unwrap();
        assert!(!bare.evidence.verified);
        let strict = c
            .check(
                rec("zinc", "INHIBITS", "IL-6", None),
                ImportOptions { strict: true },
            )
            .unwrap_err();
        assert_eq!(strict.check, Check::SourceText);
    }

    #[test]
    fn ids_ground_first_and_a_disagreeing_name_is_flagged() {
        let ex = Extractor::bundled();
        let c = Checker::new(&ex);
        let o = ImportOptions::default();
        let mut r = rec("zinc", "INHIBITS", "IL-6", Some("Zinc inhibits IL-6."));
        r.subject.ids = vec!["CHEBI:27300".into()];
        let q = c.check(r, o).unwrap_err();
        assert_eq!(q.check, Check::Grounding);
        assert!(q.reason.contains("CHEBI:27300"), "{}", q.reason);
        // An abbreviation the text defines grounds a name and is found in the sentence.
        let r = rec(
            "VDR",
            "upregulates",
            "IL-10",
            Some("The vitamin D receptor (VDR) is known. VDR upregulates IL-10 in T cells."),
        );
        let ok = c.check(r, o).unwrap();
        assert_eq!(ok.relation, "induces");
        assert!(
            !ok.subject.id.starts_with("claimgraph:"),
            "{:?}",
            ok.subject
        );
    }
}
