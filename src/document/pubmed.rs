//! PubMed XML (`PubmedArticleSet`, as NCBI's efetch returns it): one [`Document`] per
//! `PubmedArticle` (and `PubmedBookArticle`), named `PMID:NNN`.
//!
//! The document text claimgraph builds, into which every evidence `start`/`end` points,
//! is the article title on the first line, then each `AbstractText` on a line of its own,
//! in order; the text of inline markup (`<i>`, `<sup>`, ...) is kept and the markup left
//! out, line breaks and tabs inside an element become spaces. That is the text of a plain
//! abstract file (`title`, newline, abstract), so the same abstract gives the same
//! claims, spans included, either way. The title paragraph has the section `Title`; an
//! `AbstractText` with a `Label` (`METHODS`) has that section, one without has none.
//!
//! The whole file is parsed in memory (roxmltree), which suits efetch files (10,000
//! abstracts are about 50 MB). The DOCTYPE is read but never fetched: roxmltree does no
//! I/O. Malformed XML fails the whole file with its line and column; an article that
//! is well-formed but unusable (no PMID) is an error of its own, so the others still
//! come through.

use std::path::Path;

use roxmltree::Node;

use super::{Document, Paragraph};
use crate::error::{Error, Location, Result};

/// Parses XML text that claimgraph reads in (PubMed or BioC): the DOCTYPE is allowed
/// (and never fetched), errors carry the file, line and column; `what` names the format.
///
/// # Errors
/// Malformed XML.
pub fn parse_xml<'x>(xml: &'x str, path: &Path, what: &str) -> Result<roxmltree::Document<'x>> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(xml, options).map_err(|e| {
        let pos = e.pos();
        Error::Parse {
            location: Location::new(path, pos.row as usize, pos.col as usize),
            message: format!("malformed {what}: {e}"),
        }
    })
}

/// The location of a node in its file.
pub(crate) fn node_location(doc: &roxmltree::Document, node: Node, path: &Path) -> Location {
    let pos = doc.text_pos_at(node.range().start);
    Location::new(path, pos.row as usize, pos.col as usize)
}

