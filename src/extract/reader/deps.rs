//! Unlabeled dependency trees for the reader's fine tokens: gold trees converted from the
//! GENIA treebank's constituents by head rules, and a greedy arc-standard transition
//! parser (an averaged perceptron) that predicts them.
//!
//! Heads. A noun phrase is headed by its rightmost noun, a verb phrase by its verb, and
//! an auxiliary chain (`is associated`, `does not result`, `to compensate`) by its last
//! verb, so that a content verb governs its subject and objects. A prepositional phrase
//! is headed by its preposition, and its noun depends on it: for relation extraction the
//! preposition is what tells a cause from a theme (`activation of X` against `activation
//! by X`), and with the preposition as head it lies on the path between a trigger and its
//! argument, where path features see it. A clause introduced by a complementizer is
//! headed by its clause (the complementizer depends on the verb). A coordination of
//! phrases is headed by its first conjunct; the conjunction, the commas and the other
//! conjuncts depend on it. A parenthetical is headed by its first word that is not
//! punctuation, and it never heads the phrase around it. Null elements carry no tokens and
//! are skipped. Punctuation depends on the head of the phrase it sits in.
//!
//! Tokens. The reader's tokens are finer than the treebank's (`IL-2` is `IL`, `-`, `2`):
//! the pieces of one treebank token depend on its last piece, and the last piece takes
//! the treebank token's head (through any treebank token that no fine token represents).
//! Heads are indices into the sentence's tokens; [`ROOT`] marks the root.

use super::perceptron::{Hasher, Perceptron, Trainer};
use super::syntax::{self, Tagged};
use super::tokens::Sent;

/// The head of the root token.
pub const ROOT: u32 = u32::MAX;

/// The transitions: shift the next token, attach the second stack item to the top
/// (left arc), attach the top to the second (right arc).
pub const TRANSITIONS: [&str; 3] = ["shift", "left", "right"];

const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;

/// The treebank tokens of a sentence (byte spans in the sentence's text, as
/// `syntax::parse` builds it) and each one's head among them (`None`: the root).
#[derive(Debug, Clone, Default)]
pub struct TreeHeads {
    /// Byte spans.
    pub spans: Vec<(usize, usize)>,
    /// Heads, by index into `spans`.
    pub heads: Vec<Option<usize>>,
}

/// One non-empty child of a constituent: its label (a phrase category or a token's tag),
/// whether it is a token, and its head token.
struct Kid<'a> {
    label: &'a str,
    tok: bool,
    head: usize,
}

fn is_punct(label: &str) -> bool {
    matches!(
        label,
        "PERIOD" | "COMMA" | "COLON" | "LRB" | "RRB" | "LQT" | "RQT" | "SYM"
    )
}

fn is_noun(label: &str) -> bool {
    matches!(
        label,
        "NN" | "NNS" | "NNP" | "NNPS" | "PRP" | "WP" | "WDT" | "EX" | "FW"
    )
}

fn is_verb(label: &str) -> bool {
    matches!(
        label,
        "VB" | "VBD" | "VBN" | "VBG" | "VBZ" | "VBP" | "MD" | "TO"
    )
}

