//! INDRA statements JSON, as `indra.statements.stmts_to_json` writes it: a list of
//! statements, each with its agents (`subj`/`obj`, `enz`/`sub`, or `members`) and its
//! evidence (`text`, `pmid`, `epistemics`, `source_api`).
//!
//! One record per statement and evidence: each evidence is its own source sentence.
//! Agents' `db_refs` become CURIEs (`HGNC: 6018` → `HGNC:6018`, `EGID` → `NCBIGene:`,
//! `MESH` → `MESH:`), grounded by the [`super::Checker`].

use std::path::Path;

use serde_json::Value;

use super::{Arg, Predicate, Record, file_name, parse_json, str_field};
use crate::error::{Error, Result};

/// The statement types whose `"type"` marks a file as INDRA's when sniffing.
pub const STATEMENT_TYPES: &[&str] = &[
    "Activation",
    "Inhibition",
    "IncreaseAmount",
    "DecreaseAmount",
    "Complex",
    "Association",
    "Phosphorylation",
    "Dephosphorylation",
    "Ubiquitination",
    "Deubiquitination",
    "Acetylation",
    "Deacetylation",
    "Methylation",
    "Demethylation",
    "Hydroxylation",
    "Dehydroxylation",
    "Sumoylation",
    "Desumoylation",
    "Glycosylation",
    "Deglycosylation",
    "Palmitoylation",
    "Depalmitoylation",
    "Myristoylation",
    "Demyristoylation",
    "Ribosylation",
    "Deribosylation",
    "Farnesylation",
    "Defarnesylation",
    "Geranylgeranylation",
    "Degeranylgeranylation",
    "Modification",
    "Autophosphorylation",
    "Transphosphorylation",
    "RegulateActivity",
    "RegulateAmount",
    "ActiveForm",
    "Translocation",
    "Gef",
    "Gap",
    "GtpActivation",
    "Conversion",
    "Influence",
];

/// The relation of the vocabulary a statement type stands for: activity up is
/// `increases`, down `suppresses`; amount up `induces`, down `suppresses` (each falls
/// back by the vocabulary's range, e.g. to `decreases` for a process); binding and
/// association `associated-with`; a modification of a substrate by an enzyme
/// `regulates` (unsigned).
pub fn relation_of(ty: &str) -> Option<&'static str> {
    Some(match ty {
        "Activation" => "increases",
        "Inhibition" => "suppresses",
        "IncreaseAmount" => "induces",
        "DecreaseAmount" => "suppresses",
        "Complex" | "Association" => "associated-with",
        t if is_modification(t) => "regulates",
        _ => return None,
    })
}

fn is_modification(ty: &str) -> bool {
    matches!(ty, "Modification" | "Transphosphorylation")
        || (ty.ends_with("ation")
            && STATEMENT_TYPES.contains(&ty)
            && !matches!(
                ty,
                "Activation"
                    | "Inhibition"
                    | "Association"
                    | "Translocation"
                    | "Conversion"
                    | "GtpActivation"
                    | "Autophosphorylation"
            ))
}

/// An agent's `db_refs` as CURIEs, in order of preference (the lexicon's own
/// namespaces first).
fn curies(db_refs: &Value) -> Vec<String> {
    let Some(map) = db_refs.as_object() else {
        return Vec::new();
    };
    let order = [
        ("HGNC", "HGNC"),
        ("CHEBI", "CHEBI"),
        ("FPLX", "FPLX"),
        ("GO", "GO"),
        ("MESH", "MESH"),
        ("EGID", "NCBIGene"),
        ("UP", "UniProtKB"),
        ("PUBCHEM", "PUBCHEM.COMPOUND"),
        ("MONDO", "MONDO"),
        ("HP", "HP"),
        ("DOID", "DOID"),
        ("CL", "CL"),
        ("UBERON", "UBERON"),
    ];
    let mut out = Vec::new();
    for (key, prefix) in order {
        let Some(v) = map.get(key) else { continue };
        let v = match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => continue,
        };
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        // CHEBI and GO values carry their prefix already (`CHEBI:27363`).
        let local = v
            .split_once(':')
            .filter(|(p, _)| p.eq_ignore_ascii_case(key) || p.eq_ignore_ascii_case(prefix))
            .map_or(v, |(_, l)| l);
        out.push(format!("{prefix}:{local}"));
    }
    out
}

/// An agent (or an Association's event concept) as an argument.
fn agent(v: &Value) -> Option<Arg> {
    let v = if v.get("concept").is_some() {
        &v["concept"]
    } else {
        v
    };
    let obj = v.as_object()?;
    let name = obj.get("name").and_then(Value::as_str).map(str::to_string);
    let db_refs = obj.get("db_refs").cloned().unwrap_or(Value::Null);
    let text = str_field(&db_refs, "TEXT").map(str::to_string);
    let mut also = Vec::new();
    // The text as written is what the sentence holds; the agent's name is INDRA's
    // normalised one (a gene symbol): both are looked for, the text grounds first.
    let (primary, other) = match (text, name) {
        (Some(t), Some(n)) => (Some(t), Some(n)),
        (t, n) => (t.or(n), None),
    };
    also.extend(other);
    Some(Arg {
        name: primary,
        ids: curies(&db_refs),
        kind: None,
        also,
    })
}

