//! Reading documents into sections, paragraphs and sentences with byte spans.
//!
//! Three layouts are recognised:
//! - research summaries (a title line, boilerplate such as "Pro Research Analysis",
//!   headings as short lines without a final period, one paragraph a line, glued
//!   citation runs before a paragraph's final period, and "Sources and full results"
//!   ending the body);
//! - Markdown (`#` headings, paragraphs separated by blank lines);
//! - plain text such as abstracts (a title line, then paragraphs).
//!
//! Every span is a byte range into the original text, so evidence can point back to it.
//!
//! Documents from structured formats ([`pubmed`]: PubMed XML; [`bioc`]: BioC XML and
//! JSON) are built from their parts with [`Document::from_paragraphs`]; each module says
//! which text its spans point into.

pub mod bioc;
mod citations;
pub mod pubmed;

pub use citations::decode as decode_citations;

/// How a document is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A research summary with glued citation runs.
    Summary,
    /// Markdown.
    Markdown,
    /// Plain text (an abstract).
    Plain,
}

/// A sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
}

/// A paragraph: a run of sentences sharing a section and citations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last content byte (before a citation run).
    pub end: usize,
    /// The heading above it, if any.
    pub section: Option<String>,
    /// The sources it cites (research summaries only).
    pub citations: Vec<u64>,
}

/// A parsed document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document's id (file stem or the id given on stdin).
    pub id: String,
    /// The document's title.
    pub title: String,
    /// The original text.
    pub text: String,
    /// The layout recognised.
    pub layout: Layout,
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
}

const BOILERPLATE: [&str; 3] = [
    "Pro Research Analysis",
    "Searched over",
    "Most relevant research papers",
];
const END_OF_BODY: &str = "Sources and full results";

/// Lines of `text` as (start, end) byte spans without the line break.
fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let end = start + piece.len();
        let mut content_end = end;
        if text[..content_end].ends_with('\n') {
            content_end -= 1;
        }
        if text[..content_end].ends_with('\r') {
            content_end -= 1;
        }
        out.push((start, content_end));
        start = end;
    }
    out
}

fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return (start, start);
    }
    (start + lead, end - trail)
}

fn is_boilerplate(line: &str) -> bool {
    BOILERPLATE.iter().any(|b| line.starts_with(b))
}

/// Whether a line of a summary is a heading: short, and not ending like a sentence.
fn is_heading(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words > 0 && words <= 16 && line.len() <= 140 && !line.ends_with(['.', '!', '?', ';', ','])
}

impl Document {
    /// Parses `text` as a document named `id`, recognising its layout.
    pub fn parse(id: impl Into<String>, text: impl Into<String>) -> Document {
        let text = text.into();
        let lines = line_spans(&text);
        let layout = if lines.iter().any(|&(s, e)| {
            let l = text[s..e].trim();
            is_boilerplate(l) || l == END_OF_BODY
        }) {
            Layout::Summary
        } else if lines
            .iter()
            .any(|&(s, e)| text[s..e].starts_with("# ") || text[s..e].starts_with("## "))
        {
            Layout::Markdown
        } else {
            Layout::Plain
        };
        let mut doc = Document {
            id: id.into(),
            title: String::new(),
            text,
            layout,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
        };
        doc.read_blocks(&lines);
        let mut sentences = Vec::new();
        for (i, p) in doc.paragraphs.iter().enumerate() {
            for (s, e) in split_sentences(&doc.text, p.start, p.end) {
                sentences.push(Sentence {
                    start: s,
                    end: e,
                    paragraph: i,
                });
            }
        }
        doc.sentences = sentences;
        doc
    }

    /// A document of plain layout whose paragraphs (byte spans into `text`, with their
    /// sections) are given, as a structured format gives them; the sentences are split
    /// as in [`Document::parse`]. Paragraphs must lie on character boundaries of `text`
    /// and in text order.
    pub fn from_paragraphs(
        id: impl Into<String>,
        title: String,
        text: String,
        paragraphs: Vec<Paragraph>,
    ) -> Document {
        let mut sentences = Vec::new();
        for (i, p) in paragraphs.iter().enumerate() {
            for (s, e) in split_sentences(&text, p.start, p.end) {
                sentences.push(Sentence {
                    start: s,
                    end: e,
                    paragraph: i,
                });
            }
        }
        Document {
            id: id.into(),
            title,
            text,
            layout: Layout::Plain,
            paragraphs,
            sentences,
        }
    }

