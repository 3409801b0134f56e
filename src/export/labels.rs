//! Edge labels pinned to their edges in a Graphviz layout.
//!
//! `dot` places an edge's `label` beside a virtual node of the edge in the middle rank,
//! but routes the spline through all the free space around that node: a steep edge can
//! pass 40 points from its own label, which then seems to belong to another edge. SVG
//! output is therefore made in two steps: `dot -Tdot` lays the graph out (every edge
//! gets its spline in `pos` and its label's centre in `lp`), [`pin_edge_labels`] moves
//! each label that lies too far from its spline to the nearest point of the spline
//! (offset to the side it came from, so the text does not sit on the line), and
//! `neato -n2` draws the result without moving anything else.
//!
//! The laid-out DOT is read with a small scanner of DOT's lexical syntax (identifiers,
//! quoted strings with escapes and line continuations, HTML strings, punctuation) that
//! copies every byte it does not change: only the value of `lp` in an attribute list
//! whose `pos` is a spline is rewritten. Nothing depends on which edges there are.

/// A label whose centre lies at most this far (in points) from its spline stays where
/// `dot` put it.
const KEEP_WITHIN_PT: f64 = 10.0;

/// The most a moved label's centre is set off its spline (points): a label on a steep
/// edge may touch the line rather than drift away from it.
const MAX_OFFSET_PT: f64 = 11.0;

/// Rewrites the `lp` of every edge in Graphviz's laid-out DOT (`dot -Tdot`) whose label
/// lies farther than 10 points from the edge's spline, to a point beside the spline.
/// `fontsize` is the edge labels' size in points (for the label's extent). Returns the
/// input unchanged (borrowed) when no label moves or the text is not laid-out DOT.
pub fn pin_edge_labels(laid_out: &[u8], fontsize: f64) -> std::borrow::Cow<'_, [u8]> {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut scanner = Scanner {
        text: laid_out,
        at: 0,
    };
    // The attribute list being read: `lp` value's span and text, `pos`'s text, `label`.
    let mut in_list = false;
    let mut list = ListAttrs::default();
    let mut pending_key: Option<Vec<u8>> = None;
    let mut after_eq = false;
    while let Some(tok) = scanner.next() {
        match tok.kind {
            TokKind::Punct(b'[') => {
                in_list = true;
                list = ListAttrs::default();
                pending_key = None;
                after_eq = false;
            }
            TokKind::Punct(b']') => {
                if in_list && let Some(edit) = list.pinned(fontsize) {
                    edits.push(edit);
                }
                in_list = false;
            }
            TokKind::Punct(b'=') if in_list => after_eq = pending_key.is_some(),
            TokKind::Punct(_) => {
                pending_key = None;
                after_eq = false;
            }
            TokKind::Word | TokKind::Quoted | TokKind::Html if in_list => {
                if after_eq {
                    let key = pending_key.take().unwrap_or_default();
                    let value = tok.value(laid_out);
                    match key.as_slice() {
                        b"lp" => list.lp = Some((tok.span.clone(), value)),
                        b"pos" => list.pos = Some(value),
                        b"label" if tok.kind != TokKind::Html => list.label = Some(value),
                        _ => {}
                    }
                    after_eq = false;
                } else {
                    pending_key = Some(tok.value(laid_out).into_bytes());
                }
            }
            _ => {}
        }
    }
    if edits.is_empty() {
        return std::borrow::Cow::Borrowed(laid_out);
    }
    let mut out = Vec::with_capacity(laid_out.len() + edits.len() * 8);
    let mut from = 0;
    for (span, text) in edits {
        out.extend_from_slice(&laid_out[from..span.start]);
        out.extend_from_slice(text.as_bytes());
        from = span.end;
    }
    out.extend_from_slice(&laid_out[from..]);
    std::borrow::Cow::Owned(out)
}

#[derive(Default)]
struct ListAttrs {
    lp: Option<(std::ops::Range<usize>, String)>,
    pos: Option<String>,
    label: Option<String>,
}

