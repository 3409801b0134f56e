//! Every export of an arbitrary small graph parses back with a real parser and gives the
//! same graph (proptest).
//!
//! The graphs are built through the library API (`KnowledgeGraph::add_entity`,
//! `add_claim`) from names, ids and sentences full of what breaks formats: quotes,
//! backslashes, tabs, CR/LF, `<>&`, entity look-alikes, separators (`|`, `;`, `#`, `%`),
//! control characters, U+2028 and non-ASCII text; negated and hedged claims,
//! combinations and hierarchy links (`is-a`) included. Each format is parsed by a real parser:
//!
//! | format | parser | what must come back |
//! | --- | --- | --- |
//! | N-Triples, Turtle | oxttl | nodes, claims, labels, sentences, memberships exactly |
//! | JSON-LD, Cytoscape JSON, HTML data, KGX JSONL | serde_json | the same, exactly |
//! | GraphML | roxmltree | the same; control characters XML cannot hold become U+FFFD |
//! | Neo4j CSV | csv | ids and names with line breaks as spaces; sentences exactly |
//! | KGX TSV | csv (tab, no quoting, as kgx reads it) | tab/CR/LF as a space, `\|` as `¦` |
//! | DOT | graphviz-rust's parser | ids, labels and edges exactly, sentences in tooltips |
//! | Cypher | a string-literal reader here | one statement a line; ids, names, sentences |
//! | Mermaid | a line reader here | one node or edge a line; labels, ids, sentences |
//!
//! SVG needs Graphviz and is checked in `exports.rs`.

use std::collections::BTreeMap;

use claimgraph::claim::{Claim, Context, EntityRef, Evidence};
use claimgraph::export::jsonld::{CG_VOCAB, PREFIXES, RDF, RDFS, XSD, iri, jsonld_id};
use claimgraph::export::summary::ClaimSummary;
use claimgraph::export::{self, Format};
use claimgraph::kg::KnowledgeGraph;
use claimgraph::lexicon::Kind;
use claimgraph::vocab::Vocabulary;
use graphviz_rust::dot_structures::{
    Attribute, EdgeTy, Graph as DotGraph, Id, NodeId, Stmt, Vertex,
};
use proptest::prelude::*;
use serde_json::Value;

/// Pieces of hostile text.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "zinc", "IL-6", "vitamin D", " ", "é", "漢字", "🧪", "\"", "'", "\t", "\n", "\r", "\r\n",
    "\\", "\\N", "\\n", "<", ">", "&", "&amp;", "&#9;", "&lt;", "]]>", "</script>", "|", ";",
    ",", "#", "#quot;", "%", "%%", "`", "{", "}", "[", "]", "(", ")", "\u{2028}", "\u{2029}",
    "\u{85}", "\u{1}", "\u{7f}", "\u{fffe}", ":", "//", "--", "$", "@id", "NOT", "_:b0",
];

/// Text of `min..=max` pieces, hostile or random printable.
fn text(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "\\PC{1,3}",
        ],
        min..=max,
    )
    .prop_map(|v| v.concat())
}

/// An entity: id ungrounded (from its label), a CURIE, an unknown prefix with hostile
/// text, hostile text with no prefix, or the local part of the ungrounded id alone
/// (which must not become the same RDF resource as the ungrounded id).
fn entity() -> impl Strategy<Value = EntityRef> {
    (
        0..5u8,
        text(1, 4),
        0..9usize,
        prop::collection::vec(text(1, 3), 0..3),
        0..50u32,
    )
        .prop_map(|(style, label, kind, synonyms, n)| {
            let kind = Kind::ALL[kind];
            let id = match style {
                0 => EntityRef::ungrounded(&label, kind).id,
                1 => format!("CHEBI:{n}"),
                2 => format!("X:{label}"),
                3 => format!("{label}{n}"),
                _ => EntityRef::ungrounded(&label, kind).id["claimgraph:".len()..].to_string(),
            };
            EntityRef {
                id,
                label,
                kind,
                mention: None,
                synonyms,
                members: vec![],
            }
        })
}

/// A claim over entity indices (taken modulo the entity count); `combo` makes the
/// subject a combination of two entities.
#[derive(Debug, Clone)]
struct ClaimSpec {
    subject: usize,
    combo: Option<usize>,
    relation: usize,
    object: usize,
    negated: bool,
    hedged: bool,
    document: String,
    section: Option<String>,
    sentence: String,
    citations: Vec<u64>,
    species: Option<String>,
}

fn claim_spec() -> impl Strategy<Value = ClaimSpec> {
    (
        (
            0..8usize,
            prop::option::weighted(0.2, 0..8usize),
            0..64usize,
            0..8usize,
        ),
        (prop::bool::weighted(0.3), prop::bool::weighted(0.3)),
        prop_oneof![
            Just("zinc-vitamin-d".to_string()),
            Just("10022882".to_string()),
            text(1, 3)
        ],
        prop::option::of(text(1, 3)),
        text(0, 6),
        prop::collection::vec(0..20u64, 0..3),
        prop::option::weighted(0.2, text(1, 2)),
    )
        .prop_map(
            |(
                (subject, combo, relation, object),
                (negated, hedged),
                document,
                section,
                sentence,
                citations,
                species,
            )| ClaimSpec {
                subject,
                combo,
                relation,
                object,
                negated,
                hedged,
                document,
                section,
                sentence,
                citations,
                species,
            },
        )
}

