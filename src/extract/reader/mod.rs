//! The learned reader: a mention tagger and a claim model over mention pairs, both
//! averaged perceptrons trained on the GENIA event corpus (`claimgraph-train`), with
//! negation and hedging read from cue lists.
//!
//! The bundled model (`graph/model/reader.bin`) is compiled into the library and parsed
//! once, on first use.

pub mod deps;
pub mod events;
pub mod genia;
pub mod pairs;
pub mod perceptron;
pub mod polarity;
pub mod syntax;
pub mod tagging;
pub mod tokens;
pub mod train;

use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::lexicon::{Kind, Matcher};
use crate::vocab::Vocabulary;
use pairs::{FAMILIES, TriggerStems};
use perceptron::Perceptron;
use polarity::Cues;
use tagging::Span;
use tokens::Sent;

/// The version of the feature code. Bump it whenever a feature function changes: the
/// committed model's provenance records it, and a test fails when it is stale.
pub const FEATURE_VERSION: u32 = 7;

/// The kind table, as text (`graph/genia-kinds.toml`).
pub const KIND_TABLE: &str = include_str!("../../../graph/genia-kinds.toml");
/// The negation cues (`graph/words/negation.txt`).
pub const NEGATION_WORDS: &str = include_str!("../../../graph/words/negation.txt");
/// The hedging cues (`graph/words/hedge.txt`).
pub const HEDGE_WORDS: &str = include_str!("../../../graph/words/hedge.txt");
/// The relation vocabulary the trigger features read (`graph/relations.toml`).
pub const RELATIONS: &str = include_str!("../../../graph/relations.toml");
/// The bundled model bytes.
const MODEL: &[u8] = include_bytes!("../../../graph/model/reader.bin");

/// The GENIA-class-to-kind table and the relation named for each family.
#[derive(Debug, Clone, Deserialize)]
pub struct KindTable {
    /// The kinds the tagger distinguishes, in tag order.
    pub kinds: Vec<Kind>,
    /// The kind of a class not listed.
    pub default: Kind,
    /// GENIA class → kind.
    pub classes: std::collections::BTreeMap<String, Kind>,
    /// Family (`up`, `down`, `assoc`) → relation name.
    pub relations: std::collections::BTreeMap<String, String>,
}

impl KindTable {
    /// Parse the table.
    pub fn parse(text: &str) -> Result<KindTable> {
        toml::from_str(text).map_err(|e| Error::Parse {
            location: Location::file("graph/genia-kinds.toml"),
            message: e.to_string(),
        })
    }

    /// The bundled table.
    pub fn bundled() -> KindTable {
        // The bundled table is checked by the tests; a broken one is a build defect.
        KindTable::parse(KIND_TABLE).unwrap_or_else(|_| KindTable {
            kinds: vec![Kind::Protein],
            default: Kind::Protein,
            classes: Default::default(),
            relations: Default::default(),
        })
    }

    /// The tag-kind index of a GENIA class (`(AND X Y)` takes X's).
    pub fn index_of(&self, class: &str) -> usize {
        let first = class
            .trim_start_matches('(')
            .split_whitespace()
            .find(|w| !matches!(*w, "AND" | "OR" | "BUT_NOT" | "NOT"))
            .unwrap_or(class)
            .trim_end_matches(')');
        let kind = self.classes.get(first).copied().unwrap_or(self.default);
        self.kinds.iter().position(|&k| k == kind).unwrap_or(0)
    }
}

/// A claim the reader found in a sentence; spans are byte offsets in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The subject mention's span.
    pub subject: (usize, usize),
    /// The subject's kind.
    pub subject_kind: Kind,
    /// The object mention's span.
    pub object: (usize, usize),
    /// The object's kind.
    pub object_kind: Kind,
    /// The relation (a name of the vocabulary).
    pub relation: String,
    /// The model's margin for the predicted family over "no claim".
    pub score: f32,
    /// A negation cue denies it.
    pub negated: bool,
    /// A hedging cue qualifies it.
    pub hedged: bool,
    /// The trigger word's span, when a vocabulary trigger lies between the mentions.
    pub trigger: Option<(usize, usize)>,
}

