//! A claims line read by hand, without serde_json.
//!
//! serde_json through the derived `Deserialize` impls is general: every key and value
//! goes through a visitor, and a string's end is looked for one call at a time. This
//! scanner knows the claim schema: it matches keys by their bytes, looks for the end of
//! a string eight bytes at a time, and borrows every string that holds no escape.
//!
//! It reads what serde_json reads, exactly as serde_json reads it: fields in any order,
//! any JSON whitespace, escapes (surrogate pairs included), `null` for optional fields,
//! fields it does not know (skipped). When it meets anything else (a duplicate or
//! missing field, a value of another type, a number that is not a plain integer, deep
//! nesting, malformed JSON) it gives up and returns `None`, and the caller parses the
//! line with serde_json, so that errors keep serde_json's messages and positions and
//! rare but valid forms (a struct written as an array, an enum as a map) still read.
//! The rule it keeps: it never accepts a line serde_json rejects, and what it accepts it
//! reads to the same claim.

use std::borrow::Cow;

use super::{BorrowedClaim, BorrowedContext, BorrowedEntity, BorrowedEvidence, Str};
use crate::lexicon::Kind;

/// How deeply nested values may be before the scanner leaves the line to serde_json
/// (whose own limit is 128 levels).
const MAX_DEPTH: u32 = 32;

/// The keys of each object, as written (`"name":`) and in the order claims are written.
const CLAIM_KEYS: &[&[u8]] = &[
    b"\"subject\":",
    b"\"relation\":",
    b"\"object\":",
    b"\"negated\":",
    b"\"hedged\":",
    b"\"context\":",
    b"\"evidence\":",
];
const ENTITY_KEYS: &[&[u8]] = &[
    b"\"id\":",
    b"\"label\":",
    b"\"kind\":",
    b"\"mention\":",
    b"\"synonyms\":",
    b"\"members\":",
];
const CONTEXT_KEYS: &[&[u8]] = &[b"\"species\":", b"\"population\":", b"\"tissue\":"];
const EVIDENCE_KEYS: &[&[u8]] = &[
    b"\"document\":",
    b"\"section\":",
    b"\"sentence\":",
    b"\"start\":",
    b"\"end\":",
    b"\"citations\":",
    b"\"trigger\":",
    b"\"score\":",
    b"\"source\":",
    b"\"verified\":",
];

/// Reads one claims line (a JSON object, with whitespace around it), or `None` when the
/// line is for serde_json to read (see the module documentation).
pub(crate) fn claim(line: &str) -> Option<BorrowedClaim<'_>> {
    let mut s = Scanner {
        text: line,
        bytes: line.as_bytes(),
        pos: 0,
    };
    s.ws();
    let claim = s.claim()?;
    s.ws();
    (s.pos == s.bytes.len()).then_some(claim)
}

/// Stores a field's value, or gives up when the field was already given (serde's
/// "duplicate field" error).
#[inline]
fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

/// The index of the first `"`, `\` or control character (U+0000 to U+001F) in `b`,
/// looked for eight bytes at a time.
#[inline]
fn special(b: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES << 7;
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // A byte's high bit is set in `found` where the byte is a quote, a backslash or
        // below 0x20; the lowest such byte is always exact (carries only run upwards).
        let quote = x ^ (ONES * u64::from(b'"'));
        let backslash = x ^ (ONES * u64::from(b'\\'));
        let found = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (x.wrapping_sub(ONES * 0x20) & !x);
        let found = found & HIGH;
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b[i..]
        .iter()
        .position(|&c| matches!(c, b'"' | b'\\' | 0..=0x1f))
        .map(|j| i + j)
}

