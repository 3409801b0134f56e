//! Train claimgraph's learned reader on the GENIA event corpus, or cross-validate it.
//!
//! `claimgraph-train --out graph/model` writes `reader.bin` and `PROVENANCE.toml`;
//! `claimgraph-train --cross-validate 5` trains on four fifths of the abstracts (folds
//! fixed by PubMed id), extracts the held-out fifth with the full extractor, scores it
//! with the shared scorer and prints per-fold and micro-averaged precision, recall, F1.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::Parser;

use claimgraph::claim;
use claimgraph::document::Document;
use claimgraph::extract::reader::genia::{Abstract, fold_of};
use claimgraph::extract::reader::syntax::TreebankAbstract;
use claimgraph::extract::reader::train::{self, Options};
use claimgraph::extract::reader::{ClaimModel, FEATURE_VERSION, Reader};
use claimgraph::extract::reader::{deps, events};
use claimgraph::extract::{Extractor, Mode};

#[derive(Parser, Debug)]
#[command(about = "Train or cross-validate claimgraph's learned reader")]
struct Args {
    /// The GENIA event-corpus XML directory.
    #[arg(long, default_value = "../shared/corpus/genia-train/xml")]
    genia: PathBuf,
    /// The GENIA treebank XML directory (part-of-speech tags).
    #[arg(long, default_value = "../shared/corpus/genia-treebank/xml")]
    treebank: PathBuf,
    /// Where to write reader.bin and PROVENANCE.toml.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Leave out abstracts whose PubMed ids name files in this directory (the dev set).
    #[arg(long, default_value = "../shared/corpus/genia-dev")]
    exclude: PathBuf,
    /// Cross-validate with this many folds instead of writing a model.
    #[arg(long)]
    cross_validate: Option<u64>,
    /// The held-out text + gold directory scored in cross-validation.
    #[arg(long, default_value = "../shared/corpus/genia-train/eval")]
    eval: PathBuf,
    /// The shared directory (for tools/score_claims.py).
    #[arg(long, default_value = "../shared")]
    shared: PathBuf,
    /// Where cross-validation writes each fold's claims.
    #[arg(long, default_value = "target/cross-validation")]
    cv_out: PathBuf,
    /// Which readers produce claims in cross-validation: rules, learned or both.
    #[arg(long, default_value = "both")]
    mode: String,
    /// Train on only the first N abstracts (for quick checks and tests).
    #[arg(long)]
    subset: Option<usize>,
    /// Lower the pair model's "no claim" score by this much in cross-validation.
    #[arg(long)]
    bias: Option<f32>,
    /// Which model states claims in cross-validation: pairs, events or union.
    #[arg(long, default_value = "events")]
    claims: String,
    /// Lower the trigger model's "not a trigger" score by this much in cross-validation.
    #[arg(long, default_value_t = claimgraph::extract::reader::TRIGGER_BIAS)]
    trigger_bias: f32,
    /// Lower the argument model's "no role" score by this much in cross-validation.
    #[arg(long, default_value_t = claimgraph::extract::reader::ARG_BIAS)]
    arg_bias: f32,
    /// Tagger passes.
    #[arg(long)]
    tagger_epochs: Option<usize>,
    /// Pair-model passes.
    #[arg(long)]
    pair_epochs: Option<usize>,
    /// Argument-model passes.
    #[arg(long)]
    arg_epochs: Option<usize>,
    /// Trigger-model passes.
    #[arg(long)]
    trigger_epochs: Option<usize>,
    /// log2 of the trigger, argument, part-of-speech, chunk and parser models' feature rows.
    #[arg(long)]
    event_bits: Option<u32>,
    /// Dependency-parser passes.
    #[arg(long)]
    parse_epochs: Option<usize>,
    /// Time the bundled reader's syntax (tagging, chunking, parsing) on the treebank
    /// sentences, N passes, and print microseconds per sentence; trains nothing.
    #[arg(long)]
    bench_syntax: Option<usize>,
    /// In cross-validation, read negation and hedging from the cue lists alone, not the
    /// polarity models.
    #[arg(long)]
    cue_polarity: bool,
}

