//! The command line: argument definitions (clap derive) and the commands they run.
//! Nothing below this module knows about the command line.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

mod error;
pub use error::{Error, Result};

use claimgraph::claim::{self, Claim};
use claimgraph::document::Document;
use claimgraph::export::{self, Format};
use claimgraph::extract::{Extractor, Mode};
use claimgraph::import::{ImportFormat, ImportOptions, ImportReport};
use claimgraph::kg::KnowledgeGraph;
use claimgraph::lexicon::{Kind, Lexicon};
use claimgraph::output::write_atomic;
use claimgraph::query;
use claimgraph::source::{self, Input, InputKind};
use claimgraph::vocab::{Sign, Vocabulary};

/// Turn the claims of biomedical research summaries into a typed knowledge graph.
///
/// Documents (.txt, .md), claims (.jsonl, .tsv), saved graphs (.cg) and other tools'
/// claims (INDRA, LangChain, neo4j-graphrag JSON; GraphRAG parquet: see --import) are
/// INPUTs; directories are walked recursively. With no INPUT, commands use the bundled zinc and
/// vitamin D summary. Exit codes: 0 success (also when no path exists), 1 input error,
/// 2 usage error, 3 a missing external tool.
#[derive(Debug, Parser)]
#[command(name = "claimgraph", version, about, long_about)]
pub struct Cli {
    /// Extra lexicon TSV files, or directories of them (id, label, kind, synonyms), added
    /// to the bundled lexicon.
    #[arg(long = "lexicon", global = true, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// A relation vocabulary TOML file whose relations extend the bundled ones.
    #[arg(long = "vocabulary", global = true, value_name = "FILE")]
    vocabulary: Vec<PathBuf>,
    /// Which readers extract claims: the hand-written rules, the learned reader (trained
    /// on the GENIA corpora), or both. Research summaries are read by the rules either way
    /// unless `learned` is chosen.
    #[arg(long, global = true, value_enum, default_value_t = ReaderChoice::Both)]
    reader: ReaderChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract claims from documents as JSON Lines (or TSV).
    ///
    /// With no INPUT, reads standard input: JSON lines {"id", "text"} (one document a
    /// line, claims written as each is read), or plain text named by --document-id.
    Extract(ExtractArgs),
    /// Assemble INPUTs into a graph and save it.
    Build(BuildArgs),
    /// Shortest paths between two entities, hop by hop with evidence and net sign.
    ///
    /// The first two positionals are entity names (label, synonym or CURIE,
    /// case-insensitive); the rest are INPUTs.
    Paths(PathsArgs),
    /// The neighbourhood of an entity: claims in and out, up to --depth hops.
    Neighbors(NeighborsArgs),
    /// Every evidence for the claims FROM RELATION TO (both polarities).
    Explain(ExplainArgs),
    /// Export the graph (dot, svg, jsonld, ...).
    Export(ExportArgs),
    /// Counts by kind and relation, degree leaders, and contradictions.
    Stats(StatsArgs),
    /// Validate the lexicon, the vocabulary, claims (domain and range) and the graph.
    ///
    /// Exits 1 when an error is found (warnings alone exit 0).
    Check(CheckArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ClaimFormat {
    Jsonl,
    Tsv,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum TextOrJson {
    Text,
    Json,
}

#[derive(Debug, Args)]
struct ExtractArgs {
    /// Documents or directories; `-` or nothing reads standard input.
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: ClaimFormat,
    /// The document id for plain text read from standard input.
    #[arg(long, default_value = "stdin")]
    document_id: String,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Report a bad document and go on with the rest; exit 1 at the end if any failed.
    #[arg(long)]
    keep_going: bool,
    /// Documents extracted at once from JSON Lines on standard input (default: every
    /// core). Claims still come out in input order, each document's as soon as it and
    /// those before it are done.
    #[arg(long, value_name = "N")]
    threads: Option<std::num::NonZeroUsize>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Claims files, documents, saved graphs or directories (default: the bundled corpus).
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    graph: GraphArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TextOrJson,
}

#[derive(Debug, Args)]
struct GraphArgs {
    /// A saved graph to use (with or instead of INPUTs).
    #[arg(long, value_name = "FILE")]
    graph: Option<PathBuf>,
    /// Read FILE as the output of another tool in FORMAT: indra (INDRA statements
    /// JSON), langchain (LangChain GraphDocument JSON), neo4j-graphrag (its Neo4jGraph
    /// JSON), graphrag (GraphRAG's relationships.parquet, with entities.parquet and
    /// text_units.parquet beside it) or bioc (the relation annotations of BioC XML/JSON,
    /// as PubTator exports them). INPUTs of the first four are recognised by content
    /// without it; use it when a file is not, and for BioC relations. Each imported record is checked against its source
    /// sentence before it joins the graph; failures go to the quarantine.
    #[arg(long = "import", value_name = "FORMAT=FILE", value_parser = parse_import)]
    imports: Vec<(ImportFormat, PathBuf)>,
    /// Quarantine imported records that carry no source text (otherwise imported with
    /// `verified: false`), and make any quarantined record an error (exit 1).
    #[arg(long)]
    strict: bool,
    /// Report a bad input and go on with the rest; exit 1 at the end if any failed.
    #[arg(long)]
    keep_going: bool,
}

#[derive(Debug, Args)]
struct BuildArgs {
    /// Documents, claims files, saved graphs or directories (default: the bundled corpus).
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    graph: GraphArgs,
    /// Where to save the graph.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Where to write the imported records that failed a check (JSON Lines: the input
    /// record, the check and why), when there are imports; default `quarantine.jsonl`
    /// beside the --output file.
    #[arg(long, value_name = "FILE")]
    quarantine: Option<PathBuf>,
    /// Summary format.
    #[arg(long, value_enum, default_value = "text")]
    format: TextOrJson,
}

#[derive(Debug, Args)]
struct PathsArgs {
    /// FROM TO [INPUT...]; with --batch, every positional is an INPUT.
    #[arg(value_name = "FROM TO [INPUT]")]
    positionals: Vec<String>,
    #[command(flatten)]
    graph: GraphArgs,
    /// Answer one query per line of PAIRS.tsv (FROM<TAB>TO), one result per line. With
    /// CLAIMGRAPH_TIMINGS=1 in the environment, load and search times go to stderr.
    #[arg(long, value_name = "PAIRS.tsv")]
    batch: Option<PathBuf>,
    /// Output: text, json, or a drawing of the subgraph of the paths' entities: dot or
    /// svg (the paths highlighted), mermaid, html or cyjs.
    #[arg(long, value_enum, default_value = "text")]
    format: PathFormat,
    #[command(flatten)]
    picture: PictureArgs,
    /// The K shortest simple paths (Yen's algorithm).
    #[arg(long, value_name = "K", conflicts_with_all = ["max_hops"])]
    k: Option<usize>,
    /// All simple paths of at most N hops (capped by --limit, with a note when cut).
    #[arg(long, value_name = "N")]
    max_hops: Option<usize>,
    /// The most confident paths (Dijkstra on -log confidence); with --k, the K best.
    #[arg(long)]
    weighted: bool,
    /// Only paths with this net effect: + (activation) or - (inhibition).
    #[arg(long, value_parser = parse_sign, allow_hyphen_values = true)]
    sign: Option<Sign>,
    /// Only these relations (comma-separated); membership and hierarchy hops are always
    /// allowed.
    #[arg(long, value_delimiter = ',')]
    relations: Vec<String>,
    /// Node kinds allowed inside a path (comma-separated); its ends may be of any kind.
    #[arg(long, value_delimiter = ',')]
    kinds: Vec<Kind>,
    /// Claims below this confidence are not walked.
    #[arg(long, default_value_t = 0.0)]
    min_confidence: f64,
    /// Walk negated claims too (their sign is 0).
    #[arg(long)]
    include_negated: bool,
    /// Walk claims against their direction too (such hops make the sign 0).
    #[arg(long)]
    undirected: bool,
    /// Do not walk the entity hierarchy (`is-a` up to a parent such as vitamin D,
    /// `has-form` down to a form such as vitamin D3).
    #[arg(long)]
    no_hierarchy: bool,
    /// The most paths to print: among paths of one length the most confident first (a
    /// membership or hierarchy hop counts as certain), then by node ids and relation
    /// names (a note says when there are more).
    #[arg(long, default_value_t = 10)]
    limit: usize,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum PathFormat {
    Text,
    Json,
    Dot,
    Svg,
    Mermaid,
    Html,
    Cyjs,
}

impl PathFormat {
    /// The export format that draws the paths, for the drawing formats.
    fn export(self) -> Option<Format> {
        match self {
            PathFormat::Text | PathFormat::Json => None,
            PathFormat::Dot => Some(Format::Dot),
            PathFormat::Svg => Some(Format::Svg),
            PathFormat::Mermaid => Some(Format::Mermaid),
            PathFormat::Html => Some(Format::Html),
            PathFormat::Cyjs => Some(Format::Cyjs),
        }
    }
}

fn parse_sign(s: &str) -> std::result::Result<Sign, String> {
    match s {
        "+" | "positive" | "activation" => Ok(Sign::Positive),
        "-" | "negative" | "inhibition" => Ok(Sign::Negative),
        _ => Err(format!("`{s}`: expected + or -")),
    }
}

#[derive(Debug, Args)]
struct NeighborsArgs {
    /// NAME [INPUT...]
    #[arg(required = true, value_name = "NAME [INPUT]")]
    positionals: Vec<String>,
    #[command(flatten)]
    graph: GraphArgs,
    /// How many hops out (both directions).
    #[arg(long, default_value_t = 1)]
    depth: usize,
    /// Only these relations (comma-separated).
    #[arg(long, value_delimiter = ',')]
    relations: Vec<String>,
    /// Include negated claims.
    #[arg(long)]
    include_negated: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TextOrJson,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// FROM RELATION TO [INPUT...]
    #[arg(required = true, num_args = 3.., value_name = "FROM RELATION TO [INPUT]")]
    positionals: Vec<String>,
    #[command(flatten)]
    graph: GraphArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TextOrJson,
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// Documents, claims files, saved graphs or directories (default: the bundled corpus).
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    graph: GraphArgs,
    /// The format: dot, svg, jsonld, nt, ttl, graphml, mermaid, cyjs, cypher (one file),
    /// or neo4j, kgx, kgx-jsonl (a directory given with --out DIR).
    #[arg(long, short = 'f')]
    format: Format,
    /// Write to PATH (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "PATH")]
    out: Option<PathBuf>,
    #[command(flatten)]
    focus: FocusArgs,
    #[command(flatten)]
    picture: PictureArgs,
}

/// Which part of the graph to export (every format; the whole graph by default).
#[derive(Debug, Args)]
struct FocusArgs {
    /// Only the entities within --depth hops of NAME (an id, label or synonym), either
    /// direction; repeat the flag for several centres.
    #[arg(long, value_name = "NAME")]
    around: Vec<String>,
    /// Hops from the --around entities.
    #[arg(long, value_name = "N", default_value_t = 1)]
    depth: usize,
    /// Only the shortest paths from A to B (as `claimgraph paths A B` finds them,
    /// filtered by --relations, --kinds and --min-confidence): their entities, with the
    /// claims they walk highlighted in DOT and SVG.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    paths_between: Vec<String>,
    /// Only claims of these relations (comma-separated); membership (hierarchy) edges
    /// stay when none is given or `has-member` (`is-a`) is listed.
    #[arg(long, value_delimiter = ',')]
    relations: Vec<String>,
    /// Only entities of these kinds (comma-separated).
    #[arg(long, value_delimiter = ',')]
    kinds: Vec<Kind>,
    /// Only claims of at least this confidence (0 to 1).
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    min_confidence: f64,
    /// At most N entities: the most connected (edges among those kept), ties by id, the
    /// --around and path entities first; a note on stderr says what was left out.
    #[arg(long, value_name = "N")]
    max_nodes: Option<usize>,
}

/// The size limit of the picture formats.
#[derive(Debug, Args)]
struct PictureArgs {
    /// The most entities a picture format (dot, svg, mermaid, html) draws (and four times
    /// as many claims; a few entities joined by thousands of claims is no picture either):
    /// asked for a bigger graph it stops with exit code 2 and says how to focus it (--around,
    /// --paths-between, --relations, --kinds, --min-confidence, --max-nodes).
    #[arg(long, value_name = "N", default_value_t = export::MAX_PICTURE_NODES)]
    max_picture_nodes: usize,
    /// Draw a picture however big the graph is.
    #[arg(long)]
    force: bool,
}

impl PictureArgs {
    /// Refuses to draw a graph of `nodes` entities or `claims` claims above the limit
    /// (claims: [`export::PICTURE_CLAIMS_PER_NODE`] times the entity limit), unless
    /// forced.
    fn check(&self, what: &str, nodes: usize, claims: usize) -> Result<()> {
        let max_claims = self
            .max_picture_nodes
            .saturating_mul(export::PICTURE_CLAIMS_PER_NODE);
        if self.force || (nodes <= self.max_picture_nodes && claims <= max_claims) {
            return Ok(());
        }
        Err(Error::Usage(format!(
            "{what} would draw {nodes} entities and {claims} claims, more than a picture can show \
             (the limit is {} entities and {max_claims} claims, --max-picture-nodes). Draw the part that matters: \
             --around NAME --depth 1, --paths-between A B, --relations R1,R2, --kinds K1,K2, \
             --min-confidence X or --max-nodes N; export the whole graph as data instead \
             (cyjs, graphml, kgx, neo4j); or add --force to draw it anyway",
            self.max_picture_nodes
        )))
    }
}

#[derive(Debug, Args)]
struct StatsArgs {
    /// Documents, claims files, saved graphs or directories (default: the bundled corpus).
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    graph: GraphArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TextOrJson,
}

impl Cli {
    /// Runs the command.
    ///
    /// # Errors
    /// Any library error; the caller prints it and maps it to an exit code.
    pub fn run(self) -> Result<()> {
        let extractor = self.extractor()?;
        match self.command {
            Command::Extract(a) => extract(&extractor, a),
            Command::Build(a) => build(&extractor, a),
            Command::Paths(a) => paths(&extractor, a),
            Command::Neighbors(a) => neighbors(&extractor, a),
            Command::Explain(a) => explain(&extractor, a),
            Command::Export(a) => export_cmd(&extractor, a),
            Command::Stats(a) => stats(&extractor, a),
            Command::Check(a) => check(&extractor, a),
        }
    }

    fn extractor(&self) -> Result<Extractor> {
        let mut lexicon = Lexicon::bundled();
        for f in &self.lexicon {
            lexicon.add_path(f)?;
        }
        let mut vocab = Vocabulary::bundled();
        for f in &self.vocabulary {
            vocab.merge_file(f)?;
        }
        let mode = match self.reader {
            ReaderChoice::Rules => Mode::Rules,
            ReaderChoice::Learned => Mode::Learned,
            ReaderChoice::Both => Mode::Both,
        };
        Ok(Extractor::new(lexicon, vocab).with_mode(mode))
    }
}

/// The `--reader` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReaderChoice {
    /// The hand-written rules only.
    Rules,
    /// The learned reader only.
    Learned,
    /// Both, each claim once.
    Both,
}

/// CPU time used by the calling thread so far: what the work costs on a core of its own,
/// whatever else the machine runs (for `CLAIMGRAPH_TIMINGS`).
#[cfg(all(target_os = "linux", not(feature = "portable-io")))]
fn thread_cpu_time() -> std::time::Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes it.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    if !ok {
        return std::time::Duration::ZERO;
    }
    std::time::Duration::new(
        u64::try_from(ts.tv_sec).unwrap_or(0),
        u32::try_from(ts.tv_nsec).unwrap_or(0),
    )
}

/// The portable stand-in for a thread's CPU time: wall time since the first call (the
/// timings then include waiting, which they say in their label only on Linux).
#[cfg(not(all(target_os = "linux", not(feature = "portable-io"))))]
fn thread_cpu_time() -> std::time::Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

fn stdout_error(e: std::io::Error) -> Error {
    Error::Stdout(e)
}

/// Writes `bytes` to `path` atomically, or to stdout.
fn emit(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    match path {
        Some(p) => write_atomic(p, write),
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write(&mut lock)?;
            lock.flush().map_err(stdout_error)
        }
    }
}

fn write_claims(
    out: &mut dyn Write,
    format: ClaimFormat,
    claims: &[Claim],
    header: bool,
) -> Result<()> {
    let r = match format {
        ClaimFormat::Jsonl => claim::write_jsonl(out, claims),
        ClaimFormat::Tsv if header => claim::write_tsv(out, claims),
        ClaimFormat::Tsv => {
            let mut buf = Vec::new();
            claim::write_tsv(&mut buf, claims).and_then(|_| {
                let body = buf.splitn(2, |&b| b == b'\n').nth(1).unwrap_or(&[]);
                out.write_all(body)
            })
        }
    };
    r.map_err(stdout_error)
}

fn extract(ex: &Extractor, a: ExtractArgs) -> Result<()> {
    let from_stdin = a.inputs.is_empty() || (a.inputs.len() == 1 && a.inputs[0].as_os_str() == "-");
    if from_stdin {
        if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            eprintln!(
                "claimgraph extract: reading a document from standard input (JSON lines {{\"id\", \"text\"}}, or plain text named with --document-id); end it with Ctrl-D, or give files: claimgraph extract FILE..."
            );
        }
        return emit(a.output.as_deref(), |out| extract_stdin(ex, &a, out));
    }
    let inputs = source::resolve(&a.inputs)?;
    if let Some(bad) = inputs.iter().find(|i| !i.kind.is_document()) {
        return Err(Error::Usage(format!(
            "{}: `extract` reads documents; give claims files and graphs to `build`",
            bad.path.display()
        )));
    }
    use rayon::prelude::*;
    // A progress bar on a terminal, nothing when stderr is piped.
    let progress =
        (std::io::IsTerminal::is_terminal(&std::io::stderr()) && inputs.len() > 1).then(|| {
            let pb = indicatif::ProgressBar::new(inputs.len() as u64);
            pb.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} documents {elapsed_precise} ETA {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            pb
        });
    // Each document's claims are rendered where they are extracted, so that the only
    // serial work left is copying bytes out in input order: rendering and freeing the
    // claims on one thread after the parallel part kept a second core idle for a
    // quarter of the run.
    // A file of several documents (PubMed, BioC) is one result per document, extracted
    // in parallel too.
    let per_doc: Vec<Result<Vec<u8>>> = inputs
        .par_iter()
        .flat_map_iter(|i| {
            let docs = source::extract_input(i, ex).unwrap_or_else(|e| vec![Err(e)]);
            if let Some(pb) = &progress {
                pb.inc(1);
            }
            docs.into_iter().map(|claims| {
                let claims = claims?;
                let mut rendered = Vec::with_capacity(claims.len() * 640);
                write_claims(&mut rendered, a.format, &claims, false)?;
                Ok(rendered)
            })
        })
        .collect();
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    let mut failures = Failures {
        failed: 0,
        total: per_doc.len(),
    };
    let mut rendered = Vec::with_capacity(per_doc.len());
    for r in per_doc {
        match r {
            Ok(bytes) => rendered.push(bytes),
            Err(e) if a.keep_going => {
                report(&e);
                failures.failed += 1;
            }
            Err(e) => return Err(e),
        }
    }
    emit(a.output.as_deref(), |out| {
        // The header row (TSV) comes once, before every document's rows.
        write_claims(out, a.format, &[], true)?;
        rendered
            .iter()
            .try_for_each(|bytes| out.write_all(bytes))
            .map_err(stdout_error)
    })?;
    failures.done()
}

