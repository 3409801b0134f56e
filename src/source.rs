//! Inputs: documents, claims files, saved graphs and directories of them, recognised by
//! content first (a saved graph's header) and then by extension.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::claim::{self, Claim};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::Extractor;
use crate::import::{ImportOptions, ImportReport};
use crate::kg::{KnowledgeGraph, is_saved_graph};

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
    /// Claims made by another tool, checked before they join the graph
    /// ([`crate::import`]).
    Import(crate::import::ImportFormat),
    /// A table read with another input and holding no claims of its own (GraphRAG's
    /// `entities.parquet` and `text_units.parquet`, read with `relationships.parquet`).
    Companion,
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
    if let Some(k) = sniff_import(head, path) {
        return k;
    }
    if let Some(k) = kind_by_extension(path) {
        return k;
    }
    let text = String::from_utf8_lossy(head);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.trim_start().starts_with('{') && first.contains("\"subject\"") {
        InputKind::Jsonl
    } else if first.split('\t').any(|c| c.trim() == "subject") && first.contains('\t') {
        InputKind::Tsv
    } else {
        InputKind::Document
    }
}

fn read_head(path: &Path) -> Result<Vec<u8>> {
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut buf = vec![0u8; 4096];
    let n = f.read(&mut buf).map_err(|e| Error::io(path, e))?;
    buf.truncate(n);
    Ok(buf)
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
        } else if kind_by_extension(&p).is_some() {
            let head = read_head(&p)?;
            out.push(Input {
                kind: sniff(&head, &p),
                path: p,
            });
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "json" | "parquet"))
        {
            // JSON and parquet files only when they are another tool's claims.
            let head = read_head(&p)?;
            if let Some(kind) = sniff_import(&head, &p) {
                out.push(Input { kind, path: p });
            }
        }
    }
    Ok(())
}

/// The document id of a path: its file stem.
pub fn document_id(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "-".to_string(), |s| s.to_string_lossy().into_owned())
}

/// Reads a whole text input (a file or stdin) as UTF-8.
///
/// # Errors
/// Unreadable input, or invalid UTF-8 (with the line, column and byte offset).
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
    load_graph_checked(inputs, extractor, ImportOptions::default(), on_error).map(|(kg, _)| kg)
}

/// As [`load_graph_with`], with the report of the inputs other tools made: their
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
) -> Result<(KnowledgeGraph, ImportReport)> {
    let mut report = ImportReport::default();
    // One saved graph is already canonical: no need to rebuild it.
    if let [only] = inputs
        && only.kind == InputKind::Graph
    {
        let loaded = KnowledgeGraph::load_file(&only.path);
        return match loaded {
            Ok(mut g) => {
                g.link_hierarchy(extractor.lexicon());
                Ok((g.canonicalize(), report))
            }
            Err(e) => on_error(e).map(|()| (KnowledgeGraph::new(), report)),
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
    let docs: Vec<&Input> = inputs
        .iter()
        .filter(|i| i.kind == InputKind::Document)
        .collect();
    let extracted: Vec<Result<Vec<Claim>>> = docs
        .par_iter()
        .map(|i| {
            let text = read_text(&i.path)?;
            let doc = Document::parse(document_id(&i.path), text);
            extract_named(&i.path.display().to_string(), extractor, &doc)
        })
        .collect();
    for r in extracted {
        match r {
            Ok(claims) => claims.into_iter().for_each(|c| kg.add_claim_owned(c)),
            Err(e) => on_error(e)?,
        }
    }
    for i in inputs {
        let loaded = match i.kind {
            InputKind::Document | InputKind::Companion => continue,
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
            InputKind::Graph => KnowledgeGraph::load_file(&i.path),
        };
        match loaded {
            Ok(g) if kg.node_count() == 0 => kg = g,
            Ok(g) => kg.merge(g),
            Err(e) => on_error(e)?,
        }
    }
    kg.link_hierarchy(extractor.lexicon());
    Ok((kg.canonicalize(), report))
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
