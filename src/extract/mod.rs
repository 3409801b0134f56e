//! Claims from sentences: triggers, arguments, coordination and combinations, anaphora,
//! negation, hedging and context.
//!
//! The extractor is a deterministic, explainable pattern reader. For each sentence it
//! finds entity mentions (the lexicon), trigger phrases (the vocabulary), and for each
//! trigger its object (the first argument after it, through "the expression of",
//! exemplification and coordination) and its subject (the nearest argument before it,
//! the antecedent of a relative clause, the agent of a passive, or the subject shared
//! with a coordinated verb before it). Every claim records the trigger that produced it.
//!
//! No rule here knows any particular document: the rules are about English sentence
//! structure, and the words they use are data: the lists in `graph/words/rules/`,
//! read once by the `words` module.

pub(crate) mod abbrev;
pub mod reader;
mod relations;
mod tokens;
pub(crate) mod triggers;
mod words;

use std::collections::HashSet;

use crate::claim::{Claim, Context, EntityRef, Evidence, Score, Text};
use crate::document::{Document, Layout, Sentence};
use crate::lexicon::{Kind, Lexicon, Matcher, Mention, normalize_label};
use crate::vocab::{Aspect, Sign, Vocabulary};

use abbrev::LocalNames;
use relations::{ASSOCIATED_WITH, DECREASES, INCREASES, REGULATES, SUPPRESSES};
use tokens::{Tok, Token, tokenize};
use triggers::{Form, Hit, Triggers};
use words::WORDS;

// ---------------------------------------------------------------------------------------
// Given mentions: entity spans that come with a document (BioC/PubTator annotations),
// used by `Extractor::extract_with_mentions`. This block and the three calls marked
// "given" in `extract_with_mentions`, `extract_sentence` and `add_learned` are all of it.
// ---------------------------------------------------------------------------------------

/// An entity mention given with a document rather than found by the lexicon: a byte
/// span of [`Document::text`] and the entity it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenMention {
    /// Byte offset of the first byte in the document text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The entity's id: a lexicon id (then the lexicon's entity is used), or any CURIE.
    pub id: String,
    /// Its label, used when the lexicon does not have the id.
    pub label: String,
    /// Its kind, used when the lexicon does not have the id.
    pub kind: Kind,
}

/// The given mentions as matcher mentions (sorted, not overlapping), their entities the
/// lexicon's or added to the document's own.
fn given_spans(
    lexicon: &Lexicon,
    doc: &Document,
    given: &[GivenMention],
    local: &mut LocalNames,
) -> Vec<Mention> {
    let text = &doc.text;
    let mut spans: Vec<&GivenMention> = given
        .iter()
        .filter(|g| {
            g.start < g.end
                && g.end <= text.len()
                && text.is_char_boundary(g.start)
                && text.is_char_boundary(g.end)
        })
        .collect();
    spans.sort_by_key(|g| (g.start, std::cmp::Reverse(g.end)));
    let mut out: Vec<Mention> = Vec::new();
    let mut own: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for g in spans {
        if out.last().is_some_and(|m| g.start < m.end) {
            continue;
        }
        let entity = match lexicon.index_of(&g.id) {
            Some(i) => i,
            None => *own.entry(g.id.as_str()).or_insert_with(|| {
                local.entities.push(crate::lexicon::Entity {
                    id: g.id.clone(),
                    label: g.label.clone(),
                    kind: g.kind,
                    synonyms: Vec::new(),
                });
                lexicon.len() + local.entities.len() - 1
            }),
        };
        out.push(Mention {
            start: g.start,
            end: g.end,
            entity,
        });
    }
    out
}

/// The given mentions inside `start..end` (they are sorted).
fn within(given: &[Mention], start: usize, end: usize) -> &[Mention] {
    let a = given.partition_point(|m| m.start < start);
    let b = given.partition_point(|m| m.start < end);
    let inside = &given[a..b];
    &inside[..inside.partition_point(|m| m.end <= end)]
}

/// Replaces the mentions that overlap a given one by the given ones; sorted after.
fn use_given(mentions: &mut Vec<Mention>, given: &[Mention]) {
    mentions.retain(|m| !given.iter().any(|g| g.start < m.end && m.start < g.end));
    mentions.extend_from_slice(given);
    mentions.sort_by_key(|m| (m.start, m.end));
}

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

/// An argument slot of a sentence: a mention, or an anaphor resolved to entities.
#[derive(Debug, Clone)]
struct Arg {
    refs: Vec<EntityRef>,
    /// An anaphor that denies what follows ("neither").
    negates: bool,
    /// A conjunct set apart by "but not" ("A, but not B, induced X"): its claims are
    /// negated.
    denied: bool,
    /// The entity this argument is the deficiency of, when used as a subject.
    deficiency_of: Option<EntityRef>,
}

/// A coordinated group of arguments.
#[derive(Debug, Clone)]
struct Group {
    args: Vec<usize>,
    combination: bool,
    start: usize,
    end: usize,
    flip: bool,
}

/// What one trigger gave.
#[derive(Debug, Clone)]
struct Reading {
    subject: Option<Group>,
    hedged: bool,
}

/// Per-paragraph discourse state for anaphora.
#[derive(Debug, Default, Clone)]
struct Discourse {
    topic: Vec<EntityRef>,
    last_subject: Vec<EntityRef>,
    last_combination: Option<EntityRef>,
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

    fn entities_in(&self, text: &str) -> Vec<EntityRef> {
        let mut seen = HashSet::new();
        self.matcher
            .find(text)
            .into_iter()
            .map(|m| &self.lexicon.entities()[m.entity])
            .filter(|e| seen.insert(e.id.clone()))
            .map(|e| EntityRef::from_entity(e, None))
            .collect()
    }

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
        let mut mentions: Vec<Mention> = self
            .matcher
            .find(&text[sentence.start..sentence.end])
            .into_iter()
            .map(|m| Mention {
                start: m.start + sentence.start,
                end: m.end + sentence.start,
                entity: m.entity,
            })
            .collect();
        if !local.is_empty() {
            local.add_mentions(text, sentence.start, sentence.end, &mut mentions);
        }
        let given = within(given, sentence.start, sentence.end);
        if !given.is_empty() {
            use_given(&mut mentions, given);
        }
        let n_global = self.lexicon.len();
        let entity_of = |m: &Mention| match m.entity.checked_sub(n_global) {
            Some(i) => &local.entities[i],
            None => &self.lexicon.entities()[m.entity],
        };
        let given: Vec<(usize, usize, EntityRef)> = given
            .iter()
            .map(|m| {
                let e = entity_of(m);
                (
                    m.start,
                    m.end,
                    EntityRef::from_entity(e, Some(&text[m.start..m.end])),
                )
            })
            .collect();
        // "mannose receptor", "S-adenosylhomocysteine hydrolase": a small molecule named
        // before a protein head noun names that protein, not the molecule.
        let mut proteins: Vec<Option<EntityRef>> = vec![None; mentions.len()];
        for (k, m) in mentions.iter_mut().enumerate() {
            let e = entity_of(m);
            if !matches!(e.kind, Kind::Chemical | Kind::Nutrient) {
                continue;
            }
            if let Some(end) = protein_head_end(text, m.end, sentence.end) {
                let label = text[m.start..end].to_string();
                proteins[k] = Some(EntityRef::ungrounded(&label, Kind::Protein));
                m.end = end;
            }
        }
        let mut toks = tokenize(text, sentence.start, sentence.end, &mentions);
        let mut args: Vec<Arg> = mentions
            .iter()
            .zip(proteins)
            .map(|(m, protein)| {
                let e = entity_of(m);
                if let Some(r) = protein {
                    return Arg {
                        refs: vec![r],
                        deficiency_of: None,
                        negates: false,
                        denied: false,
                    };
                }
                let written = &text[class_noun_start(text, sentence.start, m.start, e.kind)
                    ..molecular_head_end(text, m.end, e.kind)];
                let mut r = EntityRef::from_entity(e, Some(written));
                r.synonyms
                    .extend(local.aliases_of(m.entity).map(str::to_string));
                Arg {
                    refs: vec![r],
                    deficiency_of: self.deficiency_of(e.kind, &e.label),
                    negates: false,
                    denied: false,
                }
            })
            .collect();
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

    /// The entity a learned mention names: the lexicon's, when a name matches it whole,
    /// else an ungrounded node of the tagger's kind.
    fn learned_entity(&self, written: &str, kind: Kind) -> EntityRef {
        match self.by_name.get(&normalize_label(written)) {
            Some(&i) => EntityRef::from_entity(&self.lexicon.entities()[i], Some(written)),
            None => EntityRef::ungrounded(written, kind),
        }
    }

    /// The learned reader's claims of a sentence, added to `claims` unless one with the
    /// same subject, relation sign, object and polarity is there already, or the rules
    /// stated the same subject, object and polarity in this sentence with another
    /// relation.
    fn add_learned(
        &self,
        doc: &Document,
        s: &Sentence,
        given: &[(usize, usize, EntityRef)],
        claims: &mut Vec<Claim>,
    ) {
        let text = &doc.text;
        let paragraph = &doc.paragraphs[s.paragraph];
        for f in self.reader.read(text, s.start, s.end, &self.matcher) {
            let (Some(subj), Some(obj)) = (
                text.get(f.subject.0..f.subject.1),
                text.get(f.object.0..f.object.1),
            ) else {
                continue;
            };
            // A learned argument over a given mention is that mention's entity.
            let given_at = |(a, b): (usize, usize)| {
                given
                    .iter()
                    .find(|(gs, ge, _)| *gs < b && a < *ge)
                    .map(|(_, _, r)| r.clone())
            };
            let subject =
                given_at(f.subject).unwrap_or_else(|| self.learned_entity(subj, f.subject_kind));
            let object =
                given_at(f.object).unwrap_or_else(|| self.learned_entity(obj, f.object_kind));
            if subject.id == object.id {
                continue;
            }
            let sign = self.vocab.sign(&f.relation);
            // Stated already, or the rules read this pair in this sentence through a
            // vocabulary trigger (their relation wins over the model's guess of it).
            let dup = claims.iter().any(|c| {
                c.subject.id == subject.id
                    && c.object.id == object.id
                    && c.negated == f.negated
                    && (self.vocab.sign(&c.relation) == sign || c.evidence.start == Some(s.start))
            });
            if dup {
                continue;
            }
            let trigger = f.trigger.and_then(|(a, b)| text.get(a..b)).map(Text::from);
            claims.push(Claim {
                subject,
                relation: f.relation.clone(),
                object,
                negated: f.negated,
                hedged: f.hedged,
                context: Context::default(),
                evidence: Evidence {
                    document: doc.id.as_str().into(),
                    section: paragraph.section.as_deref().map(Text::from),
                    sentence: text[s.start..s.end].into(),
                    start: Some(s.start),
                    end: Some(s.end),
                    citations: paragraph.citations.clone(),
                    trigger,
                    // The pair model's margin over "no claim", squashed into (0, 1):
                    // monotone in the margin, not a calibrated probability.
                    score: Score::from_f64(1.0 / (1.0 + (-f64::from(f.score)).exp())),
                    source: None,
                    verified: true,
                },
            });
        }
    }

