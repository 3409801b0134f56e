//! LangChain `GraphDocument` JSON (`GraphDocument.model_dump_json()`, or a JSON list of
//! them): nodes with `id` (the name the model gave) and `type`, relationships with
//! `source`, `target` and a free-text `type` (`IS_COFACTOR_OF`), and the `source`
//! document whose `page_content` is the text the graph was read from.
//!
//! One record per relationship; its source text is the document's page content, in
//! which the [`super::Checker`] finds the sentence that names both nodes. The document
//! id is the metadata's `pmid`, `id`, `source` or `title` (in that order), else the
//! file's stem and the document's position in the file.

use std::path::Path;

use serde_json::Value;

use super::{Arg, Predicate, Record, file_name, parse_json, str_field};
use crate::error::{Error, Result};

/// A node as an argument: its id is the name the model gave it.
pub(crate) fn node_arg(node: &Value) -> Arg {
    let name = match node.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let props = node.get("properties");
    let name = props
        .and_then(|p| str_field(p, "name"))
        .map(str::to_string)
        .or(name);
    Arg {
        name,
        ids: Vec::new(),
        kind: str_field(node, "type").map(str::to_string),
        also: Vec::new(),
    }
}

/// The document id a metadata object names, if any.
pub(crate) fn metadata_document(meta: Option<&Value>) -> Option<String> {
    let meta = meta?;
    ["pmid", "PMID", "id", "document_id", "source", "title"]
        .iter()
        .find_map(|k| match meta.get(*k) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
}

/// The records of a GraphDocument file.
///
/// # Errors
/// The file cannot be read, is not JSON (with line and column), or holds no
/// GraphDocument.
pub fn read(path: &Path) -> Result<Vec<Record>> {
    let text = crate::source::read_text(path)?;
    let v = parse_json(path, &text)?;
    let docs: Vec<&Value> = match &v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(_) => vec![&v],
        _ => Vec::new(),
    };
    if docs.is_empty() || docs.iter().any(|d| d.get("relationships").is_none()) {
        return Err(Error::parse(
            path,
            1,
            1,
            "not a LangChain GraphDocument: expected an object (or a list of objects) with `nodes` and `relationships`",
        ));
    }
    let file = file_name(path);
    let source = format!("LangChain GraphDocument, {file}");
    let stem = crate::source::document_id(path);
    let mut out = Vec::new();
    for (n, doc) in docs.iter().enumerate() {
        let src = doc.get("source");
        let page = src
            .and_then(|s| str_field(s, "page_content"))
            .map(str::to_string);
        let document = metadata_document(src.and_then(|s| s.get("metadata")))
            .or_else(|| src.and_then(|s| str_field(s, "id")).map(str::to_string))
            .unwrap_or_else(|| {
                if docs.len() == 1 {
                    stem.clone()
                } else {
                    format!("{stem}#{}", n + 1)
                }
            });
        let rels = doc["relationships"].as_array().cloned().unwrap_or_default();
        for rel in rels {
            let ty = str_field(&rel, "type").unwrap_or("").to_string();
            let (s, o) = (
                rel.get("source").map(node_arg).unwrap_or_default(),
                rel.get("target").map(node_arg).unwrap_or_default(),
            );
            let predicate = if ty.trim().is_empty() {
                Predicate::Malformed("relationship without a `type`".to_string())
            } else {
                Predicate::Text(ty.clone())
            };
            let mut raw = rel.clone();
            if let Some(o) = raw.as_object_mut() {
                o.insert("document".into(), Value::String(document.clone()));
            }
            out.push(Record {
                subject: s,
                object: o,
                predicate,
                predicate_text: ty,
                negated: None,
                hedged: None,
                text: page.clone(),
                document: Some(document.clone()),
                section: None,
                source: source.clone(),
                raw,
            });
        }
    }
    Ok(out)
}
