//! Inputs: documents, claims files, saved graphs and directories of them, recognised by
//! content first (a saved graph's header; PubMed and BioC XML by their root element,
//! BioC JSON by its keys; gzip by its magic bytes, looking inside) and then by
//! extension.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::claim::{self, Claim};
use crate::document::{Document, bioc, pubmed};
use crate::error::{Error, Result};
use crate::extract::{Extractor, GivenMention};
use crate::import::{ImportOptions, ImportReport};
use crate::kg::{KnowledgeGraph, is_saved_graph};
use crate::lexicon::Lexicon;

/// The research summary bundled as the default corpus.
pub const BUNDLED_CORPUS: &[(&str, &str)] = &[(
    "zinc-vitamin-d",
    include_str!("../graph/corpus/zinc-vitamin-d.txt"),
)];

/// What an input file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A text document (`.txt`, `.md`, anything else).
    Document,
    /// Claims as JSON Lines.
    Jsonl,
    /// Claims as TSV with a header.
    Tsv,
    /// A saved graph.
    Graph,
    /// PubMed XML (`PubmedArticleSet`): a document per article.
    PubMed,
    /// BioC XML (`collection`): a document per BioC document.
    BiocXml,
    /// BioC JSON: a document per BioC document.
    BiocJson,
    /// Claims made by another tool, checked before they join the graph
    /// ([`crate::import`]).
    Import(crate::import::ImportFormat),
    /// A table read with another input and holding no claims of its own (GraphRAG's
    /// `entities.parquet` and `text_units.parquet`, read with `relationships.parquet`).
    Companion,
}

impl InputKind {
    /// Whether the input holds documents to extract claims from (text, PubMed, BioC).
    pub fn is_document(self) -> bool {
        matches!(
            self,
            InputKind::Document | InputKind::PubMed | InputKind::BiocXml | InputKind::BiocJson
        )
    }
}

/// The magic bytes of gzip.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The root element of XML text (after the declaration, comments, processing
/// instructions and the DOCTYPE), if the head shows it.
fn xml_root(text: &str) -> Option<&str> {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.split_once("?>")?.1.trim_start();
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->")?.1.trim_start();
        } else if let Some(r) = rest.strip_prefix("<!DOCTYPE") {
            // An internal subset may hold `>`: skip to `]>` when there is one.
            let end = match (r.find('['), r.find('>')) {
                (Some(b), Some(g)) if b < g => r.find("]>")? + 2,
                (_, Some(g)) => g + 1,
                _ => return None,
            };
            rest = r[end..].trim_start();
        } else {
            let r = rest.strip_prefix('<')?;
            let end = r.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            return Some(&r[..end]);
        }
    }
}

/// The kind of a structured document by its content: PubMed or BioC XML by the root
/// element, BioC JSON by a `passages` or `documents` key near its start (and no
/// `subject`, which claims have).
fn structured_kind(text: &str) -> Option<InputKind> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('<') {
        return match xml_root(t)? {
            "PubmedArticleSet" | "PubmedArticle" | "PubmedBookArticle" => Some(InputKind::PubMed),
            "collection" => Some(InputKind::BiocXml),
            _ => None,
        };
    }
    let first = t.lines().next().unwrap_or("");
    let json = t.starts_with('{') || t.starts_with('[');
    (json
        && (t.contains("\"passages\"") || t.contains("\"documents\""))
        && !first.contains("\"subject\""))
    .then_some(InputKind::BiocJson)
}

/// One resolved input: a path (or `-`) and its kind.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file, or `-` for standard input.
    pub path: PathBuf,
    /// What it holds.
    pub kind: InputKind,
}

fn kind_by_extension(path: &Path) -> Option<InputKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "md" | "markdown" | "text" => Some(InputKind::Document),
        "jsonl" | "ndjson" => Some(InputKind::Jsonl),
        "tsv" => Some(InputKind::Tsv),
        "cg" => Some(InputKind::Graph),
        _ => None,
    }
}