    fn read_blocks(&mut self, lines: &[(usize, usize)]) {
        let mut section: Option<String> = None;
        let mut title_seen = false;
        // Plain text of one line (a sentence or paragraph pasted on its own) has no title:
        // its text is body, in no section.
        let one_line = lines
            .iter()
            .filter(|&&(ls, le)| {
                let (s, e) = trim_span(&self.text, ls, le);
                s < e
            })
            .nth(1)
            .is_none();
        // A Markdown or plain paragraph may span lines: (start, end) of the open block.
        let mut open: Option<(usize, usize)> = None;
        for &(ls, le) in lines {
            let (s, e) = trim_span(&self.text, ls, le);
            let line = self.text[s..e].to_string();
            let line = line.as_str();
            if line.is_empty() {
                if let Some((bs, be)) = open.take() {
                    self.push_paragraph(bs, be, &section);
                }
                continue;
            }
            if self.layout == Layout::Summary && line == END_OF_BODY {
                break;
            }
            if self.layout == Layout::Summary && is_boilerplate(line) {
                continue;
            }
            let heading = match self.layout {
                Layout::Markdown => line
                    .starts_with('#')
                    .then(|| line.trim_start_matches('#').trim()),
                Layout::Summary => (title_seen && is_heading(line)).then_some(line),
                Layout::Plain => None,
            };
            if !title_seen {
                title_seen = true;
                let title = heading.unwrap_or(line).to_string();
                self.title = title;
                // The title of an abstract states claims too; a summary's title does not.
                if self.layout == Layout::Plain {
                    let start = s + (line.len() - line.trim_start_matches('#').trim_start().len());
                    let section = (!one_line).then(|| "Title".to_string());
                    self.push_paragraph(start, e, &section);
                }
                continue;
            }
            if let Some(h) = heading {
                if let Some((bs, be)) = open.take() {
                    self.push_paragraph(bs, be, &section);
                }
                section = Some(h.to_string());
                continue;
            }
            match self.layout {
                Layout::Summary => self.push_paragraph(s, e, &section),
                Layout::Markdown => {
                    open = Some(match open {
                        Some((bs, _)) => (bs, e),
                        None => (s, e),
                    })
                }
                Layout::Plain => self.push_paragraph(s, e, &section),
            }
        }
        if let Some((bs, be)) = open.take() {
            self.push_paragraph(bs, be, &section);
        }
    }

    fn push_paragraph(&mut self, start: usize, end: usize, section: &Option<String>) {
        let (mut end, mut citations) = (end, Vec::new());
        if self.layout == Layout::Summary
            && let Some((content_end, cites)) = citation_run(&self.text[start..end])
        {
            end = start + content_end;
            citations = cites;
        }
        self.paragraphs.push(Paragraph {
            start,
            end,
            section: section.clone(),
            citations,
        });
    }

    /// The text of a sentence.
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.text[s.start..s.end]
    }
}

/// A paragraph's trailing citation run: `... systems 14.` gives the content end (before
/// the space and digits) and the decoded numbers.
fn citation_run(p: &str) -> Option<(usize, Vec<u64>)> {
    let body = p.strip_suffix('.')?;
    let digits_start = body.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits_start == body.len() || !body[..digits_start].ends_with(' ') {
        return None;
    }
    let cites = decode_citations(&body[digits_start..])?;
    let content_end = body[..digits_start].trim_end().len();
    Some((content_end, cites))
}

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: [&str; 16] = [
    "e.g", "i.e", "al", "vs", "Fig", "fig", "Dr", "approx", "cf", "ca", "No", "Eq", "resp", "Ref",
    "etc", "St",
];

/// The longest sentence, in bytes: longer runs without a sentence end (tables, lists,
/// garbage) are cut at white space, so that no sentence makes extraction slow.
pub const MAX_SENTENCE: usize = 2000;

/// Splits `text[start..end]` into sentence spans (trimmed), none longer than
/// [`MAX_SENTENCE`] bytes.
pub fn split_sentences(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (s, e) in split_at_ends(text, start, end) {
        let mut a = s;
        while e - a > MAX_SENTENCE {
            let mut cut = a + MAX_SENTENCE;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let b = text[a..cut]
                .rfind(char::is_whitespace)
                .map_or(cut, |i| a + i)
                .max(a + 1);
            let mut b = b;
            while !text.is_char_boundary(b) {
                b += 1;
            }
            let (x, y) = trim_span(text, a, b);
            if x < y {
                out.push((x, y));
            }
            a = b;
        }
        let (x, y) = trim_span(text, a, e);
        if x < y {
            out.push((x, y));
        }
    }
    out
}

