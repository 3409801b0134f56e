//! GraphRAG's output tables (parquet, as its indexer writes them): `relationships`
//! (`source`, `target` entity titles, a free-text `description`, `text_unit_ids`),
//! `entities` (`title`, `type`, `description`) and `text_units` (`id`, `text`,
//! `document_id`), read from the directory the relationships file is in.
//!
//! One record per relationship: its predicate is the description (mapped to the
//! vocabulary by trigger phrases), its source text the text units it names (when
//! `text_units.parquet` is there), its document the text units' document.

use std::collections::BTreeMap;
use std::path::Path;

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use serde_json::Value;

use super::{Arg, Predicate, Record, file_name, scalar_text};
use crate::error::{Error, Result};

/// Whether `head` starts a parquet file.
pub fn is_parquet(head: &[u8]) -> bool {
    head.starts_with(b"PAR1")
}

fn to_json(f: &Field) -> Value {
    match f {
        Field::Null => Value::Null,
        Field::Bool(b) => Value::Bool(*b),
        Field::Byte(n) => Value::from(*n),
        Field::Short(n) => Value::from(*n),
        Field::Int(n) => Value::from(*n),
        Field::Long(n) => Value::from(*n),
        Field::UByte(n) => Value::from(*n),
        Field::UShort(n) => Value::from(*n),
        Field::UInt(n) => Value::from(*n),
        Field::ULong(n) => Value::from(*n),
        Field::Float(x) => Value::from(f64::from(*x)),
        Field::Double(x) => Value::from(*x),
        Field::Str(s) => Value::String(s.clone()),
        Field::ListInternal(l) => Value::Array(l.elements().iter().map(to_json).collect()),
        Field::Group(row) => Value::Object(
            row.get_column_iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect(),
        ),
        other => Value::String(other.to_string()),
    }
}

/// The rows of a parquet table as JSON objects.
///
/// # Errors
/// The file cannot be opened or is not a readable parquet file.
pub fn read_table(path: &Path) -> Result<Vec<serde_json::Map<String, Value>>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let bad = |e: parquet::errors::ParquetError| {
        Error::parse(path, 0, 0, format!("not a readable parquet table: {e}"))
    };
    let reader = SerializedFileReader::new(file).map_err(bad)?;
    let mut rows = Vec::new();
    for row in reader.get_row_iter(None).map_err(bad)? {
        let row = row.map_err(bad)?;
        rows.push(
            row.get_column_iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect(),
        );
    }
    Ok(rows)
}

/// The columns of a parquet table.
///
/// # Errors
/// As [`read_table`].
pub fn columns(path: &Path) -> Result<Vec<String>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let reader = SerializedFileReader::new(file)
        .map_err(|e| Error::parse(path, 0, 0, format!("not a readable parquet table: {e}")))?;
    let schema = reader.metadata().file_metadata().schema_descr();
    Ok(schema
        .root_schema()
        .get_fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect())
}

/// Whether a parquet table is GraphRAG's relationships table (its columns say so).
pub fn is_relationships(path: &Path) -> bool {
    columns(path).is_ok_and(|c| {
        ["source", "target", "description"]
            .iter()
            .all(|k| c.iter().any(|x| x == k))
    })
}

/// The records of a GraphRAG relationships table (with its sibling tables).
///
/// # Errors
/// A table that cannot be read, or a relationships table without `source`, `target`
/// and `description` columns.
pub fn read(path: &Path) -> Result<Vec<Record>> {
    let rows = read_table(path)?;
    let cols = columns(path)?;
    for need in ["source", "target", "description"] {
        if !cols.iter().any(|c| c == need) {
            return Err(Error::parse(
                path,
                0,
                0,
                format!(
                    "not a GraphRAG relationships table: no `{need}` column (columns: {})",
                    cols.join(", ")
                ),
            ));
        }
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let sibling = |name: &str| -> Result<Vec<serde_json::Map<String, Value>>> {
        let p = dir.join(name);
        if p.exists() {
            read_table(&p)
        } else {
            Ok(Vec::new())
        }
    };
    let entities: BTreeMap<String, serde_json::Map<String, Value>> = sibling("entities.parquet")?
        .into_iter()
        .filter_map(|e| Some((scalar_text(e.get("title"))?, e)))
        .collect();
    let units: BTreeMap<String, serde_json::Map<String, Value>> = sibling("text_units.parquet")?
        .into_iter()
        .filter_map(|u| Some((scalar_text(u.get("id"))?, u)))
        .collect();
    let source = format!("GraphRAG, {}", file_name(path));
    let stem = crate::source::document_id(dir);
    let mut out = Vec::new();
    for row in rows {
        let arg = |key: &str| -> Arg {
            let name = scalar_text(row.get(key));
            let kind = name
                .as_ref()
                .and_then(|n| entities.get(n))
                .and_then(|e| scalar_text(e.get("type")));
            Arg {
                name,
                ids: Vec::new(),
                kind,
                also: Vec::new(),
            }
        };
        let (s, o) = (arg("source"), arg("target"));
        let description = scalar_text(row.get("description")).unwrap_or_default();
        let unit_ids: Vec<String> = match row.get("text_unit_ids") {
            Some(Value::Array(a)) => a.iter().filter_map(|v| scalar_text(Some(v))).collect(),
            _ => Vec::new(),
        };
        let found: Vec<&serde_json::Map<String, Value>> =
            unit_ids.iter().filter_map(|id| units.get(id)).collect();
        let text = (!found.is_empty()).then(|| {
            found
                .iter()
                .filter_map(|u| scalar_text(u.get("text")))
                .collect::<Vec<_>>()
                .join("\n")
        });
        let document = found
            .iter()
            .find_map(|u| {
                scalar_text(u.get("document_id")).or_else(|| match u.get("document_ids") {
                    Some(Value::Array(a)) => a.first().and_then(|v| scalar_text(Some(v))),
                    _ => None,
                })
            })
            .unwrap_or_else(|| stem.clone());
        let predicate = if s.name.is_none() || o.name.is_none() {
            Predicate::Malformed("relationship without `source` or `target`".to_string())
        } else if description.trim().is_empty() {
            Predicate::Malformed("relationship without a `description`".to_string())
        } else {
            Predicate::Text(description.clone())
        };
        out.push(Record {
            subject: s,
            object: o,
            predicate,
            predicate_text: description,
            negated: None,
            hedged: None,
            text,
            document: Some(document),
            section: None,
            source: source.clone(),
            raw: Value::Object(row),
        });
    }
    Ok(out)
}