/// The graph of the entities (every one a node, claims or not) and the claims.
fn build(vocab: &Vocabulary, entities: &[EntityRef], specs: &[ClaimSpec]) -> KnowledgeGraph {
    let mut kg = KnowledgeGraph::new();
    for e in entities {
        kg.add_entity(e);
    }
    let relations = vocab.relations();
    for s in specs {
        let pick = |i: usize| entities[i % entities.len()].clone();
        let subject = match s.combo {
            Some(other) => EntityRef::combination(vec![pick(s.subject), pick(other)], None),
            None => pick(s.subject),
        };
        kg.add_claim(&Claim {
            subject,
            relation: relations[s.relation % relations.len()].name.clone(),
            object: pick(s.object),
            negated: s.negated,
            hedged: s.hedged,
            context: Context {
                species: s.species.as_deref().map(Into::into),
                ..Context::default()
            },
            evidence: Evidence {
                document: s.document.as_str().into(),
                section: s.section.as_deref().map(Into::into),
                sentence: s.sentence.as_str().into(),
                citations: s.citations.clone(),
                ..Evidence::default()
            },
        });
    }
    // Hierarchy: every second entity is a form of the one before it.
    let mut lexicon = claimgraph::lexicon::Lexicon::default();
    for pair in entities.chunks(2) {
        if let [parent, child] = pair {
            lexicon.set_parents(&child.id, vec![parent.id.clone()]);
        }
    }
    kg.link_hierarchy(&lexicon);
    kg
}

/// What every consumer should read back, before a format's documented text mapping.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct NodeRec {
    id: String,
    label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct EdgeRec {
    source: String,
    target: String,
    /// Relation name, `has-member` for a membership, `is-a` for a hierarchy link.
    relation: String,
    negated: bool,
    /// Distinct non-empty evidence sentences (none for a membership).
    sentences: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    nodes: Vec<NodeRec>,
    edges: Vec<EdgeRec>,
}

impl Expected {
    fn of(kg: &KnowledgeGraph) -> Expected {
        let nodes = kg
            .nodes_sorted()
            .into_iter()
            .map(|ix| NodeRec {
                id: kg.node(ix).id.clone(),
                label: kg.node(ix).label.clone(),
            })
            .collect();
        let mut edges: Vec<EdgeRec> = kg
            .claims_sorted()
            .into_iter()
            .map(|(s, o, c)| EdgeRec {
                source: kg.node(s).id.clone(),
                target: kg.node(o).id.clone(),
                relation: c.relation.to_string(),
                negated: c.negated,
                sentences: ClaimSummary::of(c).sentences,
            })
            .collect();
        edges.extend(kg.memberships_sorted().into_iter().map(|(s, o)| EdgeRec {
            source: kg.node(s).id.clone(),
            target: kg.node(o).id.clone(),
            relation: "has-member".into(),
            negated: false,
            sentences: vec![],
        }));
        edges.extend(kg.hierarchy_sorted().into_iter().map(|(s, o)| EdgeRec {
            source: kg.node(s).id.clone(),
            target: kg.node(o).id.clone(),
            relation: "is-a".into(),
            negated: false,
            sentences: vec![],
        }));
        Expected { nodes, edges }.sorted()
    }

    fn sorted(mut self) -> Expected {
        self.nodes.sort();
        self.edges.sort();
        for e in &mut self.edges {
            e.sentences.sort();
        }
        self
    }

    /// The same graph with ids, labels and sentences mapped as a format writes them.
    fn map(
        &self,
        id: impl Fn(&str) -> String,
        label: impl Fn(&str) -> String,
        sentence: impl Fn(&str) -> String,
    ) -> Expected {
        Expected {
            nodes: self
                .nodes
                .iter()
                .map(|n| NodeRec {
                    id: id(&n.id),
                    label: label(&n.label),
                })
                .collect(),
            edges: self
                .edges
                .iter()
                .map(|e| EdgeRec {
                    source: id(&e.source),
                    target: id(&e.target),
                    relation: e.relation.clone(),
                    negated: e.negated,
                    sentences: e.sentences.iter().map(|s| sentence(s)).collect(),
                })
                .collect(),
        }
        .sorted()
    }

    fn claims(&self) -> usize {
        self.edges
            .iter()
            .filter(|e| e.relation != "has-member" && e.relation != "is-a")
            .count()
    }
}

fn assert_same(format: &str, got: Expected, want: &Expected) {
    let got = got.sorted();
    assert_eq!(
        got.nodes.len(),
        want.nodes.len(),
        "{format}: node count\n got {:#?}\nwant {:#?}",
        got.nodes,
        want.nodes
    );
    assert_eq!(
        got.edges.len(),
        want.edges.len(),
        "{format}: edge count\n got {:#?}\nwant {:#?}",
        got.edges,
        want.edges
    );
    assert_eq!(got.nodes, want.nodes, "{format}: nodes");
    assert_eq!(got.edges, want.edges, "{format}: edges");
}

