//! Abbreviations a document defines: "reactive oxygen intermediates (ROIs)" makes
//! `ROIs` a name of that entity for the rest of the document. When the long form is a
//! known entity, the short form becomes a document-local synonym; otherwise the long
//! form becomes an ungrounded entity (`claimgraph:` id, kind inferred from its form)
//! with the short form as its synonym.
//!
//! The long form is found as Schwartz and Hearst describe: the shortest run of words
//! before the parenthesis whose letters contain the short form's characters in order,
//! the first one starting a word.

use crate::claim::infer_kind;
use crate::document::Document;
use crate::lexicon::{Entity, Lexicon, Matcher, Mention, normalize_label};

use super::words::WORDS;

/// Names a document defines.
#[derive(Debug, Default, Clone)]
pub struct LocalNames {
    /// Entities the document introduces (indices after the lexicon's).
    pub entities: Vec<Entity>,
    /// Short forms and the entity (global or local index) they name.
    aliases: Vec<(String, usize)>,
    /// Long forms of local entities (lowercased) and their index.
    long_forms: Vec<(String, usize)>,
}

fn is_short_form(s: &str) -> bool {
    let n = s.chars().count();
    (2..=10).contains(&n)
        && s.chars().next().is_some_and(char::is_alphanumeric)
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '+'))
        && s.chars().any(char::is_uppercase)
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Whether a word looks like a gene, protein or compound symbol: two capitals, or a
/// capital and a digit ("PG490", "SN50", "TPEN", "MKK4", "IgE"), starting with a letter,
/// not a Roman numeral and not a word of methods or headings.
fn is_symbol(w: &str) -> bool {
    let n = w.chars().count();
    let upper = w.chars().filter(char::is_ascii_uppercase).count();
    let digits = w.chars().filter(char::is_ascii_digit).count();
    (2..=12).contains(&n)
        && w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && w.is_ascii()
        && (upper >= 2 || (upper >= 1 && digits >= 1))
        && !w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
        && !WORDS.not_symbols.contains(w)
        // "BSO-induced", "pan-PKC", "M2-type": a word glued to a symbol is not one.
        && !w
            .split(['-', '/'])
            .any(|part| part.len() >= 3 && part.chars().all(|c| c.is_ascii_lowercase()))
}

/// The long form ending at `before` (exclusive) for short form `sf`, if any.
fn long_form(text: &str, before: usize, sf: &str) -> Option<(usize, usize)> {
    let head = text[..before].trim_end();
    let end = head.len();
    // Candidate window: up to min(|sf| + 5, 2|sf|) words back, within the sentence.
    let max_words = (sf.chars().filter(|c| c.is_alphanumeric()).count() + 5).min(2 * sf.len());
    let mut start = end;
    let mut words = 0;
    for (i, c) in head.char_indices().rev() {
        if matches!(c, '.' | ';' | ':' | '(' | ')' | '[' | ']' | ',') {
            break;
        }
        if c.is_whitespace() && i + 1 < start {
            words += 1;
            if words >= max_words {
                break;
            }
        }
        start = i;
    }
    let window: Vec<char> = head[start..end].chars().collect();
    let sfc: Vec<char> = sf.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut l = window.len() as isize - 1;
    let mut s = sfc.len() as isize - 1;
    while s >= 0 {
        let c = sfc[s as usize];
        if !c.is_alphanumeric() {
            s -= 1;
            continue;
        }
        loop {
            if l < 0 {
                return None;
            }
            let lc = window[l as usize].to_ascii_lowercase();
            let word_start = l == 0 || !window[l as usize - 1].is_alphanumeric();
            if lc == c && (s > 0 || word_start) {
                break;
            }
            l -= 1;
        }
        l -= 1;
        s -= 1;
    }
    // Back to the start of the word holding the first matched character.
    let mut first = (l + 1) as usize;
    while first > 0 && window[first - 1].is_alphanumeric() {
        first -= 1;
    }
    let offset: usize = window[..first].iter().map(|c| c.len_utf8()).sum();
    let lf_start = start + offset;
    let lf = &text[lf_start..end];
    // A long form is longer than its short form and has more than one letter run.
    (lf.len() > sf.len() && lf.split_whitespace().count() >= 1 && !lf.eq_ignore_ascii_case(sf))
        .then_some((lf_start, end))
}