/// The kind of an input that another tool made (JSON of INDRA, LangChain or
/// neo4j-graphrag; GraphRAG parquet), from its content; `None` for anything else.
fn sniff_import(head: &[u8], path: &Path) -> Option<InputKind> {
    if head.starts_with(b"PAR1") {
        #[cfg(feature = "parquet")]
        return Some(if crate::import::graphrag::is_relationships(path) {
            InputKind::Import(crate::import::ImportFormat::GraphRag)
        } else {
            InputKind::Companion
        });
        #[cfg(not(feature = "parquet"))]
        return Some(InputKind::Import(crate::import::ImportFormat::GraphRag));
    }
    let json = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start();
    if !(json || t.starts_with('[') || t.starts_with('{')) {
        return None;
    }
    crate::import::ImportFormat::sniff_json(t).map(InputKind::Import)
}

fn sniff(head: &[u8], path: &Path) -> InputKind {
    if is_saved_graph(head) {
        return InputKind::Graph;
    }
    let text = String::from_utf8_lossy(head);
    if let Some(k) = structured_kind(&text) {
        return k;
    }
    if let Some(k) = sniff_import(head, path) {
        return k;
    }
    if let Some(k) = kind_by_extension(path) {
        return k;
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.trim_start().starts_with('{') && first.contains("\"subject\"") {
        InputKind::Jsonl
    } else if first.split('\t').any(|c| c.trim() == "subject") && first.contains('\t') {
        InputKind::Tsv
    } else {
        InputKind::Document
    }
}

/// The first 4 KiB of a file (of its decompressed content, for gzip).
fn read_head(path: &Path) -> Result<Vec<u8>> {
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut buf = vec![0u8; 4096];
    let n = read_up_to(&mut f, &mut buf).map_err(|e| Error::io(path, e))?;
    buf.truncate(n);
    if buf.starts_with(&GZIP_MAGIC) {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut gz = flate2::read::MultiGzDecoder::new(f);
        let mut inner = vec![0u8; 4096];
        // A damaged stream is reported when the file is read; here it sniffs as text.
        let n = read_up_to(&mut gz, &mut inner).unwrap_or(0);
        inner.truncate(n);
        return Ok(inner);
    }
    Ok(buf)
}

/// Reads until `buf` is full or the input ends.
fn read_up_to(r: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Whether a directory walk takes a file: a known extension, or `.xml`, `.json` and
/// their `.gz` (also `.bioc`) when the content is PubMed or BioC.
fn walk_kind(path: &Path) -> Result<Option<InputKind>> {
    if kind_by_extension(path).is_some() {
        return Ok(Some(sniff(&read_head(path)?, path)));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if [".xml", ".json", ".bioc", ".parquet"]
        .iter()
        .any(|x| name.ends_with(x))
    {
        // Documents (PubMed, BioC), or another tool's claims; anything else is skipped.
        let head = read_head(path)?;
        return Ok(
            structured_kind(&String::from_utf8_lossy(&head)).or_else(|| sniff_import(&head, path))
        );
    }
    Ok(None)
}

/// Resolves INPUT arguments: files, `-`, and directories walked recursively in sorted
/// order (keeping only files with a known extension).
///
/// # Errors
/// A path that does not exist or cannot be read.
pub fn resolve(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input {
                path: p.clone(),
                kind: InputKind::Document,
            });
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else {
            let head = read_head(p)?;
            out.push(Input {
                path: p.clone(),
                kind: sniff(&head, p),
            });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<Input>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .map(|e| e.map(|e| e.path()).map_err(|e| Error::io(dir, e)))
        .collect::<Result<_>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if let Some(kind) = walk_kind(&p)? {
            out.push(Input { kind, path: p });
        }
    }
    Ok(())
}

/// The document id of a path: its file stem (of a `.gz` file, without the inner
/// extension too: `a.txt.gz` is `a`).
pub fn document_id(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map_or_else(|| "-".to_string(), |s| s.to_string_lossy().into_owned());
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("gz") => Path::new(&stem)
            .file_stem()
            .map_or(stem.clone(), |s| s.to_string_lossy().into_owned()),
        _ => stem,
    }
}

/// Reads a whole text input (a file or stdin) as UTF-8, decompressing gzip (recognised
/// by its magic bytes).
///
/// # Errors
/// Unreadable input, a damaged gzip stream, or invalid UTF-8 (with the line, column and
/// byte offset; of the decompressed text for gzip).
pub fn read_text(path: &Path) -> Result<String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    }
    if bytes.starts_with(&GZIP_MAGIC) {
        let mut inner = Vec::with_capacity(bytes.len() * 4);
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut inner)
            .map_err(|e| Error::parse(path, 0, 0, format!("damaged gzip stream: {e}")))?;
        bytes = inner;
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, column) = crate::error::line_column(&prefix, valid);
        Error::parse(
            path,
            line,
            column,
            format!("invalid UTF-8 at byte offset {valid}"),
        )
    })
}

