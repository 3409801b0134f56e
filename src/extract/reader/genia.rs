//! Training examples from the GENIA event corpus XML.
//!
//! Targets are made exactly as the shared evaluation derives its gold claims from the
//! events: a regulation event (positive, negative, plain regulation, correlation) with one
//! cause that is a term states a claim on each theme that is a term, or on the term whose
//! expression (gene expression, transcription, translation) the theme is; the event's
//! `non-exist` assertion negates it.
//!
//! The tagger learns one level of GENIA's nested terms (`[[RANTES] gene] expression`):
//! where terms overlap, the one a gold claim names wins, then one an event points at (a
//! theme or cause), then the longer. So the level events point at, which is the level
//! gold claims name, is the level tagged, and every other term is still tagged (at its
//! outermost level) so that the pair model, not the tagger, decides what takes part in a
//! claim.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::events::{self, Target};
use super::tagging::Span;
use super::tokens::Sent;
use crate::error::{Error, Location, Result};
use crate::lexicon::Matcher;

/// One annotated sentence, ready for training.
#[derive(Debug, Clone)]
pub struct Example {
    /// The sentence.
    pub sent: Sent,
    /// The mentions to tag (non-overlapping, in order).
    pub mentions: Vec<Span>,
    /// Gold claims: (subject mention index, family index + 1, object mention index).
    pub claims: Vec<(usize, usize, usize)>,
    /// Gold event triggers: (token, class), class as in [`events::TRIGGERS`]
    /// (1 up, 2 down, 3 assoc, 4 expression), one per token.
    pub triggers: Vec<(usize, usize)>,
    /// Gold event arguments: (trigger token, target, role), role as in
    /// [`events::ROLES`] (1 theme, 2 cause).
    pub args: Vec<(usize, Target, usize)>,
    /// The polarity of each gold claim of the sentence as its event states it.
    pub polarity: Vec<Polarity>,
}

impl Example {
    /// The gold role (as in [`events::ROLES`]; 0 none) that `target` plays for the trigger
    /// at token `trigger`.
    pub fn role(&self, trigger: usize, target: Target) -> usize {
        self.args
            .iter()
            .find(|a| a.0 == trigger && a.1 == target)
            .map_or(0, |a| a.2)
    }
}

/// How a gold claim's event is asserted: what the polarity model learns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Polarity {
    /// The subject (cause) mention's index.
    pub subject: usize,
    /// The object (theme) mention's index.
    pub object: usize,
    /// The event's trigger token, when its clue is in this sentence.
    pub trigger: Option<usize>,
    /// The event is stated not to happen (`assertion="non-exist"`).
    pub negated: bool,
    /// The event is stated as probable or doubtful (`uncertainty`).
    pub hedged: bool,
}

/// One abstract of the corpus.
#[derive(Debug, Clone)]
pub struct Abstract {
    /// Its PubMed id.
    pub pmid: String,
    /// Its sentences.
    pub examples: Vec<Example>,
}

/// The cross-validation fold of a PubMed id: FNV-1a of its digits, modulo `folds`.
pub fn fold_of(pmid: &str, folds: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in pmid.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h % folds.max(1)
}

struct Term {
    sentence: usize,
    start: usize,
    end: usize,
    class: String,
    text: String,
}

struct Event {
    class: String,
    themes: Vec<String>,
    causes: Vec<String>,
    /// `assertion="non-exist"`.
    negated: bool,
    /// `uncertainty="probable"` or `"doubtful"`.
    hedged: bool,
    /// The clue sentence's text and the byte span of its trigger (`clueType`) in it.
    clue: Option<(String, usize, usize)>,
}

/// The text of an event's `clue` and the span of its first `clueType` in that text.
fn clue_of(node: roxmltree::Node) -> Option<(String, usize, usize)> {
    fn go(node: roxmltree::Node, text: &mut String, span: &mut Option<(usize, usize)>) {
        for child in node.children() {
            if child.is_text() {
                text.push_str(child.text().unwrap_or(""));
            } else if child.is_element() {
                let start = text.len();
                go(child, text, span);
                if child.tag_name().name() == "clueType" && span.is_none() {
                    *span = Some((start, text.len()));
                }
            }
        }
    }
    let clue = node.children().find(|c| c.has_tag_name("clue"))?;
    let mut text = String::new();
    let mut span = None;
    go(clue, &mut text, &mut span);
    let (a, b) = span?;
    Some((text, a, b))
}