fn utf8(bytes: &[u8], what: &str) -> String {
    String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{what} is not UTF-8: {e}"))
}

fn render(kg: &KnowledgeGraph, vocab: &Vocabulary, format: Format) -> String {
    let bytes =
        export::render(kg, vocab, format).unwrap_or_else(|e| panic!("{format} export failed: {e}"));
    utf8(&bytes, format.name())
}

fn file(kg: &KnowledgeGraph, vocab: &Vocabulary, format: Format, name: &str) -> Vec<u8> {
    export::files(kg, vocab, format)
        .unwrap_or_else(|e| panic!("{format} export failed: {e}"))
        .into_iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("{format} writes no {name}"))
        .1
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Null => vec![],
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().expect("a list of strings").to_string())
            .collect(),
        other => panic!("not a list: {other}"),
    }
}

fn str_of(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {v}"))
        .to_string()
}

// --- RDF -----------------------------------------------------------------------------

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDF_SUBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject";
const RDF_OBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const BL: &str = "https://w3id.org/biolink/vocab/";
const CG: &str = "https://w3id.org/claimgraph/vocab#";

fn term_text(t: &oxrdf::Term) -> String {
    match t {
        oxrdf::Term::NamedNode(n) => n.as_str().to_string(),
        oxrdf::Term::Literal(l) => l.value().to_string(),
        other => panic!("unexpected term {other}"),
    }
}

/// Reads nodes (subjects with a Biolink category), claims (Biolink associations) and
/// memberships (`biolink:has_part`) back from triples.
fn from_triples(triples: &[oxrdf::Triple]) -> Expected {
    let mut by_subject: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for t in triples {
        let s = match &t.subject {
            oxrdf::NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
            other => panic!("unexpected subject {other}"),
        };
        by_subject
            .entry(s)
            .or_default()
            .entry(t.predicate.as_str().to_string())
            .or_default()
            .push(term_text(&t.object));
    }
    let one = |props: &BTreeMap<String, Vec<String>>, p: &str| -> String {
        let v = props.get(p).cloned().unwrap_or_default();
        assert_eq!(v.len(), 1, "exactly one {p}: {v:?}");
        v[0].clone()
    };
    let mut out = Expected {
        nodes: vec![],
        edges: vec![],
    };
    for (s, props) in &by_subject {
        if props.contains_key(&format!("{BL}category")) {
            out.nodes.push(NodeRec {
                id: s.clone(),
                label: one(props, RDFS_LABEL),
            });
            for m in props.get(&format!("{BL}has_part")).into_iter().flatten() {
                out.edges.push(EdgeRec {
                    source: s.clone(),
                    target: m.clone(),
                    relation: "has-member".into(),
                    negated: false,
                    sentences: vec![],
                });
            }
            for p in props
                .get(&format!("{RDFS}subClassOf"))
                .into_iter()
                .flatten()
            {
                out.edges.push(EdgeRec {
                    source: s.clone(),
                    target: p.clone(),
                    relation: "is-a".into(),
                    negated: false,
                    sentences: vec![],
                });
            }
        }
        let types = props.get(RDF_TYPE).cloned().unwrap_or_default();
        if types.contains(&format!("{BL}Association")) {
            let relation = one(props, &format!("{CG}relation"));
            out.edges.push(EdgeRec {
                source: one(props, RDF_SUBJECT),
                target: one(props, RDF_OBJECT),
                relation: relation
                    .strip_prefix(CG)
                    .expect("a claimgraph relation")
                    .to_string(),
                negated: one(props, &format!("{BL}negated")) == "true",
                sentences: props
                    .get(&format!("{BL}supporting_text"))
                    .cloned()
                    .unwrap_or_default(),
            });
        }
    }
    out
}

fn check_rdf(kg: &KnowledgeGraph, vocab: &Vocabulary, want: &Expected) {
    let want = want.map(iri, str::to_string, str::to_string);
    let nt = render(kg, vocab, Format::Nt);
    let triples: Vec<oxrdf::Triple> = oxttl::NTriplesParser::new()
        .for_slice(nt.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("N-Triples does not parse: {e}\n{nt}"));
    assert_same("nt", from_triples(&triples), &want);
    let ttl = render(kg, vocab, Format::Ttl);
    let from_ttl: Vec<oxrdf::Triple> = oxttl::TurtleParser::new()
        .for_slice(ttl.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("Turtle does not parse: {e}\n{ttl}"));
    assert_eq!(
        from_ttl
            .iter()
            .map(ToString::to_string)
            .collect::<std::collections::BTreeSet<_>>(),
        triples.iter().map(ToString::to_string).collect(),
        "Turtle and N-Triples hold the same triples"
    );
    // The bytes are oxttl's for the same triples: its escaping, and in Turtle its
    // prefixed names, `a`, and `;`/`,` runs over consecutive triples.
    let mut ser = oxttl::NTriplesSerializer::new().for_writer(Vec::new());
    for t in &triples {
        ser.serialize_triple(t).unwrap();
    }
    assert_eq!(
        utf8(&ser.finish(), "nt"),
        nt,
        "N-Triples as oxttl writes them"
    );
    let mut ser = oxttl::TurtleSerializer::new();
    let fixed = [("rdf", RDF), ("rdfs", RDFS), ("xsd", XSD), ("cg", CG_VOCAB)];
    for (p, ns) in fixed
        .into_iter()
        .chain(PREFIXES.iter().map(|(p, ns, _)| (*p, *ns)))
    {
        ser = ser.with_prefix(p, ns).unwrap();
    }
    let mut ser = ser.for_writer(Vec::new());
    for t in &triples {
        ser.serialize_triple(t).unwrap();
    }
    assert_eq!(
        utf8(&ser.finish().unwrap(), "ttl"),
        ttl,
        "Turtle as oxttl writes it"
    );
}

