//! neo4j-graphrag's lexical graph JSON (`Neo4jGraph.model_dump_json()`): nodes with
//! `id`, `label` and `properties`, relationships with `start_node_id`, `end_node_id`,
//! `type` and `properties`. `Chunk` nodes hold the text (`properties.text`), entities
//! point to the chunks they were read from by `FROM_CHUNK`, chunks to their `Document`
//! by `FROM_DOCUMENT`; every other relationship between two entities is a claim.
//!
//! One record per entity relationship; its source text is the chunks both entities
//! come from (else every chunk of either), its document the chunks' document (`path`,
//! `id` or `name` property) or the file's stem.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use super::{Arg, Predicate, Record, file_name, parse_json, scalar_text, str_field};
use crate::error::{Error, Result};

/// Node labels and relationship types of the lexical graph itself, not of claims.
const LEXICAL_LABELS: &[&str] = &["Chunk", "Document", "__Entity__", "__KGBuilder__"];
const LEXICAL_TYPES: &[&str] = &["FROM_CHUNK", "FROM_DOCUMENT", "NEXT_CHUNK"];

/// The records of a neo4j-graphrag graph file.
///
/// # Errors
/// The file cannot be read, is not JSON (with line and column), or has no `nodes` and
/// `relationships` lists.
pub fn read(path: &Path) -> Result<Vec<Record>> {
    let text = crate::source::read_text(path)?;
    let v = parse_json(path, &text)?;
    let (Some(nodes), Some(rels)) = (
        v.get("nodes").and_then(Value::as_array),
        v.get("relationships").and_then(Value::as_array),
    ) else {
        return Err(Error::parse(
            path,
            1,
            1,
            "not a neo4j-graphrag graph: expected an object with `nodes` and `relationships` lists",
        ));
    };
    let by_id: BTreeMap<String, &Value> = nodes
        .iter()
        .filter_map(|n| Some((scalar_text(n.get("id"))?, n)))
        .collect();
    let label = |n: &Value| str_field(n, "label").unwrap_or("").to_string();
    let mut chunks_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut document_of: BTreeMap<String, String> = BTreeMap::new();
    for r in rels {
        let (Some(a), Some(b)) = (
            scalar_text(r.get("start_node_id")),
            scalar_text(r.get("end_node_id")),
        ) else {
            continue;
        };
        match str_field(r, "type") {
            Some("FROM_CHUNK") => {
                chunks_of.entry(a).or_default().insert(b);
            }
            Some("FROM_DOCUMENT") => {
                if let Some(d) = by_id.get(&b) {
                    let p = d.get("properties");
                    let name = ["path", "id", "document_id", "pmid", "name", "title"]
                        .iter()
                        .find_map(|k| p.and_then(|p| scalar_text(p.get(*k))))
                        .unwrap_or(b.clone());
                    document_of.insert(a, name);
                }
            }
            _ => {}
        }
    }
    let chunk_text = |c: &str| -> Option<(i64, String)> {
        let n = by_id.get(c)?;
        let p = n.get("properties")?;
        let t = str_field(p, "text")?.to_string();
        Some((p.get("index").and_then(Value::as_i64).unwrap_or(0), t))
    };
    let file = file_name(path);
    let source = format!("neo4j-graphrag, {file}");
    let stem = crate::source::document_id(path);
    let mut out = Vec::new();
    for r in rels {
        let ty = str_field(r, "type").unwrap_or("").to_string();
        if LEXICAL_TYPES.contains(&ty.as_str()) {
            continue;
        }
        let (a, b) = (
            scalar_text(r.get("start_node_id")),
            scalar_text(r.get("end_node_id")),
        );
        let (na, nb) = (
            a.as_ref().and_then(|a| by_id.get(a)),
            b.as_ref().and_then(|b| by_id.get(b)),
        );
        if [na, nb]
            .iter()
            .flatten()
            .any(|n| LEXICAL_LABELS.contains(&label(n).as_str()))
        {
            continue;
        }
        let arg = |n: Option<&&Value>, id: &Option<String>| -> Arg {
            match n {
                Some(n) => {
                    let p = n.get("properties");
                    Arg {
                        name: p
                            .and_then(|p| str_field(p, "name"))
                            .map(str::to_string)
                            .or(id.clone()),
                        ids: Vec::new(),
                        kind: Some(label(n)).filter(|l| !l.is_empty()),
                        also: Vec::new(),
                    }
                }
                None => Arg::default(),
            }
        };
        let (s, o) = (arg(na, &a), arg(nb, &b));
        let empty = BTreeSet::new();
        let ca = a.as_ref().and_then(|a| chunks_of.get(a)).unwrap_or(&empty);
        let cb = b.as_ref().and_then(|b| chunks_of.get(b)).unwrap_or(&empty);
        let shared: BTreeSet<&String> = ca.intersection(cb).collect();
        let chosen: BTreeSet<&String> = if shared.is_empty() {
            ca.union(cb).collect()
        } else {
            shared
        };
        let mut texts: Vec<(i64, String)> = chosen.iter().filter_map(|c| chunk_text(c)).collect();
        texts.sort();
        let text = (!texts.is_empty()).then(|| {
            texts
                .into_iter()
                .map(|(_, t)| t)
                .collect::<Vec<_>>()
                .join("\n")
        });
        let document = chosen
            .iter()
            .find_map(|c| document_of.get(*c).cloned())
            .unwrap_or_else(|| stem.clone());
        let predicate = if na.is_none() || nb.is_none() {
            Predicate::Malformed("relationship between nodes the graph does not have".to_string())
        } else if ty.trim().is_empty() {
            Predicate::Malformed("relationship without a `type`".to_string())
        } else {
            Predicate::Text(ty.clone())
        };
        out.push(Record {
            subject: s,
            object: o,
            predicate,
            predicate_text: ty,
            negated: None,
            hedged: None,
            text,
            document: Some(document),
            section: None,
            source: source.clone(),
            raw: r.clone(),
        });
    }
    Ok(out)
}