/// The index of the head child of a constituent of category `cat` (`kids` not empty).
fn head_child(cat: &str, kids: &[Kid]) -> usize {
    let content: Vec<usize> = (0..kids.len())
        .filter(|&i| kids.get(i).is_some_and(|k| !is_punct(k.label)))
        .collect();
    let first = |p: &dyn Fn(&Kid) -> bool| content.iter().copied().find(|&i| p(&kids[i]));
    let last = |p: &dyn Fn(&Kid) -> bool| content.iter().rev().copied().find(|&i| p(&kids[i]));
    let fallback = first(&|k| k.label != "PRN")
        .or_else(|| content.first().copied())
        .unwrap_or(0);
    // Coordinated phrases: the first conjunct.
    let cc = first(&|k| matches!(k.label, "CC" | "CONJP"));
    let conjunct = |k: &Kid| !matches!(k.label, "CC" | "CONJP" | "DT" | "PDT" | "RB" | "ADVP");
    if let (Some(cc), Some(&end)) = (cc, content.last())
        && !kids[end].tok
        && cat != "PRN"
        && let Some(c) = first(&conjunct).filter(|&c| c < cc)
    {
        return c;
    }
    let pick = match cat {
        "NP" | "NX" | "NAC" | "WHNP" => last(&|k| k.tok && is_noun(k.label))
            .or_else(|| first(&|k| !k.tok && matches!(k.label, "NP" | "NX" | "WHNP")))
            .or_else(|| last(&|k| matches!(k.label, "CD" | "QP")))
            .or_else(|| {
                last(&|k| matches!(k.label, "JJ" | "JJR" | "JJS" | "ADJP" | "VBG" | "VBN"))
            }),
        "VP" => {
            first(&|k| !k.tok && k.label == "VP").or_else(|| first(&|k| k.tok && is_verb(k.label)))
        }
        "PP" | "WHPP" => {
            first(&|k| k.tok && matches!(k.label, "IN" | "TO" | "VBG" | "VBN" | "RB" | "JJ"))
        }
        "ADJP" | "WHADJP" => {
            first(&|k| k.tok && matches!(k.label, "JJ" | "JJR" | "JJS" | "VBN" | "VBG"))
                .or_else(|| first(&|k| !k.tok && k.label == "ADJP"))
        }
        "ADVP" | "WHADVP" => last(&|k| k.tok && matches!(k.label, "RB" | "RBR" | "RBS" | "WRB")),
        "QP" => last(&|k| k.label == "CD"),
        "S" | "SINV" | "SQ" => first(&|k| !k.tok && k.label == "VP")
            .or_else(|| first(&|k| !k.tok && matches!(k.label, "S" | "SINV" | "SQ"))),
        "SBAR" | "SBARQ" => {
            first(&|k| !k.tok && matches!(k.label, "S" | "SQ" | "SINV" | "SBAR" | "FRAG" | "VP"))
        }
        "PRT" => first(&|k| k.label == "RP"),
        _ => None,
    };
    pick.unwrap_or(fallback)
}

/// The treebank tokens under `node` and their heads; returns the head token of `node`
/// (`None` when it covers no token, as a null element does). `pos` counts the bytes of
/// text seen so far, in the order `syntax::parse` concatenates them.
fn walk(node: roxmltree::Node, pos: &mut usize, out: &mut TreeHeads) -> Option<usize> {
    let mut kids = Vec::new();
    for child in node.children() {
        if child.is_text() {
            *pos += child.text().map_or(0, str::len);
        } else if child.is_element() {
            let start = *pos;
            let head = walk(child, pos, out);
            if child.tag_name().name() == "tok" {
                let t = out.spans.len();
                out.spans.push((start, *pos));
                out.heads.push(None);
                kids.push(Kid {
                    label: child.attribute("cat").unwrap_or(""),
                    tok: true,
                    head: t,
                });
            } else if let Some(head) = head {
                kids.push(Kid {
                    label: child.attribute("cat").unwrap_or(""),
                    tok: false,
                    head,
                });
            }
        }
    }
    if kids.is_empty() {
        return None;
    }
    let cat = if node.has_tag_name("cons") {
        node.attribute("cat").unwrap_or("")
    } else {
        ""
    };
    let h = kids.get(head_child(cat, &kids))?.head;
    for k in &kids {
        if k.head != h
            && let Some(slot) = out.heads.get_mut(k.head)
        {
            *slot = Some(h);
        }
    }
    Some(h)
}

/// The treebank tokens of a `<sentence>` element and their heads.
pub fn tree_heads(sentence: roxmltree::Node) -> TreeHeads {
    let mut out = TreeHeads::default();
    let mut pos = 0;
    walk(sentence, &mut pos, &mut out);
    out
}