// --- JSON formats --------------------------------------------------------------------

fn check_jsonld(kg: &KnowledgeGraph, vocab: &Vocabulary, want: &Expected) {
    let text = render(kg, vocab, Format::Jsonld);
    let doc: Value = serde_json::from_str(&text).expect("JSON-LD is JSON");
    let mut got = Expected {
        nodes: vec![],
        edges: vec![],
    };
    let mut direct = 0;
    for item in doc["@graph"].as_array().expect("@graph") {
        let is_claim = item["@type"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t == "biolink:Association"));
        if is_claim {
            got.edges.push(EdgeRec {
                source: str_of(&item["subject"]),
                target: str_of(&item["object"]),
                relation: str_of(&item["relation"])
                    .strip_prefix("cg:")
                    .expect("cg: relation")
                    .to_string(),
                negated: item["negated"].as_bool().expect("negated"),
                sentences: strings(&item["supporting_text"]),
            });
            continue;
        }
        let id = str_of(&item["@id"]);
        got.nodes.push(NodeRec {
            id: id.clone(),
            label: str_of(&item["label"]),
        });
        for m in strings(&item["has_part"]) {
            got.edges.push(EdgeRec {
                source: id.clone(),
                target: m,
                relation: "has-member".into(),
                negated: false,
                sentences: vec![],
            });
        }
        for p in strings(&item["subClassOf"]) {
            got.edges.push(EdgeRec {
                source: id.clone(),
                target: p,
                relation: "is-a".into(),
                negated: false,
                sentences: vec![],
            });
        }
        for (k, v) in item.as_object().expect("a node object") {
            if !matches!(
                k.as_str(),
                "@id" | "category" | "kind" | "label" | "synonym" | "has_part" | "subClassOf"
            ) {
                direct += v.as_array().expect("direct objects").len();
            }
        }
    }
    let want = want.map(jsonld_id, str::to_string, str::to_string);
    let affirmed = want
        .edges
        .iter()
        .filter(|e| e.relation != "has-member" && e.relation != "is-a" && !e.negated)
        .count();
    assert_eq!(
        direct, affirmed,
        "jsonld: one direct triple per affirmed claim"
    );
    assert_same("jsonld", got, &want);
}

/// Nodes and edges of Cytoscape.js elements (the cyjs export and the HTML page's data).
fn from_elements(what: &str, elements: &Value) -> Expected {
    let nodes = elements["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{what}: elements.nodes"))
        .iter()
        .map(|n| NodeRec {
            id: str_of(&n["data"]["id"]),
            label: str_of(&n["data"]["label"]),
        })
        .collect();
    let edges = elements["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{what}: elements.edges"))
        .iter()
        .map(|e| {
            let d = &e["data"];
            EdgeRec {
                source: str_of(&d["source"]),
                target: str_of(&d["target"]),
                relation: str_of(&d["relation"]),
                negated: d["negated"].as_bool().unwrap_or(false),
                sentences: strings(&d["sentences"]),
            }
        })
        .collect();
    Expected { nodes, edges }
}

fn check_cyjs_and_html(kg: &KnowledgeGraph, vocab: &Vocabulary, want: &Expected) {
    let text = render(kg, vocab, Format::Cyjs);
    let doc: Value = serde_json::from_str(&text).expect("cyjs is JSON");
    assert_same("cyjs", from_elements("cyjs", &doc["elements"]), want);

    let html = render(kg, vocab, Format::Html);
    let open = "<script type=\"application/json\" id=\"cg-data\">";
    let start = html.find(open).expect("the page embeds its data") + open.len();
    let len = html[start..]
        .find("</script>")
        .expect("the data block ends");
    let data: Value = serde_json::from_str(&html[start..start + len]).expect("page data is JSON");
    assert_same("html", from_elements("html", &data["elements"]), want);
}

