//! Training the reader from the GENIA event corpus: deterministic (fixed seeds, fixed
//! file order, fixed floating-point order), so the same data gives the same model bytes.

use std::path::{Path, PathBuf};

use super::deps;
use super::events::{self, Target};
use super::genia::{self, Abstract};
use super::pairs::{self, TriggerStems};
use super::perceptron::{Perceptron, Trainer, shuffle};
use super::polarity::{self, Cues};
use super::syntax::{self, TreebankAbstract};
use super::tagging;
use super::{KindTable, Reader};
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::vocab::Vocabulary;

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Passes over the sentences for the tagger.
    pub tagger_epochs: usize,
    /// Passes over the candidate pairs for the pair model.
    pub pair_epochs: usize,
    /// log2 of the tagger's feature rows.
    pub tagger_bits: u32,
    /// log2 of the pair model's feature rows.
    pub pair_bits: u32,
    /// Passes over the tokens for the trigger model.
    pub trigger_epochs: usize,
    /// Passes over the trigger-argument candidates for the argument model.
    pub arg_epochs: usize,
    /// log2 of the trigger, argument and part-of-speech models' feature rows.
    pub event_bits: u32,
    /// Passes over the treebank for the part-of-speech tagger.
    pub pos_epochs: usize,
    /// Passes over the treebank for the dependency parser.
    pub parse_epochs: usize,
    /// Passes over the gold claims for the negation and hedging models.
    pub polarity_epochs: usize,
    /// The shuffle seed.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            tagger_epochs: 8,
            pair_epochs: 10,
            tagger_bits: 18,
            pair_bits: 18,
            trigger_epochs: 8,
            arg_epochs: 10,
            event_bits: 18,
            pos_epochs: 5,
            parse_epochs: 8,
            polarity_epochs: 10,
            seed: 0x0005_eedc_1a13,
        }
    }
}

/// The XML files of a GENIA directory, sorted by name.
pub fn xml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let io = |e| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Read the abstracts of a GENIA directory, in file-name order.
pub fn load(dir: &Path) -> Result<Vec<Abstract>> {
    load_files(&xml_files(dir)?)
}

/// Read GENIA XML files, in the order given.
pub fn load_files(files: &[PathBuf]) -> Result<Vec<Abstract>> {
    let table = KindTable::bundled();
    let matcher = Lexicon::bundled().matcher();
    let kind_of = |c: &str| table.index_of(c);
    files
        .iter()
        .map(|p| {
            let xml = std::fs::read_to_string(p).map_err(|e| Error::Io {
                path: p.clone(),
                source: e,
            })?;
            genia::parse(&xml, p, &matcher, &kind_of)
        })
        .collect()
}

/// Read GENIA treebank XML files, in the order given.
pub fn load_treebank(files: &[PathBuf]) -> Result<Vec<TreebankAbstract>> {
    let matcher = Lexicon::bundled().matcher();
    files
        .iter()
        .map(|p| {
            let xml = std::fs::read_to_string(p).map_err(|e| Error::Io {
                path: p.clone(),
                source: e,
            })?;
            syntax::parse(&xml, p, &matcher)
        })
        .collect()
}

/// The XML files of a corpus directory whose PubMed ids (file stems) are not in `skip`.
pub fn files_without(dir: &Path, skip: &std::collections::HashSet<String>) -> Result<Vec<PathBuf>> {
    let mut files = xml_files(dir)?;
    files.retain(|f| {
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        !skip.contains(&stem)
    });
    Ok(files)
}