/// The heads of the fine tokens `spans` (byte spans in the same text as `tree`'s).
pub fn project(tree: &TreeHeads, spans: &[(usize, usize)]) -> Vec<u32> {
    let n = spans.len();
    // Each fine token's treebank token: the one containing it, else the first it overlaps.
    let mut owner: Vec<Option<usize>> = spans
        .iter()
        .map(|&(a, b)| {
            tree.spans
                .iter()
                .position(|&(s, e)| s <= a && b <= e)
                .or_else(|| tree.spans.iter().position(|&(s, e)| s < b && a < e))
        })
        .collect();
    // A token outside every treebank token joins its neighbour's.
    for k in 0..n {
        if owner[k].is_none() {
            owner[k] = owner[..k]
                .iter()
                .rev()
                .chain(owner[k + 1..].iter())
                .find_map(|o| *o);
        }
    }
    let mut last: Vec<Option<usize>> = vec![None; tree.spans.len()];
    for (k, o) in owner.iter().enumerate() {
        if let Some(slot) = o.and_then(|t| last.get_mut(t)) {
            *slot = Some(k);
        }
    }
    let mut heads = vec![ROOT; n];
    for k in 0..n {
        let Some(t) = owner[k] else { continue };
        let rep = last.get(t).copied().flatten();
        if rep != Some(k) {
            heads[k] = rep.map_or(ROOT, |r| r as u32);
            continue;
        }
        let mut up = tree.heads.get(t).copied().flatten();
        let mut steps = 0;
        while let Some(h) = up {
            if let Some(r) = last.get(h).copied().flatten() {
                heads[k] = r as u32;
                break;
            }
            up = tree.heads.get(h).copied().flatten();
            steps += 1;
            if steps > tree.spans.len() {
                break;
            }
        }
    }
    // One root: any other root depends on the first.
    if let Some(root) = heads.iter().position(|&h| h == ROOT) {
        for h in heads.iter_mut().skip(root + 1) {
            if *h == ROOT {
                *h = root as u32;
            }
        }
    }
    heads
}

/// The tokens on the dependency path from `a` to `b`: first `a` and its ancestors up to
/// and including the lowest common ancestor, then the tokens below that ancestor down to
/// `b` (ending with `b`; empty when `b` is that ancestor). `None` when `a` and `b` share
/// no ancestor (a broken tree) or lie outside it.
pub fn path(heads: &[u32], a: usize, b: usize) -> Option<(Vec<usize>, Vec<usize>)> {
    let n = heads.len();
    if a >= n || b >= n {
        return None;
    }
    let climb = |from: usize| -> Vec<usize> {
        let mut out = vec![from];
        let mut at = from;
        while let Some(&h) = heads.get(at) {
            if h == ROOT || out.len() > n {
                break;
            }
            at = h as usize;
            out.push(at);
        }
        out
    };
    let up_a = climb(a);
    let up_b = climb(b);
    let (i, j) = up_a
        .iter()
        .enumerate()
        .find_map(|(i, x)| up_b.iter().position(|y| y == x).map(|j| (i, j)))?;
    let up = up_a[..=i].to_vec();
    let mut down = up_b[..j].to_vec();
    down.reverse();
    Some((up, down))
}

/// Whether `heads` is a tree: every token one head inside the sentence or the root,
/// exactly one root, and no cycles.
pub fn is_tree(heads: &[u32]) -> bool {
    let n = heads.len();
    if n == 0 {
        return true;
    }
    if heads.iter().filter(|&&h| h == ROOT).count() != 1 {
        return false;
    }
    (0..n).all(|k| {
        let mut at = k;
        for _ in 0..=n {
            match heads.get(at) {
                Some(&ROOT) => return true,
                Some(&h) if (h as usize) < n => at = h as usize,
                _ => return false,
            }
        }
        false
    })
}

/// A token's feature values, computed once per sentence: its lowercase word's hash and
/// its packed tags (part of speech, chunk, lexicon flag, glued to the previous token).
#[derive(Clone, Copy)]
struct Tok {
    word: u64,
    tags: u64,
}