/// Which model states the reader's claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClaimModel {
    /// The pair model over every two mentions.
    Pairs,
    /// The event model: triggers and their arguments.
    #[default]
    Events,
    /// Both, each claim once.
    Union,
}

/// The best class once class 0 ("none") is lowered by `bias`, and its margin over
/// class 0's own (unlowered) score.
fn over_none(scores: &mut [f32], bias: f32) -> (usize, f32) {
    let none = scores.first().copied().unwrap_or(0.0);
    if let Some(s0) = scores.first_mut() {
        *s0 -= bias;
    }
    let (class, best) = Perceptron::best(scores);
    (class, best - none)
}

/// The trained models and the tables they need.
#[derive(Debug, Clone)]
pub struct Reader {
    tagger: Perceptron,
    pairs: Perceptron,
    trigger: Perceptron,
    args: Perceptron,
    pos: Perceptron,
    chunker: Perceptron,
    parser: Perceptron,
    negation: Perceptron,
    hedging: Perceptron,
    polarity_models: bool,
    claim_model: ClaimModel,
    trigger_bias: f32,
    arg_bias: f32,
    table: KindTable,
    triggers: TriggerStems,
    cues: Cues,
    relations: Vec<String>,
    bias: f32,
}

/// How much the pair model's "no claim" score is lowered before it is compared with the
/// families' (chosen by cross-validation: the perceptron favours the frequent "no claim").
pub const CLAIM_BIAS: f32 = 30.0;

/// How much the trigger model's "not a trigger" score is lowered (by cross-validation).
pub const TRIGGER_BIAS: f32 = 0.0;

/// How much the argument model's "no role" score is lowered (by cross-validation).
pub const ARG_BIAS: f32 = 15.0;

impl Reader {
    /// The bundled model, parsed on first use and shared.
    pub fn bundled() -> Arc<Reader> {
        static BUNDLED: OnceLock<Arc<Reader>> = OnceLock::new();
        BUNDLED
            .get_or_init(|| Arc::new(Reader::from_bytes(MODEL).unwrap_or_else(|_| Reader::empty())))
            .clone()
    }

    /// A reader that finds nothing (an untrained model).
    pub fn empty() -> Reader {
        let table = KindTable::bundled();
        Reader::new(
            Perceptron::new(tagging::tag_count(table.kinds.len()), 1),
            Perceptron::new(pairs::CLASSES, 1),
            Perceptron::new(events::TRIGGERS.len(), 1),
            Perceptron::new(events::ROLES.len(), 1),
            Perceptron::new(syntax::TAGS.len(), 1),
            Perceptron::new(syntax::CHUNK_TAGS, 1),
            Perceptron::new(deps::TRANSITIONS.len(), 1),
        )
    }

    fn new(
        tagger: Perceptron,
        pairs: Perceptron,
        trigger: Perceptron,
        args: Perceptron,
        pos: Perceptron,
        chunker: Perceptron,
        parser: Perceptron,
    ) -> Reader {
        let table = KindTable::bundled();
        let vocab = Vocabulary::bundled();
        let relations = FAMILIES
            .iter()
            .map(|f| {
                table
                    .relations
                    .get(*f)
                    .filter(|r| vocab.contains(r))
                    .cloned()
                    .unwrap_or_else(|| {
                        vocab
                            .relations()
                            .first()
                            .map(|r| r.name.clone())
                            .unwrap_or_default()
                    })
            })
            .collect();
        Reader {
            tagger,
            pairs,
            trigger,
            args,
            pos,
            chunker,
            parser,
            negation: Perceptron::new(polarity::CLASSES, 1),
            hedging: Perceptron::new(polarity::CLASSES, 1),
            polarity_models: true,
            claim_model: ClaimModel::default(),
            trigger_bias: TRIGGER_BIAS,
            arg_bias: ARG_BIAS,
            triggers: TriggerStems::new(&vocab),
            table,
            cues: Cues::bundled(),
            relations,
            bias: CLAIM_BIAS,
        }
    }