impl LocalNames {
    /// The names `doc` defines, given the lexicon and its matcher.
    pub fn of(doc: &Document, lexicon: &Lexicon, matcher: &Matcher) -> LocalNames {
        let mut local = LocalNames::default();
        let text = &doc.text;
        for p in &doc.paragraphs {
            let para = &text[p.start..p.end];
            let mentions = matcher.find(para);
            let mut search = 0;
            while let Some(open) = para[search..].find('(').map(|i| search + i) {
                search = open + 1;
                let Some(close) = para[open..].find(')').map(|i| open + i) else {
                    break;
                };
                let sf = para[open + 1..close].trim();
                if !is_short_form(sf) || local.aliases.iter().any(|(a, _)| a == sf) {
                    continue;
                }
                let known = mentions
                    .iter()
                    .find(|m| m.start == open + 1 && m.end == close)
                    .map(|m| m.entity);
                let before = para[..open].trim_end().len();
                let found = long_form(para, open, sf);
                // The entity right before the parenthesis is the long form unless the long
                // form reaches further back ("growth factor of activated T cells (GFATC)").
                if let Some(m) = mentions
                    .iter()
                    .find(|m| m.end == before)
                    .filter(|m| found.is_none_or(|(ls, _)| ls >= m.start))
                {
                    // "protein tyrosine kinase (PTK)": the document's sense of a short
                    // form wins over another sense the lexicon gives it.
                    if known == Some(m.entity) {
                        continue;
                    }
                    let e = &lexicon.entities()[m.entity];
                    if !e
                        .synonyms
                        .iter()
                        .chain(std::iter::once(&e.label))
                        .any(|n| n == sf)
                    {
                        local.aliases.push((sf.to_string(), m.entity));
                    }
                    continue;
                }
                let Some((ls, le)) = found else {
                    continue;
                };
                let lf = para[ls..le].trim();
                // The long form must not cut through a known entity; one inside it gives
                // way ("nuclear factor of activated T cells (NFAT)" is not "T cells").
                if mentions
                    .iter()
                    .any(|m| (m.start < ls && m.end > ls) || (m.start < le && m.end > le))
                {
                    continue;
                }
                let index = lexicon.len() + local.entities.len();
                local.entities.push(Entity {
                    id: format!("claimgraph:{}", normalize_label(lf)),
                    label: lf.to_string(),
                    kind: infer_kind(lf),
                    synonyms: vec![sf.to_string()],
                });
                local.aliases.push((sf.to_string(), index));
                local.long_forms.push((lf.to_lowercase(), index));
            }
        }
        local.add_symbols(doc, lexicon.len(), matcher);
        local
    }

    /// Gene-like symbols no vocabulary knows ("PG490", "SN50", "MKK4", "TPEN"): each
    /// becomes an ungrounded entity of the document, named by the symbol as written.
    fn add_symbols(&mut self, doc: &Document, base: usize, matcher: &Matcher) {
        let text = &doc.text;
        for p in &doc.paragraphs {
            let para = &text[p.start..p.end];
            let mentions = matcher.find(para);
            let mut i = 0;
            while i < para.len() {
                let Some(c) = para[i..].chars().next() else {
                    break;
                };
                let starts = c.is_alphanumeric()
                    && !para[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|b| b.is_alphanumeric() || matches!(b, '-' | '/'));
                if !starts {
                    i += c.len_utf8();
                    continue;
                }
                let len: usize = para[i..]
                    .char_indices()
                    .take_while(|&(k, ch)| {
                        ch.is_alphanumeric()
                            || (matches!(ch, '-' | '/')
                                && para[i + k + 1..]
                                    .chars()
                                    .next()
                                    .is_some_and(char::is_alphanumeric))
                    })
                    .map(|(_, ch)| ch.len_utf8())
                    .sum();
                let (a, b) = (i, i + len);
                i = b.max(i + 1);
                let word = &para[a..b];
                if !is_symbol(word)
                    || para[b..].starts_with(':')
                    || mentions.iter().any(|m| m.start < b && a < m.end)
                    || self.aliases.iter().any(|(s, _)| s == word)
                {
                    continue;
                }
                // A cell line ("U937 cells", "HL-60 cells") is a setting, not an agent; a
                // marker ("CD34+ cells", "CD34(+)") names cells too.
                let after = para[b..].trim_start().to_ascii_lowercase();
                if (after.starts_with("cell") && !after.starts_with("cellular"))
                    || para[b..].starts_with('+')
                    || para[b..].starts_with("(+)")
                {
                    continue;
                }
                let kind = crate::lexicon::Kind::Gene;
                let index = base + self.entities.len();
                self.entities.push(Entity {
                    id: format!("claimgraph:{}", normalize_label(word)),
                    label: word.to_string(),
                    kind,
                    synonyms: Vec::new(),
                });
                self.aliases.push((word.to_string(), index));
            }
        }
    }

