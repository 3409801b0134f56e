//! Claims from sentences: the hand-written rules, and the learned reader (`reader`)
//! beside them.
//!
//! The rules are a deterministic, explainable pattern reader. For each sentence they
//! find entity mentions (the lexicon), trigger phrases (the vocabulary), and for each
//! trigger its object (the first argument after it, through "the expression of",
//! exemplification and coordination) and its subject (the nearest argument before it,
//! the antecedent of a relative clause, the agent of a passive, or the subject shared
//! with a coordinated verb before it). Every claim records the trigger that produced it.
//!
//! One module a stage, in the order a sentence goes through them:
//!
//! - `tokens`: words, punctuation and mentions as tokens;
//! - `mentions`: the lexicon's and the given mentions, extended through head and class
//!   nouns, as arguments; `abbrev`: the document's own short names; `anaphora`: "they",
//!   "this combination";
//! - `tagging`: the sentence under analysis, its tokens marked (contrasts, locations,
//!   relative clauses) and its triggers found (`triggers`);
//! - `groups`: coordination and combinations; `objects` and `subjects`: each trigger's
//!   arguments;
//! - `polarity`: negation and hedging; `context`: species, populations and tissues;
//! - `claims`: the claims of a trigger, each once, and the learned reader's merged in.
//!
//! No rule here knows any particular document: the rules are about English sentence
//! structure, and the words they use are data: the lists in `graph/words/rules/`, read
//! once by the `words` module. The relations they name themselves are in `relations`.

pub(crate) mod abbrev;
mod anaphora;
mod claims;
mod context;
mod groups;
mod mentions;
mod objects;
mod polarity;
pub mod reader;
mod relations;
mod subjects;
mod tagging;
mod tokens;
pub(crate) mod triggers;
mod words;

use crate::claim::{Claim, EntityRef};
use crate::document::{Document, Layout, Sentence};
use crate::lexicon::{Kind, Lexicon, Matcher, Mention, normalize_label};
use crate::vocab::Vocabulary;

use abbrev::LocalNames;
use anaphora::{Discourse, resolve_anaphora};
pub use mentions::GivenMention;
use mentions::{SentenceMentions, given_spans};
use tagging::Analysis;
use triggers::Triggers;

/// The extractor: a lexicon, a vocabulary, and the matchers compiled from them.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Lexicon,
    matcher: Matcher,
    vocab: Vocabulary,
    triggers: Triggers,
    by_name: rustc_hash::FxHashMap<String, usize>,
    reader: std::sync::Arc<reader::Reader>,
    mode: Mode,
}

/// Which readers produce claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The hand-written rules only.
    Rules,
    /// The learned reader only.
    Learned,
    /// Both, merged (a claim both state is kept once, from the rules).
    #[default]
    Both,
}

impl Extractor {
    /// An extractor over a lexicon and a vocabulary.
    pub fn new(lexicon: Lexicon, vocab: Vocabulary) -> Extractor {
        let matcher = lexicon.matcher();
        let triggers = Triggers::new(&vocab);
        let mut by_name = rustc_hash::FxHashMap::default();
        for (i, e) in lexicon.entities().iter().enumerate() {
            for n in std::iter::once(&e.label).chain(&e.synonyms) {
                by_name.entry(normalize_label(n)).or_insert(i);
            }
        }
        Extractor {
            lexicon,
            matcher,
            vocab,
            triggers,
            by_name,
            reader: reader::Reader::bundled(),
            mode: Mode::default(),
        }
    }

    /// This extractor with another learned reader (a model trained elsewhere).
    pub fn with_reader(mut self, reader: std::sync::Arc<reader::Reader>) -> Extractor {
        self.reader = reader;
        self
    }

    /// This extractor with a choice of readers.
    pub fn with_mode(mut self, mode: Mode) -> Extractor {
        self.mode = mode;
        self
    }