    /// For a condition named "X deficiency", the entity X.
    fn deficiency_of(&self, kind: Kind, label: &str) -> Option<EntityRef> {
        if kind != Kind::Condition {
            return None;
        }
        let lower = label.to_lowercase();
        let base = WORDS
            .deficiency
            .iter()
            .find_map(|d| lower.strip_suffix(&format!(" {d}")))?;
        let &i = self.by_name.get(&normalize_label(base))?;
        Some(EntityRef::from_entity(&self.lexicon.entities()[i], None))
    }
}

/// The start of a molecular mention starting at `start`, through a class noun written
/// right before it after an article ("the transcription factor NF-kappaB").
fn class_noun_start(text: &str, floor: usize, start: usize, kind: Kind) -> usize {
    if !kind.is_molecular() {
        return start;
    }
    let before = &text[floor..start];
    let Some(before) = before.strip_suffix(' ') else {
        return start;
    };
    WORDS
        .class_nouns
        .iter()
        .filter_map(|c| {
            let n = c.len();
            if before.len() < n
                || !before.is_char_boundary(before.len() - n)
                || !before[before.len() - n..].eq_ignore_ascii_case(c)
            {
                return None;
            }
            let rest = &before[..before.len() - n];
            let article = ["the ", "a ", "an "].iter().any(|a| {
                rest.len() >= a.len()
                    && rest.is_char_boundary(rest.len() - a.len())
                    && rest[rest.len() - a.len()..].eq_ignore_ascii_case(a)
                    && !rest[..rest.len() - a.len()]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            });
            article.then(|| floor + before.len() - n)
        })
        .min()
        .unwrap_or(start)
}

