//! The event model: claims read the way the GENIA annotators wrote them, as a trigger
//! word (`induces`, `activation`, `expression`) with a theme and a cause.
//!
//! Two classifiers, both averaged perceptrons: one says which tokens are triggers and of
//! which class ([`TRIGGERS`]), the other which role ([`ROLES`]) a mention, or an
//! expression trigger, plays for a trigger. [`decode`] turns their answers into claims
//! exactly as the evaluation derives gold claims from events: a regulation trigger's
//! cause regulates each of its themes, and a theme that is the expression of a mention
//! stands for that mention.

use super::deps;
use super::pairs::{TriggerStems, stem};
use super::perceptron::Hasher;
use super::tagging::Span;
use super::tokens::{Sent, offset};

/// Trigger classes; 0 is "not a trigger", 1–3 are the claim families of
/// [`super::pairs::FAMILIES`] plus one, 4 is expression (gene expression, transcription,
/// translation), whose theme a regulation can take.
pub const TRIGGERS: [&str; 5] = ["none", "up", "down", "assoc", "expression"];

/// The expression trigger class.
pub const EXPRESSION: usize = 4;

/// Argument roles; 0 is "no role".
pub const ROLES: [&str; 3] = ["none", "theme", "cause"];

/// The theme role.
pub const THEME: usize = 1;

/// The cause role.
pub const CAUSE: usize = 2;

/// How far (in tokens) an argument may lie from its trigger.
pub const MAX_ARG_TOKENS: usize = 40;

/// What an argument is: a mention (an index into the sentence's mentions) or another
/// trigger (a token), the expression event a regulation's theme can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// The mention with this index.
    Mention(usize),
    /// The trigger at this token.
    Trigger(usize),
}

/// The trigger class of a GENIA event type, if the model tells it apart.
pub fn trigger_class(genia: &str) -> Option<usize> {
    match genia {
        "Positive_regulation" => Some(1),
        "Negative_regulation" => Some(2),
        "Regulation" | "Correlation" => Some(3),
        "Gene_expression" | "Transcription" | "Translation" => Some(EXPRESSION),
        _ => None,
    }
}

fn bucket(d: usize) -> u8 {
    match d {
        0..=3 => d as u8,
        4..=5 => 4,
        6..=8 => 5,
        9..=13 => 6,
        14..=20 => 7,
        _ => 8,
    }
}

/// Where token `i` stands relative to the mentions: 0 outside, 1 inside, 2 their last
/// token.
fn in_mention(mentions: &[Span], i: usize) -> u8 {
    mentions
        .iter()
        .find(|m| i >= m.start && i < m.end)
        .map_or(0, |m| if i + 1 == m.end { 2 } else { 1 })
}