impl ListAttrs {
    /// The edit that moves this list's label onto its spline, if it needs one.
    fn pinned(&self, fontsize: f64) -> Option<(std::ops::Range<usize>, String)> {
        let (span, lp) = self.lp.as_ref()?;
        let spline = spline_points(self.pos.as_deref()?)?;
        let (lx, ly) = point(lp)?;
        let (width, height) = label_extent(self.label.as_deref().unwrap_or(""), fontsize);
        let (x, y) = pin(&spline, (lx, ly), width, height)?;
        Some((span.clone(), format!("\"{x:.2},{y:.2}\"")))
    }
}

/// The label's width and height in points, as Helvetica at `fontsize` sets it (a
/// generous average character width; each `\n` starts a line).
fn label_extent(label: &str, fontsize: f64) -> (f64, f64) {
    let lines: Vec<&str> = label.split("\\n").collect();
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let chars = u32::try_from(longest).unwrap_or(u32::MAX);
    let rows = u32::try_from(lines.len()).unwrap_or(u32::MAX);
    (
        f64::from(chars) * fontsize * 0.56,
        f64::from(rows) * fontsize * 1.2,
    )
}

/// Where a label centred at `lp`, `width` by `height`, goes: unchanged (`None`) when
/// it is within [`KEEP_WITHIN_PT`] of the spline; else beside the spline's point
/// nearest to it, on the side it lay, set off just enough for the label to clear the
/// line (at most [`MAX_OFFSET_PT`]).
fn pin(spline: &[(f64, f64)], lp: (f64, f64), width: f64, height: f64) -> Option<(f64, f64)> {
    let samples = sample(spline);
    let (i, d) = samples
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| (i, (x - lp.0).hypot(y - lp.1)))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    if d <= KEEP_WITHIN_PT {
        return None;
    }
    let q = samples[i];
    let before = samples[i.saturating_sub(1)];
    let after = samples[(i + 1).min(samples.len() - 1)];
    let (tx, ty) = (after.0 - before.0, after.1 - before.1);
    let len = tx.hypot(ty);
    // The unit normal toward the label's side (or the label's direction itself where
    // the spline has no tangent).
    let (nx, ny) = if len > 1e-9 {
        let (nx, ny) = (-ty / len, tx / len);
        if nx * (lp.0 - q.0) + ny * (lp.1 - q.1) >= 0.0 {
            (nx, ny)
        } else {
            (-nx, -ny)
        }
    } else {
        ((lp.0 - q.0) / d, (lp.1 - q.1) / d)
    };
    let clear = nx.abs() * width / 2.0 + ny.abs() * height / 2.0 + 1.5;
    let off = clear.min(MAX_OFFSET_PT);
    Some((q.0 + nx * off, q.1 + ny * off))
}

/// The control points of a Graphviz spline (`pos` of an edge: optional `e,x,y` and
/// `s,x,y` end points, then 3n+1 points; several splines are joined by `;`), or `None`
/// when `pos` is no spline (a node's `x,y`).
fn spline_points(pos: &str) -> Option<Vec<(f64, f64)>> {
    let mut points = Vec::new();
    for part in pos.split(';') {
        let mut these = Vec::new();
        for item in part.split_whitespace() {
            if item.starts_with("e,") || item.starts_with("s,") {
                continue;
            }
            these.push(point(item)?);
        }
        if these.len() < 4 || (these.len() - 1) % 3 != 0 {
            return None;
        }
        points.push(these);
    }
    // Several splines (a concentrated edge): sample each; they are laid end to end.
    let flat: Vec<(f64, f64)> = points.concat();
    (!flat.is_empty()).then_some(flat)
}

