//! Training the reader from the GENIA event corpus: deterministic (fixed seeds, fixed
//! file order, fixed floating-point order), so the same data gives the same model bytes.

use std::path::{Path, PathBuf};

use super::genia::{self, Abstract};
use super::pairs::{self, TriggerStems};
use super::perceptron::{Perceptron, Trainer, shuffle};
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
            seed: 0x5eed_c1a1_3,
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

/// Train a reader on `abstracts`.
pub fn train(abstracts: &[&Abstract], opts: Options) -> Reader {
    let table = KindTable::bundled();
    let examples: Vec<&genia::Example> = abstracts.iter().flat_map(|a| &a.examples).collect();
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
    Reader::new(tagger, trainer.finish())
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