const NO_TOK: Tok = Tok {
    word: 0x6e6f_6e65_0000_0001,
    tags: 0xff_ffff,
};

fn toks(s: &Sent) -> Vec<Tok> {
    (0..s.len())
        .map(|i| {
            let glued = s.space_before.get(i).is_some_and(|sp| !sp);
            Tok {
                word: Hasher::template(0).str(s.low(Some(i))).finish(),
                tags: u64::from(s.tag(Some(i)))
                    | u64::from(s.chunk(Some(i))) << 8
                    | u64::from(s.lexicon.get(i).copied().unwrap_or(0)) << 16
                    | u64::from(glued) << 24,
            }
        })
        .collect()
}

/// A parser state: the stack, the next buffer token, the heads and each token's
/// leftmost and rightmost dependents so far.
struct State {
    stack: Vec<u32>,
    next: usize,
    heads: Vec<u32>,
    left: Vec<u32>,
    right: Vec<u32>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            stack: Vec::with_capacity(n),
            next: 0,
            heads: vec![ROOT; n],
            left: vec![ROOT; n],
            right: vec![ROOT; n],
        }
    }

    fn done(&self) -> bool {
        self.next >= self.heads.len() && self.stack.len() <= 1
    }

    fn valid(&self, t: usize) -> bool {
        match t {
            SHIFT => self.next < self.heads.len(),
            _ => self.stack.len() >= 2,
        }
    }

    fn apply(&mut self, t: usize) {
        let k = self.stack.len();
        match t {
            LEFT if k >= 2 => {
                let (s1, s0) = (self.stack[k - 2], self.stack[k - 1]);
                self.heads[s1 as usize] = s0;
                self.left[s0 as usize] = s1;
                self.stack.remove(k - 2);
            }
            RIGHT if k >= 2 => {
                let (s1, s0) = (self.stack[k - 2], self.stack[k - 1]);
                self.heads[s0 as usize] = s1;
                self.right[s1 as usize] = s0;
                self.stack.pop();
            }
            _ => {
                self.stack.push(self.next as u32);
                self.next += 1;
            }
        }
    }

    /// The features of this state, appended to `out` (cleared first).
    fn features(&self, toks: &[Tok], out: &mut Vec<u64>) {
        out.clear();
        let tok = |i: Option<u32>| -> Tok {
            i.and_then(|i| toks.get(i as usize))
                .copied()
                .unwrap_or(NO_TOK)
        };
        let idx = |i: Option<u32>, of: &[u32]| -> Option<u32> {
            i.and_then(|i| of.get(i as usize).copied())
                .filter(|&j| j != ROOT)
        };
        let k = self.stack.len();
        let at = |d: usize| k.checked_sub(d).and_then(|i| self.stack.get(i).copied());
        let (i0, i1) = (at(1), at(2));
        let (s0, s1, s2) = (tok(i0), tok(i1), tok(at(3)));
        let buf = |d: usize| {
            let j = self.next + d;
            (j < toks.len()).then_some(j as u32)
        };
        let (b0, b1, b2) = (tok(buf(0)), tok(buf(1)), tok(buf(2)));
        let s0l = tok(idx(i0, &self.left)).tags;
        let s0r = tok(idx(i0, &self.right)).tags;
        let s1l = tok(idx(i1, &self.left)).tags;
        let s1r = tok(idx(i1, &self.right)).tags;
        // Part of speech only (the low byte) and part of speech with chunk. Few templates
        // read words: their rows are spread over the table and cost a cache miss each.
        let p = |t: u64| t & 0xff;
        let pc = |t: u64| t & 0xffff;
        let dist = match (i0, i1) {
            (Some(a), Some(b)) => u64::from(a.saturating_sub(b).min(8)),
            _ => 0,
        };
        let t = Hasher::template;
        let f = |h: Hasher| h.finish();
        out.extend_from_slice(&[
            f(t(0)),
            f(t(1).u64(s0.word).u64(p(s0.tags))),
            f(t(2).u64(s0.tags)),
            f(t(3).u64(s1.word).u64(p(s1.tags))),
            f(t(4).u64(s1.tags)),
            f(t(5).u64(b0.word).u64(p(b0.tags))),
            f(t(6).u64(b0.tags)),
            f(t(7).u64(p(b1.tags) | p(b2.tags) << 8)),
            f(t(8).u64(s0.word).u64(s1.word)),
            f(t(9).u64(pc(s0.tags) | pc(s1.tags) << 16)),
            f(t(10).u64(pc(s0.tags) | pc(b0.tags) << 16)),
            f(t(11).u64(s0.word).u64(p(s1.tags))),
            f(t(12).u64(s1.word).u64(p(s0.tags))),
            f(t(13).u64(p(s2.tags) | p(s1.tags) << 8 | p(s0.tags) << 16)),
            f(t(14).u64(p(s1.tags) | p(s0.tags) << 8 | p(b0.tags) << 16)),
            f(t(15).u64(p(s0.tags) | p(b0.tags) << 8 | p(b1.tags) << 16)),
            f(t(16).u64(p(s1.tags) | p(s0.tags) << 8 | p(s0l) << 16)),
            f(t(17).u64(p(s1.tags) | p(s0.tags) << 8 | p(s0r) << 16)),
            f(t(18).u64(p(s1.tags) | p(s0.tags) << 8 | p(s1l) << 16)),
            f(t(19).u64(p(s1.tags) | p(s0.tags) << 8 | p(s1r) << 16)),
            f(t(20).u64(dist | p(s0.tags) << 8 | p(s1.tags) << 16)),
            f(t(21)
                .u64(p(s0.tags) | p(s1.tags) << 8 | (s0.tags >> 24) << 16 | (b0.tags >> 24) << 17)),
        ]);
    }
}

