//! Entities and their names: kinds, grounding to CURIEs, loading the lexicon files of
//! `graph/lexicon/`, and finding mentions of them in text.
//!
//! A lexicon file is a TSV with the header `id, label, kind, synonyms` (tab-separated), synonyms joined
//! by `|`, optionally followed by a fifth column `parents`: the CURIEs, joined by `|`, of the
//! entities this one is a form, a member or a subclass of (vitamin D3 of vitamin D). Files
//! without the column still load. The bundled files are compiled into the binary; a caller
//! can add more files.
//!
//! Identifier mappings (foreign CURIEs such as `NCBIGene:7124` or `MESH:D015032` to the
//! lexicon's own) are in [`xrefs`]; [`Lexicon::map_xref`] looks an id up.

mod matcher;
pub mod xrefs;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use matcher::{Matcher, Mention, is_case_sensitive};
pub use xrefs::Xrefs;

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

/// A set of entities, indexed by id, and the hierarchy among them.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entities: Vec<Entity>,
    by_id: BTreeMap<String, usize>,
    /// The parents (`is-a` targets) of an id, sorted and distinct, as the last row of a
    /// file with a `parents` column gave them.
    parents: BTreeMap<String, Vec<String>>,
    /// Identifier mappings added from files (looked up before the bundled ones).
    xrefs: Xrefs,
}