fn walk(node: roxmltree::Node, text: &mut String, terms: &mut Vec<(String, usize, usize, String)>) {
    for child in node.children() {
        if child.is_text() {
            text.push_str(child.text().unwrap_or(""));
        } else if child.is_element() {
            let start = text.len();
            walk(child, text, terms);
            if child.tag_name().name() == "term"
                && let Some(id) = child.attribute("id")
            {
                let class = child.attribute("sem").unwrap_or("Other").to_string();
                terms.push((id.to_string(), start, text.len(), class));
            }
        }
    }
}

/// The kind index of a GENIA class through the kind table.
pub type KindOf<'a> = dyn Fn(&str) -> usize + 'a;

/// Parses a GENIA corpus file (event corpus or treebank; `what` names it in errors) and
/// finds its PubMed id.
pub fn parse_xml<'x>(
    xml: &'x str,
    path: &Path,
    what: &str,
) -> Result<(roxmltree::Document<'x>, String)> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(xml, options).map_err(|e| {
        let pos = e.pos();
        Error::Parse {
            location: Location::new(path, pos.row as usize, pos.col as usize),
            message: format!("{what}: {e}"),
        }
    })?;
    let pmid = doc
        .descendants()
        .find(|n| n.has_tag_name("PMID"))
        .and_then(|n| n.text())
        .unwrap_or("")
        .trim()
        .to_string();
    Ok((doc, pmid))
}