/// The best valid transition for the scores.
fn best_valid(state: &State, scores: &[f32]) -> usize {
    let mut best = (SHIFT, f32::NEG_INFINITY);
    for (t, &s) in scores.iter().enumerate() {
        if state.valid(t) && (s > best.1 || !state.valid(best.0)) {
            best = (t, s);
        }
    }
    best.0
}

/// The dependency heads a parser gives a tagged and chunked sentence.
pub fn parse(model: &Perceptron, s: &Sent) -> Vec<u32> {
    let toks = toks(s);
    let mut state = State::new(toks.len());
    let mut feats = Vec::with_capacity(32);
    let mut scores = Vec::with_capacity(TRANSITIONS.len());
    while !state.done() {
        let t = if state.stack.len() < 2 {
            SHIFT
        } else {
            state.features(&toks, &mut feats);
            model.scores(&feats, &mut scores);
            best_valid(&state, &scores)
        };
        state.apply(t);
    }
    state.heads
}

/// The static arc-standard oracle's transition in `state` towards `gold`, or `None` when
/// no transition leads there (a non-projective tree). `attached[i]` counts the gold
/// dependents `i` has taken, `wanted[i]` how many it has.
fn oracle(state: &State, gold: &[u32], attached: &[u32], wanted: &[u32]) -> Option<usize> {
    let k = state.stack.len();
    if k >= 2 {
        let (s1, s0) = (state.stack[k - 2], state.stack[k - 1]);
        if gold.get(s1 as usize) == Some(&s0) {
            return Some(LEFT);
        }
        if gold.get(s0 as usize) == Some(&s1)
            && attached.get(s0 as usize) == wanted.get(s0 as usize)
        {
            return Some(RIGHT);
        }
    }
    state.valid(SHIFT).then_some(SHIFT)
}