fn split_at_ends(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut s = start;
    let mut i = start;
    let mut depth: i32 = 0;
    while i < end {
        let b = bytes[i];
        match b {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = (depth - 1).max(0),
            b'.' | b'?' | b'!' if depth == 0 => {
                let next = i + 1;
                let at_end = next >= end;
                let followed = !at_end && bytes[next].is_ascii_whitespace() && {
                    let rest = text[next..end].trim_start();
                    rest.chars().next().is_some_and(|c| {
                        c.is_uppercase()
                            || c.is_ascii_digit()
                            || matches!(c, '(' | '"' | '\u{201c}' | '[')
                    })
                };
                // Whitespace may be wider than a byte (U+2000..U+200A, U+3000).
                let word_start = text[s..i]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(s, |(k, c)| s + k + c.len_utf8());
                let word = &text[word_start..i];
                // A single capital before a period ends a sentence here: "vitamin D." is far
                // more common in this domain than an initial.
                let abbreviation = b == b'.' && ABBREVIATIONS.contains(&word);
                if at_end || (followed && !abbreviation) {
                    let (a, z) = trim_span(text, s, next.min(end));
                    if a < z {
                        out.push((a, z));
                    }
                    s = next;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let (a, z) = trim_span(text, s, end);
    if a < z {
        out.push((a, z));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUMMARY: &str = "Iron and copper interactions\nPro Research Analysisby \nSearched over 200M research papers\nA Heading Here\nIron helps. Copper, e.g. in the liver, competes with it 1710.\nSecond Heading\nShort paragraph without citations.\nSources and full results\nMost relevant research papers on this topic\n";

    #[test]
    fn one_line_of_plain_text_is_in_no_section() {
        let d = Document::parse(
            "p",
            "Zinc suppresses IL-6 in macrophages. It also lowers IL-1.\n",
        );
        assert_eq!(d.paragraphs.len(), 1);
        assert_eq!(d.paragraphs[0].section, None);
        assert_eq!(d.sentences.len(), 2);
        let d = Document::parse("p", "A title\nZinc suppresses IL-6.\n");
        assert_eq!(d.paragraphs[0].section.as_deref(), Some("Title"));
        assert_eq!(d.paragraphs[1].section, None);
    }

    #[test]
    fn wide_whitespace_before_a_period_splits_without_panicking() {
        for space in ['\u{2000}', '\u{3000}', '\u{a0}'] {
            let text = format!("Title\nIL-6 is high.{space}. by vitamin D.{space}Zinc acts.\n");
            let doc = Document::parse("d", text.clone());
            let n = doc.sentences.len();
            assert!(n >= 1, "{space:?}");
        }
    }

    #[test]
    fn summary_layout() {
        let d = Document::parse("x", SUMMARY);
        assert_eq!(d.layout, Layout::Summary);
        assert_eq!(d.title, "Iron and copper interactions");
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!(d.paragraphs[0].section.as_deref(), Some("A Heading Here"));
        assert_eq!(d.paragraphs[0].citations, vec![1, 7, 10]);
        assert_eq!(d.paragraphs[1].citations, Vec::<u64>::new());
        let texts: Vec<_> = d.sentences.iter().map(|s| d.sentence_text(s)).collect();
        assert_eq!(
            texts,
            vec![
                "Iron helps.",
                "Copper, e.g. in the liver, competes with it",
                "Short paragraph without citations."
            ]
        );
    }

    #[test]
    fn plain_text_keeps_trailing_numbers() {
        let d = Document::parse("a", "A title\nThe dose was 25. Levels rose 14.\n");
        assert_eq!(d.layout, Layout::Plain);
        assert!(d.paragraphs.iter().all(|p| p.citations.is_empty()));
        let texts: Vec<_> = d.sentences.iter().map(|s| d.sentence_text(s)).collect();
        assert_eq!(
            texts,
            vec!["A title", "The dose was 25.", "Levels rose 14."]
        );
    }

    #[test]
    fn markdown_paragraphs_span_lines() {
        let d = Document::parse(
            "m",
            "# Title\n\n## Part\nZinc helps\nthe gut. More text.\n\nNext one.\n",
        );
        assert_eq!(d.layout, Layout::Markdown);
        assert_eq!(d.title, "Title");
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!(d.paragraphs[0].section.as_deref(), Some("Part"));
        assert_eq!(d.sentence_text(&d.sentences[0]), "Zinc helps\nthe gut.");
    }

    #[test]
    fn long_runs_are_cut_into_bounded_sentences() {
        let text = format!("T\n{}\n", "wordγ ".repeat(3000));
        let d = Document::parse("x", text.clone());
        assert!(d.sentences.len() > 5);
        for s in &d.sentences {
            assert!(s.end - s.start <= MAX_SENTENCE);
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }

    #[test]
    fn crlf_and_unicode_spans_are_on_char_boundaries() {
        let d = Document::parse("u", "Tïtle\r\nIFN-γ rose. Then fell.\r\n");
        for s in &d.sentences {
            assert!(d.text.is_char_boundary(s.start) && d.text.is_char_boundary(s.end));
        }
        assert_eq!(d.sentence_text(&d.sentences[1]), "IFN-γ rose.");
    }
}
