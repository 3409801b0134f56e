//! Entities and their names: kinds, grounding to CURIEs, loading the lexicon files of
//! `graph/lexicon/`, and finding mentions of them in text.
//!
//! A lexicon file is a TSV with the header `id, label, kind, synonyms` (tab-separated), synonyms joined
//! by `|`. The bundled files are compiled into the binary; a caller can add more files.

mod matcher;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use matcher::{Matcher, Mention, is_case_sensitive};

/// The kind of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A dietary nutrient (vitamin, mineral, fatty acid).
    Nutrient,
    /// A non-nutrient small molecule (drug, ROS, phytate).
    Chemical,
    /// A gene.
    Gene,
    /// A gene product, protein family or complex.
    Protein,
    /// A cytokine or chemokine.
    Cytokine,
    /// A tissue or organ.
    Tissue,
    /// A cell type.
    Cell,
    /// A biological process.
    Process,
    /// A disease or phenotype.
    Condition,
    /// Several agents acting together.
    Combination,
}

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 10] = [
        Kind::Nutrient,
        Kind::Chemical,
        Kind::Gene,
        Kind::Protein,
        Kind::Cytokine,
        Kind::Tissue,
        Kind::Cell,
        Kind::Process,
        Kind::Condition,
        Kind::Combination,
    ];

    /// The kind's name as written in files (`nutrient`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Nutrient => "nutrient",
            Kind::Chemical => "chemical",
            Kind::Gene => "gene",
            Kind::Protein => "protein",
            Kind::Cytokine => "cytokine",
            Kind::Tissue => "tissue",
            Kind::Cell => "cell",
            Kind::Process => "process",
            Kind::Condition => "condition",
            Kind::Combination => "combination",
        }
    }

    /// Whether entities of this kind can act as agents of a molecular claim.
    pub fn is_molecular(self) -> bool {
        matches!(self, Kind::Gene | Kind::Protein | Kind::Cytokine)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown kind `{s}` (expected one of {})", names.join(", "))
            })
    }
}

/// An entity of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Its CURIE (`CHEBI:27363`), or a `claimgraph:` id when no vocabulary knows it.
    pub id: String,
    /// Its preferred label.
    pub label: String,
    /// Its kind.
    pub kind: Kind,
    /// Other names.
    pub synonyms: Vec<String>,
}

/// The lexicon files bundled with the binary, by name.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "nutrients.tsv",
        include_str!("../../graph/lexicon/nutrients.tsv"),
    ),
    (
        "chemicals.tsv",
        include_str!("../../graph/lexicon/chemicals.tsv"),
    ),
    (
        "genes-proteins.tsv",
        include_str!("../../graph/lexicon/genes-proteins.tsv"),
    ),
    (
        "cytokines.tsv",
        include_str!("../../graph/lexicon/cytokines.tsv"),
    ),
    ("cells.tsv", include_str!("../../graph/lexicon/cells.tsv")),
    (
        "tissues.tsv",
        include_str!("../../graph/lexicon/tissues.tsv"),
    ),
    (
        "processes.tsv",
        include_str!("../../graph/lexicon/processes.tsv"),
    ),
    (
        "conditions.tsv",
        include_str!("../../graph/lexicon/conditions.tsv"),
    ),
];

/// A set of entities, indexed by id.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entities: Vec<Entity>,
    by_id: BTreeMap<String, usize>,
}