/// The end of "NAME receptor" when a protein head noun follows the name ending at `end`
/// (one space between, the head ending on a word boundary before `limit`).
fn protein_head_end(text: &str, end: usize, limit: usize) -> Option<usize> {
    let rest = text[end..limit].strip_prefix(' ')?;
    WORDS
        .protein_heads
        .iter()
        .filter(|h| {
            rest.len() >= h.len()
                && rest.is_char_boundary(h.len())
                && rest[..h.len()].eq_ignore_ascii_case(h)
                && !rest[h.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        })
        .map(|h| end + 1 + h.len())
        .max()
}

/// The end of a molecular mention ending at `end`, through a head noun after it.
fn molecular_head_end(text: &str, end: usize, kind: Kind) -> usize {
    if !kind.is_molecular() {
        return end;
    }
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches(' ');
    if trimmed.len() == rest.len() || trimmed.len() + 1 < rest.len() {
        return end; // exactly one space between the name and its head noun
    }
    let from = end + 1;
    WORDS
        .molecular_heads
        .iter()
        .filter(|h| {
            trimmed.len() >= h.len()
                && trimmed.is_char_boundary(h.len())
                && trimmed[..h.len()].eq_ignore_ascii_case(h)
                && !trimmed[h.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        })
        .map(|h| from + h.len())
        .max()
        .unwrap_or(end)
}

/// Replaces anaphoric phrases ("they", "this combination", "their combined
/// supplementation", "these nutrients", "it") by argument tokens.
fn resolve_anaphora(toks: &mut Vec<Token>, args: &mut Vec<Arg>, d: &Discourse, text: &str) {
    let mut i = 0;
    while i < toks.len() {
        let w = |k: usize| toks.get(k).and_then(Token::word).unwrap_or("");
        let (len, refs): (usize, Option<Vec<EntityRef>>) = match w(i) {
            "this" | "the" if w(i + 1) == "combination" && w(i + 2) != "of" => {
                let len = if matches!(w(i + 2), "therapy" | "treatment" | "supplementation") {
                    3
                } else {
                    2
                };
                (len, d.last_combination.clone().map(|c| vec![c]))
            }
            "their" if matches!(w(i + 1), "combination" | "combined") && d.topic.len() > 1 => {
                let len = if matches!(
                    w(i + 2),
                    "supplementation"
                        | "use"
                        | "intake"
                        | "administration"
                        | "treatment"
                        | "therapy"
                        | "effect"
                        | "effects"
                ) {
                    3
                } else {
                    2
                };
                (
                    len,
                    Some(vec![EntityRef::combination(
                        d.topic.clone(),
                        Some(&text[toks[i].start..toks[i + len - 1].end]),
                    )]),
                )
            }
            "they" | "neither" if !d.topic.is_empty() => (1, Some(d.topic.clone())),
            "these" | "both" | "either" | "the" | "all"
                if !d.topic.is_empty() && {
                    // "these agents", "all three agents", "the two".
                    let (n, noun) = group_reference(&w, i);
                    (n == 1 && w(i) != "all" && w(i + 2) != "of")
                        || noun && (w(i) != "all" || w(i + 1 + n).ends_with('s'))
                } =>
            {
                let (n, noun) = group_reference(&w, i);
                (1 + n + usize::from(noun), Some(d.topic.clone()))
            }
            "it" if d.last_subject.len() == 1
                && !matches!(
                    w(i + 1),
                    "is" | "was" | "has" | "remains" | "seems" | "appears"
                ) =>
            {
                (1, Some(d.last_subject.clone()))
            }
            _ => (0, None),
        };
        if let Some(refs) = refs.filter(|r| !r.is_empty())
            && len > 0
            && i + len <= toks.len()
            && !toks[i].hidden
        {
            let mention = text[toks[i].start..toks[i + len - 1].end].to_string();
            let refs = refs
                .into_iter()
                .map(|mut r| {
                    r.mention = Some(mention.clone());
                    r
                })
                .collect();
            args.push(Arg {
                refs,
                deficiency_of: None,
                negates: w(i) == "neither",
                denied: false,
            });
            let tok = Token {
                tok: Tok::Ent(args.len() - 1),
                start: toks[i].start,
                end: toks[i + len - 1].end,
                hidden: false,
            };
            toks.splice(i..i + len, [tok]);
        }
        i += 1;
    }
}

/// One sentence under analysis.
struct Analysis<'a> {
    ex: &'a Extractor,
    toks: Vec<Token>,
    args: Vec<Arg>,
    text: &'a str,
    /// Token is a location or producer, not an argument.
    not_arg: Vec<bool>,
    /// Token lies in a relative clause closed by a comma.
    relative: Vec<bool>,
    hits: Vec<Hit>,
}

impl<'a> Analysis<'a> {
    fn new(ex: &'a Extractor, toks: Vec<Token>, args: Vec<Arg>, text: &'a str) -> Analysis<'a> {
        let n = toks.len();
        let mut a = Analysis {
            ex,
            toks,
            args,
            text,
            not_arg: vec![false; n],
            relative: vec![false; n],
            hits: Vec::new(),
        };
        a.mark_contrasts();
        a.mark_suspended_hyphens();
        a.mark_non_arguments();
        a.mark_relative_clauses();
        a.find_triggers();
        a
    }

    fn word(&self, i: usize) -> &str {
        self.toks.get(i).and_then(Token::word).unwrap_or("")
    }

    fn is_arg(&self, i: usize) -> bool {
        i < self.toks.len()
            && self.toks[i].entity().is_some()
            && !self.toks[i].hidden
            && !self.not_arg[i]
    }

    fn kind_of(&self, i: usize) -> Option<Kind> {
        let a = self.toks[i].entity()?;
        self.args[a].refs.first().map(|r| r.kind)
    }

    /// "A, but not B, induced X" and "induced A but not B": B joins the coordination as
    /// a denied conjunct ("but" reads as "and", "not" is set aside).
    fn mark_contrasts(&mut self) {
        for k in 1..self.toks.len().saturating_sub(2) {
            if !(self.word(k) == "but" && self.word(k + 1) == "not") {
                continue;
            }
            let before = &self.toks[k - 1];
            if !(before.is_punct(',') || before.entity().is_some()) {
                continue;
            }
            let mut j = k + 2;
            while j < self.toks.len() && WORDS.modifiers.contains(&self.word(j)) {
                j += 1;
            }
            // "A, but not the immunosuppressant B, inhibits X": between commas the denied
            // conjunct is a whole noun phrase, named by its last entity.
            let enclosed = if before.is_punct(',') {
                self.contrast_head(k + 2)
            } else {
                None
            };
            let Some(a) = enclosed.or_else(|| self.toks.get(j).and_then(Token::entity)) else {
                continue;
            };
            self.args[a].denied = true;
            self.toks[k].tok = Tok::Word("and".to_string());
            self.toks[k + 1].hidden = true;
            // The words naming the denied conjunct's class are set aside with "not", so
            // the coordination reads "A, and B,".
            if enclosed.is_some() {
                for t in &mut self.toks[k + 2..] {
                    if t.entity() == Some(a) {
                        break;
                    }
                    t.hidden = true;
                }
            }
        }
    }

    /// "while A activated X, B did not": B denies the claims of the nearest trigger
    /// before it, with B as their subject.
    fn add_elliptical_denials(
        &self,
        out: &mut Vec<Claim>,
        from_hit: &[usize],
        seen: &mut HashSet<(String, String, String, bool)>,
    ) {
        let n = self.toks.len();
        for i in 0..n.saturating_sub(2) {
            let elliptical = self.is_arg(i)
                && matches!(
                    self.word(i + 1),
                    "did" | "does" | "do" | "could" | "can" | "was" | "were"
                )
                && self.word(i + 2) == "not"
                && self
                    .toks
                    .get(i + 3)
                    .is_none_or(|t| t.is_punct('.') || t.is_punct(',') || t.is_punct(';'));
            if !elliptical {
                continue;
            }
            let Some(&hi) = from_hit.iter().filter(|&&h| self.hits[h].end <= i).max() else {
                continue;
            };
            let Some(refs) = self.toks[i].entity().map(|a| &self.args[a].refs) else {
                continue;
            };
            let copies: Vec<Claim> = out
                .iter()
                .zip(from_hit)
                .filter(|&(c, &h)| h == hi && !c.negated)
                .flat_map(|(c, _)| {
                    refs.iter().filter(|r| r.id != c.object.id).map(|r| Claim {
                        subject: r.clone(),
                        negated: true,
                        ..c.clone()
                    })
                })
                .collect();
            for c in copies {
                let key = (
                    c.subject.id.clone(),
                    c.relation.clone(),
                    c.object.id.clone(),
                    true,
                );
                if seen.insert(key) {
                    out.push(c);
                }
            }
        }
    }

    /// "IL-1- and LPS-induced X": the first entity shares the hyphen suffix of the
    /// second. It and its connector are set aside, so it is no argument of its own;
    /// [`Self::suspended_partner`] gives it back to the suffix.
    fn mark_suspended_hyphens(&mut self) {
        for k in 0..self.toks.len().saturating_sub(4) {
            let shape = self.toks[k].entity().is_some()
                && self.toks[k + 1].is_punct('-')
                && matches!(self.word(k + 2), "and" | "or")
                && self.toks[k + 3].entity().is_some()
                && self.word(k + 4).starts_with('-');
            if shape {
                for t in &mut self.toks[k..k + 3] {
                    t.hidden = true;
                }
            }
        }
    }

    /// The entity suspended before entity token `b` ("IL-1-" in "IL-1- and LPS-induced").
    fn suspended_partner(&self, b: usize) -> Option<usize> {
        (b >= 3
            && self.toks[b - 1].hidden
            && matches!(self.word(b - 1), "and" | "or")
            && self.toks[b - 2].is_punct('-'))
        .then(|| self.toks[b - 3].entity())
        .flatten()
    }

    /// The entity naming a noun phrase from `from` to the next comma ("the immunosuppressant
    /// cyclosporine A,"): its last entity, when the phrase is short and holds no verb or
    /// clause word.
    fn contrast_head(&self, from: usize) -> Option<usize> {
        let close = (from..self.toks.len().min(from + 10)).find(|&j| self.toks[j].is_punct(','))?;
        let mut head = None;
        for j in from..close {
            match &self.toks[j].tok {
                Tok::Ent(a) => head = Some(*a),
                Tok::Word(w) => {
                    if WORDS.auxiliaries.contains(&w.as_str())
                        || WORDS.clause_openers.contains(&w.as_str())
                        || matches!(w.as_str(), "and" | "or" | "which" | "that")
                        || (self.ex.triggers.at(&self.toks, j).is_some()
                            && !w.ends_with("dependent"))
                    {
                        return None;
                    }
                }
                _ => return None,
            }
        }
        head
    }

    /// Locations ("in the gut"), producers ("by monocytes") and modifiers
    /// ("gut-homing", "zinc-deficient") are not arguments.
    fn mark_non_arguments(&mut self) {
        for i in 0..self.toks.len() {
            if self.toks[i].entity().is_none() {
                continue;
            }
            let mut k = i;
            while k > 0
                && matches!(
                    self.word(k - 1),
                    "the"
                        | "a"
                        | "an"
                        | "activated"
                        | "human"
                        | "naive"
                        | "circulating"
                        | "both"
                        | "these"
                        | "those"
                )
            {
                k -= 1;
            }
            let before = if k > 0 { self.word(k - 1) } else { "" };
            let place = matches!(self.kind_of(i), Some(Kind::Tissue | Kind::Cell));
            if place && (WORDS.locative.contains(&before) || before == "by" || before == "from") {
                self.not_arg[i] = true;
            }
            // "in 16HBE human bronchial epithelial cells": a location behind modifiers.
            if place && !self.not_arg[i] {
                let mut b = k;
                // "in monocyte-derived macrophages": a hyphenated modifier and the cell
                // it names count as modifiers too.
                while b > 0
                    && k - b < 3
                    && (self.modifier_word(b - 1)
                        || (self.word(b - 1).starts_with('-')
                            && self.ex.triggers.at(&self.toks, b - 1).is_none())
                        || matches!(self.kind_of(b - 1), Some(Kind::Cell | Kind::Tissue)))
                {
                    b -= 1;
                }
                if b < k && b > 0 && WORDS.locative.contains(&self.word(b - 1)) {
                    self.not_arg[i] = true;
                }
            }
            // "FLAP inhibitors", "PPARalpha activators", "IL-6 antibodies": the inhibitor
            // or activator acts, not the entity it is named after.
            if WORDS.inhibitor_nouns.contains(&self.word(i + 1))
                || WORDS.activator_nouns.contains(&self.word(i + 1))
                || matches!(self.word(i + 1), "antibody" | "antibodies")
            {
                self.not_arg[i] = true;
            }
            // "thyroid peroxidase antibodies": a tissue modifying a noun that names
            // something else is no argument.
            if matches!(self.kind_of(i), Some(Kind::Tissue))
                && i + 2 < self.toks.len()
                && self.modifier_word(i + 1)
                && !self.is_aspect_noun(self.word(i + 1))
                && self.toks[i + 2].word().is_some_and(|w| {
                    w.len() > 3 && !self.is_aspect_noun(w) && self.modifier_word(i + 2)
                })
            {
                self.not_arg[i] = true;
            }
            // "T cell responses", "neutrophil adhesion": a cell naming whose activity is
            // meant modifies that noun and is not an argument itself.
            if matches!(self.kind_of(i), Some(Kind::Cell))
                && WORDS.cell_activities.contains(&self.word(i + 1))
            {
                self.not_arg[i] = true;
            }
            if let Some(w) = self.toks.get(i + 1).and_then(Token::word)
                && w.starts_with('-')
                && self.ex.triggers.at(&self.toks, i + 1).is_none()
                && !WORDS.deficiency.iter().any(|d| w[1..].starts_with(d))
            {
                self.not_arg[i] = true;
            }
        }
    }

    /// Whether token `i` is a plain modifier word: not a trigger, not a function word, not
    /// punctuation or an entity ("human", "bronchial", "16HBE").
    fn modifier_word(&self, i: usize) -> bool {
        let Some(w) = self.toks[i].word() else {
            return false;
        };
        self.ex.triggers.at(&self.toks, i).is_none()
            && !w.starts_with('-')
            && !WORDS.auxiliaries.contains(&w)
            && !WORDS.locative.contains(&w)
            && !WORDS.object_stops.contains(&w)
            && !WORDS.clause_openers.contains(&w)
            && !matches!(
                w,
                "of" | "with" | "by" | "for" | "from" | "to" | "on" | "at" | "or"
            )
    }

    fn mark_relative_clauses(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i + 1 < n {
            if self.toks[i].is_punct(',')
                && matches!(self.word(i + 1), "which" | "who")
                && let Some(close) = (i + 2..n).find(|&j| self.toks[j].is_punct(','))
            {
                for r in &mut self.relative[i..=close] {
                    *r = true;
                }
                i = close + 1;
                continue;
            }
            i += 1;
        }
    }

    fn find_triggers(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            if self.toks[i].hidden {
                i += 1;
                continue;
            }
            let Some(hit) = self
                .ex
                .triggers
                .at(&self.toks, i)
                .or_else(|| self.ex.triggers.postfix_at(&self.toks, i))
            else {
                i += 1;
                continue;
            };
            // A one-word verb form after an article or preposition is an adjective
            // ("by activated monocytes", "with a lower risk of").
            let after_article = i > 0
                && matches!(
                    self.word(i - 1),
                    "by" | "the"
                        | "a"
                        | "an"
                        | "of"
                        | "in"
                        | "with"
                        | "on"
                        | "from"
                        | "for"
                        | "its"
                        | "their"
                );
            // "and reduced risk of": a participle before a measure noun.
            let before_measure = matches!(hit.form, Form::Verb { past: true })
                && matches!(
                    self.word(i + 1),
                    "risk"
                        | "rate"
                        | "rates"
                        | "incidence"
                        | "odds"
                        | "prevalence"
                        | "severity"
                        | "levels"
                        | "level"
                );
            // "by inhibiting NF-kappaB", "effective in preventing X": a gerund after "by"
            // or "in" is a verb.
            let gerund = i > 0
                && matches!(self.word(i - 1), "by" | "through" | "in")
                && self.word(i).ends_with("ing");
            let adjective = matches!(hit.form, Form::Verb { .. })
                && hit.end == i + 1
                && ((after_article && !gerund)
                    || before_measure
                    || (matches!(hit.form, Form::Verb { past: true })
                        && i > 0
                        && self.word(i - 1) == "to"
                        && self.toks.get(i + 1).is_some_and(|t| t.entity().is_some())));
            if !adjective {
                i = hit.end;
                self.hits.push(hit);
            } else {
                i += 1;
            }
        }
        self.find_effect_of_on();
    }

    /// "the effects of A and B on X", "the inhibitory effect of A on X": the "on" is a
    /// trigger whose subject is the group after "of" (unsigned, unless an adjective gives
    /// the direction).
    fn find_effect_of_on(&mut self) {
        let n = self.toks.len();
        let mut found = Vec::new();
        for i in 0..n.saturating_sub(3) {
            if !WORDS.effect_nouns.contains(&self.word(i))
                || self.word(i + 1) != "of"
                || self.toks[i].hidden
            {
                continue;
            }
            let mut j = i + 2;
            while j < n && WORDS.modifiers.contains(&self.word(j)) {
                j += 1;
            }
            if !self.is_arg(j) || self.hits.iter().any(|h| h.start > i && h.start <= j) {
                continue;
            }
            let g = self.group_right(j, n, false);
            let mut k = g.end;
            // "the effect of IL-10 treatment on", "the effects of zinc alone on".
            while k < n && k < g.end + 2 && WORDS.subject_nouns.contains(&self.word(k)) {
                k += 1;
            }
            while k < n && self.toks[k].hidden {
                k += 1;
            }
            if self.word(k) != "on" || self.hits.iter().any(|h| h.start <= k && k < h.end) {
                continue;
            }
            let before = if i > 0 { self.word(i - 1) } else { "" };
            let relation = if matches!(before, "inhibitory" | "suppressive" | "negative") {
                DECREASES
            } else if matches!(
                before,
                "stimulatory" | "enhancing" | "positive" | "activating"
            ) {
                INCREASES
            } else {
                REGULATES
            };
            if self.ex.vocab.contains(relation) {
                found.push(Hit {
                    start: k,
                    end: k + 1,
                    relation: relation.to_string(),
                    form: Form::Phrase { nominal: false },
                });
            }
        }
        if !found.is_empty() {
            self.hits.extend(found);
            self.hits.sort_by_key(|h| h.start);
        }
    }

    fn is_be(&self, w: &str) -> bool {
        matches!(w, "is" | "are" | "was" | "were" | "be" | "been" | "being")
    }

    fn is_adverbish(w: &str) -> bool {
        w.ends_with("ly")
            || matches!(
                w,
                "also" | "not" | "further" | "often" | "then" | "partly" | "in" | "part"
            )
    }

    /// For a passive verb ("is mediated by"), the token after "by", or `None` when the
    /// verb is not passive. `Some(None)` is a passive without an agent.
    fn passive_agent(&self, h: &Hit) -> Option<Option<usize>> {
        if !matches!(h.form, Form::Verb { past: true }) {
            return None;
        }
        let mut k = h.start;
        while k > 0 && Self::is_adverbish(self.word(k - 1)) {
            k -= 1;
        }
        if k == 0 || !self.is_be(self.word(k - 1)) {
            // "X, mediated by Y": a participle with an agent is passive too.
            return if self.word(h.end) == "by" {
                Some(Some(h.end + 1))
            } else {
                None
            };
        }
        let mut j = h.end;
        while j < self.toks.len() && Self::is_adverbish(self.word(j)) {
            j += 1;
        }
        if self.word(j) == "by" {
            Some(Some(j + 1))
        } else {
            Some(None)
        }
    }

    /// Whether `w` names an aspect ("expression") or a nominalised relation ("activation").
    fn is_aspect_noun(&self, w: &str) -> bool {
        self.ex.triggers.is_postfix_noun(w)
            || self
                .ex
                .vocab
                .aspects()
                .iter()
                .any(|a| a.nouns.iter().any(|n| n == w))
    }

    /// The group of coordinated arguments starting at token `i` (an argument).
    fn group_right(&self, i: usize, stop: usize, object_side: bool) -> Group {
        let mut args = vec![self.toks[i].entity().unwrap_or(0)];
        let mut end = i + 1;
        let mut plus = false;
        let mut worded = false;
        let mut comma_cut: Option<(usize, usize)> = None;
        // "strongly c-fos and weakly c-jun": conjuncts with parallel adverbs.
        let parallel_adverb = i > 0 && {
            let w = self.word(i - 1);
            w.len() > 4 && w.ends_with("ly")
        };
        loop {
            let mut j = end;
            let mut saw_connector = false;
            let mut saw_comma = false;
            // "ROI production and NF-kappaB activation": the aspect noun after a member.
            if j < stop && self.is_aspect_noun(self.word(j)) {
                j += 1;
            }
            // "production of cytokines by DC as well as ...": a producer or location
            // after a member does not end the coordination.
            if object_side
                && j + 1 < stop
                && matches!(self.word(j), "by" | "in" | "on")
                && self.toks[j + 1].entity().is_some()
                && !self.is_arg(j + 1)
                && (self.word(j + 2) == "and"
                    || self.word(j + 2) == "as"
                    || self.toks.get(j + 2).is_some_and(|t| t.is_punct(',')))
            {
                j += 2;
            }
            while j < stop {
                let t = &self.toks[j];
                saw_comma |= t.is_punct(',');
                if t.hidden
                    || t.is_punct(',')
                    || matches!(t.word(), Some("and" | "or" | "and/or" | "plus"))
                {
                    if t.is("plus") {
                        plus = true;
                    }
                    saw_connector |= !t.hidden;
                    worded |= !t.hidden && !t.is_punct(',');
                    j += 1;
                } else if t.is("as") && self.word(j + 1) == "well" && self.word(j + 2) == "as" {
                    saw_connector = true;
                    worded = true;
                    j += 3;
                } else {
                    break;
                }
            }
            // "activated strongly c-fos and weakly c-jun": an adverb before a conjunct.
            while j < stop
                && ((WORDS.modifiers.contains(&self.word(j))
                    && !matches!(self.word(j), "both" | "either"))
                    || (saw_connector
                        && parallel_adverb
                        && self.word(j).len() > 4
                        && self.word(j).ends_with("ly")
                        && self.ex.triggers.at(&self.toks, j).is_none()))
            {
                j += 1;
            }
            // "... VCAM-1 and activation of NF-kappaB": a conjunct named through an
            // aspect noun or nominalisation.
            if object_side && saw_connector && !self.is_arg(j) {
                // "... and their surface expression of X": one modifier before the noun.
                if !self.is_aspect_noun(self.word(j))
                    && j + 1 < stop
                    && self.modifier_word(j)
                    && self.is_aspect_noun(self.word(j + 1))
                {
                    j += 1;
                }
                let mut k = j;
                if self.is_aspect_noun(self.word(j)) {
                    while k < stop && k < j + 5 && !self.is_arg(k) {
                        let w = self.word(k);
                        if w.is_empty()
                            || WORDS.object_stops.contains(&w)
                            || self.hits.iter().any(|h| h.start == k) && k > j
                        {
                            break;
                        }
                        k += 1;
                    }
                    if k < stop && self.is_arg(k) {
                        j = k;
                    }
                }
            }
            if !saw_connector || j >= stop || !self.is_arg(j) {
                break;
            }
            // "..., and zinc is necessary": a new clause, not a conjunct.
            let mut k = j + 1;
            while k < stop
                && (WORDS.deficiency.contains(&self.word(k))
                    || WORDS.subject_nouns.contains(&self.word(k)))
            {
                k += 1;
            }
            let next = self.word(k);
            let starts_clause = WORDS.auxiliaries.contains(&next)
                && !matches!(next, "in" | "to" | "both" | "together" | "each")
                || self
                    .hits
                    .iter()
                    .any(|h| h.start == k && !matches!(h.form, Form::Phrase { nominal: true }));
            if object_side && saw_comma && starts_clause {
                break;
            }
            // "by A, and B but not C can inhibit": the clause began at the comma.
            if object_side
                && starts_clause
                && let Some((n, e)) = comma_cut
            {
                args.truncate(n);
                end = e;
                break;
            }
            if saw_comma {
                comma_cut = Some((args.len(), end));
            }
            args.push(self.toks[j].entity().unwrap_or(0));
            end = j + 1;
        }
        // "..., Fas mRNA was": members joined by commas alone are no coordination.
        if !worded && args.len() > 1 {
            args.truncate(1);
            end = i + 1;
        }
        let mut g = Group {
            args,
            combination: plus,
            start: i,
            end,
            flip: false,
        };
        self.finish_group(&mut g);
        g
    }

    /// The group of coordinated arguments ending at token `i` (an argument).
    fn group_left(&self, i: usize, floor: usize) -> Group {
        let mut start = i;
        let mut args = vec![self.toks[i].entity().unwrap_or(0)];
        let mut worded = false;
        loop {
            let mut j = start;
            let mut saw_connector = false;
            while j > floor {
                let t = &self.toks[j - 1];
                if t.is_punct(',')
                    || matches!(t.word(), Some("and" | "or" | "and/or" | "plus"))
                    || t.hidden
                {
                    saw_connector |= !t.hidden;
                    worded |= !t.hidden && !t.is_punct(',');
                    j -= 1;
                } else if WORDS.modifiers.contains(&t.word().unwrap_or(""))
                    && !matches!(t.word(), Some("both" | "either"))
                {
                    j -= 1;
                } else if saw_connector
                    && j > floor + 1
                    && self.is_arg(j - 2)
                    && t.word().is_some_and(|w| self.is_aspect_noun(w))
                {
                    // "NF-kappaB activity and IL-6 synthesis": a conjunct named with its
                    // aspect noun.
                    j -= 1;
                } else {
                    break;
                }
            }
            if !saw_connector || j == floor || !self.is_arg(j - 1) {
                break;
            }
            args.insert(0, self.toks[j - 1].entity().unwrap_or(0));
            start = j - 1;
        }
        if !worded && args.len() > 1 {
            args.drain(..args.len() - 1);
            start = i;
        }
        let mut g = Group {
            args,
            combination: false,
            start,
            end: i + 1,
            flip: false,
        };
        self.finish_group(&mut g);
        g
    }

    /// Sets the combination and deficiency flags of a group from the words around it.
    fn finish_group(&self, g: &mut Group) {
        let mut before = Vec::new();
        let mut k = g.start;
        while k > 0 && before.len() < 4 {
            k -= 1;
            if let Some(w) = self.toks[k].word() {
                before.push(w.to_string());
            }
        }
        let after: Vec<&str> = (g.end..(g.end + 2).min(self.toks.len()))
            .filter_map(|k| self.toks[k].word())
            .collect();
        let individual = before.first().is_some_and(|w| w == "both" || w == "either");
        let distinct: HashSet<&str> = g
            .args
            .iter()
            .flat_map(|&a| self.args[a].refs.iter().map(|r| r.id.as_str()))
            .collect();
        if distinct.len() > 1 && !individual {
            let with = before.len() >= 2
                && before[0] == "with"
                && matches!(
                    before[1].as_str(),
                    "supplementation" | "treatment" | "co-supplementation" | "supplemented"
                );
            if g.combination
                || with
                || before
                    .iter()
                    .take(3)
                    .any(|w| WORDS.combination_before.contains(&w.as_str()))
                || after
                    .first()
                    .is_some_and(|w| WORDS.combination_after.contains(w))
            {
                g.combination = true;
            }
        }
        let next = self.word(g.end);
        let deficiency_word = WORDS.deficiency.contains(&next)
            || WORDS
                .deficiency
                .iter()
                .any(|d| next.strip_prefix('-').is_some_and(|s| s.starts_with(d)));
        let deficiency_of = before.first().is_some_and(|w| w == "of" || w == "in")
            && before
                .get(1)
                .is_some_and(|w| WORDS.deficiency.contains(&w.as_str()) || w == "lack");
        // "Low magnesium status impairs ...": a lack of the entity is the subject.
        let scarce = before
            .first()
            .is_some_and(|w| WORDS.scarce.contains(&w.as_str()));
        g.flip = deficiency_word || deficiency_of || scarce;
    }

    /// The entities a group stands for: one combination, or each member.
    fn refs_of(&self, g: &Group) -> Vec<EntityRef> {
        let mut refs: Vec<EntityRef> = g
            .args
            .iter()
            .flat_map(|&a| self.args[a].refs.iter().cloned())
            .collect();
        if g.combination && refs.len() > 1 {
            let mention = self.text[self.toks[g.start].start..self.toks[g.end - 1].end].to_string();
            refs = vec![EntityRef::combination(refs, Some(&mention))];
        }
        let mut seen = HashSet::new();
        refs.retain(|r| seen.insert(r.id.clone()));
        refs
    }

    /// The subject-side entities of a group, with deficiency conditions resolved to
    /// their nutrient; the bool says whether the claim's sign flips.
    fn subject_refs(&self, g: &Group) -> Vec<(EntityRef, bool)> {
        if g.combination {
            return self.refs_of(g).into_iter().map(|r| (r, g.flip)).collect();
        }
        let mut out = Vec::new();
        for &a in &g.args {
            let arg = &self.args[a];
            match &arg.deficiency_of {
                Some(base) => {
                    let mut b = base.clone();
                    b.mention = arg.refs[0].mention.clone();
                    out.push((b, true));
                }
                None => out.extend(arg.refs.iter().cloned().map(|r| (r, g.flip))),
            }
        }
        let mut seen = HashSet::new();
        out.retain(|(r, _)| seen.insert(r.id.clone()));
        out
    }

    /// The first argument group of the sentence (its topic).
    fn first_group(&self) -> Option<Group> {
        let first_hit = self.hits.first().map_or(self.toks.len(), |h| h.start);
        (0..first_hit)
            .find(|&i| self.is_arg(i))
            .map(|i| self.group_right(i, first_hit, false))
    }

    /// The object of trigger `h`: a group after it, the aspect named on the way, the
    /// gap words, and the index of the next trigger it absorbed up to.
    fn object(&self, hi: usize) -> Option<(Group, Option<&'a Aspect>, Vec<String>)> {
        let h = &self.hits[hi];
        if matches!(h.form, Form::Postfix) {
            let before = h.start.checked_sub(1).filter(|&b| self.is_arg(b))?;
            return Some((self.group_left(before, 0), None, Vec::new()));
        }
        let start = match self.passive_agent(h) {
            Some(Some(_)) | Some(None) => return self.passive_object(hi),
            None => h.end,
        };
        let stop = self.next_strong_hit(hi).unwrap_or(self.toks.len());
        let mut gap: Vec<String> = Vec::new();
        let mut j = start;
        while j < stop {
            let t = &self.toks[j];
            // "the expression of other monocytic genes (TNF-alpha, IL-6, IL-8)": a class
            // noun that no lexicon knows, with its members in parentheses.
            if t.is_punct('(') && gap.last().is_some_and(|w| w.len() > 3 && w.ends_with('s')) {
                let members = self.parenthesized_list(j);
                let close = (j..stop).find(|&k| self.toks[k].is_punct(')'));
                if let (Some(close), false) = (close, members.is_empty())
                    && !(j + 1..close).any(|k| self.not_arg[k])
                {
                    let g = Group {
                        args: members,
                        combination: false,
                        start: j + 1,
                        end: close + 1,
                        flip: false,
                    };
                    let aspect = self.aspect_in(&gap);
                    return Some((g, aspect, gap));
                }
            }
            if t.hidden {
                j += 1;
                continue;
            }
            let after = (j + 1..stop)
                .find(|&k| !self.toks[k].hidden)
                .unwrap_or(stop);
            if self.is_arg(j)
                && self
                    .hits
                    .iter()
                    .any(|x| x.start == after && matches!(x.form, Form::Suffix))
            {
                // "the LPS-induced activity of X": LPS belongs to the suffix, not to us.
                j = after + 1;
                continue;
            }
            if self.is_arg(j) {
                // "bone uptake of zinc": an argument modifying the head of an "of" phrase.
                let of_at = (j + 1..(j + 4).min(stop)).find(|&k| self.word(k) == "of");
                if let Some(k) = of_at
                    && (j + 1..k).all(|m| self.toks[m].word().is_some_and(|w| !w.starts_with('-')))
                    && self.is_arg(k + 1)
                {
                    for m in j..=k {
                        if let Some(w) = self.toks[m].word() {
                            gap.push(w.to_string());
                        }
                    }
                    j = k + 1;
                    continue;
                }
                // Apposition: a class name right before a specific one ("the
                // transporter CTR1", "serum 25-hydroxyvitamin D"): the specific one.
                let mut j = j;
                while self.is_arg(j + 1) && j + 1 < stop {
                    j += 1;
                }
                let mut g = self.group_right(j, stop, true);
                // Examples replace a general argument: "cytokines like IFN-γ".
                let mut k = g.end;
                while k < stop
                    && (self.toks[k].is_punct(',') || matches!(self.word(k), "such" | "as"))
                {
                    k += 1;
                }
                if k < stop
                    && (WORDS.examples.contains(&self.word(k))
                        || (k > g.end && self.word(k - 1) == "as"))
                    && !(self.word(k - 1) == "as" && WORDS.examples.contains(&self.word(k)))
                {
                    let e = if WORDS.examples.contains(&self.word(k)) {
                        k + 1
                    } else {
                        k
                    };
                    if self.is_arg(e) {
                        g = self.group_right(e, stop, true);
                    }
                }
                // A parenthesised list names members of the argument: "cytokines (IL-2,
                // IL-6, TNF-alpha)".
                g.args.extend(self.parenthesized_list(g.end));
                // An aspect noun right after the object: "IL-17 secretion".
                if let Some(w) = self.toks.get(g.start + 1).and_then(Token::word) {
                    gap.push(w.to_string());
                }
                let aspect = self.aspect_in(&gap);
                return Some((g, aspect, gap));
            }
            match &t.tok {
                Tok::Punct(',') => {
                    let next = self.word(j + 1);
                    if WORDS.examples.contains(&next) || next == "such" {
                        j += 1;
                        continue;
                    }
                    return None;
                }
                Tok::Punct(_) => return None,
                Tok::Word(w) => {
                    if WORDS.object_stops.contains(&w.as_str()) && !(w == "as" || w == "such") {
                        return None;
                    }
                    if matches!(w.as_str(), "between" | "relationship" | "association") {
                        return None;
                    }
                    // "lowered X antibodies in patients with Y": Y is the population.
                    if matches!(w.as_str(), "in" | "among")
                        && !gap.is_empty()
                        && WORDS.populations.contains(&self.word(j + 1))
                    {
                        return None;
                    }
                    gap.push(w.clone());
                    let content = gap
                        .iter()
                        .filter(|g| {
                            !matches!(
                                g.as_str(),
                                "the" | "a" | "an" | "of" | "as" | "well" | "its" | "their"
                            )
                        })
                        .count();
                    if content > 6 {
                        return None;
                    }
                }
                Tok::Ent(_) => {}
            }
            j += 1;
        }
        None
    }

    /// For a passive trigger the object is the argument before it ("Copper absorption
    /// is mediated by ...").
    fn passive_object(&self, hi: usize) -> Option<(Group, Option<&'a Aspect>, Vec<String>)> {
        let h = &self.hits[hi];
        let mut j = h.start;
        let mut gap = Vec::new();
        while j > 0 {
            j -= 1;
            // "genes (TNF-alpha, IL-6) activated by X": the members of an unnamed class.
            if gap.is_empty() && self.toks[j].is_punct(')') {
                let open = (j.saturating_sub(12)..j)
                    .rev()
                    .find(|&k| self.toks[k].is_punct('('));
                if let Some(open) = open
                    && open > 0
                    && self.toks[open - 1]
                        .word()
                        .is_some_and(|w| w.len() > 3 && w.ends_with('s'))
                    && !(open + 1..j).any(|k| self.not_arg[k])
                {
                    let members = self.parenthesized_list(open);
                    if !members.is_empty() {
                        let g = Group {
                            args: members,
                            combination: false,
                            start: open + 1,
                            end: j,
                            flip: false,
                        };
                        return Some((g, None, gap));
                    }
                }
            }
            if self.toks[j].hidden {
                continue;
            }
            if self.is_arg(j) {
                let g = self.group_left(j, 0);
                let aspect = self.aspect_in(&gap);
                return Some((g, aspect, gap));
            }
            match self.toks[j].word() {
                // "was blocked by A and partially blocked by B": the second passive shares
                // the first one's subject, which is not the argument before "and".
                Some("and" | "or") => return None,
                // "Phosphorylation of A, but not of B, was inhibited by X": the comma
                // closing a contrast right before the verb.
                None if gap.is_empty() && self.toks[j].is_punct(',') => {}
                Some(w)
                    if self.is_be(w) || Self::is_adverbish(w) || WORDS.auxiliaries.contains(&w) => {
                }
                Some(w) if gap.len() < 2 => gap.insert(0, w.to_string()),
                _ => return None,
            }
        }
        None
    }

    fn aspect_in(&self, gap: &[String]) -> Option<&'a Aspect> {
        let mut best: Option<(usize, &'a Aspect)> = None;
        for aspect in self.ex.vocab.aspects() {
            for noun in &aspect.nouns {
                let words: Vec<&str> = noun.split_whitespace().collect();
                if words.is_empty() || words.len() > gap.len() {
                    continue;
                }
                for s in 0..=gap.len() - words.len() {
                    if gap[s..s + words.len()]
                        .iter()
                        .zip(&words)
                        .all(|(g, w)| g == w)
                        && best.is_none_or(|(p, _)| s >= p)
                    {
                        best = Some((s, aspect));
                    }
                }
            }
        }
        best.map(|(_, a)| a)
    }

    /// The next trigger after `hi` that ends an object search (nominal triggers do not).
    fn next_strong_hit(&self, hi: usize) -> Option<usize> {
        self.hits[hi + 1..]
            .iter()
            .find(|h| {
                !matches!(
                    h.form,
                    Form::Phrase { nominal: true } | Form::Suffix | Form::Postfix
                )
            })
            .map(|h| h.start)
    }

    /// The subject of trigger `hi`, given the readings of the triggers before it.
    fn subject(&self, hi: usize, earlier: &[Reading]) -> Option<Group> {
        let h = &self.hits[hi];
        if let Some(Some(agent)) = self.passive_agent(h) {
            let mut j = agent;
            while j < self.toks.len() && !self.is_arg(j) {
                // "induced by a variety of stimuli, including A and B": the examples.
                if self.toks[j].is_punct(',')
                    && WORDS.examples.contains(&self.word(j + 1))
                    && self.is_arg(j + 2)
                {
                    j += 2;
                    break;
                }
                if self.toks[j].is_punct(',')
                    || WORDS.object_stops.contains(&self.word(j))
                    || j > agent + 5
                {
                    return None;
                }
                // "by exposure to a pro-inflammatory stimulus (lipopolysaccharide)": the
                // parenthesis names the agent.
                if self.toks[j].is_punct('(')
                    && j > agent
                    && self.toks[j - 1].word().is_some()
                    && let Some(a) = self.toks.get(j + 1).and_then(Token::entity)
                    && !self.not_arg[j + 1]
                {
                    return Some(Group {
                        args: vec![a],
                        combination: false,
                        start: j + 1,
                        end: j + 2,
                        flip: false,
                    });
                }
                j += 1;
            }
            if j >= self.toks.len() {
                return None;
            }
            let mut g = self.group_right(j, self.toks.len(), true);
            self.extend_agents(&mut g);
            return Some(g);
        }
        if self.passive_agent(h).is_some() {
            // "was induced ... upon P/I stimulation": the agent of an agentless passive.
            let mut j = h.end;
            while j < self.toks.len()
                && !self.toks[j].is_punct(';')
                && !self.toks[j].is_punct(',')
                && j < h.end + 8
            {
                let response = self.word(j) == "response"
                    && self.word(j - 1) == "in"
                    && self.word(j + 1) == "to";
                if matches!(self.word(j), "upon" | "after" | "following") || response {
                    let mut k = if response { j + 2 } else { j + 1 };
                    while k < self.toks.len()
                        && (WORDS.modifiers.contains(&self.word(k))
                            || WORDS.quantifiers.contains(&self.word(k)))
                    {
                        k += 1;
                    }
                    return self
                        .is_arg(k)
                        .then(|| self.group_right(k, self.toks.len(), false));
                }
                j += 1;
            }
            return None;
        }
        if matches!(h.form, Form::Postfix) {
            return self.nominal_agent(hi);
        }
        if matches!(h.form, Form::Suffix) {
            // "chemotherapy (paclitaxel)-induced": the parenthesis names the inducer
            // when what stands before it is no entity.
            if h.start > 2 && self.toks[h.start - 1].is_punct(')') {
                let inner = h.start - 2;
                if self.toks[inner - 1].is_punct('(')
                    && let Some(a) = self.toks[inner].entity()
                    && inner
                        .checked_sub(2)
                        .is_none_or(|k| self.toks[k].entity().is_none())
                {
                    return Some(Group {
                        args: vec![a],
                        combination: false,
                        start: inner,
                        end: inner + 1,
                        flip: false,
                    });
                }
            }
            // "TNF-alpha (TNF-alpha)-induced": the entity before the parenthesis.
            let b = (0..h.start).rev().find(|&k| !self.toks[k].hidden)?;
            return self.toks[b].entity().map(|a| Group {
                args: self.suspended_partner(b).into_iter().chain([a]).collect(),
                combination: false,
                start: b,
                end: b + 1,
                flip: false,
            });
        }
        let inherit = || earlier.iter().rev().find_map(|r| r.subject.clone());
        if matches!(h.form, Form::Phrase { nominal: true }) {
            return self.nominal_agent(hi);
        }
        // "lymphocytes stimulated with PMA": a participle right after a location or
        // setting modifies it; without "by" it has no subject here.
        if matches!(h.form, Form::Verb { past: true })
            && h.start > 0
            && self.toks[h.start - 1].entity().is_some()
            && !self.is_arg(h.start - 1)
        {
            return None;
        }
        // "factors associated with X": a participle or phrase modifying a noun that is
        // not an entity has no subject here.
        if matches!(h.form, Form::Phrase { .. } | Form::Verb { past: true })
            && h.start > 0
            && !self.after_light_verb(h.start)
            && let Some(w) = self.toks[h.start - 1].word()
            && !self.toks[h.start - 1].hidden
            && !WORDS.auxiliaries.contains(&w)
            && !Self::is_adverbish(w)
            && !WORDS.subject_nouns.contains(&w)
            && !WORDS.deficiency.contains(&w)
            && !w.starts_with('-')
            && !matches!(
                w,
                "which"
                    | "that"
                    | "who"
                    | "and"
                    | "or"
                    | "a"
                    | "an"
                    | "the"
                    | "as"
                    // "A, B and C all activated X": a floating quantifier after the subject.
                    | "all"
                    | "both"
                    | "each"
                    | "alone"
                    | "together"
            )
        {
            return None;
        }
        // "Zinc lowers IL-6 by blocking NF-kappaB": a gerund of means shares the
        // subject of the clause it depends on.
        if matches!(h.form, Form::Verb { past: false })
            && self.word(h.start).ends_with("ing")
            && h.start > 0
            && matches!(self.word(h.start - 1), "by" | "through")
        {
            return inherit().or_else(|| self.first_group().filter(|g| g.end < h.start));
        }
        // "LPS is a potent stimulator of monocytes, causing secretion of TNF": a present
        // participle after a comma shares the subject of the main clause.
        if matches!(h.form, Form::Verb { past: false })
            && self.word(h.start).ends_with("ing")
            && h.start > 0
            && self.toks[h.start - 1].is_punct(',')
            && let Some(g) = self.first_group()
            && g.end < h.start
            && !self.relative[h.start]
        {
            return Some(g);
        }
        // Relative clause: "resolvins, which promote ...".
        let mut k = h.start;
        while k > 0
            && (WORDS.auxiliaries.contains(&self.word(k - 1))
                || Self::is_adverbish(self.word(k - 1)))
        {
            k -= 1;
        }
        if k > 0 && matches!(self.word(k - 1), "which" | "who" | "that") {
            let mut a = k - 1;
            while a > 0 && (self.toks[a - 1].is_punct(',') || self.toks[a - 1].hidden) {
                a -= 1;
            }
            if a > 0 && self.is_arg(a - 1) {
                return Some(self.group_left(a - 1, 0));
            }
            // "IL-17 secretion, which ...": the antecedent named through an aspect noun.
            let aspect_noun = |w: &str| {
                WORDS.subject_nouns.contains(&w)
                    || self
                        .ex
                        .vocab
                        .aspects()
                        .iter()
                        .any(|asp| asp.nouns.iter().any(|n| n == w))
            };
            if a > 1 && aspect_noun(self.word(a - 1)) && self.is_arg(a - 2) {
                return Some(self.group_left(a - 2, 0));
            }
            if self.word(k - 1) != "that" {
                return None;
            }
        }
        let in_relative = self.relative[h.start];
        let prev_end = self.hits[..hi].iter().map(|p| p.end).min();
        let mut j = h.start;
        while j > 0 {
            j -= 1;
            let t = &self.toks[j];
            if t.hidden || (self.relative[j] && !in_relative) {
                continue;
            }
            if t.is_punct(';') || WORDS.subject_stops.contains(&t.word().unwrap_or("")) {
                return inherit();
            }
            if !self.is_arg(j) {
                continue;
            }
            // "BSO-induced thiol imbalance was associated with": the entity before a
            // hyphen suffix modifies a head noun that is no entity; that noun is the
            // subject, so there is none here.
            let after = (j + 1..h.start).find(|&k| !self.toks[k].hidden);
            if after.is_some_and(|a| {
                self.hits
                    .iter()
                    .any(|x| x.start == a && matches!(x.form, Form::Suffix))
            }) {
                return None;
            }
            // The group may not reach back into an earlier trigger's predicate.
            let floor = self.hits[..hi]
                .iter()
                .filter(|p| p.end <= j)
                .map(|p| p.end)
                .max()
                .unwrap_or(0);
            let g = self.group_left(j, floor);
            let after_earlier_trigger = prev_end.is_some_and(|e| g.start >= e);
            if !after_earlier_trigger {
                return Some(self.with_compared(g));
            }
            // After an earlier verb, a coordination to the left is that verb's object
            // list ("prevent A, and B did not"): the subject is the last member alone.
            // "by A, and B but not C can inhibit": the members after the last comma.
            let g = if g.args.len() > 1 {
                let comma = (g.start..j).rev().find(|&k| self.toks[k].is_punct(','));
                match comma {
                    Some(c) if self.word(c + 1) == "and" => self.group_left(j, c + 1),
                    _ => self.group_left(j, j),
                }
            } else {
                g
            };
            // A subject opening a new clause: ", and zinc is", "that vitamin D can".
            let mut b = g.start;
            while b > 0 && WORDS.modifiers.contains(&self.word(b - 1)) {
                b -= 1;
            }
            let opener = b > 0
                && (WORDS.clause_openers.contains(&self.word(b - 1))
                    || self.toks[b - 1].is_punct(';'));
            let comma_and = b > 1 && self.word(b - 1) == "and" && self.toks[b - 2].is_punct(',');
            if (opener && self.word(b - 1) != "and") || comma_and || self.ends_subordinate(b) {
                return Some(g);
            }
            return inherit();
        }
        inherit()
    }

    /// "induced by A (10 ng/ml) or by B": a repeated "by" adds its agents to the group.
    fn extend_agents(&self, g: &mut Group) {
        loop {
            let mut k = g.end;
            // A parenthesis after the agent (a dose, an abbreviation) is skipped.
            if self.toks.get(k).is_some_and(|t| t.is_punct('(')) {
                match (k..self.toks.len().min(k + 12)).find(|&j| self.toks[j].is_punct(')')) {
                    Some(close) => k = close + 1,
                    None => return,
                }
            }
            if !(matches!(self.word(k), "or" | "and") && self.word(k + 1) == "by") {
                return;
            }
            let mut j = k + 2;
            while j < self.toks.len() && WORDS.modifiers.contains(&self.word(j)) {
                j += 1;
            }
            if !self.is_arg(j) {
                return;
            }
            let more = self.group_right(j, self.toks.len(), true);
            if more.combination != g.combination {
                return;
            }
            g.args.extend(more.args);
            g.end = more.end;
        }
    }

    /// "Although A activated B, C reduced D": whether token `b` follows the comma that
    /// closes a sentence-initial subordinate clause (the first comma after its first
    /// trigger), so that a main clause starts at `b`.
    fn ends_subordinate(&self, b: usize) -> bool {
        let Some(first) = (0..self.toks.len()).find(|&k| !self.toks[k].hidden) else {
            return false;
        };
        let opens = self.toks[first].word().is_some_and(|w| {
            WORDS
                .subordinators
                .contains(&w.to_ascii_lowercase().as_str())
        });
        let Some(first_hit) = self.hits.first().map(|h| h.end) else {
            return false;
        };
        if !opens || b <= first_hit || !self.toks[b - 1].is_punct(',') {
            return false;
        }
        // No other predicate in between, and any earlier comma belongs to a list the
        // subordinate clause has closed ("Although A activated B, C, and D, E ...").
        let span = first_hit..b - 1;
        !self.hits.iter().any(|h| span.contains(&h.start))
            && (!span.clone().any(|k| self.toks[k].is_punct(','))
                || span.clone().any(|k| matches!(self.word(k), "and" | "or")))
    }

    /// "HMDS, similar to LPS, increases X", "zinc, like selenium, lowers X": the
    /// subject named before a comparison shares the predicate with the one compared.
    fn with_compared(&self, mut g: Group) -> Group {
        let mut k = g.start;
        while k > 0
            && g.start - k < 3
            && (WORDS.modifiers.contains(&self.word(k - 1))
                || (self.modifier_word(k - 1) && !matches!(self.word(k - 1), "to" | "like")))
        {
            k -= 1;
        }
        let cue = if k >= 2 && self.word(k - 1) == "to" && self.word(k - 2) == "similar" {
            2
        } else if k >= 1 && self.word(k - 1) == "like" {
            1
        } else {
            return g;
        };
        let mut c = k - cue;
        while c > 0 && Self::is_adverbish(self.word(c - 1)) {
            c -= 1;
        }
        if c >= 2 && self.toks[c - 1].is_punct(',') && self.is_arg(c - 2) {
            let a = self.group_left(c - 2, 0);
            let mut args = a.args.clone();
            args.extend(&g.args);
            g.args = args;
            g.start = a.start;
        }
        g
    }

    /// Whether a predicate noun at `i` ("effect on", "role in") follows a light verb
    /// through determiners and adjectives: "had no effect on", "plays a key role in",
    /// "exerts a strong inhibitory effect on". The light verb's subject is then the
    /// claim's subject.
    fn after_light_verb(&self, i: usize) -> bool {
        let mut k = i;
        let mut steps = 0;
        while k > 0 && steps < 5 {
            let w = self.word(k - 1);
            if WORDS.light_verbs.contains(&w) {
                return steps > 0;
            }
            // An appositive: "NF-kappaB, a transcriptional activator of".
            if steps > 0
                && self.toks[k - 1].is_punct(',')
                && k > 1
                && self.toks[k - 2].entity().is_some()
            {
                return true;
            }
            let modifier = matches!(
                w,
                "a" | "an"
                    | "the"
                    | "no"
                    | "any"
                    | "little"
                    | "some"
                    | "almost"
                    | "only"
                    | "its"
                    | "their"
                    | "key"
                    | "major"
                    | "important"
                    | "significant"
                    | "direct"
                    | "strong"
                    | "similar"
                    | "crucial"
                    | "critical"
                    | "central"
                    | "pivotal"
                    | "essential"
                    | "profound"
                    | "marked"
                    | "dual"
                    | "novel"
                    | "main"
                    | "potent"
                    | "pluripotent"
                    | "efficient"
                    | "two"
                    | "both"
            ) || Self::is_adverbish(w)
                || ["al", "ive", "ory", "ic", "ous", "ful", "ent", "ant", "id"]
                    .iter()
                    .any(|suf| w.len() > 4 && w.ends_with(suf));
            if !modifier {
                return false;
            }
            k -= 1;
            steps += 1;
        }
        false
    }

    /// The arguments of a parenthesised list of at least two entities starting at token
    /// `i` ("(IL-2, IL-6 and IL-10)"); empty when the parentheses hold anything else.
    fn parenthesized_list(&self, i: usize) -> Vec<usize> {
        if !self.toks.get(i).is_some_and(|t| t.is_punct('(')) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for t in &self.toks[i + 1..] {
            if t.is_punct(')') {
                return if out.len() >= 2 { out } else { Vec::new() };
            }
            match (t.entity(), t.word()) {
                (Some(a), _) => out.push(a),
                (None, Some("and" | "or")) => {}
                (None, None) if t.is_punct(',') => {}
                _ => return Vec::new(),
            }
        }
        Vec::new()
    }

    /// "the association between A and B": A is the subject, B the object.
    #[allow(clippy::type_complexity)]
    fn between(
        &self,
        hi: usize,
    ) -> (
        Option<Group>,
        Option<(Group, Option<&'a Aspect>, Vec<String>)>,
    ) {
        let h = &self.hits[hi];
        let mut j = h.end;
        while j < self.toks.len() && WORDS.modifiers.contains(&self.word(j)) {
            j += 1;
        }
        if !self.is_arg(j) {
            return (None, None);
        }
        let g = self.group_right(j, self.toks.len(), true);
        if g.args.len() < 2 {
            return (None, None);
        }
        let subject = Group {
            args: vec![g.args[0]],
            combination: false,
            start: g.start,
            end: g.start + 1,
            flip: false,
        };
        let object = Group {
            args: g.args[1..].to_vec(),
            combination: false,
            start: g.start + 1,
            end: g.end,
            flip: false,
        };
        (Some(subject), Some((object, None, Vec::new())))
    }

    /// The agent of a nominal trigger: "activation of NF-kB by IL-1beta", and the
    /// instrument of one: "PKC inhibition with bisindolylmaleimide", "inhibition of the
    /// MAP kinase cascade with PD98059".
    fn nominal_agent(&self, hi: usize) -> Option<Group> {
        let (og, _, _) = self.object(hi)?;
        let mut j = og.end.max(self.hits[hi].end);
        let mut heads = 0;
        while j < self.toks.len()
            && (self.toks[j].hidden
                || Self::is_adverbish(self.word(j))
                || (heads < 2
                    && (self.is_aspect_noun(self.word(j))
                        || matches!(
                            self.word(j),
                            "cascade"
                                | "pathway"
                                | "complex"
                                | "gene"
                                | "genes"
                                | "mrna"
                                | "promoter"
                        ))))
        {
            heads += usize::from(!self.toks[j].hidden);
            j += 1;
        }
        if !matches!(self.word(j), "by" | "with") {
            return None;
        }
        let mut k = j + 1;
        while k < self.toks.len()
            && (WORDS.modifiers.contains(&self.word(k)) || (k < j + 3 && self.modifier_word(k)))
        {
            k += 1;
        }
        self.is_arg(k)
            .then(|| self.group_right(k, self.toks.len(), false))
    }

    /// Whether a word from `words` stands in tokens `from..to`.
    fn any_word(&self, from: usize, to: usize, words: &[&str]) -> bool {
        (from..to.min(self.toks.len())).any(|k| {
            !self.toks[k].hidden && self.toks[k].word().is_some_and(|w| words.contains(&w))
        })
    }

    /// Whether a negation cue stands in tokens `from..to` (`to` is the trigger). "without"
    /// negates only the verb right after it ("without affecting").
    fn negated_between(&self, from: usize, to: usize) -> bool {
        let to = to.min(self.toks.len());
        (from..to).any(|k| {
            let w = self.word(k);
            WORDS.negations.contains(&w)
                && !(w == "not" && self.word(k + 1) == "only")
                && !self.toks[k].hidden
                && (w != "without" || (k + 1..to).all(|m| Self::is_adverbish(self.word(m))))
        })
    }

    /// The start of the clause holding token `i`.
    fn clause_start(&self, i: usize) -> usize {
        let mut k = i;
        while k > 0 {
            let t = &self.toks[k - 1];
            if t.is_punct(';') {
                return k;
            }
            if t.is_punct(',')
                && matches!(self.word(k), "and" | "but" | "whereas" | "while" | "which")
            {
                return k;
            }
            k -= 1;
        }
        0
    }

    /// Context phrases of the sentence: (token index, field, value).
    fn contexts(&self) -> Vec<(usize, &'static str, String)> {
        let mut out = Vec::new();
        for (i, t) in self.toks.iter().enumerate() {
            if let Some(w) = t.word() {
                if let Some((_, sp)) = WORDS.species.iter().find(|(k, _)| *k == w) {
                    let animal_ok = !matches!(*sp, "animal" | "human")
                        || w.ends_with('s')
                        || matches!(
                            self.word(i + 1),
                            "studies" | "models" | "model" | "experiments" | "subjects" | "trials"
                        );
                    if animal_ok {
                        out.push((i, "species", sp.to_string()));
                    }
                } else if WORDS.populations.contains(&w)
                    && !t.hidden
                    && !WORDS.populations.contains(&self.word(i + 1))
                {
                    let mut s = i;
                    while s > 0
                        && (WORDS.population_modifiers.contains(&self.word(s - 1))
                            || WORDS.populations.contains(&self.word(s - 1)))
                    {
                        s -= 1;
                    }
                    let mut e = i + 1;
                    if self.word(e) == "with"
                        && self.toks.get(e + 1).is_some_and(|t| t.entity().is_some())
                    {
                        e += 2;
                    }
                    out.push((
                        i,
                        "population",
                        self.text[self.toks[s].start..self.toks[e - 1].end].to_string(),
                    ));
                }
            } else if self.not_arg[i] && matches!(self.kind_of(i), Some(Kind::Tissue | Kind::Cell))
            {
                let before = self.word(i.saturating_sub(1));
                let before2 = self.word(i.saturating_sub(2));
                if WORDS.locative.contains(&before) || WORDS.locative.contains(&before2) {
                    let label = self.toks[i]
                        .entity()
                        .and_then(|a| self.args[a].refs.first())
                        .map(|r| r.label.clone());
                    if let Some(l) = label {
                        out.push((i, "tissue", l));
                    }
                }
            }
        }
        out
    }

    fn claims(&self, doc: &Document, s: &Sentence) -> Vec<Claim> {
        let paragraph = &doc.paragraphs[s.paragraph];
        let contexts = self.contexts();
        let first_hit = self.hits.first().map_or(usize::MAX, |h| h.start);
        let mut readings: Vec<Reading> = Vec::new();
        let mut out: Vec<Claim> = Vec::new();
        let mut seen = HashSet::new();
        // The trigger each claim in `out` came from, for elliptical clauses.
        let mut from_hit: Vec<usize> = Vec::new();
        let mut absorbed_until = 0;
        for hi in 0..self.hits.len() {
            let h = &self.hits[hi];
            // A hyphen suffix ("TNF-alpha-induced VCAM-1") states its own claim even inside
            // another trigger's object.
            if h.start < absorbed_until && !matches!(h.form, Form::Suffix) {
                readings.push(Reading {
                    subject: None,
                    hedged: false,
                });
                continue;
            }
            let (subject, object) = if self.word(h.end - 1) == "between" {
                self.between(hi)
            } else {
                (self.subject(hi, &readings), self.object(hi))
            };
            let inherited = subject.as_ref().is_some_and(|g| {
                g.end <= h.start
                    && readings
                        .iter()
                        .any(|r| r.subject.as_ref().is_some_and(|p| p.start == g.start))
            });
            let left_end = match (&subject, &object) {
                (Some(sg), _) if sg.end <= h.start => sg.end,
                (_, Some((og, _, _))) if og.end <= h.start => og.end,
                _ => h.start,
            };
            let left_start = subject.as_ref().map_or(h.start, |g| g.start.min(h.start));
            let mut hedged = self.any_word(
                self.clause_start(left_start).min(left_end),
                h.start,
                &WORDS.hedges,
            ) || self.any_word(self.clause_start(h.start), h.start, &WORDS.hedges);
            if inherited {
                hedged |= readings
                    .iter()
                    .rev()
                    .find(|r| r.subject.is_some())
                    .is_some_and(|r| r.hedged);
            }
            let denied_subject = subject
                .as_ref()
                .is_some_and(|g| g.args.iter().any(|&a| self.args[a].negates));
            // A cue before an earlier trigger negates that one, not this one ("decreases
            // A without affecting B and increases C").
            let after_previous = self.hits[..hi]
                .iter()
                .filter(|p| p.end <= h.start)
                .map(|p| p.end)
                .max()
                .unwrap_or(0);
            let from = if inherited {
                self.clause_start(h.start)
            } else {
                left_end
            };
            let negated = denied_subject || self.negated_between(from.max(after_previous), h.start);
            readings.push(Reading {
                subject: subject.clone(),
                hedged,
            });
            let (Some(sg), Some((og, aspect, gap))) = (subject, object) else {
                continue;
            };
            // "LPS-stimulated neutrophils": how cells were treated, not a claim on them.
            if matches!(h.form, Form::Suffix)
                && matches!(
                    self.word(h.start),
                    "-stimulated" | "-activated" | "-treated" | "-primed" | "-pulsed" | "-exposed"
                )
                && (h.end..og.start).all(|k| self.modifier_word(k))
                && og.args.iter().all(|&a| {
                    self.args[a]
                        .refs
                        .iter()
                        .all(|r| matches!(r.kind, Kind::Cell | Kind::Tissue))
                })
            {
                continue;
            }
            let denied: HashSet<&str> = [&sg, &og]
                .iter()
                .flat_map(|g| g.args.iter())
                .filter(|&&a| self.args[a].denied)
                .flat_map(|&a| self.args[a].refs.iter().map(|r| r.id.as_str()))
                .collect();
            // A nominal trigger, or a hyphen suffix before one ("NF-kappaB-dependent
            // induction of X by Y"), leaves the triggers up to its object their own claims.
            if !matches!(h.form, Form::Phrase { nominal: true } | Form::Suffix) {
                absorbed_until = absorbed_until.max(og.start);
            }
            let next_hit = self.hits.get(hi + 1).map_or(self.toks.len(), |n| n.start);
            let mut ctx = Context::default();
            for (pos, field, value) in &contexts {
                let applies =
                    *pos < first_hit.min(sg.start) || (*pos >= og.start && *pos < next_hit);
                if !applies {
                    continue;
                }
                let slot = match *field {
                    "species" => &mut ctx.species,
                    "population" => &mut ctx.population,
                    _ => &mut ctx.tissue,
                };
                match slot {
                    Some(v) if !v.split(", ").any(|x| x == value) && *field == "species" => {
                        *v = format!("{v}, {value}").into();
                    }
                    Some(_) => {}
                    None => *slot = Some(value.as_str().into()),
                }
            }
            let trigger = self.text[self.toks[h.start].start..self.toks[h.end - 1].end]
                .trim_start_matches('-')
                .to_string();
            let after_object = self
                .toks
                .get(og.end)
                .and_then(Token::word)
                .unwrap_or("")
                .to_string();
            for (subj, flip) in self.subject_refs(&sg) {
                for obj in self.refs_of(&og) {
                    if subj.id == obj.id {
                        continue;
                    }
                    let negated = negated
                        || denied.contains(subj.id.as_str())
                        || denied.contains(obj.id.as_str());
                    for relation in self.relations_for(h, aspect, &gap, &obj, &after_object, flip) {
                        let key = (subj.id.clone(), relation.clone(), obj.id.clone(), negated);
                        if !seen.insert(key) {
                            continue;
                        }
                        from_hit.push(hi);
                        out.push(Claim {
                            subject: subj.clone(),
                            relation,
                            object: obj.clone(),
                            negated,
                            hedged,
                            context: ctx.clone(),
                            evidence: Evidence {
                                document: doc.id.as_str().into(),
                                section: paragraph.section.as_deref().map(Text::from),
                                sentence: doc.text[s.start..s.end].into(),
                                start: Some(s.start),
                                end: Some(s.end),
                                citations: paragraph.citations.clone(),
                                trigger: Some(trigger.as_str().into()),
                                ..Evidence::default()
                            },
                        });
                    }
                }
            }
        }
        self.add_elliptical_denials(&mut out, &from_hit, &mut seen);
        for (agents, relation, target, noun) in self.agent_nouns() {
            let Some(obj) = self.args[target].refs.first() else {
                continue;
            };
            let relation = self.ex.vocab.fit_range(relation, obj.kind).to_string();
            if !self.ex.vocab.contains(&relation) {
                continue;
            }
            for subj in agents.iter().flat_map(|&a| self.args[a].refs.iter()) {
                let key = (subj.id.clone(), relation.clone(), obj.id.clone(), false);
                if subj.id == obj.id || !seen.insert(key) {
                    continue;
                }
                out.push(Claim {
                    subject: subj.clone(),
                    relation: relation.clone(),
                    object: obj.clone(),
                    negated: false,
                    hedged: false,
                    context: Context::default(),
                    evidence: Evidence {
                        document: doc.id.as_str().into(),
                        section: paragraph.section.as_deref().map(Text::from),
                        sentence: doc.text[s.start..s.end].into(),
                        start: Some(s.start),
                        end: Some(s.end),
                        citations: paragraph.citations.clone(),
                        trigger: Some(self.text[self.toks[noun].start..self.toks[noun].end].into()),
                        ..Evidence::default()
                    },
                });
            }
        }
        out
    }

    /// "the PKC inhibitor bisindolylmaleimide (Bis)", "DZA, an SAH hydrolase inhibitor",
    /// "Y is a potent X antagonist", "the PPARalpha activators fenofibrate or WY14643": the
    /// agents named beside an agent noun act on the target named right before it. Each
    /// item: (agent arguments, relation, target argument, agent noun token).
    fn agent_nouns(&self) -> Vec<(Vec<usize>, &'static str, usize, usize)> {
        let n = self.toks.len();
        let mut out = Vec::new();
        for i in 1..n {
            let w = self.word(i);
            let relation = if WORDS.inhibitor_nouns.contains(&w) {
                SUPPRESSES
            } else if WORDS.activator_nouns.contains(&w) {
                INCREASES
            } else if matches!(w, "regulator" | "regulators" | "modulator" | "modulators") {
                REGULATES
            } else {
                continue;
            };
            let Some(target) = self.toks[i - 1].entity() else {
                continue;
            };
            // Agents after the noun: "inhibitor okadaic acid", "activators A or B".
            let mut agents = Vec::new();
            let mut k = i + 1;
            while k < n && WORDS.modifiers.contains(&self.word(k)) {
                k += 1;
            }
            while let Some(a) = self.toks.get(k).and_then(Token::entity) {
                agents.push(a);
                k += 1;
                if self.toks.get(k).is_some_and(|t| t.is_punct('(')) {
                    while k < n && !self.toks[k].is_punct(')') {
                        k += 1;
                    }
                    k += 1;
                }
                let mut c = k;
                while c < n && (self.toks[c].is_punct(',') || matches!(self.word(c), "and" | "or"))
                {
                    c += 1;
                }
                if c == k {
                    break;
                }
                k = c;
            }
            // An agent before: "Y, a potent X inhibitor", "Y is an X inhibitor".
            if agents.is_empty() {
                let mut b = i - 1;
                let mut steps = 0;
                while b > 0 && steps < 4 {
                    let w = self.word(b - 1);
                    if matches!(w, "a" | "an" | "the" | "potent" | "specific" | "selective")
                        || Self::is_adverbish(w)
                        || (w.contains('-') && self.modifier_word(b - 1))
                    {
                        b -= 1;
                        steps += 1;
                    } else {
                        break;
                    }
                }
                if steps > 0 && b > 1 {
                    let link = &self.toks[b - 1];
                    let linked = link.is_punct(',') || self.is_be(self.word(b - 1));
                    if linked && let Some(a) = self.toks[b - 2].entity() {
                        agents.push(a);
                    }
                }
            }
            agents.retain(|&a| a != target);
            if !agents.is_empty() {
                out.push((agents, relation, target, i));
            }
        }
        out
    }

    /// The relations a trigger states of an object: the trigger's relation refined by
    /// aspect, range and deficiency; an association "with lower X" also states the
    /// decrease.
    fn relations_for(
        &self,
        h: &Hit,
        aspect: Option<&Aspect>,
        gap: &[String],
        obj: &EntityRef,
        after_object: &str,
        flip: bool,
    ) -> Vec<String> {
        let vocab = &self.ex.vocab;
        let Some(rel) = vocab.get(&h.relation) else {
            return Vec::new();
        };
        let mut name = rel.name.clone();
        if rel.directional
            && let Some(a) = aspect
        {
            let refined = match rel.sign {
                Sign::Positive => a.up.clone(),
                Sign::Negative => a.down.clone(),
                Sign::Unsigned => None,
            };
            if let Some(r) = refined {
                name = r;
            }
        }
        let first = self.word(h.start);
        if obj.kind == Kind::Condition
            && WORDS.bettering.contains(&first)
            && !WORDS.good_outcomes.contains(&after_object)
        {
            name = DECREASES.to_string();
        }
        if flip && let Some(opp) = vocab.get(&name).and_then(|r| r.opposite.clone()) {
            name = opp;
        }
        let name = vocab.fit_range(&name, obj.kind).to_string();
        let mut out = vec![name.clone()];
        if vocab.get(&name).is_some_and(|r| r.sign == Sign::Unsigned) && vocab.contains(DECREASES) {
            let down = gap.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "lower" | "reduced" | "decreased" | "less" | "fewer"
                )
            });
            let up = gap.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "higher" | "increased" | "greater" | "elevated" | "more"
                )
            });
            let directed = if down && !up {
                Some(DECREASES)
            } else if up && !down {
                Some(INCREASES)
            } else {
                None
            };
            if let Some(d) = directed
                && name == ASSOCIATED_WITH
            {
                out.push(d.to_string());
            }
        }
        out
    }
}

/// After a determiner at `i` ("these", "all"...): whether a number word follows (0 or 1
/// words) and whether a noun for a group of agents comes next ("all three agents").
fn group_reference<'s>(w: &impl Fn(usize) -> &'s str, i: usize) -> (usize, bool) {
    let n = usize::from(matches!(w(i + 1), "two" | "three" | "four"));
    let noun = matches!(
        w(i + 1 + n),
        "nutrients"
            | "nutrient"
            | "vitamins"
            | "minerals"
            | "micronutrients"
            | "compounds"
            | "agents"
            | "drugs"
            | "supplements"
    );
    (n, noun)
}