    /// Whether the document defines nothing.
    pub fn is_empty(&self) -> bool {
        self.aliases.is_empty()
    }

    /// The entity (global or local index) a short form the document defines names.
    pub fn alias(&self, short: &str) -> Option<usize> {
        self.aliases
            .iter()
            .find(|(a, _)| a == short)
            .map(|&(_, e)| e)
    }

    /// The document-local synonyms of a lexicon entity.
    pub fn aliases_of(&self, entity: usize) -> impl Iterator<Item = &str> {
        self.aliases
            .iter()
            .filter(move |(_, e)| *e == entity)
            .map(|(a, _)| a.as_str())
    }

    /// Adds mentions of local names in `text[start..end]` to `mentions` (absolute spans),
    /// where they do not overlap a lexicon mention.
    pub fn add_mentions(&self, text: &str, start: usize, end: usize, mentions: &mut Vec<Mention>) {
        let s = &text[start..end];
        let lower = s.to_lowercase();
        let same_len = lower.len() == s.len();
        let mut found: Vec<Mention> = Vec::new();
        let mut scan = |needle: &str, hay: &str, entity: usize| {
            let mut from = 0;
            while let Some(i) = hay[from..].find(needle).map(|i| from + i) {
                from = i + needle.len().max(1);
                let (a, b) = (start + i, start + i + needle.len());
                let before_ok = !text[..a]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                let after_ok = !text[b..].chars().next().is_some_and(char::is_alphanumeric);
                if before_ok && after_ok && text.is_char_boundary(a) && text.is_char_boundary(b) {
                    found.push(Mention {
                        start: a,
                        end: b,
                        entity,
                    });
                }
            }
        };
        for (sf, e) in &self.aliases {
            scan(sf, s, *e);
            // "ROIs" defined, "ROI" used: the singular names the same entity.
            if let Some(singular) = sf.strip_suffix('s').filter(|x| x.chars().count() >= 2) {
                scan(singular, s, *e);
            }
        }
        if same_len {
            for (lf, e) in &self.long_forms {
                scan(lf, &lower, *e);
            }
        }
        // The document's own names win over the lexicon's names inside them.
        for m in found {
            let crossing = mentions.iter().any(|x| {
                x.start < m.end && m.start < x.end && !(m.start <= x.start && x.end <= m.end)
            });
            if !crossing {
                mentions.retain(|x| !(m.start <= x.start && x.end <= m.end));
                mentions.push(m);
            }
        }
        mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let mut covered = 0;
        mentions.retain(|m| {
            let keep = m.start >= covered;
            if keep {
                covered = m.end;
            }
            keep
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_forms() {
        let t = "We studied reactive oxygen intermediates (ROIs) today";
        let open = t.find('(').unwrap();
        let (s, e) = long_form(t, open, "ROIs").unwrap();
        assert_eq!(&t[s..e], "reactive oxygen intermediates");
        let t = "treated with prednisolone (PDN) daily";
        let (s, e) = long_form(t, t.find('(').unwrap(), "PDN").unwrap();
        assert_eq!(&t[s..e], "prednisolone");
        let t = "the cells (HL-60) grew";
        assert!(long_form(t, t.find('(').unwrap(), "HL-60").is_none());
    }

    #[test]
    fn short_forms() {
        assert!(is_short_form("ROIs") && is_short_form("PDN") && is_short_form("P/I"));
        assert!(!is_short_form("p") && !is_short_form("in mice") && !is_short_form("1999"));
    }
}