/// The oracle's transitions for a gold tree, when it reaches that tree exactly.
pub fn oracle_transitions(gold: &[u32]) -> Option<Vec<usize>> {
    let n = gold.len();
    if !is_tree(gold) {
        return None;
    }
    let mut wanted = vec![0u32; n];
    for &h in gold {
        if let Some(w) = wanted.get_mut(h as usize) {
            *w += 1;
        }
    }
    let mut attached = vec![0u32; n];
    let mut state = State::new(n);
    let mut out = Vec::with_capacity(2 * n);
    while !state.done() {
        let t = oracle(&state, gold, &attached, &wanted)?;
        let k = state.stack.len();
        match t {
            LEFT => attached[state.stack[k - 1] as usize] += 1,
            RIGHT => attached[state.stack[k - 2] as usize] += 1,
            _ => {}
        }
        state.apply(t);
        out.push(t);
    }
    (state.heads == gold).then_some(out)
}

/// Train a parser on treebank sentences, reading the parts of speech `pos` predicts and
/// the chunks `chunker` predicts from them (as extraction will see them), following the
/// static oracle; sentences it cannot reach (non-projective) are left out. Shuffled per
/// pass with a fixed seed.
pub fn train(
    sentences: &[&Tagged],
    pos: &Perceptron,
    chunker: &Perceptron,
    (epochs, bits, seed): (usize, u32, u64),
) -> Perceptron {
    let mut examples: Vec<(Vec<Tok>, Vec<usize>)> = Vec::new();
    for ex in sentences {
        let Some(gold) = oracle_transitions(&ex.heads) else {
            continue;
        };
        let mut s = ex.sent.clone();
        s.pos = syntax::tag(pos, &s);
        s.chunks = syntax::chunk(chunker, &s);
        examples.push((toks(&s), gold));
    }
    let mut trainer = Trainer::new(TRANSITIONS.len(), bits);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut feats = Vec::with_capacity(32);
    let mut scores = Vec::new();
    for epoch in 0..epochs {
        super::perceptron::shuffle(&mut order, seed.wrapping_add(6000 + epoch as u64));
        for &e in &order {
            let Some((toks, gold)) = examples.get(e) else {
                continue;
            };
            let mut state = State::new(toks.len());
            for &g in gold {
                if state.stack.len() >= 2 {
                    state.features(toks, &mut feats);
                    trainer.current().scores(&feats, &mut scores);
                    let p = best_valid(&state, &scores);
                    trainer.update(&feats, g, p);
                }
                state.apply(g);
            }
        }
    }
    trainer.finish()
}