fn excluded(dir: &Path) -> HashSet<String> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return HashSet::new();
    };
    rd.filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.split('.').next().map(str::to_string)
        })
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .collect()
}

fn main() -> Result<()> {
    let args = Args::parse();
    let mut opts = Options::default();
    if let Some(e) = args.tagger_epochs {
        opts.tagger_epochs = e;
    }
    if let Some(e) = args.pair_epochs {
        opts.pair_epochs = e;
    }
    if let Some(e) = args.arg_epochs {
        opts.arg_epochs = e;
    }
    if let Some(e) = args.trigger_epochs {
        opts.trigger_epochs = e;
    }
    if let Some(b) = args.event_bits {
        opts.event_bits = b;
    }
    if let Some(e) = args.parse_epochs {
        opts.parse_epochs = e;
    }
    let skip = excluded(&args.exclude);
    let mut files = train::files_without(&args.genia, &skip)?;
    let mut tree_files = train::files_without(&args.treebank, &skip)?;
    if let Some(n) = args.subset {
        files.truncate(n);
        tree_files.truncate(n);
    }
    let abstracts: Vec<Abstract> =
        train::load_files(&files).with_context(|| format!("reading {}", args.genia.display()))?;
    let treebank: Vec<TreebankAbstract> = train::load_treebank(&tree_files)
        .with_context(|| format!("reading {}", args.treebank.display()))?;
    eprintln!(
        "{} event abstracts, {} treebank abstracts",
        abstracts.len(),
        treebank.len()
    );
    if let Some(passes) = args.bench_syntax {
        bench_syntax(&treebank, passes);
        return Ok(());
    }
    if let Some(k) = args.cross_validate {
        return cross_validate(&args, &abstracts, &treebank, k, opts);
    }
    let Some(out) = &args.out else {
        bail!("give --out DIR to write a model, or --cross-validate K");
    };
    let all: Vec<&Abstract> = abstracts.iter().collect();
    let trees: Vec<&TreebankAbstract> = treebank.iter().collect();
    let reader = train::train(&all, &trees, opts);
    let bytes = reader.to_bytes();
    std::fs::create_dir_all(out)?;
    std::fs::write(out.join("reader.bin"), &bytes)?;
    let inputs_files: Vec<PathBuf> = files.iter().chain(&tree_files).cloned().collect();
    let inputs = train::inputs_checksum(&inputs_files)?;
    let model = train::checksum([bytes.as_slice()]);
    let subset = args
        .subset
        .map_or(String::new(), |n| format!(" --subset {n}"));
    let provenance = format!(
        "# How graph/model/reader.bin was made (written by claimgraph-train).\n\
         command = \"cargo run --release --bin claimgraph-train -- --out graph/model{subset}\"\n\
         data = \"{}\"\n\
         abstracts = {}\n\
         treebank = \"{}\"\n\
         treebank_abstracts = {}\n\
         feature_version = {FEATURE_VERSION}\n\
         tagger_epochs = {}\n\
         pair_epochs = {}\n\
         trigger_epochs = {}\n\
         arg_epochs = {}\n\
         pos_epochs = {}\n\
         polarity_epochs = {}\n\
         parse_epochs = {}\n\
         # FNV-1a 64 over the training files, then the treebank files (names and bytes),\n\
         # graph/genia-kinds.toml,\n\
         # graph/words/*.txt, graph/relations.toml and the feature version.\n\
         inputs_checksum = \"{inputs:016x}\"\n\
         model_checksum = \"{model:016x}\"\n\
         model_bytes = {}\n",
        args.genia.display(),
        abstracts.len(),
        args.treebank.display(),
        treebank.len(),
        opts.tagger_epochs,
        opts.pair_epochs,
        opts.trigger_epochs,
        opts.arg_epochs,
        opts.pos_epochs,
        opts.polarity_epochs,
        opts.parse_epochs,
        bytes.len()
    );
    std::fs::write(out.join("PROVENANCE.toml"), provenance)?;
    eprintln!(
        "wrote {} ({} bytes)",
        out.join("reader.bin").display(),
        bytes.len()
    );
    Ok(())
}

