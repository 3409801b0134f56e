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

/// Read one abstract's XML.
pub fn parse(xml: &str, path: &Path, matcher: &Matcher, kind_of: &KindOf) -> Result<Abstract> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(xml, options).map_err(|e| {
        let pos = e.pos();
        Error::Parse {
            location: Location::new(path, pos.row as usize, pos.col as usize),
            message: format!("GENIA XML: {e}"),
        }
    })?;
    let pmid = doc
        .descendants()
        .find(|n| n.has_tag_name("PMID"))
        .and_then(|n| n.text())
        .unwrap_or("")
        .trim()
        .to_string();
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
                },
            );
            event_order.push(id.to_string());
        }
    }
    // The gold claims, as the evaluation derives them.
    let family = |class: &str| match class {
        "Positive_regulation" => Some(1),
        "Negative_regulation" => Some(2),
        "Regulation" | "Correlation" => Some(3),
        _ => None,
    };
    let expression =
        |class: &str| matches!(class, "Gene_expression" | "Transcription" | "Translation");
    let mut claims: Vec<(String, usize, String)> = Vec::new();
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
            claims.push((cause.clone(), fam, th));
        }
    }
    let in_claims: std::collections::HashSet<&str> = claims
        .iter()
        .flat_map(|(a, _, b)| [a.as_str(), b.as_str()])
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
        for (c, fam, th) in &claims {
            if let (Some(&a), Some(&b)) = (index.get(c.as_str()), index.get(th.as_str()))
                && a != b
                && !sent_claims.contains(&(a, *fam, b))
            {
                sent_claims.push((a, *fam, b));
            }
        }
        examples.push(Example {
            sent,
            mentions,
            claims: sent_claims,
        });
    }
    Ok(Abstract { pmid, examples })
}