/// Whether `id` looks like a CURIE: a prefix of letters, digits, `_`, `.` or `-`, a
/// colon, and a non-empty local part without white space.
pub fn is_curie(id: &str) -> bool {
    match id.split_once(':') {
        Some((prefix, local)) => {
            !prefix.is_empty()
                && prefix
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && prefix
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
                && !local.is_empty()
                && !local.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

impl Lexicon {
    /// The lexicon bundled with claimgraph.
    pub fn bundled() -> Lexicon {
        let mut lex = Lexicon::default();
        for (name, text) in BUNDLED {
            // The bundled files are checked by a test; failing here is a build defect.
            lex.add_tsv(text, Path::new(&format!("<bundled>/lexicon/{name}")))
                .unwrap_or_else(|e| panic!("bundled lexicon is invalid: {e}"));
        }
        lex
    }

    /// Adds the entities of a lexicon file.
    ///
    /// # Errors
    /// The file cannot be read or is malformed (see [`Lexicon::add_tsv`]).
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        self.add_tsv(&text, path)
    }

    /// Adds a lexicon file, or every `.tsv` file of a directory in sorted order (the
    /// derived lexicon ships as a directory of them).
    ///
    /// # Errors
    /// The directory cannot be listed, or a file as [`Lexicon::add_file`].
    pub fn add_path(&mut self, path: &Path) -> Result<()> {
        if !path.is_dir() {
            return self.add_file(path);
        }
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
            .collect();
        files.sort();
        files.iter().try_for_each(|f| self.add_file(f))
    }

    /// Adds the entities of lexicon TSV text. An id already present is replaced.
    ///
    /// # Errors
    /// A missing or wrong header, a line without four columns, a malformed CURIE, an
    /// unknown kind or an empty label, reported with line and column.
    pub fn add_tsv(&mut self, text: &str, path: &Path) -> Result<()> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, header)) if header.trim_end() == "id\tlabel\tkind\tsynonyms" => {}
            _ => {
                return Err(Error::parse(
                    path,
                    1,
                    1,
                    "expected the header `id<TAB>label<TAB>kind<TAB>synonyms`",
                ));
            }
        }
        for (i, line) in lines {
            let n = i + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 4 {
                return Err(Error::parse(
                    path,
                    n,
                    1,
                    format!("expected 4 tab-separated columns, found {}", cols.len()),
                ));
            }
            let column_of = |k: usize| {
                cols[..k]
                    .iter()
                    .map(|c| c.chars().count() + 1)
                    .sum::<usize>()
                    + 1
            };
            let id = cols[0].trim();
            if !is_curie(id) {
                return Err(Error::parse(
                    path,
                    n,
                    1,
                    format!("`{id}` is not a CURIE (PREFIX:local)"),
                ));
            }
            let label = cols[1].trim();
            if label.is_empty() {
                return Err(Error::parse(path, n, column_of(1), "empty label"));
            }
            let kind: Kind = cols[2]
                .trim()
                .parse()
                .map_err(|m: String| Error::parse(path, n, column_of(2), m))?;
            if kind == Kind::Combination {
                return Err(Error::parse(
                    path,
                    n,
                    column_of(2),
                    "combinations are made by claims, not listed",
                ));
            }
            let synonyms = cols[3]
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            self.insert(Entity {
                id: id.to_string(),
                label: label.to_string(),
                kind,
                synonyms,
            });
        }
        Ok(())
    }

    /// Adds or replaces an entity.
    pub fn insert(&mut self, entity: Entity) {
        match self.by_id.get(&entity.id) {
            Some(&i) => self.entities[i] = entity,
            None => {
                self.by_id.insert(entity.id.clone(), self.entities.len());
                self.entities.push(entity);
            }
        }
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// All entities, in insertion order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Builds the mention matcher over every label and synonym.
    pub fn matcher(&self) -> Matcher {
        Matcher::new(self)
    }
}

/// The normal form of a label used in minted ids and name lookup: lowercase, Greek
/// letters spelled out, runs of anything but letters, digits and `+` as one `-`.
pub fn normalize_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut dash = false;
    for c in label.chars() {
        let spelled = match c {
            'α' | 'Α' => Some("alpha"),
            'β' | 'Β' => Some("beta"),
            'γ' | 'Γ' => Some("gamma"),
            'δ' | 'Δ' => Some("delta"),
            'κ' | 'Κ' => Some("kappa"),
            'ε' => Some("epsilon"),
            'μ' => Some("mu"),
            _ => None,
        };
        if let Some(s) = spelled {
            out.push_str(s);
            dash = false;
        } else if c.is_alphanumeric() || c == '+' {
            out.extend(c.to_lowercase());
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_loads_and_ids_are_unique_curies() {
        let lex = Lexicon::bundled();
        assert!(lex.len() > 100);
        for e in lex.entities() {
            assert!(is_curie(&e.id), "{}", e.id);
        }
        assert_eq!(lex.get("CHEBI:27363").map(|e| e.kind), Some(Kind::Nutrient));
    }

    #[test]
    fn tsv_errors_name_line_and_column() {
        let mut lex = Lexicon::default();
        let err = lex
            .add_tsv(
                "id\tlabel\tkind\tsynonyms\nX:1\tx\tplanet\t\n",
                Path::new("l.tsv"),
            )
            .unwrap_err();
        assert_eq!(err.to_string().split(": ").next(), Some("l.tsv:2:7"));
        let err = lex.add_tsv("nope\n", Path::new("l.tsv")).unwrap_err();
        assert!(err.to_string().contains("header"));
        let err = lex
            .add_tsv(
                "id\tlabel\tkind\tsynonyms\nnot a curie\tx\tcell\t\n",
                Path::new("l.tsv"),
            )
            .unwrap_err();
        assert!(err.to_string().contains("not a CURIE"));
    }

    #[test]
    fn normalized_labels() {
        assert_eq!(normalize_label("IFN-γ"), "ifn-gamma");
        assert_eq!(
            normalize_label("  Zinc  transporters "),
            "zinc-transporters"
        );
        assert_eq!(
            normalize_label("Foxp3+ CD4+ T cells"),
            "foxp3+-cd4+-t-cells"
        );
    }
}