fn cross_validate(
    args: &Args,
    abstracts: &[Abstract],
    treebank: &[TreebankAbstract],
    k: u64,
    opts: Options,
) -> Result<()> {
    let mode = match args.mode.as_str() {
        "rules" => Mode::Rules,
        "learned" => Mode::Learned,
        "both" => Mode::Both,
        m => bail!("unknown mode `{m}` (rules, learned or both)"),
    };
    let scorer = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/score_dev.py");
    let _ = std::fs::remove_dir_all(&args.cv_out);
    for fold in 0..k {
        let train_set: Vec<&Abstract> = abstracts
            .iter()
            .filter(|a| fold_of(&a.pmid, k) != fold)
            .collect();
        let held: HashSet<&str> = abstracts
            .iter()
            .filter(|a| fold_of(&a.pmid, k) == fold)
            .map(|a| a.pmid.as_str())
            .collect();
        // The held-out fold's parses stay out of the part-of-speech tagger's training.
        let trees: Vec<&TreebankAbstract> = treebank
            .iter()
            .filter(|t| !held.contains(t.pmid.as_str()))
            .collect();
        let mut reader = train::train(&train_set, &trees, opts);
        if let Some(b) = args.bias {
            reader = reader.with_bias(b);
        }
        let claim_model = match args.claims.as_str() {
            "pairs" => ClaimModel::Pairs,
            "events" => ClaimModel::Events,
            "union" => ClaimModel::Union,
            m => bail!("unknown claim model `{m}` (pairs, events or union)"),
        };
        reader = reader
            .with_polarity_models(!args.cue_polarity)
            .with_claim_model(claim_model)
            .with_event_biases(args.trigger_bias, args.arg_bias);
        let (mut right, mut all, mut chunked) = (0usize, 0usize, 0usize);
        let (mut attached, mut scored) = (0usize, 0usize);
        for t in treebank.iter().filter(|t| held.contains(t.pmid.as_str())) {
            for tagged in &t.sentences {
                let s = reader.retag(&tagged.sent);
                all += tagged.tags.len();
                right += s
                    .pos
                    .iter()
                    .zip(&tagged.tags)
                    .filter(|(a, b)| a == b)
                    .count();
                chunked += s
                    .chunks
                    .iter()
                    .zip(&tagged.chunks)
                    .filter(|(a, b)| a == b)
                    .count();
                let (r, n) = deps::attachment(&s.heads, &tagged.heads, &tagged.tags);
                attached += r;
                scored += n;
            }
        }
        eprintln!(
            "  chunk tags: {:.3} of the same tokens",
            chunked as f64 / all.max(1) as f64
        );
        eprintln!(
            "  part of speech: {:.3} of {all} held-out treebank tokens; dependencies: UAS {:.3} of {scored} (punctuation excluded)",
            right as f64 / all.max(1) as f64,
            attached as f64 / scored.max(1) as f64
        );
        stage_report(
            &reader,
            abstracts.iter().filter(|a| held.contains(a.pmid.as_str())),
        );
        let ex = Extractor::bundled()
            .with_reader(Arc::new(reader))
            .with_mode(mode);
        let dir = args.cv_out.join(format!("fold-{fold}"));
        std::fs::create_dir_all(&dir)?;
        for pmid in &held {
            let txt = args.eval.join(format!("{pmid}.txt"));
            let Ok(text) = std::fs::read_to_string(&txt) else {
                continue; // abstracts without claims have no evaluation file
            };
            let claims = ex.extract(&Document::parse(pmid.to_string(), text));
            let mut out = Vec::new();
            claim::write_jsonl(&mut out, &claims)?;
            std::fs::write(dir.join(format!("{pmid}.jsonl")), out)?;
        }
        let status = Command::new("python3")
            .arg(&scorer)
            .arg("--score-dir")
            .arg(&dir)
            .arg(&args.eval)
            .arg(&args.shared)
            .arg("--name")
            .arg(format!("fold {fold}"))
            .status()
            .context("running the scorer")?;
        if !status.success() {
            bail!("scorer failed on fold {fold}");
        }
    }
    let status = Command::new("python3")
        .arg(&scorer)
        .arg("--score-dir")
        .arg(&args.cv_out)
        .arg(&args.eval)
        .arg(&args.shared)
        .arg("--name")
        .arg("micro")
        .status()
        .context("running the scorer")?;
    if !status.success() {
        bail!("scorer failed");
    }
    Ok(())
}