/// A document read from an input, with the entity mentions that came with it (BioC
/// annotations), if any.
#[derive(Debug, Clone)]
pub struct SourceDocument {
    /// The document.
    pub document: Document,
    /// Mentions given with it ([`Extractor::extract_with_mentions`]).
    pub mentions: Vec<GivenMention>,
}

/// The documents of a document input: one for a text file, one per article of PubMed
/// XML, one per document of BioC. A document that cannot be read (an article without a
/// PMID) is an error of its own in the list, so the others are not lost; BioC
/// annotations become given mentions grounded with `lexicon`.
///
/// # Errors
/// The input cannot be read, or is malformed as a whole (with file, line and column).
pub fn read_documents(input: &Input, lexicon: &Lexicon) -> Result<Vec<Result<SourceDocument>>> {
    let plain = |document| SourceDocument {
        document,
        mentions: Vec::new(),
    };
    Ok(match input.kind {
        InputKind::PubMed => pubmed::parse(&read_text(&input.path)?, &input.path)?
            .into_iter()
            .map(|r| r.map(plain))
            .collect(),
        InputKind::BiocXml | InputKind::BiocJson => read_bioc(input)?
            .into_iter()
            .map(|r| {
                r.map(|b| SourceDocument {
                    mentions: b.given_mentions(lexicon),
                    document: b.document,
                })
            })
            .collect(),
        _ => {
            let text = read_text(&input.path)?;
            vec![Ok(plain(Document::parse(document_id(&input.path), text)))]
        }
    })
}

/// The BioC documents of a BioC input (XML or JSON), with their annotations and
/// relations.
///
/// # Errors
/// As [`read_documents`]; an input of another kind is read as BioC JSON.
pub fn read_bioc(input: &Input) -> Result<Vec<Result<bioc::BiocDocument>>> {
    let text = read_text(&input.path)?;
    match input.kind {
        InputKind::BiocXml => bioc::parse_xml(&text, &input.path),
        _ => bioc::parse_json(&text, &input.path),
    }
}

/// The claims of every document of a document input, one result per document (see
/// [`read_documents`]), extracted in parallel, each under [`guarded`] and named by the
/// file and, for a file of several documents, the document's id.
///
/// # Errors
/// As [`read_documents`].
pub fn extract_input(input: &Input, extractor: &Extractor) -> Result<Vec<Result<Vec<Claim>>>> {
    let docs = read_documents(input, extractor.lexicon())?;
    let several = input.kind != InputKind::Document;
    Ok(docs
        .into_par_iter()
        .map(|r| {
            let d = r?;
            let name = if several {
                format!("{} ({})", input.path.display(), d.document.id)
            } else {
                input.path.display().to_string()
            };
            extract_source(&name, extractor, &d)
        })
        .collect())
}

/// Extracts the claims of a [`SourceDocument`] under [`guarded`], its given mentions
/// used; a failure names `name`.
///
/// # Errors
/// [`Error::Internal`] when extraction fails inside claimgraph.
pub fn extract_source(name: &str, extractor: &Extractor, d: &SourceDocument) -> Result<Vec<Claim>> {
    if d.mentions.is_empty() {
        return extract_named(name, extractor, &d.document);
    }
    guarded(name, || {
        #[cfg(feature = "fault-injection")]
        if d.document.text.contains(FAULT_MARKER) {
            panic!("fault injected for testing");
        }
        extractor.extract_with_mentions(&d.document, &d.mentions)
    })
}

/// Runs `f` (the extraction of one document) so that a failure inside it is reported as
/// [`Error::Internal`] naming `document` instead of unwinding through the caller: one
/// document that trips a bug never loses the other documents' output.
///
/// Nothing process-wide is changed: the panic hook in force (the default one prints the
/// panic's message and place on stderr) still runs before the failure is turned into an
/// error.
///
/// # Errors
/// [`Error::Internal`] when `f` panics.
pub fn guarded<T>(document: &str, f: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string());
        Error::Internal {
            document: document.to_string(),
            message,
        }
    })
}