/// Train a reader on `abstracts` (events and terms) and `treebank` (syntax).
pub fn train(abstracts: &[&Abstract], treebank: &[&TreebankAbstract], opts: Options) -> Reader {
    let table = KindTable::bundled();
    // Part-of-speech tags first: every later model reads them, as the tagger predicts
    // them (not the treebank's), so training sees what extraction will.
    let tagged: Vec<&syntax::Tagged> = treebank.iter().flat_map(|a| &a.sentences).collect();
    let pos = syntax::train(&tagged, opts.pos_epochs, opts.event_bits, opts.seed);
    let chunker = syntax::train_chunker(&tagged, &pos, opts.pos_epochs, opts.event_bits, opts.seed);
    let parser = deps::train(
        &tagged,
        &pos,
        &chunker,
        (opts.parse_epochs, opts.event_bits, opts.seed),
    );
    let owned: Vec<genia::Example> = abstracts
        .iter()
        .flat_map(|a| &a.examples)
        .map(|ex| {
            let mut ex = ex.clone();
            ex.sent.pos = syntax::tag(&pos, &ex.sent);
            ex.sent.chunks = syntax::chunk(&chunker, &ex.sent);
            ex.sent.heads = deps::parse(&parser, &ex.sent);
            ex
        })
        .collect();
    let examples: Vec<&genia::Example> = owned.iter().collect();
    // The tagger.
    let mut trainer = Trainer::new(tagging::tag_count(table.kinds.len()), opts.tagger_bits);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    for epoch in 0..opts.tagger_epochs {
        shuffle(&mut order, opts.seed.wrapping_add(epoch as u64));
        for &i in &order {
            let Some(ex) = examples.get(i) else { continue };
            let gold = tagging::gold_tags(ex.sent.len(), &ex.mentions);
            tagging::train_sentence(&mut trainer, &ex.sent, &gold);
        }
    }
    let tagger = trainer.finish();
    // The pair model, over the gold mentions' ordered pairs.
    let triggers = TriggerStems::new(&Vocabulary::bundled());
    let mut cands: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (e, ex) in examples.iter().enumerate() {
        for (i, a) in ex.mentions.iter().enumerate() {
            for (j, b) in ex.mentions.iter().enumerate() {
                if i == j || a.start.max(b.start) > a.start.min(b.start) + pairs::MAX_PAIR_TOKENS {
                    continue;
                }
                let label = ex
                    .claims
                    .iter()
                    .find(|c| c.0 == i && c.2 == j)
                    .map_or(0, |c| c.1);
                cands.push((e, i, j, label));
            }
        }
    }
    let mut trainer = Trainer::new(pairs::CLASSES, opts.pair_bits);
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    for epoch in 0..opts.pair_epochs {
        shuffle(&mut cands, opts.seed.wrapping_add(1000 + epoch as u64));
        for &(e, i, j, label) in &cands {
            let Some(ex) = examples.get(e) else { continue };
            let (Some(&a), Some(&b)) = (ex.mentions.get(i), ex.mentions.get(j)) else {
                continue;
            };
            pairs::features(&ex.sent, a, b, &ex.mentions, &triggers, &mut feats);
            trainer.current().scores(&feats, &mut scores);
            let p = Perceptron::best(&scores).0;
            trainer.update(&feats, label, p);
        }
    }
    let pairs = trainer.finish();
    let (trigger, args) = train_events(&examples, &triggers, opts);
    let (negation, hedging) = train_polarity(&examples, opts);
    Reader::new(tagger, pairs, trigger, args, pos, chunker, parser).with_polarity(negation, hedging)
}

/// The negation and hedging models, trained on the gold claims with a trigger.
fn train_polarity(examples: &[&genia::Example], opts: Options) -> (Perceptron, Perceptron) {
    let cues = Cues::bundled();
    let mut cands: Vec<(usize, usize)> = Vec::new();
    for (e, ex) in examples.iter().enumerate() {
        for (k, p) in ex.polarity.iter().enumerate() {
            if p.trigger.is_some() {
                cands.push((e, k));
            }
        }
    }
    let mut neg = Trainer::new(polarity::CLASSES, polarity::BITS);
    let mut hedge = Trainer::new(polarity::CLASSES, polarity::BITS);
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    for epoch in 0..opts.polarity_epochs {
        shuffle(&mut cands, opts.seed.wrapping_add(4000 + epoch as u64));
        for &(e, k) in &cands {
            let Some(ex) = examples.get(e) else { continue };
            let Some(p) = ex.polarity.get(k) else {
                continue;
            };
            let (Some(&a), Some(&b), Some(t)) = (
                ex.mentions.get(p.subject),
                ex.mentions.get(p.object),
                p.trigger,
            ) else {
                continue;
            };
            polarity::features(&ex.sent, a, b, t, &cues, &mut feats);
            neg.current().scores(&feats, &mut scores);
            let guess = Perceptron::best(&scores).0;
            neg.update(&feats, usize::from(p.negated), guess);
            hedge.current().scores(&feats, &mut scores);
            let guess = Perceptron::best(&scores).0;
            hedge.update(&feats, usize::from(p.hedged), guess);
        }
    }
    (neg.finish(), hedge.finish())
}