/// The value of an ASCII hex digit.
#[inline]
fn hex(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips JSON whitespace.
    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    #[inline]
    fn eat(&mut self, c: u8) -> Option<()> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Some(())
        } else {
            None
        }
    }

    /// Consumes `word` (`null`, `true`, `false`).
    #[inline]
    fn word(&mut self, word: &[u8]) -> Option<()> {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            Some(())
        } else {
            None
        }
    }

    /// Reads an object whose keys are among `keys` (each written `"name":`), calling
    /// `field` at each value with the key's index in `keys`, or `None` for another key.
    /// `field` reads the value (or gives up). Keys are tried in the order of `keys` first,
    /// the order in which claims are written, by comparing the bytes in place.
    #[inline]
    fn object(
        &mut self,
        keys: &[&[u8]],
        mut field: impl FnMut(&mut Self, Option<usize>) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        self.ws();
        if self.eat(b'}').is_some() {
            return Some(());
        }
        let mut next = 0;
        loop {
            let found = match keys.get(next) {
                Some(k) if self.at(k) => {
                    self.pos += k.len();
                    Some(next)
                }
                _ => {
                    let key = self.key()?;
                    self.ws();
                    self.eat(b':')?;
                    keys.iter().position(|k| &k[1..k.len() - 2] == key)
                }
            };
            if let Some(i) = found {
                next = i + 1;
            }
            self.ws();
            field(self, found)?;
            self.ws();
            match self.peek()? {
                b',' => {
                    self.pos += 1;
                    self.ws();
                }
                b'}' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Whether the line continues with `lit` (4 to 16 bytes), compared as two
    /// overlapping words.
    #[inline]
    fn at(&self, lit: &[u8]) -> bool {
        let n = lit.len();
        debug_assert!((4..=16).contains(&n));
        let Some(here) = self.bytes.get(self.pos..self.pos + n) else {
            return false;
        };
        if n >= 8 {
            let w =
                |b: &[u8], i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or_default());
            w(here, 0) == w(lit, 0) && w(here, n - 8) == w(lit, n - 8)
        } else {
            let w =
                |b: &[u8], i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or_default());
            w(here, 0) == w(lit, 0) && w(here, n - 4) == w(lit, n - 4)
        }
    }

    /// Reads an array, each item with `item`.
    #[inline]
    fn array<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.eat(b'[')?;
        self.ws();
        let mut items = Vec::new();
        if self.eat(b']').is_some() {
            return Some(items);
        }
        loop {
            items.push(item(self)?);
            self.ws();
            match self.peek()? {
                b',' => {
                    self.pos += 1;
                    self.ws();
                }
                b']' => {
                    self.pos += 1;
                    return Some(items);
                }
                _ => return None,
            }
        }
    }

    /// A key's bytes; keys with an escape are left to serde_json.
    #[inline]
    fn key(&mut self) -> Option<&'a [u8]> {
        self.eat(b'"')?;
        let start = self.pos;
        self.pos += special(&self.bytes[start..])?;
        if self.bytes[self.pos] != b'"' {
            return None;
        }
        let key = &self.bytes[start..self.pos];
        self.pos += 1;
        Some(key)
    }

    /// A string: borrowed from the line when it holds no escape, decoded otherwise.
    #[inline]
    fn string(&mut self) -> Option<Str<'a>> {
        self.eat(b'"')?;
        let start = self.pos;
        self.pos += special(&self.bytes[start..])?;
        if self.bytes[self.pos] == b'"' {
            // Both ends are ASCII bytes, so they are character boundaries.
            let s = &self.text[start..self.pos];
            self.pos += 1;
            return Some(Str(Cow::Borrowed(s)));
        }
        self.escaped(start).map(|s| Str(Cow::Owned(s)))
    }

    /// The rest of a string that has an escape at the current position; `start` is
    /// where its text began.
    #[cold]
    fn escaped(&mut self, start: usize) -> Option<String> {
        let mut out = String::with_capacity(self.pos - start + 16);
        let mut run = start;
        loop {
            match self.bytes[self.pos] {
                b'"' => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    return Some(out);
                }
                b'\\' => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    out.push(self.escape()?);
                    run = self.pos;
                }
                // A control character: serde_json's error.
                _ => return None,
            }
            self.pos += special(&self.bytes[self.pos..])?;
        }
    }

    /// The character of the escape after a backslash. A lone surrogate is serde_json's
    /// error.
    fn escape(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                match high {
                    0xD800..=0xDBFF => {
                        self.word(b"\\u")?;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?
                    }
                    _ => char::from_u32(high)?,
                }
            }
            _ => return None,
        })
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Option<u32> {
        let d = self.bytes.get(self.pos..self.pos + 4)?;
        let n = (hex(d[0])? << 12) | (hex(d[1])? << 8) | (hex(d[2])? << 4) | hex(d[3])?;
        self.pos += 4;
        Some(n)
    }

    /// `null` or a string.
    #[inline]
    fn opt_string(&mut self) -> Option<Option<Str<'a>>> {
        if self.peek()? == b'n' {
            self.word(b"null")?;
            Some(None)
        } else {
            self.string().map(Some)
        }
    }

    #[inline]
    fn bool(&mut self) -> Option<bool> {
        match self.peek()? {
            b't' => self.word(b"true").map(|()| true),
            b'f' => self.word(b"false").map(|()| false),
            _ => None,
        }
    }

    /// A non-negative integer as serde_json reads a `u64`: digits with no leading zero,
    /// no fraction or exponent, no overflow.
    #[inline]
    fn u64(&mut self) -> Option<u64> {
        let start = self.pos;
        let mut n: u64 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
            self.pos += 1;
        }
        let len = self.pos - start;
        if len == 0 || (len > 1 && self.bytes[start] == b'0') {
            return None;
        }
        if let Some(b'.' | b'e' | b'E') = self.peek() {
            return None;
        }
        Some(n)
    }

    /// `null` or an offset.
    #[inline]
    fn opt_usize(&mut self) -> Option<Option<usize>> {
        if self.peek()? == b'n' {
            self.word(b"null")?;
            Some(None)
        } else {
            self.u64().and_then(|n| usize::try_from(n).ok()).map(Some)
        }
    }

    /// `null` or a score: the number read as serde_json reads an `f64` (so that both
    /// readers round alike), `None` for anything outside [0, 1] (serde reports it).
    #[inline]
    fn opt_score(&mut self) -> Option<Option<crate::claim::Score>> {
        if self.peek()? == b'n' {
            self.word(b"null")?;
            return Some(None);
        }
        let start = self.pos;
        self.number()?;
        let v: f64 = serde_json::from_str(self.text.get(start..self.pos)?).ok()?;
        crate::claim::Score::from_f64(v).map(Some)
    }

    /// An entity's kind, as its lower-case name.
    #[inline]
    fn kind(&mut self) -> Option<Kind> {
        Some(match self.key()? {
            b"nutrient" => Kind::Nutrient,
            b"chemical" => Kind::Chemical,
            b"gene" => Kind::Gene,
            b"protein" => Kind::Protein,
            b"cytokine" => Kind::Cytokine,
            b"tissue" => Kind::Tissue,
            b"cell" => Kind::Cell,
            b"process" => Kind::Process,
            b"condition" => Kind::Condition,
            b"combination" => Kind::Combination,
            _ => return None,
        })
    }

    /// The value of a field the schema does not have: any JSON value, checked as
    /// serde_json checks it and skipped.
    fn skip(&mut self, depth: u32) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'n' => self.word(b"null"),
            b't' => self.word(b"true"),
            b'f' => self.word(b"false"),
            b'-' | b'0'..=b'9' => self.number(),
            b'[' if depth > 0 => self.array(|s| s.skip(depth - 1)).map(drop),
            b'{' if depth > 0 => self.object(&[], |s, _| s.skip(depth - 1)),
            _ => None,
        }
    }

    /// Any JSON number, skipped.
    fn number(&mut self) -> Option<()> {
        let _ = self.eat(b'-');
        match self.peek()? {
            b'0' => self.pos += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.eat(b'.').is_some() {
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return None;
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return None;
            }
            self.digits();
        }
        // A digit here would be a second leading zero: serde_json's error.
        if let Some(b'0'..=b'9') = self.peek() {
            return None;
        }
        Some(())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn claim(&mut self) -> Option<BorrowedClaim<'a>> {
        let mut subject = None;
        let mut relation = None;
        let mut object = None;
        let mut negated = None;
        let mut hedged = None;
        let mut context = None;
        let mut evidence = None;
        self.object(CLAIM_KEYS, |s, key| match key {
            Some(0) => set(&mut subject, s.entity(MAX_DEPTH - 1)?),
            Some(1) => set(&mut relation, s.string()?),
            Some(2) => set(&mut object, s.entity(MAX_DEPTH - 1)?),
            Some(3) => set(&mut negated, s.bool()?),
            Some(4) => set(&mut hedged, s.bool()?),
            Some(5) => set(&mut context, s.context()?),
            Some(6) => set(&mut evidence, s.evidence()?),
            _ => s.skip(MAX_DEPTH - 1),
        })?;
        Some(BorrowedClaim {
            subject: subject?,
            relation: relation?,
            object: object?,
            negated: negated.unwrap_or_default(),
            hedged: hedged.unwrap_or_default(),
            context: context.unwrap_or_default(),
            evidence: evidence.unwrap_or_default(),
        })
    }

    fn entity(&mut self, depth: u32) -> Option<BorrowedEntity<'a>> {
        if depth < 2 {
            return None;
        }
        let mut id = None;
        let mut label = None;
        let mut kind = None;
        let mut mention = None;
        let mut synonyms = None;
        let mut members = None;
        self.object(ENTITY_KEYS, |s, key| match key {
            Some(0) => set(&mut id, s.string()?),
            Some(1) => set(&mut label, s.string()?),
            Some(2) => set(&mut kind, s.kind()?),
            Some(3) => set(&mut mention, s.opt_string()?),
            Some(4) => set(&mut synonyms, s.array(Self::string)?),
            Some(5) => set(&mut members, s.array(|s| s.entity(depth - 2))?),
            _ => s.skip(depth - 1),
        })?;
        Some(BorrowedEntity {
            id: id?,
            label: label?,
            kind: kind?,
            mention: mention.flatten(),
            synonyms: synonyms.unwrap_or_default(),
            members: members.unwrap_or_default(),
        })
    }

    fn context(&mut self) -> Option<BorrowedContext<'a>> {
        let mut species = None;
        let mut population = None;
        let mut tissue = None;
        self.object(CONTEXT_KEYS, |s, key| match key {
            Some(0) => set(&mut species, s.opt_string()?),
            Some(1) => set(&mut population, s.opt_string()?),
            Some(2) => set(&mut tissue, s.opt_string()?),
            _ => s.skip(MAX_DEPTH - 2),
        })?;
        Some(BorrowedContext {
            species: species.flatten(),
            population: population.flatten(),
            tissue: tissue.flatten(),
        })
    }

    fn evidence(&mut self) -> Option<BorrowedEvidence<'a>> {
        let mut document = None;
        let mut section = None;
        let mut sentence = None;
        let mut start = None;
        let mut end = None;
        let mut citations = None;
        let mut trigger = None;
        let mut score = None;
        let mut source = None;
        let mut verified = None;
        self.object(EVIDENCE_KEYS, |s, key| match key {
            Some(0) => set(&mut document, s.string()?),
            Some(1) => set(&mut section, s.opt_string()?),
            Some(2) => set(&mut sentence, s.string()?),
            Some(3) => set(&mut start, s.opt_usize()?),
            Some(4) => set(&mut end, s.opt_usize()?),
            Some(5) => set(&mut citations, s.array(Self::u64)?),
            Some(6) => set(&mut trigger, s.opt_string()?),
            Some(7) => set(&mut score, s.opt_score()?),
            Some(8) => set(&mut source, s.opt_string()?),
            Some(9) => set(&mut verified, s.bool()?),
            _ => s.skip(MAX_DEPTH - 2),
        })?;
        Some(BorrowedEvidence {
            document: document?,
            section: section.flatten(),
            sentence: sentence.unwrap_or_default(),
            start: start.flatten(),
            end: end.flatten(),
            citations: citations.unwrap_or_default(),
            trigger: trigger.flatten(),
            score: score.flatten(),
            source: source.flatten(),
            verified: verified.unwrap_or(true),
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::claim::Claim;

    /// What serde_json makes of a line.
    fn by_serde(line: &str) -> Result<Claim, String> {
        serde_json::from_str::<BorrowedClaim>(line)
            .map(BorrowedClaim::into_owned)
            .map_err(|e| e.to_string())
    }

    /// What the scanner makes of a line; when it reads one, serde_json must read the
    /// same claim.
    fn by_scanner(line: &str) -> Option<Claim> {
        let claim = claim(line)?.into_owned();
        assert_eq!(Ok(&claim), by_serde(line).as_ref(), "{line}");
        Some(claim)
    }

    const PLAIN: &str = r#"{"subject":{"id":"CHEBI:27363","label":"zinc","kind":"nutrient","mention":"Zinc","synonyms":["Zn","Zn2+"]},"relation":"cofactor-for","object":{"id":"CHEBI:27300","label":"vitamin D","kind":"nutrient","mention":"vitamin D","synonyms":["vit D"]},"negated":false,"hedged":false,"context":{"species":null,"population":null,"tissue":null},"evidence":{"document":"zinc-vitamin-d","section":"Zinc and Vitamin D","sentence":"Zinc is essential for vitamin D.","start":217,"end":438,"citations":[1,4],"trigger":"essential for"}}"#;

    /// `PLAIN` with `from` replaced by `to`.
    fn edit(from: &str, to: &str) -> String {
        assert!(PLAIN.contains(from), "{from}");
        PLAIN.replacen(from, to, 1)
    }

    #[test]
    fn a_line_as_extract_writes_it_is_read_borrowed() {
        let c = claim(PLAIN).unwrap();
        assert!(matches!(c.evidence.sentence.0, Cow::Borrowed(_)));
        assert_eq!(c.evidence.citations, vec![1, 4]);
        assert_eq!(c.subject.kind, Kind::Nutrient);
        let owned = by_scanner(&format!(" \t{PLAIN}\r\n")).unwrap();
        assert_eq!(owned.evidence.start, Some(217));
        assert_eq!(owned.object.synonyms, vec!["vit D"]);
    }

    #[test]
    fn every_kind_is_read_by_its_name() {
        for kind in Kind::ALL {
            let line = edit(r#""kind":"nutrient""#, &format!(r#""kind":"{kind}""#));
            assert_eq!(by_scanner(&line).unwrap().subject.kind, kind);
        }
    }

    #[test]
    fn escapes_decode_as_serde_decodes_them() {
        for (raw, text) in [
            (r#"a\"b\\c\/d"#, "a\"b\\c/d"),
            (r#"\b\f\n\r\t"#, "\u{8}\u{c}\n\r\t"),
            (r#"\u00e9\u00C9\u0000"#, "éÉ\0"),
            (r#"x\ud83d\ude00y"#, "x😀y"),
            (r#"\uD834\uDD1E"#, "𝄞"),
            ("é😀 plain", "é😀 plain"),
        ] {
            let line = edit(
                r#""sentence":"Zinc is essential for vitamin D.""#,
                &format!(r#""sentence":"{raw}""#),
            );
            let c = claim(&line).unwrap();
            assert_eq!(&*c.evidence.sentence, text);
            by_scanner(&line).unwrap();
        }
    }

    #[test]
    fn what_serde_rejects_the_scanner_leaves_to_it() {
        let bad = [
            edit(r#""Zn2+""#, r#""\ud83d""#),
            edit(r#""Zn2+""#, r#""\ude00""#),
            edit(r#""Zn2+""#, r#""\ud83dx""#),
            edit(r#""Zn2+""#, r#""\ud83d\u0041""#),
            edit(r#""Zn2+""#, r#""\x""#),
            edit(r#""Zn2+""#, r#""\u12""#),
            edit(r#""Zn2+""#, "\"a\u{1}b\""),
            edit(r#""Zn2+""#, "\"a\tb\""),
            edit(r#""label":"zinc","#, r#""label":"zinc","label":"zinc","#),
            edit(r#""mention":"Zinc","#, r#""mention":null,"mention":null,"#),
            edit(r#""start":217"#, r#""start":217.0"#),
            edit(r#""start":217"#, r#""start":-1"#),
            edit(r#""start":217"#, r#""start":0217"#),
            edit(r#""start":217"#, r#""start":2e2"#),
            edit(r#""start":217"#, r#""start":18446744073709551616"#),
            edit(r#""start":217"#, r#""start":"217""#),
            edit(r#""citations":[1,4]"#, r#""citations":[1,4,]"#),
            edit(r#""citations":[1,4]"#, r#""citations":null"#),
            edit(r#""document":"zinc-vitamin-d","#, ""),
            edit(
                r#""kind":"nutrient","mention":"Zinc""#,
                r#""kind":"vitamin","mention":"Zinc""#,
            ),
            edit(r#""negated":false"#, r#""negated":0"#),
            edit(r#""negated":false"#, r#""negated":nul"#),
            edit(r#""hedged":false,"#, r#""hedged":false,,"#),
            edit(r#""hedged":false,"#, r#""x":01,"#),
            edit(r#""hedged":false,"#, r#""x":1.,"#),
            edit(r#""hedged":false,"#, r#""x":1e,"#),
            edit(r#""hedged":false,"#, r#""x":[1 2],"#),
            edit(r#""hedged":false,"#, r#""x":{"a"},"#),
            edit(
                r#""context":{"species":null,"population":null,"tissue":null}"#,
                r#""context":null"#,
            ),
            edit(r#""relation":"cofactor-for","#, ""),
            format!("{PLAIN} x"),
            format!("{PLAIN}{{}}"),
            PLAIN[..PLAIN.len() - 1].to_string(),
        ];
        for line in &bad {
            assert!(claim(line).is_none(), "{line}");
            assert!(by_serde(line).is_err(), "{line}");
        }
    }

    #[test]
    fn valid_forms_it_does_not_handle_are_left_to_serde() {
        let unhandled = [
            // A struct as an array and an enum as a map are valid for serde.
            edit(
                r#"{"id":"CHEBI:27363","label":"zinc","kind":"nutrient","mention":"Zinc","synonyms":["Zn","Zn2+"]}"#,
                r#"["CHEBI:27363","zinc","nutrient"]"#,
            ),
            edit(
                r#""kind":"nutrient","mention":"Zinc""#,
                r#""kind":{"nutrient":null},"mention":"Zinc""#,
            ),
            // Escaped keys and kinds.
            edit(r#""label":"zinc""#, r#""l\u0061bel":"zinc""#),
            edit(
                r#""kind":"nutrient","mention":"Zinc""#,
                r#""kind":"nutri\u0065nt","mention":"Zinc""#,
            ),
            // A lone surrogate in a field nobody reads.
            edit(r#""hedged":false,"#, r#""x":"\ud800","#),
            // Deep nesting in an unknown field.
            edit(
                r#""hedged":false,"#,
                &format!(r#""x":{}{},"#, "[".repeat(40), "]".repeat(40)),
            ),
        ];
        for line in &unhandled {
            assert!(claim(line).is_none(), "{line}");
            assert!(by_serde(line).is_ok(), "{line}");
        }
    }

    #[test]
    fn defaults_nulls_unknown_fields_and_members() {
        let minimal = r#"{"relation":"increases","object":{"kind":"gene","label":"b","id":"B:1"},"subject":{"id":"A:1","label":"a","kind":"gene","extra":[1,-2.5e-3,{"k":[true,false,null,"s\n"]}]}}"#;
        let c = by_scanner(minimal).unwrap();
        assert!(!c.negated && c.context.is_empty());
        assert_eq!(c.evidence, Default::default());
        let nulls = edit(
            r#""section":"Zinc and Vitamin D""#,
            r#""section":null,"trigger":null,"start":null,"end":null"#,
        )
        .replace(r#","start":217,"end":438"#, "")
        .replace(r#","trigger":"essential for""#, "");
        let c = by_scanner(&nulls).unwrap();
        assert_eq!((c.evidence.section, c.evidence.start), (None, None));
        let members = edit(
            r#""synonyms":["Zn","Zn2+"]}"#,
            r#""members":[{"id":"A:1","label":"a","kind":"gene","members":[{"id":"B:1","label":"b","kind":"cell"}]},{"id":"C:1","label":"c","kind":"cell"}]}"#,
        );
        let c = by_scanner(&members).unwrap();
        assert_eq!(c.subject.members[0].members[0].id, "B:1");
        let spaced = " {\n\"subject\" :\t{ \"id\" : \"A:1\" , \"label\":\"a\",\"kind\" :\"gene\" } ,\r\n \"relation\":\"increases\" , \"object\": {\"id\":\"B:1\",\"label\":\"b\",\"kind\":\"gene\"} , \"evidence\" : { \"document\" : \"d\" , \"citations\" : [ 1 , 2 ] } } \n";
        assert_eq!(by_scanner(spaced).unwrap().evidence.citations, vec![1, 2]);
        let empty_object = edit(r#""hedged":false,"#, r#""hedged":false,"x":{},"y":[],"#);
        by_scanner(&empty_object).unwrap();
    }

    /// A small deterministic generator for the layout choices of a test line.
    #[derive(Debug)]
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn chance(&mut self, one_in: usize) -> bool {
            self.below(one_in) == 0
        }

        fn ws(&mut self) -> &'static str {
            ["", "", "", "", " ", "  ", "\t", "\n", "\r\n "][self.below(9)]
        }
    }

    /// `s` as a JSON string, each character written plainly or escaped at random.
    fn quote(s: &str, rng: &mut Rng) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            let escape = rng.chance(4);
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' if !escape => out.push_str("\\n"),
                '/' if escape => out.push_str("\\/"),
                c if c < ' ' || escape => {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        if rng.chance(2) {
                            out.push_str(&format!("\\u{u:04x}"));
                        } else {
                            out.push_str(&format!("\\u{u:04X}"));
                        }
                    }
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// An object from its members, in a random order with random spacing.
    fn object(mut members: Vec<(String, String)>, rng: &mut Rng) -> String {
        for i in (1..members.len()).rev() {
            members.swap(i, rng.below(i + 1));
        }
        let mut out = String::from("{");
        out.push_str(rng.ws());
        for (i, (k, v)) in members.iter().enumerate() {
            if i > 0 {
                out.push(',');
                out.push_str(rng.ws());
            }
            // Keys are written plainly: an escaped key is left to serde_json.
            out.push('"');
            out.push_str(k);
            out.push('"');
            out.push_str(rng.ws());
            out.push(':');
            out.push_str(rng.ws());
            out.push_str(v);
            out.push_str(rng.ws());
        }
        out.push('}');
        out
    }

    fn array(items: Vec<String>, rng: &mut Rng) -> String {
        let mut out = String::from("[");
        out.push_str(rng.ws());
        out.push_str(&items.join(&format!(",{}", rng.ws())));
        out.push_str(rng.ws());
        out.push(']');
        out
    }

    /// Random texts and numbers to draw from, and a generator for the rest.
    #[derive(Debug)]
    struct Parts {
        texts: Vec<String>,
        numbers: Vec<u64>,
        rng: Rng,
    }

    impl Parts {
        fn text(&mut self) -> String {
            let t = self.texts[self.rng.below(self.texts.len())].clone();
            quote(&t, &mut self.rng)
        }

        fn number(&mut self) -> String {
            self.numbers[self.rng.below(self.numbers.len())].to_string()
        }

        fn maybe(&mut self, members: &mut Vec<(String, String)>, key: &str, value: String) {
            match self.rng.below(3) {
                0 => {}
                1 => members.push((key.into(), "null".into())),
                _ => members.push((key.into(), value)),
            }
        }

        /// Fields nobody reads, with any JSON value.
        fn unknown(&mut self, members: &mut Vec<(String, String)>) {
            while self.rng.chance(3) {
                let key = format!("x-{}", self.rng.below(100));
                let value = self.any(2);
                members.push((key, value));
            }
        }

        fn any(&mut self, depth: usize) -> String {
            match self.rng.below(if depth == 0 { 5 } else { 7 }) {
                0 => ["null", "true", "false"][self.rng.below(3)].into(),
                1 => self.number(),
                2 => ["-0", "0.5", "-12.25e-3", "1E+9", "3e0", "-7"][self.rng.below(6)].into(),
                3 | 4 => self.text(),
                5 => {
                    let items = (0..self.rng.below(3))
                        .map(|_| self.any(depth - 1))
                        .collect();
                    array(items, &mut self.rng)
                }
                _ => {
                    let mut members = Vec::new();
                    for _ in 0..self.rng.below(3) {
                        let v = self.any(depth - 1);
                        members.push((format!("k{}", self.rng.below(5)), v));
                    }
                    members.dedup_by(|a, b| a.0 == b.0);
                    object(members, &mut self.rng)
                }
            }
        }

        fn entity(&mut self, depth: usize) -> String {
            let kind = Kind::ALL[self.rng.below(Kind::ALL.len())].as_str();
            let mut m = vec![
                ("id".into(), self.text()),
                ("label".into(), self.text()),
                ("kind".into(), format!("\"{kind}\"")),
            ];
            let mention = self.text();
            self.maybe(&mut m, "mention", mention);
            if self.rng.chance(2) {
                let synonyms = (0..self.rng.below(4)).map(|_| self.text()).collect();
                m.push(("synonyms".into(), array(synonyms, &mut self.rng)));
            }
            if depth > 0 && self.rng.chance(4) {
                let members = (0..self.rng.below(3))
                    .map(|_| self.entity(depth - 1))
                    .collect();
                m.push(("members".into(), array(members, &mut self.rng)));
            }
            self.unknown(&mut m);
            object(m, &mut self.rng)
        }

        fn claim(&mut self) -> String {
            let mut m = vec![
                ("subject".into(), self.entity(2)),
                ("relation".into(), self.text()),
                ("object".into(), self.entity(2)),
            ];
            for key in ["negated", "hedged"] {
                if self.rng.chance(2) {
                    let b = ["true", "false"][self.rng.below(2)];
                    m.push((key.into(), b.into()));
                }
            }
            if self.rng.chance(2) {
                let mut c = Vec::new();
                for key in ["species", "population", "tissue"] {
                    let t = self.text();
                    self.maybe(&mut c, key, t);
                }
                self.unknown(&mut c);
                m.push(("context".into(), object(c, &mut self.rng)));
            }
            if !self.rng.chance(4) {
                let mut e = vec![("document".into(), self.text())];
                for key in ["section", "trigger"] {
                    let t = self.text();
                    self.maybe(&mut e, key, t);
                }
                if self.rng.chance(2) {
                    e.push(("sentence".into(), self.text()));
                }
                for key in ["start", "end"] {
                    let n = self.number();
                    self.maybe(&mut e, key, n);
                }
                if self.rng.chance(2) {
                    let cites = (0..self.rng.below(4)).map(|_| self.number()).collect();
                    e.push(("citations".into(), array(cites, &mut self.rng)));
                }
                self.unknown(&mut e);
                m.push(("evidence".into(), object(e, &mut self.rng)));
            }
            self.unknown(&mut m);
            let line = object(m, &mut self.rng);
            format!("{}{line}{}", self.rng.ws(), self.rng.ws())
        }
    }

    fn parts() -> impl Strategy<Value = Parts> {
        let text = prop::collection::vec(
            prop_oneof![
                4 => prop::char::range('a', 'z'),
                1 => prop::sample::select(vec![
                    '"', '\\', '/', '\n', '\t', '\u{1}', '\u{7f}', 'é', 'λ', '€', '\u{2028}', '😀', '𝄞', ' ', ':', ',', '{', '[',
                ]),
                1 => any::<char>(),
            ],
            0..16,
        )
        .prop_map(|cs| cs.into_iter().collect::<String>());
        (
            prop::collection::vec(text, 1..8),
            prop::collection::vec(
                prop_oneof![0..1000u64, any::<u64>(), Just(u64::MAX), Just(0)],
                1..4,
            ),
            any::<u64>().prop_map(|s| s | 1),
        )
            .prop_map(|(texts, numbers, seed)| Parts {
                texts,
                numbers,
                rng: Rng(seed),
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Every generated claim (any field order, spacing, escapes, unicode, nulls,
        /// unknown fields, nested members) is read by the scanner, as serde reads it.
        #[test]
        fn the_scanner_reads_claims_as_serde_does(mut parts in parts()) {
            let line = parts.claim();
            prop_assert!(by_serde(&line).is_ok(), "{}", line);
            prop_assert!(by_scanner(&line).is_some(), "{}", line);
        }

        /// A damaged claim: the scanner reads it only when serde reads it, and then
        /// reads the same claim; whatever serde rejects, the scanner leaves to it.
        #[test]
        fn the_scanner_never_accepts_what_serde_rejects(mut parts in parts(), cuts in prop::collection::vec((any::<usize>(), 0..4usize, 0..12usize), 1..4)) {
            let line = parts.claim();
            let mut chars: Vec<char> = line.chars().collect();
            for (at, len, what) in cuts {
                let at = at % (chars.len() + 1);
                let end = (at + len).min(chars.len());
                let with: &[char] = match what {
                    0 => &[],
                    1 => &['"'],
                    2 => &['\\'],
                    3 => &[','],
                    4 => &['}'],
                    5 => &[']'],
                    6 => &['0'],
                    7 => &['-'],
                    8 => &['.', '5'],
                    9 => &['\\', 'u', 'd', '8', '0', '0'],
                    10 => &['n', 'u', 'l', 'l'],
                    _ => &[' '],
                };
                chars.splice(at..end, with.iter().copied());
            }
            let line: String = chars.into_iter().collect();
            // by_scanner asserts that serde reads the same claim whenever the scanner
            // reads one.
            if by_serde(&line).is_err() {
                prop_assert!(claim(&line).is_none(), "{}", line);
            } else {
                by_scanner(&line);
            }
        }
    }
}