/// Points along consecutive cubic Béziers given by their control points (each group of
/// 3n+1; a concatenation of such groups is sampled as one, which only adds chords),
/// about one a point of the control polygon's length.
fn sample(ctrl: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = vec![ctrl[0]];
    let mut i = 0;
    let dist = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).hypot(a.1 - b.1);
    while i + 3 < ctrl.len() {
        let (p0, p1, p2, p3) = (ctrl[i], ctrl[i + 1], ctrl[i + 2], ctrl[i + 3]);
        let length = dist(p0, p1) + dist(p1, p2) + dist(p2, p3);
        // At least 8 steps, at most 4,096 (a spline is a few thousand points long).
        let steps: u32 = if length.is_finite() {
            (length.ceil() as u32).clamp(8, 4096)
        } else {
            8
        };
        for k in 1..=steps {
            let t = f64::from(k) / f64::from(steps);
            let u = 1.0 - t;
            let b = |a: f64, b: f64, c: f64, d: f64| {
                u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
            };
            out.push((b(p0.0, p1.0, p2.0, p3.0), b(p0.1, p1.1, p2.1, p3.1)));
        }
        i += 3;
    }
    out
}

/// `x,y` as two numbers.
fn point(s: &str) -> Option<(f64, f64)> {
    let (x, y) = s.trim().split_once(',')?;
    Some((x.trim().parse().ok()?, y.trim().parse().ok()?))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Quoted,
    Html,
    Punct(u8),
}

struct Tok {
    kind: TokKind,
    span: std::ops::Range<usize>,
}

impl Tok {
    /// The token's value: a quoted string without its quotes, escapes of `"` and line
    /// continuations undone (other escapes are kept as written); an HTML string as is.
    fn value(&self, text: &[u8]) -> String {
        let raw = &text[self.span.clone()];
        match self.kind {
            TokKind::Quoted => {
                let inner = &raw[1..raw.len().saturating_sub(1).max(1)];
                let mut out = Vec::with_capacity(inner.len());
                let mut i = 0;
                while i < inner.len() {
                    match (inner[i], inner.get(i + 1)) {
                        (b'\\', Some(b'\n')) => i += 2,
                        (b'\\', Some(b'\r')) if inner.get(i + 2) == Some(&b'\n') => i += 3,
                        (b'\\', Some(b'"')) => {
                            out.push(b'"');
                            i += 2;
                        }
                        (b'\\', Some(&c)) => {
                            out.push(b'\\');
                            out.push(c);
                            i += 2;
                        }
                        (c, _) => {
                            out.push(c);
                            i += 1;
                        }
                    }
                }
                String::from_utf8_lossy(&out).into_owned()
            }
            _ => String::from_utf8_lossy(raw).into_owned(),
        }
    }
}

/// DOT's tokens, with `//`, `/* */` and `#` line comments skipped.
struct Scanner<'a> {
    text: &'a [u8],
    at: usize,
}