/// Extracts the claims of one document under [`guarded`].
///
/// # Errors
/// [`Error::Internal`] when extraction fails inside claimgraph.
pub fn extract_document(extractor: &Extractor, doc: &Document) -> Result<Vec<Claim>> {
    extract_named(&doc.id, extractor, doc)
}

/// As [`extract_document`], with a failure naming `name` (a file's path, say) rather
/// than the document's id.
///
/// # Errors
/// [`Error::Internal`] when extraction fails inside claimgraph.
pub fn extract_named(name: &str, extractor: &Extractor, doc: &Document) -> Result<Vec<Claim>> {
    guarded(name, || {
        #[cfg(feature = "fault-injection")]
        if doc.text.contains(FAULT_MARKER) {
            panic!("fault injected for testing");
        }
        extractor.extract(doc)
    })
}

/// With the `fault-injection` feature (test builds only, never the shipped binary): a
/// document holding this text fails inside extraction, so that tests can check that one
/// failing document never loses the others' output.
#[cfg(feature = "fault-injection")]
pub const FAULT_MARKER: &str = "claimgraph-fault-injection: fail here";

/// Everything a set of inputs holds, as a graph: documents are extracted (in parallel),
/// claims files read, saved graphs merged, and the entities linked by the hierarchy of
/// the extractor's lexicon ([`KnowledgeGraph::link_hierarchy`]). No inputs means the
/// bundled corpus.
///
/// # Errors
/// The first input that cannot be read or parsed.
pub fn load_graph(inputs: &[Input], extractor: &Extractor) -> Result<KnowledgeGraph> {
    load_graph_with(inputs, extractor, &mut |e| Err(e))
}

/// As [`load_graph`], but each failing input goes to `on_error`: returning `Ok` skips the
/// input and carries on with the others, returning `Err` stops.
///
/// # Errors
/// Whatever `on_error` returns.
pub fn load_graph_with(
    inputs: &[Input],
    extractor: &Extractor,
    on_error: &mut dyn FnMut(Error) -> Result<()>,
) -> Result<KnowledgeGraph> {
    load_graph_checked(inputs, extractor, ImportOptions::default(), on_error).map(|(kg, ..)| kg)
}

/// As [`load_graph_with`], also giving how many parts were read, each of which can fail
/// on its own: the documents of the document inputs (one per text file, one per
/// article or BioC document) and every other input.
///
/// # Errors
/// Whatever `on_error` returns.
pub fn load_graph_counting(
    inputs: &[Input],
    extractor: &Extractor,
    on_error: &mut dyn FnMut(Error) -> Result<()>,
) -> Result<(KnowledgeGraph, usize)> {
    load_graph_checked(inputs, extractor, ImportOptions::default(), on_error)
        .map(|(kg, _, parts)| (kg, parts))
}

