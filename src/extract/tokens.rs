//! A sentence as a sequence of tokens: words, punctuation and entity mentions, each with
//! its byte span in the document.

use crate::lexicon::Mention;

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// A word, lowercased. A word glued to a preceding entity by a hyphen starts with `-`.
    Word(String),
    /// A punctuation character.
    Punct(char),
    /// An entity mention (index into the sentence's mentions).
    Ent(usize),
}

/// A token with its byte span in the document.
#[derive(Debug, Clone)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Inside parentheses or an appositive: not an argument of the sentence's claims.
    pub hidden: bool,
}

impl Token {
    /// The word, if this is a word.
    pub fn word(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }

    /// Whether this is the word `w`.
    pub fn is(&self, w: &str) -> bool {
        self.word() == Some(w)
    }

    /// Whether this is the punctuation `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.tok == Tok::Punct(c)
    }

    /// The mention index, if this is an entity.
    pub fn entity(&self) -> Option<usize> {
        match self.tok {
            Tok::Ent(i) => Some(i),
            _ => None,
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\''
}

/// Tokenizes `text[start..end]` with the given mentions (absolute spans, sorted, not
/// overlapping, inside the range).
pub fn tokenize(text: &str, start: usize, end: usize, mentions: &[Mention]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = start;
    let mut m = 0;
    while i < end {
        if m < mentions.len() && mentions[m].start == i {
            out.push(Token {
                tok: Tok::Ent(m),
                start: i,
                end: mentions[m].end,
                hidden: false,
            });
            i = mentions[m].end;
            m += 1;
            // A hyphen word glued to the entity: "IL-1beta-induced".
            if text[i..end].starts_with('-') {
                // The glued word stops at the next mention.
                let stop = mentions.get(m).map_or(end, |x| x.start.clamp(i + 1, end));
                let rest = &text[i + 1..stop];
                let len: usize = rest
                    .chars()
                    .take_while(|&c| is_word_char(c) || c == '-')
                    .map(char::len_utf8)
                    .sum();
                if len > 0 {
                    out.push(Token {
                        tok: Tok::Word(format!("-{}", rest[..len].to_lowercase())),
                        start: i,
                        end: i + 1 + len,
                        hidden: false,
                    });
                    i += 1 + len;
                }
            }
            continue;
        }
        // A mention overlapped by what was already read is dropped.
        while mentions.get(m).is_some_and(|x| x.start < i) {
            m += 1;
        }
        let next_mention = mentions.get(m).map_or(end, |x| x.start);
        let Some(c) = text[i..end].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if is_word_char(c) {
            // A word: letters, digits, apostrophes, inner hyphens.
            let mut j = i;
            let mut chars = text[i..next_mention].char_indices().peekable();
            while let Some((k, ch)) = chars.next() {
                let inner_hyphen = (ch == '-' || ch == '/')
                    && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric())
                    && i + k + 1 < next_mention;
                if is_word_char(ch) || inner_hyphen {
                    j = i + k + ch.len_utf8();
                } else {
                    break;
                }
            }
            out.push(Token {
                tok: Tok::Word(text[i..j].to_lowercase()),
                start: i,
                end: j,
                hidden: false,
            });
            i = j;
        } else {
            out.push(Token {
                tok: Tok::Punct(c),
                start: i,
                end: i + c.len_utf8(),
                hidden: false,
            });
            i += c.len_utf8();
            // "factor-alpha (TNF-alpha)-induced": the suffix after a parenthesis is one
            // glued word, as after an entity.
            if c == ')' && text[i..next_mention].starts_with('-') {
                let rest = &text[i + 1..next_mention];
                let len: usize = rest
                    .chars()
                    .take_while(|&c| is_word_char(c) || c == '-')
                    .map(char::len_utf8)
                    .sum();
                if len > 0 && rest.starts_with(|c: char| c.is_alphabetic()) {
                    out.push(Token {
                        tok: Tok::Word(format!("-{}", rest[..len].to_lowercase())),
                        start: i,
                        end: i + 1 + len,
                        hidden: false,
                    });
                    i += 1 + len;
                }
            }
        }
    }
    hide_asides(&mut out);
    out
}

/// Marks parenthesised text and appositives (", the active form of vitamin A,") as hidden.
fn hide_asides(tokens: &mut [Token]) {
    let mut depth = 0usize;
    for t in tokens.iter_mut() {
        match t.tok {
            Tok::Punct('(') | Tok::Punct('[') => {
                depth += 1;
                t.hidden = true;
            }
            Tok::Punct(')') | Tok::Punct(']') => {
                t.hidden = true;
                depth = depth.saturating_sub(1);
            }
            _ => t.hidden = depth > 0,
        }
    }
    // Appositive: ENTITY , (the|a|an) ... , — closed by a comma before the sentence ends.
    let n = tokens.len();
    let mut k = 0;
    while k + 2 < n {
        let starts = tokens[k].entity().is_some()
            && tokens[k + 1].is_punct(',')
            && matches!(tokens[k + 2].word(), Some("the" | "a" | "an" | "its"));
        if starts && let Some(close) = (k + 3..n).find(|&j| tokens[j].is_punct(',')) {
            for t in &mut tokens[k + 1..=close] {
                t.hidden = true;
            }
            k = close + 1;
            continue;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_words_never_swallow_the_next_mention() {
        // Found by fuzzing: "LPS-'copper" where the matcher starts a mention after the
        // apostrophe, inside the glued word.
        let text = "LPS-'copper a";
        let mentions = [
            Mention {
                start: 0,
                end: 3,
                entity: 0,
            },
            Mention {
                start: 5,
                end: 11,
                entity: 1,
            },
        ];
        let toks = tokenize(text, 0, text.len(), &mentions);
        assert!(toks.iter().all(|t| t.start <= t.end && t.end <= text.len()));
        assert!(toks.iter().any(|t| t.entity() == Some(1)));
    }

    #[test]
    fn words_punctuation_and_glued_suffixes() {
        let text = "IL-1beta-induced gene (in cells), up-regulated.";
        let mentions = [Mention {
            start: 0,
            end: 8,
            entity: 0,
        }];
        let toks = tokenize(text, 0, text.len(), &mentions);
        let words: Vec<String> = toks
            .iter()
            .map(|t| match &t.tok {
                Tok::Word(w) => w.clone(),
                Tok::Punct(c) => c.to_string(),
                Tok::Ent(_) => "E".into(),
            })
            .collect();
        assert_eq!(
            words,
            vec![
                "E",
                "-induced",
                "gene",
                "(",
                "in",
                "cells",
                ")",
                ",",
                "up-regulated",
                "."
            ]
        );
        assert!(toks[4].hidden && !toks[2].hidden);
    }
}