    /// The learned reader in use.
    pub fn reader(&self) -> &reader::Reader {
        &self.reader
    }

    /// The bundled lexicon and vocabulary.
    pub fn bundled() -> Extractor {
        Extractor::new(Lexicon::bundled(), Vocabulary::bundled())
    }

    /// The vocabulary in use.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The mention matcher compiled from the lexicon.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Every claim of a document, in text order.
    pub fn extract(&self, doc: &Document) -> Vec<Claim> {
        self.extract_with_mentions(doc, &[])
    }

    /// Every claim of a document whose entity mentions are partly given (annotations
    /// that came with it, such as PubTator's in BioC): each given span is a mention of
    /// its entity (the lexicon's when it has the id, else one of the document's own),
    /// in place of any mention the lexicon or the document's abbreviations find that
    /// overlaps it; the rest of the text is read as by [`Extractor::extract`]. Given
    /// spans that are empty, out of the text, off character boundaries or overlapping an
    /// earlier given span are left out.
    pub fn extract_with_mentions(&self, doc: &Document, given: &[GivenMention]) -> Vec<Claim> {
        let mut out = Vec::new();
        let mut discourse = Discourse::default();
        let title_entities = self.entities_in(&doc.title);
        let mut last_paragraph = usize::MAX;
        let mut last_combination: Option<EntityRef> = None;
        let mut local = LocalNames::of(doc, &self.lexicon, &self.matcher);
        let given = given_spans(&self.lexicon, doc, given, &mut local);
        let local = local;
        for sentence in &doc.sentences {
            if sentence.paragraph != last_paragraph {
                last_paragraph = sentence.paragraph;
                let heading = doc.paragraphs[sentence.paragraph]
                    .section
                    .as_deref()
                    .map(|h| self.entities_in(h));
                discourse = Discourse {
                    topic: heading
                        .filter(|h| !h.is_empty())
                        .unwrap_or_else(|| title_entities.clone()),
                    last_subject: Vec::new(),
                    last_combination: last_combination.clone(),
                };
            }
            self.extract_sentence(doc, sentence, &local, &given, &mut discourse, &mut out);
            if discourse.last_combination.is_some() {
                last_combination = discourse.last_combination.clone();
            }
        }
        out
    }

    /// The claims of one sentence, added to `out`; the discourse is updated for the
    /// sentences after it.
    fn extract_sentence(
        &self,
        doc: &Document,
        sentence: &Sentence,
        local: &LocalNames,
        given: &[Mention],
        discourse: &mut Discourse,
        out: &mut Vec<Claim>,
    ) {
        let text = &doc.text;
        let SentenceMentions {
            mut toks,
            mut args,
            given,
        } = self.mentions(text, sentence, local, given);
        resolve_anaphora(&mut toks, &mut args, discourse, text);
        let s = Sentence {
            start: sentence.start,
            end: sentence.end,
            paragraph: sentence.paragraph,
        };
        let analysis = Analysis::new(self, toks, args, text);
        let mut claims = if self.mode == Mode::Learned {
            Vec::new()
        } else {
            analysis.claims(doc, &s)
        };
        // The learned reader was trained on abstracts; research summaries (glued
        // citation runs) are a genre of their own that the rules read.
        let learned_genre = self.mode == Mode::Learned || doc.layout != Layout::Summary;
        if self.mode != Mode::Rules && learned_genre {
            self.add_learned(doc, &s, &given, &mut claims);
        }
        // Discourse: the sentence's first group is a topic when it has several members.
        if let Some(g) = analysis.first_group() {
            let refs = analysis.refs_of(&g);
            if refs.len() > 1 && !g.combination {
                discourse.topic = refs.clone();
            }
            discourse.last_subject = refs;
        }
        for c in &claims {
            if c.subject.kind == Kind::Combination {
                discourse.last_combination = Some(c.subject.clone());
            }
        }
        out.extend(claims);
    }
}