/// The features of token `i` as a trigger candidate, appended to `out` (cleared first).
pub fn trigger_features(
    s: &Sent,
    i: usize,
    mentions: &[Span],
    stems: &TriggerStems,
    out: &mut Vec<u64>,
) {
    out.clear();
    let n = s.len();
    let at = |d: isize| offset(i, d, n);
    let w = s.low(Some(i));
    let t = Hasher::template;
    let sign = stems.sign(w).unwrap_or(b'.');
    out.push(t(0).finish());
    out.push(t(1).str(w).finish());
    out.push(t(2).str(stem(w)).finish());
    out.push(t(3).byte(sign).finish());
    out.push(t(4).str(s.low(at(-1))).finish());
    out.push(t(5).str(s.low(at(1))).finish());
    out.push(t(6).str(s.low(at(-2))).finish());
    out.push(t(7).str(s.low(at(2))).finish());
    out.push(t(8).str(w).str(s.low(at(1))).finish());
    out.push(t(9).str(s.low(at(-1))).str(w).finish());
    let chars: Vec<char> = w.chars().collect();
    for k in [3usize, 4] {
        if let Some(from) = chars.len().checked_sub(k) {
            let suf: String = chars.get(from..).unwrap_or(&[]).iter().collect();
            out.push(t(10).byte(k as u8).str(&suf).finish());
        }
    }
    out.push(t(12).str(s.shape(Some(i))).finish());
    let inside = in_mention(mentions, i);
    out.push(t(13).byte(inside).finish());
    out.push(t(14).byte(inside).str(stem(w)).finish());
    // A mention glued on by a hyphen ("IL-2-induced"), or right before or after.
    let glued = s.low(at(-1)) == "-" && at(-2).is_some_and(|k| in_mention(mentions, k) == 2);
    let before = at(-1).is_some_and(|k| in_mention(mentions, k) == 2);
    let after = mentions.iter().any(|m| Some(m.start) == at(1));
    out.push(t(15).byte(u8::from(glued)).str(stem(w)).finish());
    out.push(t(16).byte(u8::from(before)).byte(u8::from(after)).finish());
    out.push(t(17).byte(sign).str(s.low(at(1))).finish());
    let pos = s.tag(Some(i));
    out.push(t(20).byte(pos).finish());
    out.push(t(21).byte(pos).str(stem(w)).finish());
    out.push(
        t(22)
            .byte(pos)
            .byte(s.tag(at(1)))
            .byte(s.tag(at(-1)))
            .finish(),
    );
    let chunk = s.chunk(Some(i));
    out.push(t(23).byte(chunk).finish());
    out.push(t(24).byte(chunk).str(stem(w)).finish());
    out.push(t(25).byte(chunk).byte(s.chunk(at(1))).byte(pos).finish());
}

/// The token span and kind byte of an argument target (a trigger target is one token of
/// kind 255).
fn target_span(mentions: &[Span], target: Target) -> Option<(usize, usize, u8)> {
    match target {
        Target::Mention(m) => mentions.get(m).map(|m| (m.start, m.end, m.kind as u8)),
        Target::Trigger(k) => Some((k, k + 1, 255)),
    }
}

/// Whether `target` lies close enough to trigger `t` to be its argument.
pub fn in_reach(mentions: &[Span], t: usize, target: Target) -> bool {
    target_span(mentions, target).is_some_and(|(a, b, _)| {
        let d = if a > t { a - t } else { t.saturating_sub(b) };
        d <= MAX_ARG_TOKENS
    })
}