    /// A reader from model bytes written by [`Reader::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Reader> {
        let bad = |m: &str| Error::Parse {
            location: Location::file("graph/model/reader.bin"),
            message: m.to_string(),
        };
        let rest = bytes
            .strip_prefix(b"CGRD")
            .ok_or_else(|| bad("not a reader model"))?;
        let (version, rest) = rest.split_at_checked(4).ok_or_else(|| bad("truncated"))?;
        let version = u32::from_le_bytes([version[0], version[1], version[2], version[3]]);
        if version != FEATURE_VERSION {
            return Err(bad(&format!(
                "model built for feature version {version}, this build has {FEATURE_VERSION}"
            )));
        }
        let (tagger, rest) = Perceptron::from_bytes(rest)?;
        let (pairs, rest) = Perceptron::from_bytes(rest)?;
        let (trigger, rest) = Perceptron::from_bytes(rest)?;
        let (args, rest) = Perceptron::from_bytes(rest)?;
        let (pos, rest) = Perceptron::from_bytes(rest)?;
        let (chunker, rest) = Perceptron::from_bytes(rest)?;
        let (negation, rest) = Perceptron::from_bytes(rest)?;
        let (hedging, rest) = Perceptron::from_bytes(rest)?;
        let (parser, rest) = Perceptron::from_bytes(rest)?;
        if !rest.is_empty() {
            return Err(bad("trailing bytes"));
        }
        Ok(
            Reader::new(tagger, pairs, trigger, args, pos, chunker, parser)
                .with_polarity(negation, hedging),
        )
    }

    /// The model as bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = b"CGRD".to_vec();
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        self.tagger.to_bytes(&mut out);
        self.pairs.to_bytes(&mut out);
        self.trigger.to_bytes(&mut out);
        self.args.to_bytes(&mut out);
        self.pos.to_bytes(&mut out);
        self.chunker.to_bytes(&mut out);
        self.negation.to_bytes(&mut out);
        self.hedging.to_bytes(&mut out);
        self.parser.to_bytes(&mut out);
        out
    }

    /// This reader with trained polarity models (negation, hedging).
    pub fn with_polarity(mut self, negation: Perceptron, hedging: Perceptron) -> Reader {
        self.negation = negation;
        self.hedging = hedging;
        self
    }

    /// This reader with polarity from the cue lists alone (`false`) or, where a claim has
    /// a trigger, from the polarity models (`true`, the default).
    pub fn with_polarity_models(mut self, on: bool) -> Reader {
        self.polarity_models = on;
        self
    }

    /// Whether the claim `a` (subject) → `b` (object) through the trigger at `t` is
    /// negated and whether hedged, by the polarity models.
    pub fn polarity(&self, s: &Sent, a: Span, b: Span, t: usize) -> (bool, bool) {
        let mut feats = Vec::new();
        let mut scores = Vec::new();
        polarity::features(s, a, b, t, &self.cues, &mut feats);
        self.negation.scores(&feats, &mut scores);
        let negated = Perceptron::best(&scores).0 == 1;
        self.hedging.scores(&feats, &mut scores);
        let hedged = Perceptron::best(&scores).0 == 1;
        (negated, hedged)
    }

    /// This reader with another claim model.
    pub fn with_claim_model(mut self, model: ClaimModel) -> Reader {
        self.claim_model = model;
        self
    }

    /// This reader with other trigger and argument biases (see [`TRIGGER_BIAS`]).
    pub fn with_event_biases(mut self, trigger: f32, arg: f32) -> Reader {
        self.trigger_bias = trigger;
        self.arg_bias = arg;
        self
    }

    /// Tokenise `text[start..end]`, tag its parts of speech, chunk it and parse it.
    pub fn sentence(&self, text: &str, start: usize, end: usize, matcher: &Matcher) -> Sent {
        let mut s = Sent::new(text, start, end, matcher);
        s.pos = syntax::tag(&self.pos, &s);
        s.chunks = syntax::chunk(&self.chunker, &s);
        s.heads = deps::parse(&self.parser, &s);
        s
    }

    /// A copy of a tokenised sentence with this reader's part-of-speech and chunk tags
    /// and dependency heads.
    pub fn retag(&self, s: &Sent) -> Sent {
        let mut s = s.clone();
        s.pos = syntax::tag(&self.pos, &s);
        s.chunks = syntax::chunk(&self.chunker, &s);
        s.heads = deps::parse(&self.parser, &s);
        s
    }

    /// The dependency heads this reader gives a tagged and chunked sentence.
    pub fn parse(&self, s: &Sent) -> Vec<u32> {
        deps::parse(&self.parser, s)
    }

    /// The chunk tags this reader gives a part-of-speech-tagged sentence.
    pub fn chunk(&self, s: &Sent) -> Vec<u8> {
        syntax::chunk(&self.chunker, s)
    }

    /// The event model's triggers in a sentence: (token, class, margin over "none").
    pub fn triggers(&self, s: &Sent, mentions: &[Span]) -> Vec<(usize, usize, f32)> {
        let mut feats = Vec::new();
        let mut scores = Vec::new();
        let mut out = Vec::new();
        for i in 0..s.len() {
            events::trigger_features(s, i, mentions, &self.triggers, &mut feats);
            self.trigger.scores(&feats, &mut scores);
            let (class, margin) = over_none(&mut scores, self.trigger_bias);
            if class != 0 {
                out.push((i, class, margin));
            }
        }
        out
    }

    /// The event model's claims in a sentence, over `mentions` and `triggers`.
    pub fn decode_events(
        &self,
        s: &Sent,
        mentions: &[Span],
        triggers: &[(usize, usize, f32)],
    ) -> Vec<events::Decoded> {
        let mut feats = Vec::with_capacity(128);
        let mut scores = Vec::with_capacity(events::ROLES.len());
        events::decode(mentions, triggers, |t, class, target| {
            self.role_with(s, t, class, target, mentions, &mut feats, &mut scores)
        })
    }

    /// The role (and its margin over "no role") that `target` plays for the trigger at
    /// token `t` of class `class`.
    pub fn role(
        &self,
        s: &Sent,
        t: usize,
        class: usize,
        target: events::Target,
        mentions: &[Span],
    ) -> (usize, f32) {
        self.role_with(
            s,
            t,
            class,
            target,
            mentions,
            &mut Vec::new(),
            &mut Vec::new(),
        )
    }

    /// [`Reader::role`] with the caller's feature and score buffers (one allocation per
    /// sentence, not per candidate).
    #[allow(clippy::too_many_arguments)]
    fn role_with(
        &self,
        s: &Sent,
        t: usize,
        class: usize,
        target: events::Target,
        mentions: &[Span],
        feats: &mut Vec<u64>,
        scores: &mut Vec<f32>,
    ) -> (usize, f32) {
        events::arg_features(s, t, class, target, mentions, &self.triggers, feats);
        self.args.scores(feats, scores);
        over_none(scores, self.arg_bias)
    }

    /// This reader with another "no claim" bias (see [`CLAIM_BIAS`]).
    pub fn with_bias(mut self, bias: f32) -> Reader {
        self.bias = bias;
        self
    }

    /// The kind table in use.
    pub fn table(&self) -> &KindTable {
        &self.table
    }

    fn kind(&self, span: Span) -> Kind {
        self.table
            .kinds
            .get(span.kind)
            .copied()
            .unwrap_or(self.table.default)
    }

    /// The tagger's mentions of a tokenised sentence.
    pub fn tag(&self, s: &Sent) -> Vec<Span> {
        tagging::tidy(s, tagging::spans(&tagging::tag(&self.tagger, s)))
    }

    /// The pair model's class (0: no claim, else family index + 1) for subject `a` and
    /// object `b` among `mentions`.
    pub fn classify(&self, s: &Sent, a: Span, b: Span, mentions: &[Span]) -> usize {
        let mut feats = Vec::new();
        let mut scores = Vec::new();
        pairs::features(s, a, b, mentions, &self.triggers, &mut feats);
        self.pairs.scores(&feats, &mut scores);
        Perceptron::best(&scores).0
    }

    /// The mentions the tagger finds in `text[start..end]`, as byte spans and kinds.
    pub fn mentions(
        &self,
        text: &str,
        start: usize,
        end: usize,
        matcher: &Matcher,
    ) -> Vec<(usize, usize, Kind)> {
        let s = self.sentence(text, start, end, matcher);
        self.tag(&s)
            .into_iter()
            .filter_map(|m| {
                Some((
                    s.spans.get(m.start)?.0,
                    s.spans.get(m.end.checked_sub(1)?)?.1,
                    self.kind(m),
                ))
            })
            .collect()
    }

    /// Every claim the reader finds in the sentence `text[start..end]`.
    pub fn read(&self, text: &str, start: usize, end: usize, matcher: &Matcher) -> Vec<Found> {
        let s = self.sentence(text, start, end, matcher);
        let mentions = self.tag(&s);
        let mut out: Vec<Found> = Vec::new();
        let span_of = |m: Span| -> Option<(usize, usize)> {
            Some((
                s.spans.get(m.start)?.0,
                s.spans.get(m.end.checked_sub(1)?)?.1,
            ))
        };
        let push = |out: &mut Vec<Found>,
                    a: Span,
                    b: Span,
                    family: usize,
                    score: f32,
                    trigger: Option<usize>| {
            let (Some(sa), Some(sb)) = (span_of(a), span_of(b)) else {
                return;
            };
            if text.get(sa.0..sa.1) == text.get(sb.0..sb.1) {
                return;
            }
            let relation = self.relations.get(family - 1).cloned().unwrap_or_default();
            if out
                .iter()
                .any(|f| f.subject == sa && f.object == sb && f.relation == relation)
            {
                return;
            }
            let (lo, hi) = if a.start < b.start { (a, b) } else { (b, a) };
            let trigger = trigger.or_else(|| {
                (lo.end..hi.start).find(|&k| self.triggers.sign(s.low(Some(k))).is_some())
            });
            let first = trigger.map_or(lo.start, |t| t.min(lo.start));
            let last = trigger.map_or(hi.start, |t| t.max(hi.start));
            // The polarity models read a claim through its trigger; without one, the cues.
            let (negated, hedged) = match trigger {
                Some(t) if self.polarity_models => self.polarity(&s, a, b, t),
                _ => (self.cues.negated(&s, first, last), self.cues.hedged(&s)),
            };
            out.push(Found {
                subject: sa,
                subject_kind: self.kind(a),
                object: sb,
                object_kind: self.kind(b),
                relation,
                score,
                negated,
                hedged,
                trigger: trigger.and_then(|k| s.spans.get(k).copied()),
            });
        };
        if matches!(self.claim_model, ClaimModel::Events | ClaimModel::Union) {
            let triggers = self.triggers(&s, &mentions);
            for d in self.decode_events(&s, &mentions, &triggers) {
                let (Some(&a), Some(&b)) = (mentions.get(d.subject), mentions.get(d.object)) else {
                    continue;
                };
                push(&mut out, a, b, d.family, d.score, Some(d.trigger));
            }
        }
        if matches!(self.claim_model, ClaimModel::Pairs | ClaimModel::Union) {
            let mut feats = Vec::new();
            let mut scores = Vec::new();
            for &a in &mentions {
                for &b in &mentions {
                    if a == b
                        || a.start.max(b.start) > a.start.min(b.start) + pairs::MAX_PAIR_TOKENS
                    {
                        continue;
                    }
                    pairs::features(&s, a, b, &mentions, &self.triggers, &mut feats);
                    self.pairs.scores(&feats, &mut scores);
                    let (class, margin) = over_none(&mut scores, self.bias);
                    if class != 0 {
                        push(&mut out, a, b, class, margin, None);
                    }
                }
            }
        }
        out
    }
}
