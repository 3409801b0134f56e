//! PubTator / BioC relation annotations (BioREx types: `Positive_Correlation`,
//! `Negative_Correlation`, `Association`, `Bind`, `Drug_Interaction`, ...) between
//! annotated entities, read by [`crate::document::bioc`] from BioC XML or JSON.
//!
//! One record per relation with two arguments or more (every ordered pair of its first
//! two roles' annotations: the first role is the subject); its source text is the
//! sentences the reader found mentioning every argument (else the whole document), its
//! arguments the annotations' text and identifiers (NCBI Gene, MeSH, ... mapped to the
//! lexicon by the [`super::Checker`]).

use std::path::Path;

use serde_json::{Value, json};

use super::{Arg, Predicate, Record, file_name};
use crate::document::bioc::{self, BiocDocument};
use crate::error::Result;

/// The relation of the vocabulary a BioREx relation type stands for, if one does.
pub fn relation_of(ty: &str) -> Option<&'static str> {
    let t = ty.to_ascii_lowercase().replace(['_', ' ', '-'], "");
    Some(match t.as_str() {
        "positivecorrelation" => "increases",
        "negativecorrelation" => "decreases",
        "association" | "bind" | "binding" | "druginteraction" | "cotreatment" => "associated-with",
        _ => return None,
    })
}

/// The records of the relations of BioC documents read from `path`.
pub fn records(docs: &[BiocDocument], path: &Path) -> Vec<Record> {
    let source = format!("PubTator/BioC, {}", file_name(path));
    let mut out = Vec::new();
    for d in docs {
        for r in &d.relations {
            let ty = r.kind.clone().unwrap_or_default();
            let raw = json!({
                "document": d.source_id,
                "id": r.id,
                "infons": r.infons,
                "arguments": r.arguments.iter().map(|a| json!({"role": a.role, "refid": a.reference})).collect::<Vec<Value>>(),
            });
            let arg_of = |i: usize| -> Option<Arg> {
                let a = r.arguments.get(i)?;
                let ann = d.annotations.get(*a.annotations.first()?)?;
                Some(Arg {
                    name: Some(ann.text.clone()),
                    ids: ann.curies.clone(),
                    kind: ann.kind.clone(),
                    also: a
                        .annotations
                        .iter()
                        .filter_map(|&k| d.annotations.get(k))
                        .map(|x| x.text.clone())
                        .collect(),
                })
            };
            let (s, o) = (arg_of(0), arg_of(1));
            let predicate = match (&s, &o, relation_of(&ty)) {
                (None, _, _) | (_, None, _) => Predicate::Malformed(
                    "relation without two arguments that name annotations".to_string(),
                ),
                (_, _, Some(rel)) => Predicate::Relation(rel.to_string()),
                (_, _, None) => Predicate::Unmapped(format!(
                    "BioC relation type `{ty}` stands for no relation of the vocabulary"
                )),
            };
            let text = if r.contexts.is_empty() {
                Some(d.document.text.clone())
            } else {
                Some(
                    r.contexts
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            };
            out.push(Record {
                subject: s.unwrap_or_default(),
                object: o.unwrap_or_default(),
                predicate,
                predicate_text: ty,
                negated: None,
                hedged: None,
                text,
                document: Some(d.document.id.clone()),
                section: r.contexts.first().and_then(|c| c.section.clone()),
                source: source.clone(),
                raw,
            });
        }
    }
    out
}

/// The relation records of a BioC XML or JSON file (a document that cannot be read is
/// skipped here: it is the document reader's error to report).
///
/// # Errors
/// The file cannot be read, or is malformed XML or JSON (with line and column).
pub fn read(path: &Path) -> Result<Vec<Record>> {
    let text = crate::source::read_text(path)?;
    let docs = if text.trim_start().starts_with('<') {
        bioc::parse_xml(&text, path)?
    } else {
        bioc::parse_json(&text, path)?
    };
    let mut ok = Vec::new();
    for d in docs {
        ok.push(d?);
    }
    Ok(records(&ok, path))
}