/// The (subject, object) pairs of a statement: one for a directed statement, every
/// pair in order for a Complex or an Association of several members.
fn pairs(stmt: &Value, ty: &str) -> std::result::Result<Vec<(Arg, Arg)>, String> {
    let two = |a: &str, b: &str| -> std::result::Result<Vec<(Arg, Arg)>, String> {
        let s = stmt.get(a).and_then(agent);
        let o = stmt.get(b).and_then(agent);
        match (s, o) {
            (Some(s), Some(o)) => Ok(vec![(s, o)]),
            (None, _) => Err(format!("{ty} statement without `{a}`")),
            (_, None) => Err(format!("{ty} statement without `{b}`")),
        }
    };
    if stmt.get("members").is_some() {
        let members: Vec<Arg> = stmt["members"]
            .as_array()
            .map(|m| m.iter().filter_map(agent).collect())
            .unwrap_or_default();
        if members.len() < 2 {
            return Err(format!("{ty} statement with fewer than two members"));
        }
        let mut out = Vec::new();
        for i in 0..members.len() {
            for j in i + 1..members.len() {
                out.push((members[i].clone(), members[j].clone()));
            }
        }
        return Ok(out);
    }
    if stmt.get("enz").is_some() || stmt.get("sub").is_some() {
        return two("enz", "sub");
    }
    two("subj", "obj")
}

/// The records of an INDRA statements file.
///
/// # Errors
/// The file cannot be read, is not JSON (with line and column), or is not a list of
/// statements.
pub fn read(path: &Path) -> Result<Vec<Record>> {
    let text = crate::source::read_text(path)?;
    let v = parse_json(path, &text)?;
    let Value::Array(stmts) = v else {
        return Err(Error::parse(
            path,
            1,
            1,
            "not INDRA statements: expected a JSON list of statements",
        ));
    };
    let file = file_name(path);
    let mut out = Vec::new();
    for (n, stmt) in stmts.iter().enumerate() {
        let Some(ty) = str_field(stmt, "type") else {
            return Err(Error::parse(
                path,
                0,
                0,
                format!("statement {} has no `type`: not INDRA statements", n + 1),
            ));
        };
        let evidence: Vec<Value> = match stmt.get("evidence").and_then(Value::as_array) {
            Some(e) if !e.is_empty() => e.clone(),
            _ => vec![Value::Null],
        };
        let predicate = match relation_of(ty) {
            Some(r) => Predicate::Relation(r.to_string()),
            None => Predicate::Unmapped(format!(
                "INDRA statement type `{ty}` stands for no relation of the vocabulary"
            )),
        };
        let args = if matches!(predicate, Predicate::Unmapped(_)) {
            // The type decides: its arguments need not fit a claim's two.
            Ok(vec![(Arg::default(), Arg::default())])
        } else {
            pairs(stmt, ty)
        };
        for ev in &evidence {
            let mut raw = stmt.clone();
            if let Some(o) = raw.as_object_mut() {
                o.insert("evidence".into(), Value::Array(vec![ev.clone()]));
            }
            let api = str_field(ev, "source_api").unwrap_or("unknown");
            let source = format!("INDRA ({api}), {file}");
            let epistemics = ev.get("epistemics");
            let flag = |k: &str| epistemics.and_then(|e| e.get(k)).and_then(Value::as_bool);
            let pmid = str_field(ev, "pmid").map(str::to_string).or_else(|| {
                ev.get("text_refs")
                    .and_then(|r| str_field(r, "PMID"))
                    .map(str::to_string)
            });
            let document = pmid.or_else(|| str_field(ev, "source_id").map(str::to_string));
            let section = epistemics
                .and_then(|e| str_field(e, "section_type"))
                .map(str::to_string);
            let pair_list = match &args {
                Ok(p) => p.clone(),
                Err(why) => {
                    out.push(Record {
                        subject: Arg::default(),
                        object: Arg::default(),
                        predicate: Predicate::Malformed(why.clone()),
                        predicate_text: ty.to_string(),
                        negated: None,
                        hedged: None,
                        text: None,
                        document: None,
                        section: None,
                        source,
                        raw,
                    });
                    continue;
                }
            };
            for (s, o) in pair_list {
                out.push(Record {
                    subject: s,
                    object: o,
                    predicate: predicate.clone(),
                    predicate_text: ty.to_string(),
                    negated: flag("negated"),
                    hedged: flag("hedged"),
                    text: str_field(ev, "text").map(str::to_string),
                    document: document.clone(),
                    section: section.clone(),
                    source: source.clone(),
                    raw: raw.clone(),
                });
            }
        }
    }
    Ok(out)
}