/// The header of a lexicon file without and with the `parents` column.
const HEADER: &str = "id\tlabel\tkind\tsynonyms";
const HEADER_WITH_PARENTS: &str = "id\tlabel\tkind\tsynonyms\tparents";

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

    /// Adds the entities of lexicon TSV text. An id already present is replaced; so are
    /// its parents when the file has a `parents` column (a file without one leaves them).
    /// Text with the header `foreign<TAB>lexicon` is an identifier mapping file (as
    /// `derived/xrefs.tsv`) and adds mappings instead ([`Xrefs::add_tsv`]).
    ///
    /// # Errors
    /// A missing or wrong header, a line without four columns (or five, with `parents`),
    /// a malformed CURIE (id or parent), an entity its own parent, an unknown kind or an
    /// empty label, reported with line and column.
    pub fn add_tsv(&mut self, text: &str, path: &Path) -> Result<()> {
        let mut lines = text.lines().enumerate();
        let with_parents = match lines.next() {
            // An identifier mapping file (as `derived/xrefs.tsv`) in a lexicon directory.
            Some((_, header)) if header.trim_end() == xrefs::XREFS_HEADER => {
                return self.xrefs.add_tsv(text, path);
            }
            Some((_, header)) if header.trim_end() == HEADER => false,
            Some((_, header)) if header.trim_end() == HEADER_WITH_PARENTS => true,
            _ => {
                return Err(Error::parse(
                    path,
                    1,
                    1,
                    "expected the header `id<TAB>label<TAB>kind<TAB>synonyms`, optionally followed by `<TAB>parents`",
                ));
            }
        };
        for (i, line) in lines {
            let n = i + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            // With a `parents` column, a row without parents may leave it out.
            let expected: &[usize] = if with_parents { &[4, 5] } else { &[4] };
            if !expected.contains(&cols.len()) {
                let want = if with_parents { "4 or 5" } else { "4" };
                return Err(Error::parse(
                    path,
                    n,
                    1,
                    format!(
                        "expected {want} tab-separated columns, found {}",
                        cols.len()
                    ),
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
            if with_parents {
                let mut parents: Vec<String> = Vec::new();
                for p in cols.get(4).copied().unwrap_or("").split('|').map(str::trim) {
                    if p.is_empty() {
                        continue;
                    }
                    if !is_curie(p) {
                        return Err(Error::parse(
                            path,
                            n,
                            column_of(4),
                            format!("parent `{p}` is not a CURIE (PREFIX:local)"),
                        ));
                    }
                    if p == id {
                        return Err(Error::parse(
                            path,
                            n,
                            column_of(4),
                            format!("`{id}` names itself as its parent"),
                        ));
                    }
                    parents.push(p.to_string());
                }
                parents.sort();
                parents.dedup();
                if parents.is_empty() {
                    self.parents.remove(id);
                } else {
                    self.parents.insert(id.to_string(), parents);
                }
            }
            self.insert(Entity {
                id: id.to_string(),
                label: label.to_string(),
                kind,
                synonyms,
            });
        }
        Ok(())
    }

    /// The parents of the entity `id`: the entities it is a form, member or subclass
    /// of (`CHEBI:27300` vitamin D for `CHEBI:28940` vitamin D3), sorted; empty when it
    /// has none or is unknown.
    pub fn parents(&self, id: &str) -> &[String] {
        self.parents.get(id).map_or(&[], Vec::as_slice)
    }

    /// The lexicon CURIE a foreign id maps to (`NCBIGene:7124` → `HGNC:11892`), from the
    /// mapping files added to this lexicon, then the bundled ones ([`Xrefs::bundled`],
    /// parsed on the first call). The target need not be an entity of this lexicon:
    /// the bundled mappings reach the derived lexicon too.
    pub fn xref(&self, foreign: &str) -> Option<&str> {
        self.xrefs
            .get(foreign)
            .or_else(|| Xrefs::bundled().get(foreign))
    }

    /// The entity of this lexicon that `id` names: the entity with that id, or the one a
    /// foreign id maps to ([`Lexicon::xref`]); `None` when the lexicon has neither.
    ///
    /// # Examples
    /// ```
    /// let lex = claimgraph::lexicon::Lexicon::bundled();
    /// assert_eq!(lex.map_xref("MESH:D015032").map(|e| e.label.as_str()), Some("zinc"));
    /// assert_eq!(lex.map_xref("CHEBI:27363").map(|e| e.label.as_str()), Some("zinc"));
    /// ```
    pub fn map_xref(&self, id: &str) -> Option<&Entity> {
        self.get(id)
            .or_else(|| self.xref(id).and_then(|t| self.get(t)))
    }

    /// Every (child, parent) link of the hierarchy, in id order.
    pub fn hierarchy(&self) -> impl Iterator<Item = (&str, &str)> {
        self.parents
            .iter()
            .flat_map(|(c, ps)| ps.iter().map(move |p| (c.as_str(), p.as_str())))
    }

    /// Sets the parents of `id` (replacing any it had; an empty list removes them).
    pub fn set_parents(&mut self, id: &str, parents: Vec<String>) {
        let mut parents = parents;
        parents.retain(|p| p != id);
        parents.sort();
        parents.dedup();
        if parents.is_empty() {
            self.parents.remove(id);
        } else {
            self.parents.insert(id.to_string(), parents);
        }
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

    /// The index in [`Lexicon::entities`] of the entity with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
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
    fn parents_column_is_optional_and_checked() {
        let mut lex = Lexicon::default();
        lex.add_tsv(
            "id\tlabel\tkind\tsynonyms\tparents\n\
             X:1\tx\tnutrient\t\n\
             X:2\tx two\tnutrient\tx2\tX:1\n\
             X:3\tx three\tnutrient\t\tX:2|X:1|X:2\n",
            Path::new("p.tsv"),
        )
        .unwrap();
        assert_eq!(lex.len(), 3);
        assert!(lex.parents("X:1").is_empty());
        assert_eq!(lex.parents("X:2"), ["X:1"]);
        assert_eq!(lex.parents("X:3"), ["X:1", "X:2"]);
        // A file of the old form (no `parents` column) replaces entities, not parents.
        lex.add_tsv(
            "id\tlabel\tkind\tsynonyms\nX:2\tx 2\tnutrient\t\n",
            Path::new("old.tsv"),
        )
        .unwrap();
        assert_eq!(lex.get("X:2").map(|e| e.label.as_str()), Some("x 2"));
        assert_eq!(lex.parents("X:2"), ["X:1"]);
        let links: Vec<_> = lex.hierarchy().collect();
        assert_eq!(links, [("X:2", "X:1"), ("X:3", "X:1"), ("X:3", "X:2")]);
        // Five columns need the header that names the fifth.
        let err = lex
            .add_tsv(
                "id\tlabel\tkind\tsynonyms\nX:4\tx\tcell\t\tX:1\n",
                Path::new("l.tsv"),
            )
            .unwrap_err();
        assert!(
            err.to_string().contains("expected 4 tab-separated"),
            "{err}"
        );
        let err = lex
            .add_tsv(
                "id\tlabel\tkind\tsynonyms\tparents\nX:4\tx\tcell\t\tnot one\n",
                Path::new("l.tsv"),
            )
            .unwrap_err();
        assert_eq!(err.to_string().split(": ").next(), Some("l.tsv:2:13"));
        assert!(err.to_string().contains("parent `not one`"), "{err}");
        let err = lex
            .add_tsv(
                "id\tlabel\tkind\tsynonyms\tparents\nX:4\tx\tcell\t\tX:4\n",
                Path::new("l.tsv"),
            )
            .unwrap_err();
        assert!(err.to_string().contains("itself"), "{err}");
    }

    #[test]
    fn bundled_parents_are_bundled_entities_without_cycles() {
        let lex = Lexicon::bundled();
        assert_eq!(lex.parents("CHEBI:28940"), ["CHEBI:27300"], "vitamin D3");
        assert_eq!(lex.parents("CHEBI:28934"), ["CHEBI:27300"], "vitamin D2");
        let mut links = 0;
        for (child, parent) in lex.hierarchy() {
            assert!(lex.get(child).is_some(), "{child}");
            assert!(lex.get(parent).is_some(), "{child} -> {parent}");
            links += 1;
            // Walking up from the child never comes back to it.
            let mut stack = vec![parent];
            let mut seen = std::collections::BTreeSet::new();
            while let Some(p) = stack.pop() {
                assert_ne!(p, child, "cycle through {child}");
                if seen.insert(p) {
                    stack.extend(lex.parents(p).iter().map(String::as_str));
                }
            }
        }
        assert!(links > 100, "{links}");
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