/// As [`load_graph_counting`], with the report of the inputs other tools made: their
/// records are checked ([`crate::import::Checker`]) and those that fail are in the
/// report's quarantine, not in the graph.
///
/// # Errors
/// Whatever `on_error` returns.
pub fn load_graph_checked(
    inputs: &[Input],
    extractor: &Extractor,
    options: ImportOptions,
    on_error: &mut dyn FnMut(Error) -> Result<()>,
) -> Result<(KnowledgeGraph, ImportReport, usize)> {
    let mut report = ImportReport::default();
    // One saved graph is already canonical: no need to rebuild it.
    if let [only] = inputs
        && only.kind == InputKind::Graph
    {
        let loaded = KnowledgeGraph::load_file(&only.path);
        return match loaded {
            Ok(mut g) => {
                g.link_hierarchy(extractor.lexicon());
                Ok((g.canonicalize(), report, 1))
            }
            Err(e) => on_error(e).map(|()| (KnowledgeGraph::new(), report, 1)),
        };
    }
    let checker = crate::import::Checker::new(extractor);
    let mut kg = KnowledgeGraph::new();
    if inputs.is_empty() {
        for (id, text) in BUNDLED_CORPUS {
            for c in extract_document(extractor, &Document::parse(*id, *text))? {
                kg.add_claim_owned(c);
            }
        }
    }
    let docs: Vec<&Input> = inputs.iter().filter(|i| i.kind.is_document()).collect();
    let extracted: Vec<Vec<Result<Vec<Claim>>>> = docs
        .par_iter()
        .map(|i| extract_input(i, extractor).unwrap_or_else(|e| vec![Err(e)]))
        .collect();
    let mut parts = inputs.len() - docs.len() + extracted.iter().map(Vec::len).sum::<usize>();
    if inputs.is_empty() {
        parts = BUNDLED_CORPUS.len();
    }
    for r in extracted.into_iter().flatten() {
        match r {
            Ok(claims) => claims.into_iter().for_each(|c| kg.add_claim_owned(c)),
            Err(e) => on_error(e)?,
        }
    }
    for i in inputs {
        let loaded = match i.kind {
            k if k.is_document() => continue,
            InputKind::Companion => continue,
            InputKind::Import(format) => crate::import::read(format, &i.path).map(|records| {
                let mut staged = KnowledgeGraph::new();
                let r = crate::import::check_records(&checker, records, options, |c| {
                    staged.add_claim_owned(c);
                });
                report.extend(r);
                staged
            }),
            InputKind::Jsonl | InputKind::Tsv => {
                // A failing file contributes nothing: its claims go to a graph of their own
                // first.
                let mut staged = KnowledgeGraph::new();
                stage_claims(i, extractor, &mut staged).map(|()| staged)
            }
            _ => KnowledgeGraph::load_file(&i.path),
        };
        match loaded {
            Ok(g) if kg.node_count() == 0 => kg = g,
            Ok(g) => kg.merge(g),
            Err(e) => on_error(e)?,
        }
    }
    kg.link_hierarchy(extractor.lexicon());
    Ok((kg.canonicalize(), report, parts))
}

/// The read buffer of a claims file: larger than the default, so that fewer lines are
/// split between reads (a split line is copied), and small enough to stay in the cache
/// the kernel copies into (256 KiB made that copy five times dearer).
const READ_BUFFER: usize = 32 << 10;

fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    if path.as_os_str() == "-" {
        Ok(Box::new(BufReader::with_capacity(
            READ_BUFFER,
            std::io::stdin(),
        )))
    } else {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Ok(Box::new(BufReader::with_capacity(READ_BUFFER, f)))
    }
}

/// The length of a file, 0 for standard input or when unknown.
fn file_len(path: &Path) -> u64 {
    if path.as_os_str() == "-" {
        return 0;
    }
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Bytes per claim line to expect when sizing a graph's tables from a file's length: a
/// little under the usual line, so that the guess errs towards room to spare.
const BYTES_PER_CLAIM: u64 = 512;

/// Adds the claims of a claims file to `kg`; JSON Lines are read borrowed, so only the
/// strings new to the graph are copied.
fn stage_claims(input: &Input, extractor: &Extractor, kg: &mut KnowledgeGraph) -> Result<()> {
    let expected = file_len(&input.path) / BYTES_PER_CLAIM;
    kg.reserve_claims(usize::try_from(expected).unwrap_or(0));
    if input.kind == InputKind::Jsonl {
        let reader = open(&input.path)?;
        claim::read_jsonl_borrowed(reader, &input.path, extractor.vocabulary(), |c| {
            kg.add_claim_borrowed(&c);
            Ok(())
        })
    } else {
        read_claims(input, extractor, &mut |c| {
            kg.add_claim_owned(c);
            Ok(())
        })
    }
}

/// Streams the claims of a claims file (JSONL or TSV) into `each`.
///
/// # Errors
/// As [`claim::read_jsonl`] and [`claim::read_tsv`].
pub fn read_claims(
    input: &Input,
    extractor: &Extractor,
    each: &mut dyn FnMut(Claim) -> Result<()>,
) -> Result<()> {
    let reader = open(&input.path)?;
    match input.kind {
        InputKind::Jsonl => claim::read_jsonl(reader, &input.path, extractor.vocabulary(), each),
        InputKind::Tsv => claim::read_tsv(
            reader,
            &input.path,
            extractor.vocabulary(),
            extractor.lexicon(),
            each,
        ),
        _ => Ok(()),
    }
}