/// Per-stage figures on the held-out fold: the tagger's mentions against the gold
/// mentions (exact token spans), and the pair model on the gold mentions.
fn stage_report<'a>(reader: &Reader, held: impl Iterator<Item = &'a Abstract>) {
    let (mut tp, mut pred, mut gold) = (0usize, 0usize, 0usize);
    let (mut ctp, mut cpred, mut cgold) = (0usize, 0usize, 0usize);
    let (mut etp, mut epred, mut gtp, mut gpred) = (0usize, 0usize, 0usize, 0usize);
    let (mut otp, mut opred, mut ttp, mut tpred, mut tgold) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut roles = [0usize; 9];
    // Negation on the gold claims with a trigger: (gold, predicted) counts, model and cues.
    let mut neg_model = [0usize; 4];
    let mut neg_cues = [0usize; 4];
    let cues = claimgraph::extract::reader::polarity::Cues::bundled();
    for ab in held {
        for ex in &ab.examples {
            let sent = reader.retag(&ex.sent);
            let spans = reader.tag(&sent);
            pred += spans.len();
            gold += ex.mentions.len();
            tp += spans
                .iter()
                .filter(|s| {
                    ex.mentions
                        .iter()
                        .any(|m| m.start == s.start && m.end == s.end)
                })
                .count();
            cgold += ex.claims.len();
            // The event model on the gold mentions: with its own triggers, with the gold
            // triggers, and (the decoder's ceiling) with the gold triggers and roles.
            let score = |found: Vec<events::Decoded>, tp: &mut usize, pred: &mut usize| {
                for d in found {
                    *pred += 1;
                    if ex.claims.contains(&(d.subject, d.family, d.object)) {
                        *tp += 1;
                    }
                }
            };
            let predicted = reader.triggers(&sent, &ex.mentions);
            score(
                reader.decode_events(&sent, &ex.mentions, &predicted),
                &mut etp,
                &mut epred,
            );
            let gold_triggers: Vec<(usize, usize, f32)> =
                ex.triggers.iter().map(|&(k, c)| (k, c, 1.0)).collect();
            score(
                reader.decode_events(&sent, &ex.mentions, &gold_triggers),
                &mut gtp,
                &mut gpred,
            );
            let oracle = events::decode(&ex.mentions, &gold_triggers, |t, _, target| {
                let role = ex.role(t, target);
                (role, 1.0)
            });
            score(oracle, &mut otp, &mut opred);
            for p in &ex.polarity {
                let (Some(&a), Some(&b), Some(t)) = (
                    ex.mentions.get(p.subject),
                    ex.mentions.get(p.object),
                    p.trigger,
                ) else {
                    continue;
                };
                let (negated, _) = reader.polarity(&sent, a, b, t);
                let first = a.start.min(b.start).min(t);
                let last = a.start.max(b.start).max(t);
                let cued = cues.negated(&sent, first, last);
                let gold = usize::from(p.negated) * 2;
                if let Some(c) = neg_model.get_mut(gold + usize::from(negated)) {
                    *c += 1;
                }
                if let Some(c) = neg_cues.get_mut(gold + usize::from(cued)) {
                    *c += 1;
                }
            }
            // Roles on the gold triggers and mentions: gold role × predicted role.
            for &(t, class) in &ex.triggers {
                if class == events::EXPRESSION {
                    continue;
                }
                for m in 0..ex.mentions.len() {
                    let target = events::Target::Mention(m);
                    if !events::in_reach(&ex.mentions, t, target) {
                        continue;
                    }
                    let gold_role = ex.role(t, target);
                    let (r, _) = reader.role(&sent, t, class, target, &ex.mentions);
                    if let Some(cell) = roles.get_mut(gold_role * 3 + r) {
                        *cell += 1;
                    }
                }
            }
            let gold_set: Vec<usize> = ex.triggers.iter().map(|&(k, _)| k).collect();
            ttp += predicted
                .iter()
                .filter(|p| ex.triggers.contains(&(p.0, p.1)))
                .count();
            tpred += predicted.len();
            tgold += gold_set.len();
            for (i, &a) in ex.mentions.iter().enumerate() {
                for (j, &b) in ex.mentions.iter().enumerate() {
                    if i == j {
                        continue;
                    }
                    let c = reader.classify(&sent, a, b, &ex.mentions);
                    if c != 0 {
                        cpred += 1;
                        if ex.claims.contains(&(i, c, j)) {
                            ctp += 1;
                        }
                    }
                }
            }
        }
    }
    let prf = |tp: usize, p: usize, g: usize| {
        let (p, r) = (tp as f64 / p.max(1) as f64, tp as f64 / g.max(1) as f64);
        format!(
            "P {p:.3} R {r:.3} F1 {:.3}",
            2.0 * p * r / (p + r).max(1e-9)
        )
    };
    eprintln!(
        "  tagger (exact spans): {}; pairs on gold mentions: {}",
        prf(tp, pred, gold),
        prf(ctp, cpred, cgold)
    );
    let neg_prf = |m: &[usize; 4]| prf(m[3], m[1] + m[3], m[2] + m[3]);
    eprintln!(
        "  negation of gold claims: model {}; cue lists {}",
        neg_prf(&neg_model),
        neg_prf(&neg_cues)
    );
    let role_prf = |r: usize| {
        let tp = roles.get(r * 3 + r).copied().unwrap_or(0);
        let pred: usize = (0..3).filter_map(|g| roles.get(g * 3 + r)).sum();
        let gold: usize = (0..3).filter_map(|p| roles.get(r * 3 + p)).sum();
        prf(tp, pred, gold)
    };
    eprintln!(
        "  roles on gold triggers and mentions (regulation triggers): theme {}; cause {}; gold theme read as cause {}, cause as theme {}",
        role_prf(events::THEME),
        role_prf(events::CAUSE),
        roles
            .get(events::THEME * 3 + events::CAUSE)
            .copied()
            .unwrap_or(0),
        roles
            .get(events::CAUSE * 3 + events::THEME)
            .copied()
            .unwrap_or(0)
    );
    eprintln!(
        "  triggers: {}; events on gold mentions: {}; with gold triggers: {}; gold triggers and roles: {}",
        prf(ttp, tpred, tgold),
        prf(etp, epred, cgold),
        prf(gtp, gpred, cgold),
        prf(otp, opred, cgold)
    );
}