/// The graph as KGX writes its ids.
fn kgx_ids(want: &Expected) -> Expected {
    Expected {
        nodes: want
            .nodes
            .iter()
            .map(|n| NodeRec {
                id: super::kgx_id(&n.id),
                label: n.label.clone(),
            })
            .collect(),
        edges: want
            .edges
            .iter()
            .map(|e| EdgeRec {
                source: super::kgx_id(&e.source),
                target: super::kgx_id(&e.target),
                ..e.clone()
            })
            .collect(),
    }
    .sorted()
}

fn check_kgx_jsonl(kg: &KnowledgeGraph, vocab: &Vocabulary, want: &Expected) {
    let lines = |name: &str| -> Vec<Value> {
        utf8(&file(kg, vocab, Format::KgxJsonl, name), name)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}: {e}: {l}")))
            .collect()
    };
    let nodes = lines("nodes.jsonl")
        .iter()
        .map(|n| NodeRec {
            id: str_of(&n["id"]),
            label: str_of(&n["name"]),
        })
        .collect();
    let edges = lines("edges.jsonl")
        .iter()
        .map(|e| EdgeRec {
            source: str_of(&e["subject"]),
            target: str_of(&e["object"]),
            relation: str_of(&e["relation"]),
            negated: e["negated"].as_bool().expect("negated"),
            sentences: strings(&e["supporting_text"]),
        })
        .collect();
    assert_same("kgx-jsonl", Expected { nodes, edges }, &kgx_ids(want));
}

// --- GraphML -------------------------------------------------------------------------

/// What XML can carry: the control characters XML 1.0 forbids (and U+FFFE, U+FFFF) are
/// written as U+FFFD.
fn xml_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

fn check_graphml(kg: &KnowledgeGraph, vocab: &Vocabulary, want: &Expected) {
    let text = render(kg, vocab, Format::Graphml);
    let doc = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("GraphML is not well-formed XML: {e}\n{text}"));
    let graph = doc
        .descendants()
        .find(|n| n.has_tag_name("graph"))
        .expect("a <graph>");
    let data = |n: roxmltree::Node, key: &str| -> String {
        n.children()
            .find(|c| c.has_tag_name("data") && c.attribute("key") == Some(key))
            .unwrap_or_else(|| panic!("no {key} data"))
            .text()
            .unwrap_or("")
            .to_string()
    };
    let mut got = Expected {
        nodes: vec![],
        edges: vec![],
    };
    for n in graph.children().filter(|n| n.is_element()) {
        let attr = |a: &str| {
            n.attribute(a)
                .unwrap_or_else(|| panic!("no {a}"))
                .to_string()
        };
        match n.tag_name().name() {
            "node" => got.nodes.push(NodeRec {
                id: attr("id"),
                label: data(n, "n_label"),
            }),
            "edge" => {
                let sentences: Value =
                    serde_json::from_str(&data(n, "e_sentences")).expect("sentences as JSON");
                got.edges.push(EdgeRec {
                    source: attr("source"),
                    target: attr("target"),
                    relation: data(n, "e_relation"),
                    negated: data(n, "e_negated") == "true",
                    sentences: strings(&sentences),
                });
            }
            other => panic!("unexpected <{other}> in <graph>"),
        }
    }
    // Sentences travel as JSON text, which escapes control characters but not the
    // noncharacters U+FFFE and U+FFFF, which XML cannot hold either.
    let json_in_xml = |s: &str| s.replace(['\u{fffe}', '\u{ffff}'], "\u{fffd}");
    assert_same("graphml", got, &want.map(xml_text, xml_text, json_in_xml));
}

// --- CSV and TSV ---------------------------------------------------------------------

/// Neo4j CSV text: CR, LF, U+2028, U+2029 and U+0085 as a space (design: the one place
/// text is not kept byte-exact).
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => ' ',
            c => c,
        })
        .collect()
}

fn csv_records(bytes: &[u8], tsv: bool) -> (Vec<String>, Vec<Vec<String>>) {
    let mut b = csv::ReaderBuilder::new();
    if tsv {
        // As kgx reads it: tab-separated, no quoting.
        b.delimiter(b'\t').quoting(false);
    }
    let mut r = b.from_reader(bytes);
    let header: Vec<String> = r
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .map(|rec| {
            rec.unwrap_or_else(|e| panic!("bad row: {e}\n{}", String::from_utf8_lossy(bytes)))
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

/// The nodes of a CSV or TSV node file: the id column named `id`, the label in `name`.
fn node_rows(bytes: &[u8], tsv: bool, id: &str) -> Vec<NodeRec> {
    let (h, rows) = csv_records(bytes, tsv);
    let (id, name) = (column(&h, id), column(&h, "name"));
    rows.iter()
        .map(|r| NodeRec {
            id: r[id].clone(),
            label: r[name].clone(),
        })
        .collect()
}

fn check_neo4j(kg: &KnowledgeGraph, vocab: &Vocabulary, want: &Expected) {
    let nodes = node_rows(
        &file(kg, vocab, Format::Neo4j, "nodes.csv"),
        false,
        "id:ID(Entity)",
    );
    let (h, rows) = csv_records(&file(kg, vocab, Format::Neo4j, "relationships.csv"), false);
    let (s, o) = (
        column(&h, ":START_ID(Entity)"),
        column(&h, ":END_ID(Entity)"),
    );
    let (rel, neg, sen) = (
        column(&h, "relation"),
        column(&h, "negated:boolean"),
        column(&h, "sentences"),
    );
    let edges = rows
        .iter()
        .map(|r| EdgeRec {
            source: r[s].clone(),
            target: r[o].clone(),
            relation: r[rel].clone(),
            negated: r[neg] == "true",
            sentences: strings(&serde_json::from_str(&r[sen]).expect("sentences as JSON")),
        })
        .collect();
    // Ids and names lose their line breaks; sentences travel as JSON text: exact.
    assert_same(
        "neo4j",
        Expected { nodes, edges },
        &want.map(one_line, one_line, str::to_string),
    );
}

/// KGX TSV text: tab, CR and LF as a space, `|` (the list separator) as `¦`.
fn kgx_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\r' | '\n' => ' ',
            '|' => '¦',
            c => c,
        })
        .collect()
}