/// Read one abstract's XML.
pub fn parse(xml: &str, path: &Path, matcher: &Matcher, kind_of: &KindOf) -> Result<Abstract> {
    let (doc, pmid) = parse_xml(xml, path, "GENIA XML")?;
    let mut sentences: Vec<String> = Vec::new();
    let mut terms: FxHashMap<String, Term> = FxHashMap::default();
    let mut term_order: Vec<String> = Vec::new();
    let mut events: FxHashMap<String, Event> = FxHashMap::default();
    let mut event_order: Vec<String> = Vec::new();
    for node in doc.descendants() {
        if node.has_tag_name("sentence") {
            let mut text = String::new();
            let mut found = Vec::new();
            walk(node, &mut text, &mut found);
            for (id, start, end, class) in found {
                let t = text.get(start..end).unwrap_or("").to_string();
                term_order.push(id.clone());
                terms.insert(
                    id,
                    Term {
                        sentence: sentences.len(),
                        start,
                        end,
                        class,
                        text: t,
                    },
                );
            }
            sentences.push(text);
        } else if node.has_tag_name("event") {
            let Some(id) = node.attribute("id") else {
                continue;
            };
            let class = node
                .children()
                .find(|c| c.has_tag_name("type"))
                .and_then(|c| c.attribute("class"))
                .unwrap_or("")
                .to_string();
            let refs = |tag: &str| -> Vec<String> {
                node.children()
                    .filter(|c| c.has_tag_name(tag))
                    .filter_map(|c| c.attribute("idref").map(str::to_string))
                    .collect()
            };
            events.insert(
                id.to_string(),
                Event {
                    class,
                    themes: refs("theme"),
                    causes: refs("cause"),
                    negated: node.attribute("assertion") == Some("non-exist"),
                    hedged: matches!(node.attribute("uncertainty"), Some("probable" | "doubtful")),
                    clue: clue_of(node),
                },
            );
            event_order.push(id.to_string());
        }
    }
    // The gold claims, as the evaluation derives them.
    let family = |class: &str| events::trigger_class(class).filter(|&c| c != events::EXPRESSION);
    let expression = |class: &str| events::trigger_class(class) == Some(events::EXPRESSION);
    let mut claims: Vec<(String, usize, String, &str)> = Vec::new();
    let mut referenced: Vec<String> = Vec::new();
    for id in &event_order {
        let Some(ev) = events.get(id) else { continue };
        for r in ev.themes.iter().chain(&ev.causes) {
            if terms.contains_key(r) {
                referenced.push(r.clone());
            }
        }
        let Some(fam) = family(&ev.class) else {
            continue;
        };
        let [cause] = ev.causes.as_slice() else {
            continue;
        };
        let Some(ct) = terms.get(cause) else { continue };
        for th in &ev.themes {
            let mut th = th.clone();
            if let Some(inner) = events.get(&th)
                && expression(&inner.class)
                && let Some(first) = inner.themes.first()
                && terms.contains_key(first)
            {
                th = first.clone();
            }
            let Some(tt) = terms.get(&th) else { continue };
            if *cause == th || ct.text == tt.text {
                continue;
            }
            claims.push((cause.clone(), fam, th, id.as_str()));
        }
    }
    let in_claims: std::collections::HashSet<&str> = claims
        .iter()
        .flat_map(|(a, _, b, _)| [a.as_str(), b.as_str()])
        .collect();
    let mut examples: Vec<Example> = Vec::new();
    for (si, text) in sentences.iter().enumerate() {
        let sent = Sent::new(text, 0, text.len(), matcher);
        // Candidate mentions: the terms of this sentence, in priority order.
        let mut cands: Vec<(&str, Span, (bool, bool, usize))> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let referenced: std::collections::HashSet<&str> =
            referenced.iter().map(String::as_str).collect();
        for id in &term_order {
            let Some(t) = terms.get(id) else { continue };
            if t.sentence != si || !seen.insert(id.as_str()) {
                continue;
            }
            let toks: Vec<usize> = (0..sent.len())
                .filter(|&k| sent.spans[k].0 >= t.start && sent.spans[k].1 <= t.end)
                .collect();
            let (Some(&a), Some(&b)) = (toks.first(), toks.last()) else {
                continue;
            };
            let span = Span {
                start: a,
                end: b + 1,
                kind: kind_of(&t.class),
            };
            let rank = (
                in_claims.contains(id.as_str()),
                referenced.contains(id.as_str()),
                t.end - t.start,
            );
            cands.push((id.as_str(), span, rank));
        }
        cands.sort_by(|x, y| y.2.cmp(&x.2).then(x.1.start.cmp(&y.1.start)));
        let mut chosen: Vec<(&str, Span)> = Vec::new();
        for (id, span, _) in cands {
            if chosen
                .iter()
                .any(|(_, c)| span.start < c.end && c.start < span.end)
            {
                continue;
            }
            chosen.push((id, span));
        }
        chosen.sort_by_key(|(_, s)| s.start);
        let mentions: Vec<Span> = chosen.iter().map(|(_, s)| *s).collect();
        let index: FxHashMap<&str, usize> = chosen
            .iter()
            .enumerate()
            .map(|(k, (id, _))| (*id, k))
            .collect();
        let mut sent_claims: Vec<(usize, usize, usize)> = Vec::new();
        for (c, fam, th, _) in &claims {
            if let (Some(&a), Some(&b)) = (index.get(c.as_str()), index.get(th.as_str()))
                && a != b
                && !sent_claims.contains(&(a, *fam, b))
            {
                sent_claims.push((a, *fam, b));
            }
        }
        // This sentence's event triggers (an event belongs to the sentence its clue
        // repeats) and their arguments among the chosen mentions.
        let head = |a: usize, b: usize| -> Option<usize> {
            let toks: Vec<usize> = (0..sent.len())
                .filter(|&k| sent.spans[k].0 >= a && sent.spans[k].1 <= b)
                .collect();
            toks.iter()
                .copied()
                .find(|&k| {
                    let w = &sent.lower[k];
                    w.chars().count() >= 3 && w.chars().all(char::is_alphanumeric)
                })
                .or(toks.first().copied())
        };
        let mut trigger_of: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
        let mut sent_triggers: Vec<(usize, usize)> = Vec::new();
        for id in &event_order {
            let Some(ev) = events.get(id) else { continue };
            let Some(class) = events::trigger_class(&ev.class) else {
                continue;
            };
            let Some((clue, a, b)) = &ev.clue else {
                continue;
            };
            if clue != text {
                continue;
            }
            let Some(tok) = head(*a, *b) else { continue };
            trigger_of.insert(id.as_str(), (tok, class));
            if !sent_triggers.iter().any(|&(k, _)| k == tok) {
                sent_triggers.push((tok, class));
            }
        }
        let mut sent_args: Vec<(usize, Target, usize)> = Vec::new();
        for id in &event_order {
            let (Some(ev), Some(&(tok, class))) = (events.get(id), trigger_of.get(id.as_str()))
            else {
                continue;
            };
            let mut push = |arg: (usize, Target, usize)| {
                if !sent_args.contains(&arg) {
                    sent_args.push(arg);
                }
            };
            for th in &ev.themes {
                if let Some(&m) = index.get(th.as_str()) {
                    push((tok, Target::Mention(m), events::THEME));
                } else if let Some(&(inner, inner_class)) = trigger_of.get(th.as_str())
                    && inner_class == events::EXPRESSION
                    && class != events::EXPRESSION
                    && inner != tok
                {
                    push((tok, Target::Trigger(inner), events::THEME));
                }
            }
            if class != events::EXPRESSION {
                for c in &ev.causes {
                    if let Some(&m) = index.get(c.as_str()) {
                        push((tok, Target::Mention(m), events::CAUSE));
                    }
                }
            }
        }
        let mut polarity: Vec<Polarity> = Vec::new();
        for (c, _, th, id) in &claims {
            let (Some(&a), Some(&b), Some(ev)) = (
                index.get(c.as_str()),
                index.get(th.as_str()),
                events.get(*id),
            ) else {
                continue;
            };
            let p = Polarity {
                subject: a,
                object: b,
                trigger: trigger_of.get(id).map(|&(tok, _)| tok),
                negated: ev.negated,
                hedged: ev.hedged,
            };
            if a != b && !polarity.contains(&p) {
                polarity.push(p);
            }
        }
        examples.push(Example {
            sent,
            mentions,
            claims: sent_claims,
            triggers: sent_triggers,
            args: sent_args,
            polarity,
        });
    }
    Ok(Abstract { pmid, examples })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up abstract in the corpus's markup: "Zorbin activates FOXQ7 gene
    /// expression", a positive regulation whose theme is the expression of a term.
    const XML: &str = r#"<?xml version="1.0"?>
<Annotation><PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>123</PMID><Article>
<ArticleTitle><sentence id="S1"><term sem="Protein_molecule" id="T1" lex="Zorbin">Zorbin</term> activates <term sem="Other" id="T2" lex="FOXQ7_gene_expression"><term sem="DNA_domain_or_region" id="T3" lex="FOXQ7_gene">FOXQ7 gene</term> expression</term>.</sentence>
<event id="E1"><type class="Gene_expression" /><theme idref="T3" /><clue>Zorbin activates FOXQ7 gene <clueType>expression</clueType>.</clue></event>
<event id="E2"><type class="Positive_regulation" /><theme idref="E1" /><cause idref="T1" /><clue>Zorbin <clueType>activates</clueType> FOXQ7 gene expression.</clue></event>
</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet></Annotation>"#;

    #[test]
    fn events_give_triggers_arguments_and_the_gold_claim() {
        let matcher = crate::lexicon::Lexicon::default().matcher();
        let ab = parse(XML, Path::new("t.xml"), &matcher, &|_: &str| 0).expect("parses");
        assert_eq!(ab.pmid, "123");
        let ex = &ab.examples[0];
        let words = |sp: Span| ex.sent.words[sp.start..sp.end].join(" ");
        let names: Vec<String> = ex.mentions.iter().map(|&m| words(m)).collect();
        // The level the events point at is tagged, not the outer "... expression" term.
        assert_eq!(names, vec!["Zorbin", "FOXQ7 gene"]);
        assert_eq!(ex.claims, vec![(0, 1, 1)]);
        let token = |w: &str| ex.sent.words.iter().position(|x| x == w).expect("token");
        let (act, expr) = (token("activates"), token("expression"));
        assert_eq!(ex.triggers, vec![(expr, events::EXPRESSION), (act, 1)]);
        assert!(ex.args.contains(&(expr, Target::Mention(1), events::THEME)));
        assert!(
            ex.args
                .contains(&(act, Target::Trigger(expr), events::THEME))
        );
        assert!(ex.args.contains(&(act, Target::Mention(0), events::CAUSE)));
        assert_eq!(ex.args.len(), 3);
    }
}