/// The text of an element and its descendants, markup left out, white-space control
/// characters (line breaks, tabs) as spaces and the ends trimmed.
pub(crate) fn inner_text(node: Node) -> String {
    let mut s = String::new();
    for d in node.descendants().filter(Node::is_text) {
        s.push_str(d.text().unwrap_or(""));
    }
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    s.trim().to_string()
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

/// Builds a document from a title and body paragraphs (section, text): the title on the
/// first line, each paragraph on a line of its own. The title is a paragraph of section
/// `Title` when there is a body, as in a plain abstract.
pub(crate) fn assemble(id: String, title: &str, body: &[(Option<String>, String)]) -> Document {
    let mut text = String::with_capacity(
        title.len() + body.iter().map(|(_, t)| t.len() + 1).sum::<usize>() + 1,
    );
    let mut paragraphs = Vec::new();
    let mut push = |text: &mut String, t: &str, section: Option<String>| {
        let start = text.len();
        text.push_str(t);
        if !t.is_empty() {
            paragraphs.push(Paragraph {
                start,
                end: text.len(),
                section,
                citations: Vec::new(),
            });
        }
        text.push('\n');
    };
    push(
        &mut text,
        title,
        (!body.is_empty()).then(|| "Title".to_string()),
    );
    for (section, t) in body {
        push(&mut text, t, section.clone());
    }
    Document::from_paragraphs(id, title.to_string(), text, paragraphs)
}

/// The documents of a PubMed XML file (`PubmedArticleSet`): one result per article, in
/// file order; an article without a PMID is an error naming its place.
///
/// # Errors
/// Malformed XML, or a root element other than `PubmedArticleSet`/`PubmedArticle`.
pub fn parse(xml: &str, path: &Path) -> Result<Vec<Result<Document>>> {
    let doc = parse_xml(xml, path, "PubMed XML")?;
    let root = doc.root_element();
    let articles: Vec<Node> = match root.tag_name().name() {
        "PubmedArticleSet" => root
            .children()
            .filter(|c| c.has_tag_name("PubmedArticle") || c.has_tag_name("PubmedBookArticle"))
            .collect(),
        "PubmedArticle" | "PubmedBookArticle" => vec![root],
        other => {
            return Err(Error::Parse {
                location: node_location(&doc, root, path),
                message: format!("expected a PubmedArticleSet, found <{other}>"),
            });
        }
    };
    Ok(articles
        .into_iter()
        .map(|a| article(&doc, a, path))
        .collect())
}

fn article(doc: &roxmltree::Document, a: Node, path: &Path) -> Result<Document> {
    // PubmedArticle/MedlineCitation/{PMID, Article/{ArticleTitle, Abstract}};
    // PubmedBookArticle/BookDocument/{PMID, ArticleTitle | Book/BookTitle, Abstract}.
    let citation = child(a, "MedlineCitation").or_else(|| child(a, "BookDocument"));
    let pmid = citation
        .and_then(|c| child(c, "PMID"))
        .map(inner_text)
        .unwrap_or_default();
    if pmid.is_empty() || !pmid.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::Parse {
            location: node_location(doc, a, path),
            message: format!(
                "<{}> without a numeric PMID (MedlineCitation/PMID)",
                a.tag_name().name()
            ),
        });
    }
    let citation = citation.expect("a PMID was found in it");
    let article = child(citation, "Article").unwrap_or(citation);
    let title = child(article, "ArticleTitle")
        .or_else(|| child(citation, "Book").and_then(|b| child(b, "BookTitle")))
        .map(inner_text)
        .unwrap_or_default();
    let mut body = Vec::new();
    if let Some(abs) = child(article, "Abstract") {
        for t in abs.children().filter(|c| c.has_tag_name("AbstractText")) {
            let text = inner_text(t);
            if text.is_empty() {
                continue;
            }
            let label = t
                .attribute("Label")
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string);
            body.push((label, text));
        }
    }
    Ok(assemble(format!("PMID:{pmid}"), &title, &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SET: &str = r#"<?xml version="1.0" ?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">
<PubmedArticleSet>
<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">111</PMID>
<Article PubModel="Print"><ArticleTitle>Zinc and <i>IL-6</i>.</ArticleTitle>
<Abstract><AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Zinc matters.</AbstractText>
<AbstractText Label="RESULTS">Zinc suppresses
the production of IL-6 &amp; IL-1.</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle>
<PubmedArticle><MedlineCitation><Article><ArticleTitle>No id</ArticleTitle></Article></MedlineCitation></PubmedArticle>
<PubmedArticle><MedlineCitation><PMID>222</PMID><Article><ArticleTitle>Only a title</ArticleTitle>
<Abstract><AbstractText>Plain abstract.</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle>
</PubmedArticleSet>"#;

    #[test]
    fn articles_become_documents_with_sections() {
        let docs = parse(SET, Path::new("p.xml")).unwrap();
        assert_eq!(docs.len(), 3);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.id, "PMID:111");
        assert_eq!(d.title, "Zinc and IL-6.");
        assert_eq!(
            d.text,
            "Zinc and IL-6.\nZinc matters.\nZinc suppresses the production of IL-6 & IL-1.\n"
        );
        let sections: Vec<_> = d.paragraphs.iter().map(|p| p.section.as_deref()).collect();
        assert_eq!(
            sections,
            [Some("Title"), Some("BACKGROUND"), Some("RESULTS")]
        );
        let err = docs[1].as_ref().unwrap_err().to_string();
        assert!(
            err.starts_with("p.xml:9:1: <PubmedArticle> without"),
            "{err}"
        );
        let d = docs[2].as_ref().unwrap();
        assert_eq!(d.paragraphs[1].section, None);
        // The same text as a plain abstract gives the same paragraphs and sentences.
        let plain = Document::parse("PMID:222", d.text.clone());
        assert_eq!(plain.paragraphs, d.paragraphs);
        assert_eq!(plain.sentences, d.sentences);
    }

    #[test]
    fn malformed_xml_names_line_and_column() {
        let err = parse(
            "<PubmedArticleSet>\n<PubmedArticle>\n</PubmedArticleSet>",
            Path::new("b.xml"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("b.xml:3:"), "{err}");
        let err = parse("<other/>", Path::new("o.xml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected a PubmedArticleSet"), "{err}");
    }
}