/// The calling thread's CPU time in seconds (so that other load on the machine does not
/// count); wall time elsewhere.
#[cfg(target_os = "linux")]
fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes it.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

#[cfg(not(target_os = "linux"))]
fn cpu_seconds() -> f64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64()
}

/// Time the bundled reader's syntax on the treebank sentences: the whole chain (tags,
/// chunks, heads) and the parser alone, best of `passes`, in microseconds of CPU time per sentence.
fn bench_syntax(treebank: &[TreebankAbstract], passes: usize) {
    let reader = Reader::bundled();
    let sents: Vec<_> = treebank
        .iter()
        .flat_map(|t| &t.sentences)
        .map(|t| reader.retag(&t.sent))
        .collect();
    let tokens: usize = sents.iter().map(|s| s.len()).sum();
    let n = sents.len().max(1) as f64;
    let (mut chain, mut parse) = (f64::INFINITY, f64::INFINITY);
    let mut check = 0usize;
    for _ in 0..passes.max(1) {
        let t = cpu_seconds();
        for s in &sents {
            check += reader.retag(s).heads.len();
        }
        chain = chain.min(cpu_seconds() - t);
        let t = cpu_seconds();
        for s in &sents {
            check += reader.parse(s).len();
        }
        parse = parse.min(cpu_seconds() - t);
    }
    eprintln!(
        "{} sentences, {:.1} tokens each (checksum {check}): tag + chunk + parse {:.1} µs CPU/sentence, parse alone {:.1} µs CPU/sentence",
        sents.len(),
        tokens as f64 / n,
        chain / n * 1e6,
        parse / n * 1e6
    );
}