/// The features of `target` as an argument of the trigger at token `t` (of class
/// `class`), appended to `out` (cleared first).
pub fn arg_features(
    s: &Sent,
    t: usize,
    class: usize,
    target: Target,
    mentions: &[Span],
    stems: &TriggerStems,
    out: &mut Vec<u64>,
) {
    out.clear();
    let Some((xs, xe, kind)) = target_span(mentions, target) else {
        return;
    };
    let n = s.len();
    let after = xs > t;
    let nested = xs <= t && t < xe;
    let (lo, hi) = if after {
        (t + 1, xs)
    } else if nested {
        (t, t)
    } else {
        (xe, t)
    };
    let gap = hi.saturating_sub(lo);
    let dist = bucket(gap);
    let dir = if nested { 2u8 } else { u8::from(after) };
    let c = class as u8;
    let h = |id: u8| Hasher::template(id).byte(c).byte(dir);
    let tw = s.low(Some(t));
    let ts = stem(tw);
    let xh = s.low(xe.checked_sub(1));
    out.push(h(0).finish());
    out.push(h(1).byte(dist).finish());
    out.push(h(2).byte(kind).finish());
    out.push(h(3).str(ts).finish());
    out.push(h(4).str(ts).byte(dist).finish());
    out.push(h(5).str(ts).byte(kind).finish());
    out.push(h(6).str(xh).finish());
    out.push(h(7).str(ts).str(xh).finish());
    let mut by = false;
    let mut of = false;
    let mut between_mentions = 0u8;
    let mut between_triggers = 0u8;
    let mut punct = 0u8;
    // The words between, when few ("<m>" for a mention), as one feature.
    let mut short = if gap <= 5 {
        Some(String::with_capacity(48))
    } else {
        None
    };
    let mut k = lo;
    while k < hi {
        let w = s.low(Some(k));
        if let Some(m) = mentions.iter().find(|m| k >= m.start && k < m.end) {
            between_mentions = between_mentions.saturating_add(1);
            if let Some(short) = short.as_mut() {
                short.push_str("<m> ");
            }
            k = m.end.max(k + 1);
            continue;
        }
        by |= w == "by";
        of |= w == "of";
        if stems.sign(w).is_some() {
            between_triggers = between_triggers.saturating_add(1);
        }
        match w {
            "," | ";" | ":" => punct |= 1,
            "(" | ")" | "[" | "]" => punct |= 2,
            "which" | "that" | "whereas" | "while" | "but" => punct |= 4,
            "and" | "or" => punct |= 8,
            _ => {}
        }
        out.push(h(10).str(w).finish());
        out.push(h(11).str(stem(w)).str(ts).finish());
        if let Some(short) = short.as_mut() {
            short.push_str(w);
            short.push(' ');
        }
        k += 1;
    }
    if let Some(short) = &short {
        out.push(h(9).str(short).finish());
        out.push(h(8).str(short).str(ts).finish());
    }
    out.push(h(12).byte(u8::from(by)).byte(u8::from(of)).finish());
    out.push(h(13).str(ts).byte(u8::from(by)).byte(u8::from(of)).finish());
    out.push(h(14).str(s.low(offset(t, 1, n))).finish());
    out.push(h(15).str(ts).str(s.low(offset(t, 1, n))).finish());
    out.push(h(16).str(s.low(xs.checked_sub(1))).finish());
    out.push(h(17).str(s.low(offset(xe, 0, n))).finish());
    out.push(h(18).byte(between_mentions.min(4)).finish());
    out.push(h(19).byte(between_mentions.min(4)).byte(kind).finish());
    out.push(h(20).byte(between_triggers.min(3)).finish());
    out.push(h(21).byte(punct).finish());
    out.push(h(22).byte(punct).byte(dist).finish());
    let glued = gap == 1 && s.low(Some(lo)) == "-";
    out.push(h(23).byte(u8::from(glued)).str(ts).finish());
    out.push(h(24).str(s.low(t.checked_sub(1))).finish());
    out.push(h(25).str(ts).str(s.low(t.checked_sub(1))).finish());
    let passive = (t.saturating_sub(3)..t).any(|k| {
        matches!(
            s.low(Some(k)),
            "was" | "were" | "is" | "are" | "been" | "be"
        )
    });
    out.push(h(26).byte(u8::from(passive)).str(ts).finish());
    out.push(h(27).byte(u8::from(passive)).byte(u8::from(by)).finish());
    let paren = s.low(xs.checked_sub(1)) == "(" && s.low(offset(xe, 0, n)) == ")";
    out.push(h(28).byte(u8::from(paren)).finish());
    out.push(h(29).str(ts).str(s.low(xs.checked_sub(1))).finish());
    // Parts of speech: the trigger's, the target's head's, and the run between
    // (repeats collapsed), which stands in for the syntax path.
    let tp = s.tag(Some(t));
    out.push(h(30).byte(tp).finish());
    out.push(h(31).byte(tp).byte(s.tag(xe.checked_sub(1))).finish());
    // At most 8 runs count; a ninth marks the path too long for these features.
    let mut path = [0u8; 9];
    let mut runs = 0usize;
    for k in lo..hi {
        let p = s.tag(Some(k));
        if runs == 0 || path.get(runs - 1) != Some(&p) {
            if runs == path.len() {
                break;
            }
            if let Some(slot) = path.get_mut(runs) {
                *slot = p;
            }
            runs += 1;
        }
    }
    if runs <= 8 {
        let path = path.get(..runs).unwrap_or(&[]);
        let mut f = h(32).byte(tp);
        for &p in path {
            f = f.byte(p);
        }
        out.push(f.finish());
        let mut f = h(33).str(ts);
        for &p in path {
            f = f.byte(p);
        }
        out.push(f.finish());
    }
    let verbs = (lo..hi)
        .filter(|&k| {
            matches!(
                super::syntax::TAGS.get(usize::from(s.tag(Some(k)))),
                Some(&("VB" | "VBD" | "VBZ" | "VBN"))
            )
        })
        .count()
        .min(3) as u8;
    out.push(h(34).byte(verbs).finish());
    out.push(h(35).byte(verbs).byte(tp).finish());
    // Base phrases: the kinds of the chunks that begin between the two (collapsed), the
    // trigger's and the target head's chunk, and whether they share one.
    let ck = |c: u8| if c == 255 { 255 } else { c / 2 };
    // The chunk kinds (runs collapsed): the first 6 kept, the rest only counted.
    let mut kinds = [0u8; 6];
    let mut nkinds = 0usize;
    let mut last_kind: Option<u8> = None;
    let mut begins = 0usize;
    for k in lo..hi {
        let c = s.chunk(Some(k));
        if c != 255 && c.is_multiple_of(2) {
            begins += 1;
            if last_kind != Some(ck(c)) {
                if let Some(slot) = kinds.get_mut(nkinds) {
                    *slot = ck(c);
                }
                nkinds += 1;
                last_kind = Some(ck(c));
            }
        }
    }
    // The target's own first chunk, when it begins one after the trigger.
    let xc = s.chunk(Some(xs));
    let tc = ck(s.chunk(Some(t)));
    let same =
        !nested && begins == 0 && (after && xc % 2 == 1 || !after && s.chunk(Some(t)) % 2 == 1);
    out.push(h(36).byte(tc).byte(ck(s.chunk(xe.checked_sub(1)))).finish());
    out.push(h(37).byte(u8::from(same)).str(ts).finish());
    if nkinds <= 6 {
        let chunks = kinds.get(..nkinds).unwrap_or(&[]);
        let mut f = h(38).byte(tc);
        for &c in chunks {
            f = f.byte(c);
        }
        out.push(f.finish());
        let mut f = h(39).str(ts);
        for &c in chunks {
            f = f.byte(c);
        }
        out.push(f.byte(u8::from(by)).finish());
    } else {
        out.push(h(38).byte(tc).byte(254).finish());
    }
    out.push(h(40).byte(begins.min(6) as u8).byte(kind).finish());
    dependency_features(s, t, xs, xe, ts, &h, out);
}