impl Scanner<'_> {
    fn next(&mut self) -> Option<Tok> {
        let t = self.text;
        loop {
            while self.at < t.len() && t[self.at].is_ascii_whitespace() {
                self.at += 1;
            }
            if self.at >= t.len() {
                return None;
            }
            let rest = &t[self.at..];
            if rest.starts_with(b"//") || rest[0] == b'#' {
                while self.at < t.len() && t[self.at] != b'\n' {
                    self.at += 1;
                }
            } else if rest.starts_with(b"/*") {
                self.at = memchr::memmem::find(&rest[2..], b"*/")
                    .map_or(t.len(), |i| self.at + 2 + i + 2);
            } else {
                break;
            }
        }
        let start = self.at;
        let c = t[start];
        let kind = if c == b'"' {
            self.at += 1;
            while self.at < t.len() && t[self.at] != b'"' {
                self.at += if t[self.at] == b'\\' { 2 } else { 1 };
            }
            self.at = (self.at + 1).min(t.len());
            TokKind::Quoted
        } else if c == b'<' {
            let mut depth = 0usize;
            while self.at < t.len() {
                match t[self.at] {
                    b'<' => depth += 1,
                    b'>' => {
                        depth -= 1;
                        if depth == 0 {
                            self.at += 1;
                            break;
                        }
                    }
                    _ => {}
                }
                self.at += 1;
            }
            TokKind::Html
        } else if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c >= 0x80 || c == b'-' {
            // An identifier or a numeral; `->` and `--` are edge operators.
            if c == b'-' && matches!(t.get(start + 1), Some(b'>' | b'-')) {
                self.at += 2;
                return Some(Tok {
                    kind: TokKind::Punct(b'>'),
                    span: start..self.at,
                });
            }
            self.at += 1;
            while self.at < t.len() {
                let d = t[self.at];
                if d.is_ascii_alphanumeric() || d == b'_' || d == b'.' || d >= 0x80 {
                    self.at += 1;
                } else {
                    break;
                }
            }
            TokKind::Word
        } else {
            self.at += 1;
            TokKind::Punct(c)
        };
        Some(Tok {
            kind,
            span: start..self.at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lp_of(text: &str) -> Vec<String> {
        let re = regex::Regex::new(r#"lp="([^"]*)""#).unwrap();
        re.captures_iter(text).map(|c| c[1].to_string()).collect()
    }

    #[test]
    fn a_label_far_from_its_spline_moves_beside_it() {
        // A straight horizontal edge from (0,0) to (300,0); its label 40 pt above.
        let dot = "digraph g {\n\tgraph [bb=\"0,0,300,100\"];\n\ta -> b\t[label=\"x\",\n\t\tlp=\"150,40\",\n\t\tpos=\"e,300,0 0,0 100,0 200,0 290,0\"];\n}\n";
        let out = pin_edge_labels(dot.as_bytes(), 9.0);
        let text = std::str::from_utf8(&out).unwrap();
        let lp = lp_of(text);
        assert_eq!(lp.len(), 1, "{text}");
        let (x, y) = point(&lp[0]).unwrap();
        assert!((x - 150.0).abs() < 7.0, "{x}");
        assert!(y > 0.0 && y < 12.0, "above the line and close: {y}");
        // Everything else is byte for byte the same.
        assert_eq!(
            text.replace(&lp[0], "150,40"),
            dot,
            "only the lp value changes"
        );
    }

    #[test]
    fn a_close_label_and_non_edges_stay() {
        let dot = "digraph g {\n\tgraph [bb=\"0,0,300,100\", lp=\"150,90\"];\n\tn [pos=\"10,10\", label=<<b>a</b>>];\n\ta -> b [label=\"x\", lp=\"150,8\", pos=\"0,0 100,0 200,0 300,0\"];\n}\n";
        assert!(matches!(
            pin_edge_labels(dot.as_bytes(), 9.0),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn quoted_text_with_brackets_and_escapes_is_skipped_whole() {
        let dot = "digraph g {\n\ta -> b [tooltip=\"lp=\\\"1,1\\\" ] [ pos=\\\"0,0\\\"\", label=\"a\\\n b\", lp=\"150,60\", pos=\"0,0 100,0 200,0 300,0\"];\n}\n";
        let out = pin_edge_labels(dot.as_bytes(), 9.0);
        let text = std::str::from_utf8(&out).unwrap();
        assert!(
            text.contains("tooltip=\"lp=\\\"1,1\\\" ] [ pos=\\\"0,0\\\"\""),
            "{text}"
        );
        assert!(!text.contains("lp=\"150,60\""), "{text}");
    }

    #[test]
    fn a_label_on_a_steep_edge_stays_within_reach() {
        // A vertical edge; a 20-character label 60 pt to its right.
        let spline = [(0.0, 0.0), (0.0, 100.0), (0.0, 200.0), (0.0, 300.0)];
        let (w, h) = label_extent("enhances-absorption!", 9.0);
        let (x, y) = pin(&spline, (60.0, 150.0), w, h).unwrap();
        assert!(x > 0.0 && x <= MAX_OFFSET_PT + 1e-9, "{x}");
        assert!((y - 150.0).abs() < 10.0, "{y}");
    }
}