/// Unlabeled attachment over the tokens whose gold tag is not punctuation: (right, all).
pub fn attachment(predicted: &[u32], gold: &[u32], gold_tags: &[u8]) -> (usize, usize) {
    let punct = syntax::coarse("PERIOD");
    let mut right = 0;
    let mut all = 0;
    for ((p, g), t) in predicted.iter().zip(gold).zip(gold_tags) {
        if *t == punct {
            continue;
        }
        all += 1;
        right += usize::from(p == g);
    }
    (right, all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const XML: &str = r#"<Annotation><PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle><sentence id="S1"><cons cat="S"><cons cat="NP" id="i1" role="SBJ"><cons cat="NP"><tok cat="NN">IL-2</tok> <tok cat="NN">expression</tok></cons> <cons cat="PRN"><tok cat="LRB">(</tok><cons cat="NP"><tok cat="NN">IE</tok></cons><tok cat="RRB">)</tok></cons></cons> <cons cat="VP"><tok cat="VBZ">is</tok> <cons cat="VP"><tok cat="VBN">induced</tok> <cons cat="NP" ref="i1" null="NONE"></cons><cons cat="PP"><tok cat="IN">by</tok> <cons cat="NP"><cons cat="NP"><tok cat="NN">NF-kappaB</tok></cons> <tok cat="CC">and</tok> <cons cat="NP"><tok cat="NN">AP-1</tok></cons></cons></cons></cons></cons><tok cat="PERIOD">.</tok></cons></sentence></ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet></Annotation>"#;

    fn sentence() -> Tagged {
        let matcher = crate::lexicon::Lexicon::default().matcher();
        let a = syntax::parse(XML, Path::new("t.xml"), &matcher).unwrap();
        a.sentences[0].clone()
    }

    #[test]
    fn the_conversion_gives_a_tree_with_the_expected_heads() {
        let t = sentence();
        let words = &t.sent.words;
        // IL - 2 expression ( IE ) is induced by NF - kappaB and AP - 1 .
        assert_eq!(words.len(), 18);
        assert_eq!(t.heads.len(), words.len());
        assert!(is_tree(&t.heads), "{:?}", t.heads);
        let at = |w: &str| words.iter().position(|x| x == w).unwrap();
        let head = |w: &str| {
            let h = t.heads[at(w)];
            if h == ROOT {
                "ROOT"
            } else {
                words[h as usize].as_str()
            }
        };
        assert_eq!(head("induced"), "ROOT");
        assert_eq!(head("is"), "induced");
        // The pieces of one treebank token hang on its last piece.
        assert_eq!(head("IL"), "2");
        assert_eq!(head("2"), "expression");
        assert_eq!(head("expression"), "induced");
        assert_eq!(head("IE"), "expression");
        assert_eq!(head("("), "IE");
        assert_eq!(head("by"), "induced");
        // The preposition heads its noun; the first conjunct heads the coordination.
        assert_eq!(head("kappaB"), "by");
        assert_eq!(head("and"), "kappaB");
        assert_eq!(head("1"), "kappaB");
        assert_eq!(head("."), "induced");
        assert!(oracle_transitions(&t.heads).is_some());
    }

    #[test]
    fn paths_go_through_the_lowest_common_ancestor() {
        let t = sentence();
        let at = |w: &str| t.sent.words.iter().position(|x| x == w).unwrap();
        let (up, down) = path(&t.heads, at("expression"), at("kappaB")).unwrap();
        assert_eq!(up, [at("expression"), at("induced")]);
        assert_eq!(down, [at("by"), at("kappaB")]);
        let (up, down) = path(&t.heads, at("kappaB"), at("kappaB")).unwrap();
        assert_eq!((up, down), (vec![at("kappaB")], vec![]));
        let (up, down) = path(&t.heads, at("1"), at("by")).unwrap();
        assert_eq!(up, [at("1"), at("kappaB"), at("by")]);
        assert!(down.is_empty());
        assert!(path(&t.heads, 0, 99).is_none());
        assert!(path(&[1, 0], 0, 1).is_some_and(|(u, _)| u.len() <= 3));
    }

    #[test]
    fn the_oracle_reproduces_every_tree_it_accepts_and_training_is_deterministic() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/genia-treebank/xml");
        let Ok(mut files) = super::super::train::xml_files(&dir) else {
            return;
        };
        files.truncate(40);
        let treebank = super::super::train::load_treebank(&files).unwrap();
        let sentences: Vec<&Tagged> = treebank.iter().flat_map(|a| &a.sentences).collect();
        let mut accepted = 0;
        for ex in &sentences {
            assert!(is_tree(&ex.heads), "{:?}", ex.sent.words);
            let Some(ts) = oracle_transitions(&ex.heads) else {
                continue;
            };
            accepted += 1;
            let mut state = State::new(ex.heads.len());
            for t in ts {
                state.apply(t);
            }
            assert_eq!(state.heads, ex.heads);
        }
        assert!(
            accepted * 10 >= sentences.len() * 9,
            "{accepted} of {}",
            sentences.len()
        );
        let pos = syntax::train(&sentences, 1, 14, 7);
        let chunker = syntax::train_chunker(&sentences, &pos, 1, 14, 7);
        let a = train(&sentences, &pos, &chunker, (2, 14, 7));
        let b = train(&sentences, &pos, &chunker, (2, 14, 7));
        assert_eq!(a, b);
        let mut s = sentences[0].sent.clone();
        s.pos = syntax::tag(&pos, &s);
        s.chunks = syntax::chunk(&chunker, &s);
        assert!(is_tree(&parse(&a, &s)));
    }
}