/// The dependency path between the trigger at `t` and the head of the target at
/// `xs..xe` (its token whose head lies outside it), as features: its length, the parts
/// of speech and the words along it with their directions, and its first and last steps.
/// Nothing when the sentence is unparsed.
fn dependency_features(
    s: &Sent,
    t: usize,
    xs: usize,
    xe: usize,
    ts: &str,
    h: &dyn Fn(u8) -> Hasher,
    out: &mut Vec<u64>,
) {
    if s.heads.len() != s.len() {
        return;
    }
    let outside = |k: usize| {
        s.heads
            .get(k)
            .is_some_and(|&hd| hd == deps::ROOT || (hd as usize) < xs || hd as usize >= xe)
    };
    let head = (xs..xe)
        .find(|&k| outside(k))
        .unwrap_or(xe.saturating_sub(1));
    let Some((up, down)) = deps::path(&s.heads, t, head) else {
        out.push(h(60).finish());
        return;
    };
    let len = up.len() + down.len() - 1;
    out.push(h(61).byte(bucket(len)).finish());
    out.push(h(62).str(ts).byte(bucket(len)).finish());
    // The inner nodes, each with its direction: `u` climbing from the trigger, `d`
    // descending to the target.
    let inner = || {
        up.iter()
            .skip(1)
            .map(|&k| (b'u', k))
            .chain(down.iter().map(|&k| (b'd', k)))
            .filter(|&(_, k)| k != head)
    };
    let mut tags = h(63);
    let mut words = h(64);
    for (d, k) in inner() {
        tags = tags.byte(d).byte(s.tag(Some(k)));
        words = words.byte(d).str(stem(s.low(Some(k))));
    }
    // The bare directions, and whether the target hangs from the trigger directly.
    let mut dirs = h(65);
    for (d, _) in inner() {
        dirs = dirs.byte(d);
    }
    let last = if down.is_empty() { b'u' } else { b'd' };
    out.push(dirs.byte(last).finish());
    if len <= 6 {
        out.push(tags.byte(last).finish());
        out.push(h(66).str(ts).byte(s.tag(Some(t))).byte(last).finish());
        let mut f = h(67).str(ts);
        for (d, k) in inner() {
            f = f.byte(d).byte(s.tag(Some(k)));
        }
        out.push(f.byte(last).finish());
    }
    if len <= 4 {
        out.push(words.byte(last).finish());
        let mut f = h(68).str(ts);
        for (d, k) in inner() {
            f = f.byte(d).str(stem(s.low(Some(k))));
        }
        out.push(f.byte(last).finish());
    }
    // The first step from the trigger and the last into the target: "by", "of", a verb.
    if let Some((d, k)) = inner().next() {
        out.push(h(69).byte(d).str(s.low(Some(k))).finish());
        out.push(h(70).str(ts).byte(d).str(s.low(Some(k))).finish());
    } else {
        out.push(h(69).byte(last).finish());
        out.push(h(70).str(ts).byte(last).finish());
    }
    if let Some((d, k)) = inner().next_back() {
        out.push(h(71).byte(d).str(s.low(Some(k))).byte(last).finish());
    }
    // Where the two meet: the trigger governs the target, the target the trigger, or a
    // third word both hang from (its part of speech).
    let meet = up.last().copied().unwrap_or(t);
    let shape = if meet == t {
        0u8
    } else if meet == head {
        1
    } else {
        2
    };
    out.push(h(72).byte(shape).byte(s.tag(Some(meet))).finish());
    out.push(h(73).str(ts).byte(shape).finish());
}

