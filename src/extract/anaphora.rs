//! Anaphora: "they", "this combination", "their combined supplementation", "these
//! nutrients", "it", read as the entities a paragraph's discourse has named.

use crate::claim::EntityRef;

use super::mentions::Arg;
use super::tokens::{Tok, Token};

/// Per-paragraph discourse state for anaphora.
#[derive(Debug, Default, Clone)]
pub(super) struct Discourse {
    pub(super) topic: Vec<EntityRef>,
    pub(super) last_subject: Vec<EntityRef>,
    pub(super) last_combination: Option<EntityRef>,
}

/// Replaces anaphoric phrases ("they", "this combination", "their combined
/// supplementation", "these nutrients", "it") by argument tokens.
pub(super) fn resolve_anaphora(
    toks: &mut Vec<Token>,
    args: &mut Vec<Arg>,
    d: &Discourse,
    text: &str,
) {
    let mut i = 0;
    while i < toks.len() {
        let w = |k: usize| toks.get(k).and_then(Token::word).unwrap_or("");
        let (len, refs): (usize, Option<Vec<EntityRef>>) = match w(i) {
            "this" | "the" if w(i + 1) == "combination" && w(i + 2) != "of" => {
                let len = if matches!(w(i + 2), "therapy" | "treatment" | "supplementation") {
                    3
                } else {
                    2
                };
                (len, d.last_combination.clone().map(|c| vec![c]))
            }
            "their" if matches!(w(i + 1), "combination" | "combined") && d.topic.len() > 1 => {
                let len = if matches!(
                    w(i + 2),
                    "supplementation"
                        | "use"
                        | "intake"
                        | "administration"
                        | "treatment"
                        | "therapy"
                        | "effect"
                        | "effects"
                ) {
                    3
                } else {
                    2
                };
                (
                    len,
                    Some(vec![EntityRef::combination(
                        d.topic.clone(),
                        Some(&text[toks[i].start..toks[i + len - 1].end]),
                    )]),
                )
            }
            "they" | "neither" if !d.topic.is_empty() => (1, Some(d.topic.clone())),
            "these" | "both" | "either" | "the" | "all"
                if !d.topic.is_empty() && {
                    // "these agents", "all three agents", "the two".
                    let (n, noun) = group_reference(&w, i);
                    (n == 1 && w(i) != "all" && w(i + 2) != "of")
                        || noun && (w(i) != "all" || w(i + 1 + n).ends_with('s'))
                } =>
            {
                let (n, noun) = group_reference(&w, i);
                (1 + n + usize::from(noun), Some(d.topic.clone()))
            }
            "it" if d.last_subject.len() == 1
                && !matches!(
                    w(i + 1),
                    "is" | "was" | "has" | "remains" | "seems" | "appears"
                ) =>
            {
                (1, Some(d.last_subject.clone()))
            }
            _ => (0, None),
        };
        if let Some(refs) = refs.filter(|r| !r.is_empty())
            && len > 0
            && i + len <= toks.len()
            && !toks[i].hidden
        {
            let mention = text[toks[i].start..toks[i + len - 1].end].to_string();
            let refs = refs
                .into_iter()
                .map(|mut r| {
                    r.mention = Some(mention.clone());
                    r
                })
                .collect();
            args.push(Arg {
                refs,
                deficiency_of: None,
                negates: w(i) == "neither",
                denied: false,
            });
            let tok = Token {
                tok: Tok::Ent(args.len() - 1),
                start: toks[i].start,
                end: toks[i + len - 1].end,
                hidden: false,
            };
            toks.splice(i..i + len, [tok]);
        }
        i += 1;
    }
}

/// After a determiner at `i` ("these", "all"...): whether a number word follows (0 or 1
/// words) and whether a noun for a group of agents comes next ("all three agents").
fn group_reference<'s>(w: &impl Fn(usize) -> &'s str, i: usize) -> (usize, bool) {
    let n = usize::from(matches!(w(i + 1), "two" | "three" | "four"));
    let noun = matches!(
        w(i + 1 + n),
        "nutrients"
            | "nutrient"
            | "vitamins"
            | "minerals"
            | "micronutrients"
            | "compounds"
            | "agents"
            | "drugs"
            | "supplements"
    );
    (n, noun)
}
