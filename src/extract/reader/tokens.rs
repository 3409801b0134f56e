//! The reader's view of a sentence: fine-grained tokens (runs of letters and digits, and
//! every other character alone, so that "IL-2-induced" is `IL - 2 - induced` and a
//! mention can end at any hyphen), each with its lowercase form, its shape and whether a
//! lexicon name covers it.

use crate::lexicon::Matcher;

/// One sentence, tokenised for the tagger and the pair model.
#[derive(Debug, Clone, Default)]
pub struct Sent {
    /// Byte spans of the tokens in the text the sentence was cut from.
    pub spans: Vec<(usize, usize)>,
    /// The tokens as written.
    pub words: Vec<String>,
    /// The tokens lowercased.
    pub lower: Vec<String>,
    /// Word shapes: `Xx`, `X`, `x`, `d`, `Xd`, ... (runs collapsed).
    pub shapes: Vec<String>,
    /// Lexicon coverage per token: 0 none, 1 first token of a lexicon name, 2 inside one.
    pub lexicon: Vec<u8>,
    /// Whether whitespace precedes the token.
    pub space_before: Vec<bool>,
    /// Part-of-speech tags ([`super::syntax::TAGS`]), once a tagger has set them.
    pub pos: Vec<u8>,
    /// Base-phrase chunk tags ([`super::syntax::CHUNKS`]), once a chunker has set them.
    pub chunks: Vec<u8>,
    /// Dependency heads ([`super::deps`]; `u32::MAX` for the root), once a parser has set
    /// them.
    pub heads: Vec<u32>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn shape(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !out.ends_with(s) {
            out.push(s);
        }
    }
    out
}

impl Sent {
    /// Tokenise `text[start..end]`; spans are offsets into `text`. The matcher marks
    /// tokens that a lexicon name covers.
    pub fn new(text: &str, start: usize, end: usize, matcher: &Matcher) -> Sent {
        let Some(slice) = text.get(start..end) else {
            return Sent::default();
        };
        let mut s = Sent::default();
        let mut run: Option<usize> = None;
        let mut space = false;
        for (i, c) in slice.char_indices() {
            if is_word_char(c) {
                if run.is_none() {
                    run = Some(i);
                }
                continue;
            }
            if let Some(r) = run.take() {
                s.push(slice, start, r, i, space);
                space = false;
            }
            if c.is_whitespace() {
                space = true;
            } else {
                s.push(slice, start, i, i + c.len_utf8(), space);
                space = false;
            }
        }
        if let Some(r) = run {
            s.push(slice, start, r, slice.len(), space);
        }
        s.lexicon = vec![0; s.spans.len()];
        for m in matcher.find(slice) {
            let (ms, me) = (m.start + start, m.end + start);
            let mut first = true;
            for (k, &(a, b)) in s.spans.iter().enumerate() {
                if a >= ms && b <= me {
                    if let Some(l) = s.lexicon.get_mut(k) {
                        *l = if first { 1 } else { 2 };
                    }
                    first = false;
                }
            }
        }
        s
    }

    fn push(&mut self, slice: &str, offset: usize, a: usize, b: usize, space: bool) {
        let w = slice.get(a..b).unwrap_or("");
        self.spans.push((a + offset, b + offset));
        self.words.push(w.to_string());
        self.lower.push(w.to_lowercase());
        self.shapes.push(shape(w));
        self.space_before.push(space);
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The lowercase token at `i`, or a boundary marker outside the sentence.
    pub fn low(&self, i: Option<usize>) -> &str {
        match i.and_then(|i| self.lower.get(i)) {
            Some(w) => w,
            None => "<s>",
        }
    }

    /// The part-of-speech tag at `i`, or 255 outside the sentence or before tagging.
    pub fn tag(&self, i: Option<usize>) -> u8 {
        i.and_then(|i| self.pos.get(i)).copied().unwrap_or(255)
    }

    /// The chunk tag of the token at `i` (255 outside the sentence or when unchunked).
    pub fn chunk(&self, i: Option<usize>) -> u8 {
        i.and_then(|i| self.chunks.get(i)).copied().unwrap_or(255)
    }

    /// The shape of the token at `i`, or a boundary marker outside the sentence.
    pub fn shape(&self, i: Option<usize>) -> &str {
        match i.and_then(|i| self.shapes.get(i)) {
            Some(w) => w,
            None => "<s>",
        }
    }
}

/// The index `i + d` when it lies inside `0..n`.
pub fn offset(i: usize, d: isize, n: usize) -> Option<usize> {
    let j = i.checked_add_signed(d)?;
    (j < n).then_some(j)
}