fn check_kgx_tsv(kg: &KnowledgeGraph, vocab: &Vocabulary, want: &Expected) {
    let nodes = node_rows(&file(kg, vocab, Format::Kgx, "nodes.tsv"), true, "id");
    let (h, rows) = csv_records(&file(kg, vocab, Format::Kgx, "edges.tsv"), true);
    let (s, o, rel, neg, text) = (
        column(&h, "subject"),
        column(&h, "object"),
        column(&h, "relation"),
        column(&h, "negated"),
        column(&h, "supporting_text"),
    );
    let edges = rows
        .iter()
        .map(|r| EdgeRec {
            source: r[s].clone(),
            target: r[o].clone(),
            relation: r[rel].clone(),
            // false is written as an empty field (kgx reads booleans with Python's bool()).
            negated: r[neg] == "true",
            sentences: if r[text].is_empty() {
                vec![]
            } else {
                r[text].split('|').map(str::to_string).collect()
            },
        })
        .collect();
    assert_same(
        "kgx",
        Expected { nodes, edges },
        &kgx_ids(want).map(kgx_text, kgx_text, kgx_text),
    );
}

// --- DOT -----------------------------------------------------------------------------

/// The text of a DOT id as claimgraph writes it: a quoted string with `\"`, `\\`, `\n`
/// and the entities `&amp;`, `&#13;`, `&#9;` (which Graphviz decodes).
fn dot_text(id: &Id) -> String {
    let raw = match id {
        Id::Escaped(s) => s
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .unwrap_or_else(|| panic!("not quoted: {s}")),
        other => panic!("expected a quoted id, got {other:?}"),
    };
    let mut out = String::new();
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            let next = rest[1..].chars().next().expect("an escape");
            out.push(match next {
                'n' => '\n',
                other => other,
            });
            rest = &rest[1 + next.len_utf8()..];
        } else if c == '&' {
            let (ch, len) = [("&amp;", '&'), ("&#13;", '\r'), ("&#9;", '\t')]
                .into_iter()
                .find(|(e, _)| rest.starts_with(e))
                .map(|(e, ch)| (ch, e.len()))
                .unwrap_or_else(|| panic!("a bare & in {raw}"));
            out.push(ch);
            rest = &rest[len..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn dot_attr(attrs: &[Attribute], key: &str) -> Option<String> {
    attrs
        .iter()
        .find(|Attribute(k, _)| matches!(k, Id::Plain(p) if p == key))
        .map(|Attribute(_, v)| dot_text(v))
}

fn vertex_id(v: &Vertex) -> String {
    match v {
        Vertex::N(NodeId(id, None)) => dot_text(id),
        other => panic!("unexpected vertex {other:?}"),
    }
}

fn check_dot(kg: &KnowledgeGraph, vocab: &Vocabulary, want: &Expected) {
    let text = render(kg, vocab, Format::Dot);
    let graph =
        graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("DOT does not parse: {e}\n{text}"));
    let DotGraph::DiGraph { stmts, .. } = graph else {
        panic!("not a digraph")
    };
    let mut got = Expected {
        nodes: vec![],
        edges: vec![],
    };
    let mut tooltips = Vec::new();
    let mut legend_nodes = Vec::new();
    for st in &stmts {
        match st {
            Stmt::Node(n) => got.nodes.push(NodeRec {
                id: dot_text(&n.id.0),
                label: dot_attr(&n.attributes, "label").expect("a node label"),
            }),
            Stmt::Edge(e) => {
                let EdgeTy::Pair(a, b) = &e.ty else {
                    panic!("an edge chain")
                };
                let label = dot_attr(&e.attributes, "label").expect("an edge label");
                let (negated, relation) = match label.strip_prefix("NOT ") {
                    Some(r) => (true, r.to_string()),
                    None => (false, label),
                };
                let tip = dot_attr(&e.attributes, "tooltip").unwrap_or_default();
                got.edges.push(EdgeRec {
                    source: vertex_id(a),
                    target: vertex_id(b),
                    relation,
                    negated,
                    sentences: vec![],
                });
                tooltips.push(tip);
            }
            Stmt::Subgraph(sub) => {
                for st in &sub.stmts {
                    if let Stmt::Node(n) = st {
                        legend_nodes.push(dot_text(&n.id.0));
                    }
                }
            }
            _ => {}
        }
    }
    // The legend's node is no entity's (node ids are global in DOT).
    for l in &legend_nodes {
        assert!(
            !got.nodes.iter().any(|n| &n.id == l),
            "dot: the legend node {l:?} is also an entity"
        );
    }
    // Sentences are in the tooltips, as `document: sentence [citations]` lines.
    let mut want = want.clone();
    for (i, e) in got.edges.iter().enumerate() {
        if let Some(w) = want.edges.iter().find(|w| {
            w.source == e.source
                && w.target == e.target
                && w.relation == e.relation
                && w.negated == e.negated
        }) {
            for s in &w.sentences {
                assert!(
                    tooltips[i].contains(s.as_str()),
                    "dot: tooltip {:?} lacks {s:?}",
                    tooltips[i]
                );
            }
        }
    }
    for w in &mut want.edges {
        w.sentences.clear();
    }
    assert_same("dot", got, &want);
}

// --- Cypher --------------------------------------------------------------------------

/// Reads a Cypher string literal at the start of `s`; returns it and the rest.
fn cypher_string(s: &str) -> (String, &str) {
    let body = s
        .strip_prefix('\'')
        .unwrap_or_else(|| panic!("no string literal at {s:?}"));
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' => return (out, &body[i + 1..]),
            '\\' => {
                let (_, e) = chars.next().expect("an escape");
                out.push(match e {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    '\\' | '\'' | '"' => e,
                    other => panic!("unknown escape \\{other}"),
                });
            }
            '\n' | '\r' => panic!("a raw line break in a string literal"),
            c => out.push(c),
        }
    }
    panic!("unterminated string literal")
}