/// The event model's two classifiers, trained on the gold mentions and triggers.
fn train_events(
    examples: &[&genia::Example],
    stems: &TriggerStems,
    opts: Options,
) -> (Perceptron, Perceptron) {
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    // Triggers: every token of every sentence.
    let mut tokens: Vec<(usize, usize, usize)> = Vec::new();
    for (e, ex) in examples.iter().enumerate() {
        for i in 0..ex.sent.len() {
            let class = ex
                .triggers
                .iter()
                .find(|&&(k, _)| k == i)
                .map_or(0, |&(_, c)| c);
            tokens.push((e, i, class));
        }
    }
    let mut trainer = Trainer::new(events::TRIGGERS.len(), opts.event_bits);
    for epoch in 0..opts.trigger_epochs {
        shuffle(&mut tokens, opts.seed.wrapping_add(2000 + epoch as u64));
        for &(e, i, class) in &tokens {
            let Some(ex) = examples.get(e) else { continue };
            events::trigger_features(&ex.sent, i, &ex.mentions, stems, &mut feats);
            trainer.current().scores(&feats, &mut scores);
            let p = Perceptron::best(&scores).0;
            trainer.update(&feats, class, p);
        }
    }
    let trigger = trainer.finish();
    // Arguments: each gold trigger with every mention in reach, and a regulation trigger
    // with every other expression trigger in reach.
    let mut cands: Vec<(usize, usize, usize, Target, usize)> = Vec::new();
    for (e, ex) in examples.iter().enumerate() {
        for &(t, class) in &ex.triggers {
            let role = |target: Target| ex.role(t, target);
            for m in 0..ex.mentions.len() {
                let target = Target::Mention(m);
                if events::in_reach(&ex.mentions, t, target) {
                    cands.push((e, t, class, target, role(target)));
                }
            }
            if class == events::EXPRESSION {
                continue;
            }
            for &(k, inner) in &ex.triggers {
                let target = Target::Trigger(k);
                if inner == events::EXPRESSION
                    && k != t
                    && events::in_reach(&ex.mentions, t, target)
                {
                    cands.push((e, t, class, target, role(target)));
                }
            }
        }
    }
    let mut trainer = Trainer::new(events::ROLES.len(), opts.event_bits);
    for epoch in 0..opts.arg_epochs {
        shuffle(&mut cands, opts.seed.wrapping_add(3000 + epoch as u64));
        for &(e, t, class, target, role) in &cands {
            let Some(ex) = examples.get(e) else { continue };
            events::arg_features(&ex.sent, t, class, target, &ex.mentions, stems, &mut feats);
            trainer.current().scores(&feats, &mut scores);
            let p = Perceptron::best(&scores).0;
            trainer.update(&feats, role, p);
        }
    }
    (trigger, trainer.finish())
}

/// FNV-1a 64 of some byte strings, each followed by its length (for provenance).
pub fn checksum<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |b: u8| h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    for p in parts {
        for &b in p {
            feed(b);
        }
        for b in (p.len() as u64).to_le_bytes() {
            feed(b);
        }
    }
    h
}

/// The checksum of everything a model is made from: the training files (names and
/// bytes), the kind table, the cue lists, the vocabulary's text and the feature version.
pub fn inputs_checksum(files: &[PathBuf]) -> Result<u64> {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    for f in files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        parts.push(name.into_bytes());
        parts.push(std::fs::read(f).map_err(|e| Error::Io {
            path: f.clone(),
            source: e,
        })?);
    }
    parts.push(super::KIND_TABLE.as_bytes().to_vec());
    parts.push(super::NEGATION_WORDS.as_bytes().to_vec());
    parts.push(super::HEDGE_WORDS.as_bytes().to_vec());
    parts.push(super::RELATIONS.as_bytes().to_vec());
    parts.push(super::FEATURE_VERSION.to_le_bytes().to_vec());
    Ok(checksum(parts.iter().map(Vec::as_slice)))
}