/// One rendered document of JSON Lines input: its sequence number and its claims' bytes,
/// or an error that ends the run (outside) or a failure of its extraction (inside, which
/// `--keep-going` reports and goes on from).
type Rendered = (usize, Result<Result<Vec<u8>>>);

/// Extracts JSON Lines documents `{"id", "text"}` from standard input (`first` is its
/// first line, already read) on `threads` workers, and writes each document's claims in
/// input order as soon as it and every document before it are done.
///
/// A reader thread hands lines to the workers; a document may be read only while fewer
/// than `4 × threads` documents are read and not yet written, so a slow document holds
/// back a bounded read-ahead, not the whole input. The reader is not joined: on an
/// error the claims so far are written and the command ends without waiting for more
/// input.
fn extract_json_lines(
    ex: &Extractor,
    a: &ExtractArgs,
    threads: usize,
    first: String,
    out: &mut dyn Write,
) -> Result<()> {
    use std::sync::mpsc;
    #[derive(serde::Deserialize)]
    struct Doc {
        id: String,
        text: String,
    }
    let ahead = threads.saturating_mul(4).max(2);
    let (tokens_tx, tokens_rx) = mpsc::sync_channel::<()>(ahead);
    for _ in 0..ahead {
        // The channel holds `ahead` tokens: this cannot block or fail.
        let _ = tokens_tx.send(());
    }
    // (sequence number, line number, line): documents are numbered as they are read.
    type Job = (usize, usize, std::io::Result<String>);
    let (jobs_tx, jobs_rx) = mpsc::sync_channel::<Job>(ahead);
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut reader = stdin.lock();
        let mut line = first;
        let mut n = 1;
        let mut seq = 0;
        loop {
            if !line.trim().is_empty() {
                if tokens_rx.recv().is_err() || jobs_tx.send((seq, n, Ok(line))).is_err() {
                    return;
                }
                seq += 1;
            }
            line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) => return,
                Ok(_) => n += 1,
                Err(e) => {
                    let _ = jobs_tx.send((seq, n + 1, Err(e)));
                    return;
                }
            }
        }
    });
    let jobs = std::sync::Mutex::new(jobs_rx);
    let stop = std::sync::atomic::AtomicBool::new(false);
    let path = Path::new("-");
    let (done_tx, done_rx) = mpsc::channel::<Rendered>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (jobs, stop) = (&jobs, &stop);
            scope.spawn(move || {
                loop {
                    if stop.load(std::sync::atomic::Ordering::Relaxed) {
                        return;
                    }
                    // A short wait, so that a stop is seen while the input stays open.
                    let next = match jobs.lock() {
                        Ok(rx) => rx.recv_timeout(std::time::Duration::from_millis(50)),
                        Err(_) => return,
                    };
                    let (seq, n, line) = match next {
                        Ok(job) => job,
                        Err(mpsc::RecvTimeoutError::Timeout) => continue,
                        Err(mpsc::RecvTimeoutError::Disconnected) => return,
                    };
                    let rendered = line.map_err(|e| Error::io(path, e)).and_then(|line| {
                        let doc: Doc = serde_json::from_str(&line).map_err(|e| {
                            Error::parse(
                                path,
                                n,
                                e.column(),
                                format!("expected {{\"id\", \"text\"}}: {e}"),
                            )
                        })?;
                        let claims = match source::extract_document(
                            ex,
                            &Document::parse(doc.id, doc.text),
                        ) {
                            Ok(claims) => claims,
                            Err(e) => return Ok(Err(Error::from(e))),
                        };
                        let mut bytes = Vec::with_capacity(claims.len() * 640);
                        write_claims(&mut bytes, a.format, &claims, false)?;
                        Ok(Ok(bytes))
                    });
                    if done_tx.send((seq, rendered)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        // Results come in any order; each is written once all before it are.
        let mut waiting: BTreeMap<usize, Result<Result<Vec<u8>>>> = BTreeMap::new();
        let mut failures = Failures::default();
        let mut header = true;
        let mut next = 0;
        let result = (|| {
            for (seq, r) in &done_rx {
                waiting.insert(seq, r);
                while let Some(r) = waiting.remove(&next) {
                    next += 1;
                    failures.total += 1;
                    let bytes = match r? {
                        Ok(bytes) => bytes,
                        Err(e) if a.keep_going => {
                            report(&e);
                            failures.failed += 1;
                            Vec::new()
                        }
                        Err(e) => return Err(e),
                    };
                    if header {
                        write_claims(out, a.format, &[], true)?;
                        header = false;
                    }
                    out.write_all(&bytes).map_err(stdout_error)?;
                    out.flush().map_err(stdout_error)?;
                    let _ = tokens_tx.send(());
                }
            }
            failures.done()
        })();
        // Stop the workers (on an error): they end after their current document.
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        drop(done_rx);
        result
    })
}

fn extract_stdin(ex: &Extractor, a: &ExtractArgs, out: &mut dyn Write) -> Result<()> {
    let stdin = std::io::stdin();
    let mut reader = stdin.lock();
    let mut first = String::new();
    reader
        .read_line(&mut first)
        .map_err(|e| Error::io("-", e))?;
    let path = Path::new("-");
    if first.trim_start().starts_with('{') {
        drop(reader);
        let threads = a
            .threads
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(1, std::num::NonZeroUsize::get);
        return extract_json_lines(ex, a, threads, first, out);
    }
    let mut rest = Vec::new();
    std::io::Read::read_to_end(&mut reader, &mut rest).map_err(|e| Error::io(path, e))?;
    let mut bytes = first.into_bytes();
    bytes.extend(rest);
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::parse(
            path,
            0,
            0,
            format!(
                "invalid UTF-8 at byte offset {}",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    let claims = source::extract_document(ex, &Document::parse(a.document_id.clone(), text))?;
    write_claims(out, a.format, &claims, true)
}

/// Failed inputs under `--keep-going`: reported as they fail, summed up at the end.
#[derive(Debug, Default, Clone, Copy)]
struct Failures {
    failed: usize,
    total: usize,
}

impl Failures {
    /// Ok when nothing failed, else the summary error (exit 1).
    fn done(self) -> Result<()> {
        if self.failed == 0 {
            Ok(())
        } else {
            Err(Error::Partial {
                failed: self.failed,
                total: self.total,
            })
        }
    }
}

fn report(e: &Error) {
    eprintln!("claimgraph: error: {e}");
}

/// `FORMAT=FILE` of `--import`.
fn parse_import(s: &str) -> std::result::Result<(ImportFormat, PathBuf), String> {
    let names = || {
        ImportFormat::ALL
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (f, path) = s
        .split_once('=')
        .ok_or_else(|| format!("expected FORMAT=FILE (FORMAT one of {})", names()))?;
    let format = ImportFormat::from_name(f)
        .ok_or_else(|| format!("unknown import format `{f}` (known: {})", names()))?;
    Ok((format, PathBuf::from(path)))
}

fn load_with(
    ex: &Extractor,
    inputs: &[PathBuf],
    graph: &GraphArgs,
) -> Result<(ManuallyDrop<KnowledgeGraph>, Failures, ImportReport)> {
    let mut resolved: Vec<Input> = source::resolve(inputs)?;
    for (format, path) in &graph.imports {
        resolved.push(Input {
            path: path.clone(),
            kind: InputKind::Import(*format),
        });
    }
    if let Some(g) = &graph.graph {
        resolved.push(Input {
            path: g.clone(),
            kind: InputKind::Graph,
        });
    }
    let mut failed = 0;
    let options = ImportOptions {
        strict: graph.strict,
    };
    let (kg, imported, total) = source::load_graph_checked(&resolved, ex, options, &mut |e| {
        if graph.keep_going {
            report(&Error::from(e));
            failed += 1;
            Ok(())
        } else {
            Err(e)
        }
    })?;
    let failures = Failures { failed, total };
    Ok((ManuallyDrop::new(kg), failures, imported))
}

/// One line on the imports: how many records, verified, unverified, quarantined.
fn import_line(r: &ImportReport, quarantine: Option<&Path>) -> String {
    let by: Vec<String> = r
        .quarantined_by_check()
        .into_iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    let mut s = format!(
        "imported {} records from other tools: {} verified, {} unverified (no source text), {} quarantined",
        r.records,
        r.verified,
        r.unverified,
        r.quarantined.len()
    );
    if !by.is_empty() {
        s.push_str(&format!(" ({})", by.join(", ")));
    }
    if let Some(q) = quarantine {
        s.push_str(&format!(" -> {}", q.display()));
    }
    s.push('\n');
    s
}

/// The import counts as JSON (`import` in a JSON summary).
fn import_json(r: &ImportReport, quarantine: Option<&Path>) -> serde_json::Value {
    serde_json::json!({
        "records": r.records,
        "verified": r.verified,
        "unverified": r.unverified,
        "quarantined": r.quarantined.len(),
        "quarantined_by_check": r.quarantined_by_check(),
        "quarantine": quarantine.map(|q| q.display().to_string()),
    })
}

/// Under `--strict`, any quarantined record is an error.
fn strict_done(graph: &GraphArgs, r: &ImportReport, quarantine: Option<&Path>) -> Result<()> {
    if graph.strict && !r.quarantined.is_empty() {
        return Err(Error::Quarantined {
            count: r.quarantined.len(),
            file: quarantine.map(Path::to_path_buf),
        });
    }
    Ok(())
}

/// The graph of the inputs; under `--keep-going` the failures are reported and the
/// command still ends with exit 1 (a partial graph is never taken as a full answer).
///
/// The graph is never dropped: the process ends right after the command, and freeing a
/// million evidence records one by one would cost more than some whole queries.
fn load(
    ex: &Extractor,
    inputs: &[PathBuf],
    graph: &GraphArgs,
) -> Result<ManuallyDrop<KnowledgeGraph>> {
    let (kg, failures, imported) = load_with(ex, inputs, graph)?;
    failures.done()?;
    strict_done(graph, &imported, None)?;
    if !imported.quarantined.is_empty() {
        eprintln!(
            "claimgraph: note: {} imported records failed a check and are left out (`claimgraph build` writes them to its quarantine file)",
            imported.quarantined.len()
        );
    }
    Ok(kg)
}

/// Writes `name count` rows with the counts in one column, however long the names.
fn push_aligned<S: AsRef<str>>(s: &mut String, rows: impl IntoIterator<Item = (S, usize)>) {
    let rows: Vec<(S, usize)> = rows.into_iter().collect();
    let width = rows
        .iter()
        .map(|(name, _)| name.as_ref().chars().count())
        .max()
        .unwrap_or(0)
        .max(12);
    for (name, n) in rows {
        let name = name.as_ref();
        let pad = width - name.chars().count();
        s.push_str(&format!("  {name}{:pad$} {n}\n", ""));
    }
}

fn summary_text(kg: &KnowledgeGraph, vocab: &Vocabulary) -> String {
    let mut s = format!(
        "{} nodes, {}\n",
        kg.node_count(),
        kg.edge_counts().describe()
    );
    s.push_str("nodes by kind:\n");
    push_aligned(
        &mut s,
        kg.nodes_by_kind()
            .into_iter()
            .map(|(k, n)| (k.to_string(), n)),
    );
    s.push_str("claims by relation:\n");
    push_aligned(&mut s, kg.edges_by_relation());
    s.push_str("most connected (edges of every kind):\n");
    let leaders = query::analysis::degree_leaders(kg, 10);
    push_aligned(
        &mut s,
        leaders
            .iter()
            .map(|&(ix, d)| (kg.node(ix).label.as_str(), d)),
    );
    let contra = query::analysis::contradictions(kg, vocab);
    s.push_str(&format!("contradictions: {}\n", contra.len()));
    for c in contra {
        let label = |id: &str| {
            kg.node_index(id)
                .map_or(id.to_string(), |ix| kg.node(ix).label.clone())
        };
        s.push_str(&format!(
            "  {} -> {}: {}\n",
            label(&c.subject),
            label(&c.object),
            c.claims.join(" vs ")
        ));
    }
    s
}

fn summary_json(kg: &KnowledgeGraph, vocab: &Vocabulary) -> serde_json::Value {
    query::analysis::summary(kg, vocab)
}

fn build(ex: &Extractor, a: BuildArgs) -> Result<()> {
    let (kg, failures, imported) = load_with(ex, &a.inputs, &a.graph)?;
    let any_import = imported.records > 0
        || !a.graph.imports.is_empty()
        || source::resolve(&a.inputs)
            .is_ok_and(|r| r.iter().any(|i| matches!(i.kind, InputKind::Import(_))));
    let quarantine = any_import.then(|| {
        a.quarantine.clone().unwrap_or_else(|| {
            a.output
                .parent()
                .unwrap_or(Path::new(""))
                .join("quarantine.jsonl")
        })
    });
    if let Some(q) = &quarantine {
        write_atomic(q, |w| {
            imported.write_quarantine(w).map_err(|e| Error::io(q, e))
        })?;
    }
    // Under --strict a quarantined record fails the build before the graph is saved.
    strict_done(&a.graph, &imported, quarantine.as_deref())?;
    write_atomic(&a.output, |w| {
        kg.save(w).map_err(|e| Error::io(&a.output, e))
    })?;
    let text = match a.format {
        TextOrJson::Text => {
            let mut s = format!(
                "saved {}\n{}",
                a.output.display(),
                summary_text(&kg, ex.vocabulary())
            );
            if any_import {
                s.push_str(&import_line(&imported, quarantine.as_deref()));
            }
            s
        }
        TextOrJson::Json => {
            let mut v = summary_json(&kg, ex.vocabulary());
            if any_import && let Some(o) = v.as_object_mut() {
                o.insert(
                    "import".to_string(),
                    import_json(&imported, quarantine.as_deref()),
                );
            }
            format!("{v}\n")
        }
    };
    emit(None, |out| {
        out.write_all(text.as_bytes()).map_err(stdout_error)
    })?;
    failures.done()
}

fn stats(ex: &Extractor, a: StatsArgs) -> Result<()> {
    let kg = load(ex, &a.inputs, &a.graph)?;
    let text = match a.format {
        TextOrJson::Text => summary_text(&kg, ex.vocabulary()),
        TextOrJson::Json => format!("{}\n", summary_json(&kg, ex.vocabulary())),
    };
    emit(None, |out| {
        out.write_all(text.as_bytes()).map_err(stdout_error)
    })
}

fn check(ex: &Extractor, a: CheckArgs) -> Result<()> {
    let (kg, failures, imported) = load_with(ex, &a.inputs, &a.graph)?;
    failures.done()?;
    let mut report = claimgraph::check::check(ex.lexicon(), ex.vocabulary(), &kg);
    // Imported records that failed a check: errors under --strict, else warnings (they
    // are left out of the graph, not lost).
    if !imported.quarantined.is_empty() {
        report.groups.push(claimgraph::check::Group {
            check: "imported record quarantined",
            severity: if a.graph.strict {
                claimgraph::check::Severity::Error
            } else {
                claimgraph::check::Severity::Warning
            },
            findings: imported
                .quarantined
                .iter()
                .map(|q| format!("{}: {}: {}", q.source, q.check.name(), q.reason))
                .collect(),
        });
    }
    if imported.unverified > 0 {
        report.groups.push(claimgraph::check::Group {
            check: "imported without source text (verified: false)",
            severity: claimgraph::check::Severity::Warning,
            findings: vec![format!("{} records", imported.unverified)],
        });
    }
    let text = match a.format {
        TextOrJson::Json => format!("{}\n", serde_json::to_string(&report).unwrap_or_default()),
        TextOrJson::Text => {
            let mut s = String::new();
            if report.groups.is_empty() {
                s.push_str("no findings\n");
            }
            for g in &report.groups {
                let sev = match g.severity {
                    claimgraph::check::Severity::Error => "error",
                    claimgraph::check::Severity::Warning => "warning",
                };
                s.push_str(&format!("{sev}: {} ({})\n", g.check, g.findings.len()));
                for f in &g.findings {
                    s.push_str(&format!("  {f}\n"));
                }
            }
            s
        }
    };
    emit(None, |out| {
        out.write_all(text.as_bytes()).map_err(stdout_error)
    })?;
    let errors: usize = report
        .groups
        .iter()
        .filter(|g| g.severity == claimgraph::check::Severity::Error)
        .map(|g| g.findings.len())
        .sum();
    if errors > 0 {
        Err(Error::CheckFailed(errors))
    } else {
        Ok(())
    }
}

fn resolve_name(kg: &KnowledgeGraph, name: &str) -> Result<petgraph::stable_graph::NodeIndex> {
    Ok(claimgraph::resolve(kg, name)?)
}

fn check_relations(ex: &Extractor, relations: &[String]) -> Result<()> {
    for r in relations {
        if !ex.vocabulary().contains(r) {
            return Err(Error::Usage(format!(
                "unknown relation `{r}` in --relations (known: {})",
                ex.vocabulary().known_names()
            )));
        }
    }
    Ok(())
}

fn paths(ex: &Extractor, a: PathsArgs) -> Result<()> {
    let (names, inputs): (&[String], &[String]) = if a.batch.is_some() {
        (&[], &a.positionals)
    } else if a.positionals.len() < 2 {
        return Err(Error::Usage(
            "`paths` needs FROM and TO (or --batch PAIRS.tsv)".into(),
        ));
    } else {
        a.positionals.split_at(2)
    };
    check_relations(ex, &a.relations)?;
    let inputs: Vec<PathBuf> = inputs.iter().map(PathBuf::from).collect();
    let started = thread_cpu_time();
    let kg = load(ex, &inputs, &a.graph)?;
    let loaded = thread_cpu_time().saturating_sub(started);
    let filter = query::Filter {
        include_negated: a.include_negated,
        undirected: a.undirected,
        no_hierarchy: a.no_hierarchy,
        relations: a.relations.clone(),
        kinds: a.kinds.clone(),
        min_confidence: a.min_confidence,
    };
    let mode = query::Mode::choose(a.weighted, a.k, a.max_hops);
    let opts = query::PathOptions {
        filter: filter.clone(),
        mode,
        sign: a.sign,
        limit: a.limit,
    };
    let q = query::Query::new(&kg, ex.vocabulary(), filter);
    // Time spent resolving names and searching, per query.
    let searching = std::cell::RefCell::new(Vec::<std::time::Duration>::new());
    let one = |from: &str, to: &str| -> Result<(query::PathsAnswer, Vec<query::Path>)> {
        let t0 = thread_cpu_time();
        let f = resolve_name(&kg, from)?;
        let t = resolve_name(&kg, to)?;
        let found = q.paths(f, t, &opts);
        searching
            .borrow_mut()
            .push(thread_cpu_time().saturating_sub(t0));
        Ok((query::answer(&kg, f, t, &found), found.paths))
    };
    if let Some(batch) = &a.batch {
        let text = source::read_text(batch)?;
        let answering = thread_cpu_time();
        let result = emit(None, |out| {
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let row = match line.split_once('\t') {
                    Some((f, t)) => one(f.trim(), t.trim()).map(|(ans, _)| ans),
                    None => Err(Error::parse(batch, i + 1, 1, "expected FROM<TAB>TO")),
                };
                let rendered = match (row, a.format) {
                    (Ok(ans), PathFormat::Text) => paths_text(&ans),
                    (Ok(ans), _) => {
                        format!("{}\n", serde_json::to_string(&ans).unwrap_or_default())
                    }
                    (Err(e), PathFormat::Text) => format!("line {}: error: {e}\n", i + 1),
                    (Err(e), _) => format!(
                        "{}\n",
                        serde_json::json!({"line": i + 1, "query": line, "error": e.to_string()})
                    ),
                };
                out.write_all(rendered.as_bytes()).map_err(stdout_error)?;
            }
            Ok(())
        });
        if std::env::var_os("CLAIMGRAPH_TIMINGS").is_some() {
            let mut each = searching.take();
            each.sort_unstable();
            let spent: std::time::Duration = each.iter().sum();
            let n = each.len();
            let median = each.get(n / 2).copied().unwrap_or_default();
            eprintln!(
                "timings (CPU time of this thread): load {:.3} ms; {n} queries: search {:.3} ms (mean {:.1} µs, median {:.1} µs), with answers and output {:.3} ms",
                loaded.as_secs_f64() * 1e3,
                spent.as_secs_f64() * 1e3,
                spent.as_secs_f64() * 1e6 / n.max(1) as f64,
                median.as_secs_f64() * 1e6,
                thread_cpu_time().saturating_sub(answering).as_secs_f64() * 1e3,
            );
        }
        return result;
    }
    let (answer, found) = one(&names[0], &names[1])?;
    if let Some(format) = a.format.export() {
        let (nodes, highlight) = export::focus::path_parts(&kg, &found);
        let sub = export::focus::induced(&kg, &nodes);
        if format.is_picture() {
            a.picture
                .check("these paths", sub.node_count(), sub.claim_count())?;
        }
        return emit(None, |out| {
            Ok(export::write_highlighted(
                &sub,
                ex.vocabulary(),
                format,
                &highlight,
                out,
            )?)
        });
    }
    let bytes = match a.format {
        PathFormat::Text => paths_text(&answer).into_bytes(),
        _ => format!("{}\n", serde_json::to_string(&answer).unwrap_or_default()).into_bytes(),
    };
    emit(None, |out| out.write_all(&bytes).map_err(stdout_error))
}

fn neighbors(ex: &Extractor, a: NeighborsArgs) -> Result<()> {
    let (name, inputs) = a.positionals.split_at(1);
    check_relations(ex, &a.relations)?;
    let inputs: Vec<PathBuf> = inputs.iter().map(PathBuf::from).collect();
    let kg = load(ex, &inputs, &a.graph)?;
    let center = resolve_name(&kg, &name[0])?;
    let hood = query::neighborhood(&kg, center, a.depth, &a.relations, a.include_negated);
    let text = match a.format {
        TextOrJson::Json => format!("{}\n", serde_json::to_string(&hood).unwrap_or_default()),
        TextOrJson::Text => {
            let mut s = format!(
                "{} ({}, {}): {} within {} hop{}\n",
                hood.center.label,
                hood.center.kind,
                hood.center.id,
                hood.counts.describe(),
                a.depth,
                if a.depth == 1 { "" } else { "s" }
            );
            let mut depth = 0;
            for c in &hood.claims {
                if c.depth != depth {
                    depth = c.depth;
                    // The edges the search reaches at each hop out from the centre.
                    let at = if depth == 1 {
                        format!("at {}", hood.center.label)
                    } else {
                        format!("{} hops out", depth)
                    };
                    s.push_str(&format!("{at}:\n"));
                }
                let neg = if c.negated { "NOT " } else { "" };
                let what = match c.confidence {
                    Some(confidence) => {
                        format!("confidence {confidence:.2}, {} evidence", c.evidence)
                    }
                    None => format!("{} link, not a claim", c.edge),
                };
                s.push_str(&format!(
                    "  {} --{}{}--> {}  ({what})\n",
                    c.from.label, neg, c.relation, c.to.label
                ));
            }
            s
        }
    };
    emit(None, |out| {
        out.write_all(text.as_bytes()).map_err(stdout_error)
    })
}

fn explain(ex: &Extractor, a: ExplainArgs) -> Result<()> {
    let (names, inputs) = a.positionals.split_at(3);
    let relation = &names[1];
    if !ex.vocabulary().contains(relation) && relation != "has-member" {
        return Err(Error::Usage(format!(
            "unknown relation `{relation}` (known: {})",
            ex.vocabulary().known_names()
        )));
    }
    let inputs: Vec<PathBuf> = inputs.iter().map(PathBuf::from).collect();
    let kg = load(ex, &inputs, &a.graph)?;
    let from = resolve_name(&kg, &names[0])?;
    let to = resolve_name(&kg, &names[2])?;
    let e = query::explain(&kg, from, relation, to);
    let text = match a.format {
        TextOrJson::Json => format!("{}\n", serde_json::to_string(&e).unwrap_or_default()),
        TextOrJson::Text => {
            let mut s = String::new();
            if e.claims.is_empty() {
                s.push_str(&format!(
                    "no `{}` claim from {} to {}\n",
                    relation, e.from.label, e.to.label
                ));
            }
            for c in &e.claims {
                let neg = if c.negated { "NOT " } else { "" };
                s.push_str(&format!(
                    "{} --{}{}--> {}  [{}; confidence {:.2}; {} evidence]\n",
                    e.from.label,
                    neg,
                    relation,
                    e.to.label,
                    c.id,
                    c.confidence,
                    c.evidence.len()
                ));
                for ev in &c.evidence {
                    let cites = if ev.citations.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ", sources {}",
                            ev.citations
                                .iter()
                                .map(u64::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    };
                    let hedge = if ev.hedged { ", hedged" } else { "" };
                    s.push_str(&format!(
                        "  \"{}\"\n    ({}{}{}{})\n",
                        ev.sentence,
                        ev.document,
                        ev.section
                            .as_deref()
                            .map(|x| format!(", {x}"))
                            .unwrap_or_default(),
                        cites,
                        hedge
                    ));
                    let ctx: Vec<String> = [
                        ("species", &ev.species),
                        ("population", &ev.population),
                        ("tissue", &ev.tissue),
                    ]
                    .iter()
                    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}")))
                    .collect();
                    if !ctx.is_empty() {
                        s.push_str(&format!("    context: {}\n", ctx.join("; ")));
                    }
                }
            }
            s
        }
    };
    emit(None, |out| {
        out.write_all(text.as_bytes()).map_err(stdout_error)
    })
}

fn sign_word(sign: &str) -> &'static str {
    match sign {
        "+" => "+ (activation)",
        "-" => "- (inhibition)",
        _ => "0 (unsigned)",
    }
}

fn paths_text(a: &query::PathsAnswer) -> String {
    let mut s = String::new();
    if a.paths.is_empty() {
        s.push_str(&format!(
            "no path from {} to {}\n",
            a.from.label, a.to.label
        ));
        return s;
    }
    if a.truncated {
        s.push_str("note: more paths exist than were listed (raise --limit)\n");
    }
    s.push_str(&format!(
        "{} -> {}: {} path{}\n",
        a.from.label,
        a.to.label,
        a.paths.len(),
        if a.paths.len() == 1 { "" } else { "s" }
    ));
    for (i, p) in a.paths.iter().enumerate() {
        let n = p.hops.len();
        s.push_str(&format!(
            "\npath {} ({} hop{})  net effect {}\n",
            i + 1,
            n,
            if n == 1 { "" } else { "s" },
            sign_word(p.sign)
        ));
        for h in &p.hops {
            let neg = if h.negated { "NOT " } else { "" };
            let conf = h
                .confidence
                .map_or(String::new(), |c| format!("  [confidence {c:.2}]"));
            // A hop walked against its claim shows the claim's own direction.
            let (l, r) = if h.reversed {
                ("<--", "--")
            } else {
                ("--", "-->")
            };
            s.push_str(&format!(
                "  {} {l}{neg}{}{r} {}{conf}\n",
                h.from.label, h.relation, h.to.label
            ));
            for e in &h.evidence {
                let cites = if e.citations.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", sources {}",
                        e.citations
                            .iter()
                            .map(u64::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                let hedge = if e.hedged { ", hedged" } else { "" };
                s.push_str(&format!(
                    "      \"{}\"\n        ({}{}{})\n",
                    e.sentence, e.document, cites, hedge
                ));
            }
        }
    }
    s
}

/// The focused graph an export asks for (`None`: the whole graph) and the claims to
/// highlight; a note on stderr says what the focus left out.
fn focused(
    ex: &Extractor,
    kg: &KnowledgeGraph,
    f: &FocusArgs,
) -> Result<(Option<KnowledgeGraph>, std::collections::BTreeSet<String>)> {
    check_relations(
        ex,
        f.relations
            .iter()
            .filter(|r| *r != claimgraph::vocab::HAS_MEMBER)
            .cloned()
            .collect::<Vec<_>>()
            .as_slice(),
    )?;
    if !(0.0..=1.0).contains(&f.min_confidence) {
        return Err(Error::Usage(format!(
            "--min-confidence {}: expected a number from 0 to 1",
            f.min_confidence
        )));
    }
    let mut focus = export::focus::Focus {
        depth: f.depth,
        relations: f.relations.clone(),
        kinds: f.kinds.clone(),
        min_confidence: f.min_confidence,
        max_nodes: f.max_nodes,
        ..Default::default()
    };
    for name in &f.around {
        focus.around.push(resolve_name(kg, name)?);
    }
    let mut highlight = std::collections::BTreeSet::new();
    if let [from, to] = f.paths_between.as_slice() {
        let filter = query::Filter {
            relations: f.relations.clone(),
            kinds: f.kinds.clone(),
            min_confidence: f.min_confidence,
            ..Default::default()
        };
        let (s, t) = (resolve_name(kg, from)?, resolve_name(kg, to)?);
        let opts = query::PathOptions {
            filter: filter.clone(),
            mode: query::Mode::Shortest,
            sign: None,
            limit: 10,
        };
        let found = query::Query::new(kg, ex.vocabulary(), filter).paths(s, t, &opts);
        if found.paths.is_empty() {
            return Err(Error::Usage(format!(
                "--paths-between: no path from `{from}` to `{to}`"
            )));
        }
        let (nodes, claims) = export::focus::path_parts(kg, &found.paths);
        focus.include = nodes;
        highlight = claims;
        // The paths' entities are the picture; the filters chose the paths.
        focus.relations.clear();
        focus.kinds.clear();
        focus.min_confidence = 0.0;
    }
    if focus.is_whole() {
        return Ok((None, highlight));
    }
    let out = export::focus::focus(kg, &focus);
    if out.nodes_left_out > 0 || out.claims_left_out > 0 {
        let cut = if out.cut_by_max_nodes > 0 {
            format!(
                " ({} of them by --max-nodes, which keeps the most connected)",
                out.cut_by_max_nodes
            )
        } else {
            String::new()
        };
        eprintln!(
            "note: the focus keeps {} of {} entities and {} of {} claims; left out {} entities{cut} and {} claims",
            out.graph.node_count(),
            kg.node_count(),
            out.graph.claim_count(),
            kg.claim_count(),
            out.nodes_left_out,
            out.claims_left_out,
        );
    }
    Ok((Some(out.graph), highlight))
}

fn export_cmd(ex: &Extractor, a: ExportArgs) -> Result<()> {
    let whole = load(ex, &a.inputs, &a.graph)?;
    let (part, highlight) = focused(ex, &whole, &a.focus)?;
    let kg = part.as_ref().unwrap_or(&whole);
    if a.format.is_picture() {
        let what = if part.is_some() {
            format!("`--format {}` of the focused graph", a.format)
        } else {
            format!("`--format {}` of the whole graph", a.format)
        };
        a.picture.check(&what, kg.node_count(), kg.claim_count())?;
    }
    if a.format.is_multi_file() {
        let Some(dir) = a.out.as_deref() else {
            return Err(Error::Usage(format!(
                "`--format {}` writes several files: give a directory with --out DIR",
                a.format
            )));
        };
        return Ok(export::write_dir(kg, ex.vocabulary(), a.format, dir)?);
    }
    // Every format streams: into a temporary file renamed at the end (the old file stays
    // whole if anything fails), or straight to standard output.
    emit(a.out.as_deref(), |out| {
        Ok(export::write_highlighted(
            kg,
            ex.vocabulary(),
            a.format,
            &highlight,
            out,
        )?)
    })
}