/// The rest of `s` after `marker`. Only called where every literal before the marker
/// is claimgraph's own (a predicate, an IRI): never across free text.
fn after<'a>(s: &'a str, marker: &str) -> &'a str {
    let i = s
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker:?} in {s:?}"));
    &s[i + marker.len()..]
}

fn cypher_list(mut s: &str) -> (Vec<String>, &str) {
    let mut items = Vec::new();
    loop {
        if let Some(rest) = s.strip_prefix(']') {
            return (items, rest);
        }
        if let Some(rest) = s.strip_prefix(", ") {
            s = rest;
        }
        let (item, rest) = cypher_string(s);
        items.push(item);
        s = rest;
    }
}

fn check_cypher(kg: &KnowledgeGraph, vocab: &Vocabulary, want: &Expected) {
    let text = render(kg, vocab, Format::Cypher);
    let mut got = Expected {
        nodes: vec![],
        edges: vec![],
    };
    for line in text.lines().filter(|l| !l.starts_with("//")) {
        assert!(
            line.ends_with(';'),
            "cypher: one statement a line: {line:?}"
        );
        if let Some(rest) = line.strip_prefix("MERGE (n:Entity {id: ") {
            let (id, rest) = cypher_string(rest);
            let (name, _) = cypher_string(after(rest, "n.name = "));
            got.nodes.push(NodeRec { id, label: name });
        } else if let Some(rest) = line.strip_prefix("MATCH (a:Entity {id: ") {
            let (source, rest) = cypher_string(rest);
            let (target, rest) = cypher_string(after(rest, "(b:Entity {id: "));
            let (_, rest) = cypher_string(after(rest, "{id: "));
            let (relation, rest) = cypher_string(after(rest, "r.relation = "));
            let mut edge = EdgeRec {
                source,
                target,
                relation,
                negated: false,
                sentences: vec![],
            };
            if edge.relation != "has-member" && edge.relation != "is-a" {
                edge.negated = after(rest, "r.negated = ").starts_with("true");
                let (_, rest) = cypher_list(after(rest, "r.documents = ["));
                let (sentences, _) = cypher_list(after(rest, "r.sentences = ["));
                edge.sentences = sentences;
            }
            got.edges.push(edge);
        } else {
            panic!("cypher: unexpected statement {line:?}");
        }
    }
    assert_same("cypher", got, want);
}

// --- Mermaid -------------------------------------------------------------------------

/// Decodes Mermaid's `#name;` and `#number;` entity codes.
fn mermaid_text(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let end = rest[i..]
            .find(';')
            .unwrap_or_else(|| panic!("a bare # in {s:?}"));
        let code = &rest[i + 1..i + end];
        out.push(match code {
            "quot" => '"',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            n => {
                char::from_u32(n.parse().unwrap_or_else(|_| panic!("code #{n};"))).expect("a char")
            }
        });
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    out
}

/// The quoted label of a Mermaid node or edge line (no raw `"` inside it).
fn quoted(line: &str) -> &str {
    let a = line.find('"').expect("a quoted label");
    let b = line.rfind('"').expect("a quoted label");
    assert!(a < b, "a quoted label in {line:?}");
    &line[a + 1..b]
}