/// A claim decoded from triggers and roles: mention indices, the family (1 up, 2 down,
/// 3 assoc), the trigger's token and the weakest of the scores it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decoded {
    /// The cause: the claim's subject.
    pub subject: usize,
    /// The family, 1-based as in [`TRIGGERS`].
    pub family: usize,
    /// The theme: the claim's object.
    pub object: usize,
    /// The trigger's token.
    pub trigger: usize,
    /// The smallest margin among the trigger's and the two roles'.
    pub score: f32,
}

/// Claims from `triggers` (token, class, margin) over `mentions`, asking `role` for the
/// role (and its margin) a target plays for a trigger of a class.
pub fn decode(
    mentions: &[Span],
    triggers: &[(usize, usize, f32)],
    mut role: impl FnMut(usize, usize, Target) -> (usize, f32),
) -> Vec<Decoded> {
    // The themes of each expression trigger.
    let mut expressed: Vec<(usize, Vec<(usize, f32)>)> = Vec::new();
    for &(t, class, _) in triggers {
        if class != EXPRESSION {
            continue;
        }
        let themes = (0..mentions.len())
            .filter(|&m| in_reach(mentions, t, Target::Mention(m)))
            .filter_map(|m| {
                let (r, score) = role(t, class, Target::Mention(m));
                (r == THEME).then_some((m, score))
            })
            .collect();
        expressed.push((t, themes));
    }
    let mut out = Vec::new();
    for &(t, class, tscore) in triggers {
        if class == 0 || class == EXPRESSION {
            continue;
        }
        let mut causes = Vec::new();
        let mut themes = Vec::new();
        for m in 0..mentions.len() {
            if !in_reach(mentions, t, Target::Mention(m)) {
                continue;
            }
            match role(t, class, Target::Mention(m)) {
                (CAUSE, score) => causes.push((m, score)),
                (THEME, score) => themes.push((m, score)),
                _ => {}
            }
        }
        for (e, inner) in &expressed {
            if *e == t || !in_reach(mentions, t, Target::Trigger(*e)) {
                continue;
            }
            if let (THEME, score) = role(t, class, Target::Trigger(*e)) {
                themes.extend(inner.iter().map(|&(m, s)| (m, s.min(score))));
            }
        }
        for &(c, cs) in &causes {
            for &(th, hs) in &themes {
                if c == th
                    || out
                        .iter()
                        .any(|d: &Decoded| d.subject == c && d.object == th && d.family == class)
                {
                    continue;
                }
                out.push(Decoded {
                    subject: c,
                    family: class,
                    object: th,
                    trigger: t,
                    score: tscore.min(cs).min(hs),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            kind: 0,
        }
    }

    #[test]
    fn a_regulation_of_an_expression_claims_on_the_expressed_mention() {
        // "A induces B expression": mentions A (0) and B (2), triggers at 1 (up) and 3
        // (expression).
        let mentions = [span(0, 1), span(2, 3)];
        let triggers = [(1, 1, 5.0), (3, EXPRESSION, 4.0)];
        let found = decode(&mentions, &triggers, |t, _, target| match (t, target) {
            (1, Target::Mention(0)) => (CAUSE, 3.0),
            (1, Target::Trigger(3)) => (THEME, 2.0),
            (3, Target::Mention(1)) => (THEME, 6.0),
            _ => (0, 0.0),
        });
        assert_eq!(
            found,
            vec![Decoded {
                subject: 0,
                family: 1,
                object: 1,
                trigger: 1,
                score: 2.0
            }]
        );
    }

    #[test]
    fn no_claim_without_a_cause_and_none_on_itself() {
        let mentions = [span(0, 1), span(2, 3)];
        // A theme but no cause: nothing.
        let found = decode(&mentions, &[(1, 2, 1.0)], |_, _, target| match target {
            Target::Mention(1) => (THEME, 1.0),
            _ => (0, 0.0),
        });
        assert!(found.is_empty());
        // One mention both cause and theme cannot be: every role answer is "cause" here,
        // so there is no theme.
        let found = decode(&mentions, &[(1, 2, 1.0)], |_, _, _| (CAUSE, 1.0));
        assert!(found.is_empty());
        // Coordinated causes each regulate the theme.
        let mentions = [span(0, 1), span(2, 3), span(5, 6)];
        let found = decode(&mentions, &[(4, 2, 1.0)], |_, _, target| match target {
            Target::Mention(2) => (THEME, 1.0),
            _ => (CAUSE, 1.0),
        });
        let pairs: Vec<(usize, usize)> = found.iter().map(|d| (d.subject, d.object)).collect();
        assert_eq!(pairs, vec![(0, 2), (1, 2)]);
    }

    #[test]
    fn arguments_out_of_reach_are_not_asked() {
        let mentions = [span(0, 1), span(MAX_ARG_TOKENS + 10, MAX_ARG_TOKENS + 11)];
        assert!(in_reach(&mentions, 2, Target::Mention(0)));
        assert!(!in_reach(&mentions, 2, Target::Mention(1)));
        let mut asked = Vec::new();
        decode(&mentions, &[(2, 1, 1.0)], |_, _, target| {
            asked.push(target);
            (0, 0.0)
        });
        assert_eq!(asked, vec![Target::Mention(0)]);
    }

    #[test]
    fn genia_event_types_map_to_trigger_classes() {
        assert_eq!(trigger_class("Positive_regulation"), Some(1));
        assert_eq!(trigger_class("Negative_regulation"), Some(2));
        assert_eq!(trigger_class("Correlation"), Some(3));
        assert_eq!(trigger_class("Transcription"), Some(EXPRESSION));
        assert_eq!(trigger_class("Binding"), None);
    }
}