fn check_mermaid(kg: &KnowledgeGraph, vocab: &Vocabulary, want: &Expected) {
    let text = render(kg, vocab, Format::Mermaid);
    let lines: Vec<&str> = text.lines().collect();
    let mut got = Expected {
        nodes: vec![],
        edges: vec![],
    };
    let mut shown_ids: BTreeMap<String, String> = BTreeMap::new();
    let mut labels = 0;
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).copied().unwrap_or("");
        if let Some(json) = line.strip_prefix("  %% entity ") {
            let v: Value = serde_json::from_str(json).expect("entity comment is JSON");
            let shown = lines[i - 1].trim_start();
            let short = shown[..shown
                .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .expect("a shape after the id")]
                .to_string();
            let label = mermaid_text(quoted(lines[i - 1]));
            shown_ids.insert(short, str_of(&v["id"]));
            got.nodes.push(NodeRec {
                id: str_of(&v["id"]),
                label,
            });
            labels += 1;
        } else if let Some(json) = line.strip_prefix("  %% evidence ") {
            let v: Value = serde_json::from_str(json).expect("evidence comment is JSON");
            let parts: Vec<&str> = lines[i - 1].split_whitespace().collect();
            got.edges.push(EdgeRec {
                source: parts[0].to_string(),
                target: parts.last().expect("a target").to_string(),
                relation: str_of(&v["relation"]),
                negated: v["negated"].as_bool().expect("negated"),
                sentences: strings(&v["sentences"]),
            });
        } else if line.contains("|\"has-member\"|") || line.contains(" ==>|\"is-a\"| ") {
            let parts: Vec<&str> = line.split_whitespace().collect();
            let relation = if line.contains(" ==>|") {
                "is-a"
            } else {
                "has-member"
            };
            got.edges.push(EdgeRec {
                source: parts[0].to_string(),
                target: parts.last().expect("a target").to_string(),
                relation: relation.into(),
                negated: false,
                sentences: vec![],
            });
        } else if line.starts_with("  n_") && !next.starts_with("  %% ") {
            panic!("mermaid: a line that is neither a node nor an edge: {line:?}");
        }
    }
    assert_eq!(
        labels,
        want.nodes.len(),
        "mermaid: one node line per entity"
    );
    for e in &mut got.edges {
        e.source = shown_ids[&e.source].clone();
        e.target = shown_ids[&e.target].clone();
    }
    assert_same("mermaid", got, want);
}

// --- The property --------------------------------------------------------------------

fn check_all(kg: &KnowledgeGraph, vocab: &Vocabulary) {
    let want = Expected::of(kg);
    assert_eq!(want.nodes.len(), kg.node_count());
    assert_eq!(want.claims(), kg.claim_count());
    check_rdf(kg, vocab, &want);
    check_jsonld(kg, vocab, &want);
    check_cyjs_and_html(kg, vocab, &want);
    check_kgx_jsonl(kg, vocab, &want);
    check_graphml(kg, vocab, &want);
    check_neo4j(kg, vocab, &want);
    check_kgx_tsv(kg, vocab, &want);
    check_dot(kg, vocab, &want);
    check_cypher(kg, vocab, &want);
    check_mermaid(kg, vocab, &want);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_export_parses_back_with_the_same_graph(
        entities in prop::collection::vec(entity(), 1..6),
        claims in prop::collection::vec(claim_spec(), 0..8),
    ) {
        let vocab = Vocabulary::bundled();
        let kg = build(&vocab, &entities, &claims);
        check_all(&kg, &vocab);
    }
}

/// One graph with every hostile piece at once, so that a plain `cargo test` run covers
/// them all whatever proptest draws.
#[test]
fn a_graph_of_every_hostile_piece_parses_back() {
    let vocab = Vocabulary::bundled();
    let all = PIECES.concat();
    let entities: Vec<EntityRef> = (0..5)
        .map(|i| {
            let label = format!("{all}{i}");
            let id = match i {
                0 => EntityRef::ungrounded(&label, Kind::Protein).id,
                1 => format!("X:{label}"),
                2 => label.clone(),
                3 => "CHEBI:27363".into(),
                _ => "legend".into(),
            };
            EntityRef {
                id,
                label,
                kind: Kind::ALL[i],
                mention: None,
                synonyms: PIECES.iter().map(|p| p.to_string()).collect(),
                members: vec![],
            }
        })
        .collect();
    let claims: Vec<ClaimSpec> = (0..6)
        .map(|i| ClaimSpec {
            subject: i,
            combo: (i == 2).then_some(3),
            relation: i * 3,
            object: i + 1,
            negated: i % 2 == 1,
            hedged: i == 4,
            document: if i == 0 {
                "10022882".into()
            } else {
                all.clone()
            },
            section: Some(all.clone()),
            sentence: format!("{i}{all}"),
            citations: vec![i as u64, 4],
            species: Some(all.clone()),
        })
        .collect();
    let kg = build(&vocab, &entities, &claims);
    assert!(kg.claim_count() >= 5 && !kg.memberships_sorted().is_empty());
    assert!(!kg.hierarchy_sorted().is_empty());
    check_all(&kg, &vocab);
}
