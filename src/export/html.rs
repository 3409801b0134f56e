//! One self-contained HTML page that explores the graph and its evidence: the drawing in
//! the DOT conventions (through the Cytoscape.js export's elements and style), laid out
//! here at export time ([`super::layout`]: each node carries its position and a box
//! sized to its wrapped label, so the page opens on the whole graph fitted to the
//! canvas, with no layout run in the browser), a legend of each kind's shape, details of
//! a clicked node or edge with every evidence sentence, search with completion, filters,
//! a path finder that follows the rules of `claimgraph paths`, and PNG/SVG export.
//!
//! Everything is inlined: Cytoscape.js (vendored from npm into `graph/vendor/` by
//! `graph/vendor/update.sh`), the page's script and CSS, and the graph as JSON in a
//! `<script type="application/json">` block, with `<`, `>`, `&`, U+2028 and U+2029
//! written as `\u003c` and so on, so no text can close the block. The page puts text into
//! the document with `textContent` only. It opens from disk with no network.
//!
//! The path finder runs in the page: each edge carries its hop sign (`hop_sign`: the
//! relation's sign, `0` for negated claims) and membership and hierarchy edges are
//! marked, and a breadth-first search over (node, last hop went up: `member-of` or
//! `is-a`) states finds all shortest paths with the default rules of `claimgraph
//! paths`: negated claims are not walked, membership and hierarchy are walked both
//! ways, an upward hop is never followed by a downward one (`has-member`,
//! `has-form`), and the net sign is the product of the hop signs. The status line
//! counts claims, membership links and hierarchy links apart, in the words of
//! `claimgraph stats`. Paths come in the same order (the most confident first, by each
//! claim's `doubt`, then node ids and relations), up to 10.

use std::collections::BTreeSet;
use std::io::{self, Write};

use petgraph::stable_graph::NodeIndex;
use serde_json::{Value, json};

use crate::kg::{ClaimEdge, KnowledgeGraph};
use crate::lexicon::Kind;
use crate::vocab::{HAS_MEMBER, IS_A, Vocabulary};

use super::cyjs::{
    arrow_shape, claim_element, hierarchy_element, membership_element, node_element, node_shape,
    style,
};
use super::style::{kind_style, relation_style};

/// Cytoscape.js, minified, as vendored by `graph/vendor/update.sh`.
pub const CYTOSCAPE_JS: &str = include_str!("../../graph/vendor/cytoscape.min.js");

/// Serialises `v` as JSON that is safe inside a `<script>` element: `<`, `>`, `&`,
/// U+2028 and U+2029 are written as `\u` escapes (they only occur inside strings, where
/// the escapes mean the same characters).
pub fn script_json(v: &Value) -> String {
    let text = v.to_string();
    let mut out = String::with_capacity(text.len() + 64);
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The legend of the page: the kinds and relations the graph uses, with their look.
fn legend(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Value {
    let kinds: BTreeSet<Kind> = kg.nodes_sorted().iter().map(|&n| kg.node(n).kind).collect();
    let mut relations: BTreeSet<String> = BTreeSet::new();
    for (_, _, c) in kg.claims_sorted() {
        if !relations.contains(&*c.relation) {
            relations.insert(c.relation.to_string());
        }
    }
    if !kg.memberships_sorted().is_empty() {
        relations.insert(HAS_MEMBER.to_string());
    }
    if !kg.hierarchy_sorted().is_empty() {
        relations.insert(IS_A.to_string());
    }
    let kinds: Vec<Value> = kinds
        .into_iter()
        .map(|k| json!({"kind": k.as_str(), "shape": node_shape(k), "color": kind_style(k).1}))
        .collect();
    let relations: Vec<Value> = relations
        .iter()
        .map(|r| {
            let (head, color) = relation_style(vocab, r);
            let (arrow, fill) = arrow_shape(head);
            json!({"relation": r, "arrow": arrow, "fill": fill, "color": color,
                   "sign": vocab.sign(r).as_str()})
        })
        .collect();
    json!({"kinds": kinds, "relations": relations})
}

/// A claim's Cytoscape.js element as the page needs it: with its hop sign (`0` when
/// negated), marked as no membership, and each evidence's context.
fn page_claim(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    s: NodeIndex,
    o: NodeIndex,
    c: &ClaimEdge,
) -> Value {
    let mut edge = claim_element(kg, vocab, s, o, c);
    let data = &mut edge["data"];
    let sign = if c.negated {
        "0"
    } else {
        vocab.sign(&c.relation).as_str()
    };
    data["hop_sign"] = json!(sign);
    data["membership"] = json!(false);
    data["hierarchy"] = json!(false);
    // The path finder ranks paths of one length by their summed doubt, as `paths` does.
    data["doubt"] = json!(crate::query::doubt(c.confidence()));
    if let Some(ev) = data["evidence"].as_array_mut() {
        for (e, rec) in ev.iter_mut().zip(&c.evidence) {
            e["context"] = json!(rec.context);
        }
    }
    edge
}

/// Writes the data the page embeds to `out`, element by element: the Cytoscape.js
/// elements (with each evidence's context and each edge's hop sign added) and style,
/// and the legend of the kinds and relations used. The text is safe inside a
/// `<script>` element (see [`script_json`]).
///
/// # Errors
/// Writing to `out` fails.
pub fn write_page_data(
    kg: &KnowledgeGraph,
    vocab: &Vocabulary,
    out: &mut dyn Write,
) -> io::Result<()> {
    write!(
        out,
        "{{\"generated_by\":{},\"legend\":{},\"style\":{},\"elements\":{{\"nodes\":[",
        script_json(&json!(concat!("claimgraph ", env!("CARGO_PKG_VERSION")))),
        script_json(&legend(kg, vocab)),
        script_json(&style()),
    )?;
    let nodes = kg.nodes_sorted();
    let places = node_places(kg, &nodes);
    let mut first = true;
    for (&ix, place) in nodes.iter().zip(places) {
        let mut node = node_element(kg, ix);
        node["data"]["display"] = json!(place.lines.join("\n"));
        node["data"]["w"] = json!(place.size.0);
        node["data"]["h"] = json!(place.size.1);
        node["position"] = json!({"x": place.at.0, "y": place.at.1});
        item(out, &mut first, &node)?;
    }
    out.write_all(b"],\"edges\":[")?;
    let mut first = true;
    for (s, o, c) in kg.claims_sorted() {
        item(out, &mut first, &page_claim(kg, vocab, s, o, c))?;
    }
    for (s, o) in kg.memberships_sorted() {
        let mut edge = membership_element(kg, vocab, s, o);
        edge["data"]["hop_sign"] = json!("+");
        edge["data"]["membership"] = json!(true);
        edge["data"]["hierarchy"] = json!(false);
        item(out, &mut first, &edge)?;
    }
    for (s, o) in kg.hierarchy_sorted() {
        let mut edge = hierarchy_element(kg, vocab, s, o);
        edge["data"]["hop_sign"] = json!("+");
        edge["data"]["membership"] = json!(false);
        edge["data"]["hierarchy"] = json!(true);
        item(out, &mut first, &edge)?;
    }
    out.write_all(b"]}}")
}

/// A node as the page draws it: its label broken into lines, its box and its centre.
struct Place {
    lines: Vec<String>,
    size: (f64, f64),
    at: (f64, f64),
}

/// The most characters a node's label line holds before it breaks at a space.
const LINE_CHARS: usize = 20;

/// The most lines of a label a node shows.
const MAX_LINES: usize = 4;

/// A label broken at spaces into lines of at most [`LINE_CHARS`] characters (a longer
/// word is a line of its own), and the box that holds them in 11 px Helvetica (a
/// generous average character width, so that the text stays inside).
fn label_box(label: &str) -> (Vec<String>, (f64, f64)) {
    let mut lines: Vec<String> = Vec::new();
    // A word longer than a line is cut into pieces of a line each.
    let words = label.split_whitespace().flat_map(|w| {
        let chars: Vec<char> = w.chars().collect();
        chars
            .chunks(LINE_CHARS)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
    });
    for word in words {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= LINE_CHARS => {
                line.push(' ');
                line.push_str(&word);
            }
            _ => lines.push(word),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    // The page shows at most four lines (the details show the whole label).
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        if let Some(last) = lines.last_mut() {
            let keep: String = last.chars().take(LINE_CHARS - 1).collect();
            *last = keep + "\u{2026}";
        }
    }
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let chars = f64::from(u32::try_from(longest).unwrap_or(u32::MAX));
    let rows = f64::from(u32::try_from(lines.len()).unwrap_or(u32::MAX));
    let w = (chars * 6.2 + 18.0).max(56.0).round();
    let h = (rows * 14.0 + 14.0).max(30.0).round();
    (lines, (w, h))
}

/// Every node's place on the page, in the order of `nodes`: the layered layout of
/// [`super::layout`] over the claims and memberships, computed here so that the page
/// opens on it (the same positions for the same graph, no tool needed).
fn node_places(kg: &KnowledgeGraph, nodes: &[NodeIndex]) -> Vec<Place> {
    let index: std::collections::HashMap<NodeIndex, usize> =
        nodes.iter().enumerate().map(|(i, &ix)| (ix, i)).collect();
    let boxes: Vec<(Vec<String>, (f64, f64))> = nodes
        .iter()
        .map(|&ix| {
            let n = kg.node(ix);
            let (lines, (w, h)) = label_box(&n.label);
            // Slanted and pointed shapes hold less text than their box: widen them.
            let w = match node_shape(n.kind) {
                "rhomboid" | "tag" => w + 26.0,
                "diamond" => (w * 1.5).round(),
                "hexagon" | "octagon" | "cut-rectangle" => w + 14.0,
                "ellipse" => w + 10.0,
                _ => w,
            };
            (lines, (w, h))
        })
        .collect();
    let mut edges: Vec<(usize, usize)> = kg
        .claims_sorted()
        .into_iter()
        .map(|(s, o, _)| (index[&s], index[&o]))
        .collect();
    edges.extend(
        kg.memberships_sorted()
            .into_iter()
            .map(|(s, o)| (index[&s], index[&o])),
    );
    let sizes: Vec<(f64, f64)> = boxes.iter().map(|b| b.1).collect();
    let at = super::layout::layered(&sizes, &edges, super::layout::Spacing::default());
    boxes
        .into_iter()
        .zip(at)
        .map(|((lines, size), (x, y))| Place {
            lines,
            size,
            at: ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0),
        })
        .collect()
}

fn item(out: &mut dyn Write, first: &mut bool, v: &Value) -> io::Result<()> {
    if !*first {
        out.write_all(b",\n")?;
    }
    *first = false;
    out.write_all(script_json(v).as_bytes())
}

/// The data the page embeds, as a JSON value (see [`write_page_data`]).
pub fn page_data(kg: &KnowledgeGraph, vocab: &Vocabulary) -> Value {
    let mut text = Vec::new();
    // Writing into memory cannot fail, and the text is JSON.
    let _ = write_page_data(kg, vocab, &mut text);
    serde_json::from_slice(&text).unwrap_or(Value::Null)
}

/// The graph as one self-contained HTML page.
pub fn to_html(kg: &KnowledgeGraph, vocab: &Vocabulary) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and every byte written is UTF-8.
    let _ = write_html(kg, vocab, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the graph as one self-contained HTML page to `out`, the embedded data element
/// by element.
///
/// # Errors
/// Writing to `out` fails.
pub fn write_html(kg: &KnowledgeGraph, vocab: &Vocabulary, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(HEAD.as_bytes())?;
    out.write_all(b"<style>\n")?;
    out.write_all(CSS.as_bytes())?;
    out.write_all(b"</style>\n</head>\n")?;
    out.write_all(BODY.as_bytes())?;
    out.write_all(b"<script type=\"application/json\" id=\"cg-data\">")?;
    write_page_data(kg, vocab, out)?;
    out.write_all(b"</script>\n<script>\n")?;
    out.write_all(CYTOSCAPE_JS.as_bytes())?;
    out.write_all(b"\n</script>\n<script>\n")?;
    out.write_all(SCRIPT.as_bytes())?;
    out.write_all(b"</script>\n</body>\n</html>\n")
}

const HEAD: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'">
<title>claimgraph</title>
"##;

const CSS: &str = r##"
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.4 Helvetica, Arial, sans-serif; color: #222; height: 100vh; display: flex; flex-direction: column; }
header { display: flex; gap: 12px; align-items: center; padding: 6px 10px; border-bottom: 1px solid #ccc; background: #f7f7f7; flex-wrap: wrap; }
header h1 { font-size: 15px; margin: 0 8px 0 0; }
main { flex: 1; display: flex; min-height: 0; }
aside { width: 300px; overflow: auto; padding: 8px 10px; border-right: 1px solid #ddd; }
#details { width: 360px; border-right: none; border-left: 1px solid #ddd; }
#cy { flex: 1; min-width: 0; }
h2 { font-size: 14px; margin: 10px 0 4px; }
h3 { font-size: 13px; margin: 8px 0 2px; }
fieldset { border: 1px solid #ddd; margin: 0 0 8px; padding: 4px 8px; }
label { display: block; }
input[type=text] { width: 100%; }
.legend-row { display: flex; gap: 6px; align-items: center; }
.glyph { font-weight: bold; width: 28px; display: inline-block; }
.evidence { border-left: 3px solid #9ecae1; margin: 6px 0; padding: 2px 8px; background: #fafafa; }
.evidence .sentence { margin: 0 0 4px; white-space: pre-wrap; }
.meta { color: #555; font-size: 12px; }
.linkish { color: #2166ac; cursor: pointer; text-decoration: underline; }
#paths li { margin-bottom: 6px; }
.hop { font-family: monospace; font-size: 12px; white-space: pre-wrap; }
.sign { font-weight: bold; }
#status { color: #555; }
.error { color: #b2182b; }
"##;

const BODY: &str = r##"<body>
<header>
  <h1>claimgraph</h1>
  <label for="search" style="display:inline">Search</label>
  <input id="search" type="text" list="names" placeholder="label or synonym" style="width:220px" autocomplete="off">
  <button id="search-go" type="button">Find</button>
  <span id="search-msg" class="error"></span>
  <button id="export-png" type="button">PNG</button>
  <button id="export-svg" type="button">SVG</button>
  <button id="fit" type="button">Fit</button>
  <span id="status"></span>
</header>
<datalist id="names"></datalist>
<main>
<aside id="controls">
  <h2>Path finder</h2>
  <label>From <input id="path-from" type="text" list="names" autocomplete="off"></label>
  <label>To <input id="path-to" type="text" list="names" autocomplete="off"></label>
  <button id="path-go" type="button">Shortest paths</button>
  <button id="path-clear" type="button">Clear</button>
  <p class="meta">As <code>claimgraph paths</code>: negated claims left out, membership and hierarchy walked both ways, never member-of then has-member nor is-a then has-form; net sign is the product of the hop signs.</p>
  <div id="path-msg" class="error"></div>
  <ol id="paths"></ol>
  <h2>Filters</h2>
  <fieldset><legend>Relations</legend><div id="f-relations"></div></fieldset>
  <fieldset><legend>Kinds</legend><div id="f-kinds"></div></fieldset>
  <label>Min confidence <span id="f-conf-value">0</span>
    <input id="f-conf" type="range" min="0" max="1" step="0.05" value="0" style="width:100%"></label>
  <label><input id="f-negated" type="checkbox" checked> show negated claims</label>
  <h2>Legend</h2>
  <div id="legend"></div>
  <p class="meta">Dashed: negated or hedged. Dotted: membership. Wide, hollow arrow: hierarchy (is-a).</p>
</aside>
<div id="cy"></div>
<aside id="details"><p class="meta">Click a node or an edge to see its claims and evidence.</p></aside>
</main>
"##;

const SCRIPT: &str = r##"(function () {
'use strict';
var P = JSON.parse(document.getElementById('cg-data').textContent);
function $(id) { return document.getElementById(id); }
function el(tag, text, cls) {
  var e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}
var ARROW_GLYPH = { triangle: '\u2192', tee: '\u22a3', circle: '\u2022', diamond: '\u25c7' };
var REGISTRIES = ['CHEBI', 'HGNC', 'FPLX', 'UBERON', 'CL', 'GO', 'MONDO', 'HP', 'PMID', 'NCBIGENE', 'NCBITAXON', 'MESH', 'UNIPROT', 'DOID', 'PR'];

// --- the drawing -----------------------------------------------------------------------
var style = P.style.concat([
  { selector: 'node', style: { label: 'data(display)', width: 'data(w)', height: 'data(h)', 'text-max-width': '1000px' } },
  { selector: 'edge', style: { 'text-rotation': 'autorotate', 'text-background-color': '#ffffff', 'text-background-opacity': 0.85,
      'text-background-padding': '1px', 'control-point-step-size': 30, 'min-zoomed-font-size': 5 } },
  { selector: '.cg-hidden', style: { display: 'none' } },
  { selector: '.cg-faded', style: { opacity: 0.15 } },
  { selector: 'node.cg-path', style: { 'border-width': 4, 'border-color': '#000000' } },
  { selector: 'edge.cg-path', style: { width: 5 } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#2166ac' } },
  { selector: 'edge:selected', style: { width: 4 } }
]);
// The layout (computed at export time) is stretched along its shorter side to the
// canvas's proportions, at most threefold: gaps only grow, so no boxes come to overlap.
(function spread() {
  var box = $('cy').getBoundingClientRect();
  var nodes = P.elements.nodes;
  if (nodes.length < 2 || !box.width || !box.height) return;
  var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  nodes.forEach(function (n) {
    var p = n.position, w = n.data.w / 2, h = n.data.h / 2;
    x0 = Math.min(x0, p.x - w); x1 = Math.max(x1, p.x + w); y0 = Math.min(y0, p.y - h); y1 = Math.max(y1, p.y + h);
  });
  var want = box.width / box.height, have = (x1 - x0) / Math.max(1, y1 - y0);
  var sx = Math.min(3, Math.max(1, want / have)), sy = Math.min(3, Math.max(1, have / want));
  nodes.forEach(function (n) { n.position = { x: n.position.x * sx, y: n.position.y * sy }; });
})();
var cy = cytoscape({
  container: $('cy'), elements: P.elements, style: style,
  wheelSensitivity: 0.3, minZoom: 0.005, maxZoom: 5,
  // The positions were computed at export time (a layered layout, left to right):
  // the first view is the whole graph, fitted to the canvas.
  layout: { name: 'preset', fit: true, padding: 30 }
});

// --- names: search and completion ---------------------------------------------------
var byName = new Map();
var names = new Set();
cy.nodes().forEach(function (n) {
  var d = n.data();
  [d.id, d.label].concat(d.synonyms || []).forEach(function (s) {
    if (typeof s !== 'string') return;
    var k = s.toLowerCase();
    if (!byName.has(k)) byName.set(k, n.id());
  });
  names.add(d.label);
  (d.synonyms || []).forEach(function (s) { names.add(s); });
});
var datalist = $('names');
Array.from(names).sort().forEach(function (s) {
  var o = document.createElement('option');
  o.value = s;
  datalist.appendChild(o);
});
function resolve(name) {
  var id = byName.get(String(name).trim().toLowerCase());
  return id === undefined ? null : cy.getElementById(id);
}

// --- details -----------------------------------------------------------------------
function curieUrl(id) {
  var m = /^([A-Za-z][A-Za-z0-9._-]*):([^\s]+)$/.exec(id);
  if (!m || REGISTRIES.indexOf(m[1].toUpperCase()) < 0) return null;
  return 'https://identifiers.org/' + encodeURIComponent(m[1]) + ':' + encodeURIComponent(m[2]);
}
function row(dl, key, value) {
  dl.appendChild(el('dt', key));
  var dd = el('dd');
  if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
  dl.appendChild(dd);
}
function nodeLink(id) {
  var n = cy.getElementById(id);
  var s = el('span', n.nonempty() ? n.data('label') : id, 'linkish');
  s.addEventListener('click', function () { select(n); });
  return s;
}
function edgeLine(e) {
  var d = e.data();
  var li = el('li');
  li.appendChild(nodeLink(d.source));
  var r = el('span', ' \u2014' + d.relation + (d.negated ? ' (negated)' : '') + '\u2192 ', 'linkish');
  r.addEventListener('click', function () { select(e); });
  li.appendChild(r);
  li.appendChild(nodeLink(d.target));
  if (typeof d.confidence === 'number') li.appendChild(el('span', ' [' + d.confidence.toFixed(2) + ']', 'meta'));
  return li;
}
function showNode(n) {
  var d = n.data();
  var box = $('details');
  box.replaceChildren();
  box.appendChild(el('h2', d.label));
  var dl = el('dl');
  row(dl, 'kind', d.kind);
  var url = curieUrl(d.id);
  if (url) {
    var a = el('a', d.id);
    a.href = url; a.target = '_blank'; a.rel = 'noopener noreferrer';
    row(dl, 'id', a);
  } else row(dl, 'id', d.id);
  if (d.category) row(dl, 'category', d.category);
  if (d.synonyms && d.synonyms.length) row(dl, 'synonyms', d.synonyms.join('; '));
  if (d.members && d.members.length) row(dl, 'members', d.members.join('; '));
  box.appendChild(dl);
  var out = n.connectedEdges().filter(function (e) { return e.source().same(n); });
  var inc = n.connectedEdges().filter(function (e) { return e.target().same(n); });
  box.appendChild(el('h3', 'Claims out (' + out.length + ')'));
  var ul = el('ul'); out.forEach(function (e) { ul.appendChild(edgeLine(e)); }); box.appendChild(ul);
  box.appendChild(el('h3', 'Claims in (' + inc.length + ')'));
  ul = el('ul'); inc.forEach(function (e) { ul.appendChild(edgeLine(e)); }); box.appendChild(ul);
}
function showEdge(e) {
  var d = e.data();
  var box = $('details');
  box.replaceChildren();
  var h = el('h2');
  h.appendChild(nodeLink(d.source));
  h.appendChild(el('span', ' \u2014' + d.relation + '\u2192 '));
  h.appendChild(nodeLink(d.target));
  box.appendChild(h);
  var dl = el('dl');
  row(dl, 'relation', d.relation + (d.predicate ? ' (' + d.predicate + ')' : ''));
  if (!d.membership && !d.hierarchy) {
    row(dl, 'negated', d.negated ? 'yes' : 'no');
    row(dl, 'hedged', d.hedged ? 'yes' : 'no');
    row(dl, 'confidence', typeof d.confidence === 'number' ? d.confidence.toFixed(2) : '');
    row(dl, 'id', d.id);
  }
  box.appendChild(dl);
  var ev = d.evidence || [];
  if (d.membership) { box.appendChild(el('p', 'A combination and one of its members (not a claim).', 'meta')); return; }
  if (d.hierarchy) { box.appendChild(el('p', 'An entity and one it is a form of, from the lexicon (not a claim).', 'meta')); return; }
  box.appendChild(el('h3', 'Evidence (' + ev.length + ')'));
  ev.forEach(function (x) {
    var div = el('div', null, 'evidence');
    div.appendChild(el('p', x.sentence, 'sentence'));
    var parts = ['document: ' + x.document];
    if (x.section) parts.push('section: ' + x.section);
    if (x.citations && x.citations.length) parts.push('sources: ' + x.citations.join(', '));
    parts.push(x.hedged ? 'hedged' : 'not hedged');
    var c = x.context || {};
    ['species', 'population', 'tissue'].forEach(function (k) { if (c[k]) parts.push(k + ': ' + c[k]); });
    parts.forEach(function (p) { div.appendChild(el('div', p, 'meta')); });
    box.appendChild(div);
  });
}
function select(ele) {
  cy.elements().unselect();
  ele.select();
  if (ele.isNode()) showNode(ele); else showEdge(ele);
}
cy.on('tap', 'node', function (evt) { select(evt.target); });
cy.on('tap', 'edge', function (evt) { select(evt.target); });

function search() {
  var q = $('search').value;
  var n = resolve(q);
  $('search-msg').textContent = '';
  if (!n) { $('search-msg').textContent = 'no entity named \u201c' + q + '\u201d'; return; }
  select(n);
  cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1) }, { duration: 200 });
}
$('search-go').addEventListener('click', search);
$('search').addEventListener('keydown', function (ev) { if (ev.key === 'Enter') search(); });

// --- filters and legend --------------------------------------------------------------
function checkbox(parent, value, text, color) {
  var l = el('label');
  var i = document.createElement('input');
  i.type = 'checkbox'; i.checked = true; i.value = value;
  i.addEventListener('change', applyFilters);
  l.appendChild(i);
  var s = el('span', ' ' + text);
  if (color) s.style.color = color;
  l.appendChild(s);
  parent.appendChild(l);
}
P.legend.relations.forEach(function (r) { checkbox($('f-relations'), r.relation, r.relation, r.color); });
P.legend.kinds.forEach(function (k) { checkbox($('f-kinds'), k.kind, k.kind); });
// Each kind in the shape its nodes have (26 x 16 px).
var SHAPE_POINTS = {
  diamond: '13,1 25,8 13,15 1,8', hexagon: '7,1 19,1 25,8 19,15 7,15 1,8',
  octagon: '8,1 18,1 25,5 25,11 18,15 8,15 1,11 1,5', rhomboid: '6,1 25,1 20,15 1,15',
  tag: '1,1 19,1 25,8 19,15 1,15', 'cut-rectangle': '5,1 21,1 25,5 25,11 21,15 5,15 1,11 1,5'
};
function shapeIcon(shape, color) {
  var ns = 'http://www.w3.org/2000/svg';
  var svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '26'); svg.setAttribute('height', '16'); svg.setAttribute('class', 'shape');
  svg.dataset.shape = shape;
  var f;
  if (shape === 'ellipse') {
    f = document.createElementNS(ns, 'ellipse');
    f.setAttribute('cx', '13'); f.setAttribute('cy', '8'); f.setAttribute('rx', '12'); f.setAttribute('ry', '7');
  } else if (SHAPE_POINTS[shape]) {
    f = document.createElementNS(ns, 'polygon');
    f.setAttribute('points', SHAPE_POINTS[shape]);
  } else {
    f = document.createElementNS(ns, 'rect');
    f.setAttribute('x', '1'); f.setAttribute('y', '1'); f.setAttribute('width', '24'); f.setAttribute('height', '14');
    if (shape === 'round-rectangle') f.setAttribute('rx', '5');
  }
  f.setAttribute('fill', color); f.setAttribute('stroke', '#555555');
  svg.appendChild(f);
  return svg;
}
P.legend.kinds.forEach(function (k) {
  var d = el('div', null, 'legend-row');
  d.appendChild(shapeIcon(k.shape, k.color)); d.appendChild(el('span', k.kind));
  $('legend').appendChild(d);
});
P.legend.relations.forEach(function (r) {
  var d = el('div', null, 'legend-row');
  var g = el('span', '\u2014' + (ARROW_GLYPH[r.arrow] || '\u25c7'), 'glyph'); g.style.color = r.color;
  d.appendChild(g); d.appendChild(el('span', r.relation + (r.sign !== '0' ? ' (' + r.sign + ')' : '')));
  $('legend').appendChild(d);
});
function checked(id) {
  var s = new Set();
  $(id).querySelectorAll('input').forEach(function (i) { if (i.checked) s.add(i.value); });
  return s;
}
function applyFilters() {
  var rels = checked('f-relations'), kinds = checked('f-kinds');
  var min = parseFloat($('f-conf').value) || 0, neg = $('f-negated').checked;
  $('f-conf-value').textContent = min.toFixed(2);
  cy.batch(function () {
    cy.nodes().forEach(function (n) { n.toggleClass('cg-hidden', !kinds.has(n.data('kind'))); });
    cy.edges().forEach(function (e) {
      var d = e.data();
      var hide = !rels.has(d.relation) || e.source().hasClass('cg-hidden') || e.target().hasClass('cg-hidden')
        || (!d.membership && !d.hierarchy && ((d.confidence || 0) < min - 1e-9 || (d.negated && !neg)));
      e.toggleClass('cg-hidden', hide);
    });
  });
  status();
}
$('f-conf').addEventListener('input', applyFilters);
$('f-negated').addEventListener('change', applyFilters);
function status() {
  var vn = cy.nodes().not('.cg-hidden').length;
  // The words and numbers of `claimgraph stats`: claims apart from membership and
  // hierarchy links, which are not claims.
  var part = function (sel, one, many, always) {
    var all = cy.edges(sel), shown = all.not('.cg-hidden').length;
    if (!all.length && !always) return '';
    return ', ' + shown + ' of ' + all.length + ' ' + (all.length === 1 ? one : many);
  };
  $('status').textContent = vn + ' of ' + cy.nodes().length + ' nodes' + part('.claim', 'claim', 'claims', true) +
    part('.membership', 'membership link', 'membership links') + part('.hierarchy', 'hierarchy link', 'hierarchy links') + ' shown';
}

// --- path finder (the rules of `claimgraph paths`) -----------------------------------
var adj = new Map();
function addMove(from, m) { if (!adj.has(from)) adj.set(from, []); adj.get(from).push(m); }
cy.edges().forEach(function (e) {
  var d = e.data();
  if (d.membership) {
    addMove(d.source, { to: d.target, relation: 'has-member', edge: d.id, sign: '+', kind: 'down' });
    addMove(d.target, { to: d.source, relation: 'member-of', edge: d.id, sign: '+', kind: 'up' });
  } else if (d.hierarchy) {
    addMove(d.source, { to: d.target, relation: 'is-a', edge: d.id, sign: '+', kind: 'up' });
    addMove(d.target, { to: d.source, relation: 'has-form', edge: d.id, sign: '+', kind: 'down' });
  } else if (!d.negated) {
    addMove(d.source, { to: d.target, relation: d.relation, edge: d.id, sign: d.hop_sign, kind: 'claim', doubt: d.doubt || 0 });
  }
});
function times(a, b) { return (a === '0' || b === '0') ? '0' : (a === b ? '+' : '-'); }
function shortestPaths(from, to, limit) {
  if (from === to) return [];
  var key = function (n, after) { return n + '\u0000' + (after ? 1 : 0); };
  var start = key(from, false);
  var pred = new Map([[start, []]]);
  var frontier = [[from, false]];
  var found = [];
  while (frontier.length && !found.length) {
    var next = [], level = new Map();
    frontier.forEach(function (st) {
      var sk = key(st[0], st[1]);
      (adj.get(st[0]) || []).forEach(function (m) {
        if (m.kind === 'down' && st[1]) return;
        var after = m.kind === 'up';
        var nk = key(m.to, after);
        if (pred.has(nk) && !level.has(nk)) return;
        if (!level.has(nk)) { level.set(nk, []); next.push([m.to, after]); }
        level.get(nk).push([sk, m, st[0]]);
      });
    });
    level.forEach(function (v, k) { pred.set(k, v); });
    next.forEach(function (st) { if (st[0] === to) found.push(key(st[0], st[1])); });
    frontier = next;
  }
  var paths = [];
  var budget = 10000;
  function unwind(k, suffix) {
    if (paths.length >= budget) return;
    if (k === start) { paths.push(suffix.slice().reverse()); return; }
    (pred.get(k) || []).forEach(function (p) {
      suffix.push({ from: p[2], to: p[1].to, relation: p[1].relation, edge: p[1].edge, sign: p[1].sign, doubt: p[1].doubt || 0 });
      unwind(p[0], suffix);
      suffix.pop();
    });
  }
  found.forEach(function (k) { unwind(k, []); });
  var keyed = paths.map(function (p) {
    return {
      hops: p,
      doubt: p.reduce(function (s, h) { return s + h.doubt; }, 0),
      key: JSON.stringify(p.map(function (h) { return h.to; }).concat(p.map(function (h) { return h.relation; })))
    };
  });
  // The most confident first (least summed doubt), then node ids and relations.
  keyed.sort(function (a, b) {
    if (a.doubt !== b.doubt) return a.doubt - b.doubt;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  var out = [], seen = new Set();
  keyed.forEach(function (k) {
    var ident = JSON.stringify(k.hops.map(function (h) { return [h.from, h.to, h.relation, h.edge]; }));
    if (seen.has(ident) || out.length >= limit) return;
    seen.add(ident);
    out.push({ hops: k.hops, sign: k.hops.reduce(function (s, h) { return times(s, h.sign); }, '+') });
  });
  return out;
}
function clearPaths() {
  cy.elements().removeClass('cg-path cg-faded');
  $('paths').replaceChildren();
  $('path-msg').textContent = '';
}
function findPaths() {
  clearPaths();
  var a = resolve($('path-from').value), b = resolve($('path-to').value);
  if (!a || !b) { $('path-msg').textContent = 'unknown entity: ' + (!a ? $('path-from').value : $('path-to').value); return []; }
  var paths = shortestPaths(a.id(), b.id(), 10);
  if (!paths.length) { $('path-msg').textContent = 'no path from ' + a.data('label') + ' to ' + b.data('label'); return paths; }
  var on = cy.collection();
  paths.forEach(function (p, i) {
    var li = el('li', null, 'path');
    li.dataset.sign = p.sign;
    li.dataset.nodes = JSON.stringify([p.hops[0].from].concat(p.hops.map(function (h) { return h.to; })));
    li.dataset.relations = JSON.stringify(p.hops.map(function (h) { return h.relation; }));
    var head = el('div');
    head.appendChild(el('span', p.hops.length + ' hop' + (p.hops.length === 1 ? '' : 's') + ', net effect '));
    head.appendChild(el('span', p.sign, 'sign'));
    head.appendChild(el('span', p.sign === '+' ? ' (activation)' : p.sign === '-' ? ' (inhibition)' : ' (unsigned)'));
    li.appendChild(head);
    p.hops.forEach(function (h) {
      var line = el('div', cy.getElementById(h.from).data('label') + ' --' + h.relation + '--> ' + cy.getElementById(h.to).data('label'), 'hop linkish');
      line.addEventListener('click', function () { select(cy.getElementById(h.edge)); });
      li.appendChild(line);
      on = on.union(cy.getElementById(h.from)).union(cy.getElementById(h.to)).union(cy.getElementById(h.edge));
    });
    $('paths').appendChild(li);
  });
  cy.elements().addClass('cg-faded');
  on.removeClass('cg-faded').addClass('cg-path');
  return paths;
}
$('path-go').addEventListener('click', findPaths);
$('path-clear').addEventListener('click', clearPaths);

// --- export -----------------------------------------------------------------------------
function download(href, name) {
  var a = document.createElement('a');
  a.href = href; a.download = name;
  document.body.appendChild(a); a.click(); a.remove();
}
function xml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}
function polygon(cx, cy0, w, h, k, rot) {
  var pts = [];
  for (var i = 0; i < k; i++) {
    var t = rot + 2 * Math.PI * i / k;
    pts.push((cx + w / 2 * Math.cos(t)).toFixed(1) + ',' + (cy0 + h / 2 * Math.sin(t)).toFixed(1));
  }
  return pts.join(' ');
}
function toSvg() {
  var eles = cy.elements().not('.cg-hidden');
  var bb = eles.boundingBox({ includeLabels: true });
  var pad = 20, w = bb.w + 2 * pad, h = bb.h + 2 * pad;
  var out = ['<svg xmlns="http://www.w3.org/2000/svg" width="' + w.toFixed(0) + '" height="' + h.toFixed(0) +
    '" viewBox="' + (bb.x1 - pad).toFixed(1) + ' ' + (bb.y1 - pad).toFixed(1) + ' ' + w.toFixed(1) + ' ' + h.toFixed(1) +
    '" font-family="Helvetica, Arial, sans-serif">', '<rect x="' + (bb.x1 - pad) + '" y="' + (bb.y1 - pad) + '" width="' + w + '" height="' + h + '" fill="#ffffff"/>'];
  eles.edges().forEach(function (e) {
    var d = e.data(), s = e.sourceEndpoint(), t = e.targetEndpoint();
    var color = d.color || '#636363';
    var dash = e.hasClass('membership') ? ' stroke-dasharray="2,3"' : e.hasClass('dashed') ? ' stroke-dasharray="6,4"' : '';
    var width = e.hasClass('cg-path') ? 4 : e.hasClass('hierarchy') ? 3 : 1.5;
    var op = e.hasClass('cg-faded') ? ' opacity="0.15"' : '';
    out.push('<g class="edge"' + op + '><title>' + xml(d.label || d.relation) + '</title>');
    out.push('<line x1="' + s.x.toFixed(1) + '" y1="' + s.y.toFixed(1) + '" x2="' + t.x.toFixed(1) + '" y2="' + t.y.toFixed(1) +
      '" stroke="' + xml(color) + '" stroke-width="' + width + '"' + dash + '/>');
    var ang = Math.atan2(t.y - s.y, t.x - s.x), ca = Math.cos(ang), sa = Math.sin(ang);
    var P2 = function (a, b) { return (t.x - a * ca - b * sa).toFixed(1) + ',' + (t.y - a * sa + b * ca).toFixed(1); };
    if (d.arrow === 'tee') out.push('<line x1="' + P2(1, -6).split(',')[0] + '" y1="' + P2(1, -6).split(',')[1] + '" x2="' + P2(1, 6).split(',')[0] + '" y2="' + P2(1, 6).split(',')[1] + '" stroke="' + xml(color) + '" stroke-width="3"/>');
    else if (d.arrow === 'triangle') out.push('<polygon points="' + P2(0, 0) + ' ' + P2(10, -5) + ' ' + P2(10, 5) + '" fill="' + xml(color) + '"/>');
    else if (d.arrow === 'circle') out.push('<circle cx="' + P2(4, 0).split(',')[0] + '" cy="' + P2(4, 0).split(',')[1] + '" r="4" fill="' + (d.arrow_fill === 'hollow' ? '#ffffff' : xml(color)) + '" stroke="' + xml(color) + '"/>');
    else out.push('<polygon points="' + P2(0, 0) + ' ' + P2(6, -4) + ' ' + P2(12, 0) + ' ' + P2(6, 4) + '" fill="#ffffff" stroke="' + xml(color) + '"/>');
    var m = e.midpoint();
    out.push('<text x="' + m.x.toFixed(1) + '" y="' + m.y.toFixed(1) + '" font-size="9" text-anchor="middle" fill="' + xml(color) + '">' + xml(d.label || '') + '</text></g>');
  });
  eles.nodes().forEach(function (n) {
    var d = n.data(), p = n.position(), nw = n.width(), nh = n.height();
    var attrs = ' fill="' + xml(d.color || '#dddddd') + '" stroke="' + (n.hasClass('cg-path') ? '#000000' : '#555555') + '" stroke-width="' + (n.hasClass('cg-path') ? 3 : 1) + '"';
    var op = n.hasClass('cg-faded') ? ' opacity="0.15"' : '';
    out.push('<g class="node"' + op + '><title>' + xml(d.id) + '</title>');
    var shape = d.shape;
    if (shape === 'ellipse') out.push('<ellipse cx="' + p.x.toFixed(1) + '" cy="' + p.y.toFixed(1) + '" rx="' + (nw / 2).toFixed(1) + '" ry="' + (nh / 2).toFixed(1) + '"' + attrs + '/>');
    else if (shape === 'diamond') out.push('<polygon points="' + polygon(p.x, p.y, nw, nh, 4, 0) + '"' + attrs + '/>');
    else if (shape === 'hexagon') out.push('<polygon points="' + polygon(p.x, p.y, nw, nh, 6, 0) + '"' + attrs + '/>');
    else if (shape === 'octagon') out.push('<polygon points="' + polygon(p.x, p.y, nw, nh, 8, Math.PI / 8) + '"' + attrs + '/>');
    else out.push('<rect x="' + (p.x - nw / 2).toFixed(1) + '" y="' + (p.y - nh / 2).toFixed(1) + '" width="' + nw.toFixed(1) + '" height="' + nh.toFixed(1) + '"' + (shape === 'round-rectangle' ? ' rx="8"' : '') + attrs + '/>');
    out.push('<text x="' + p.x.toFixed(1) + '" y="' + (p.y + 4).toFixed(1) + '" font-size="11" text-anchor="middle">' + xml(d.label) + '</text></g>');
  });
  out.push('</svg>');
  return out.join('\n');
}
$('export-png').addEventListener('click', function () {
  download(cy.png({ full: true, scale: 2, bg: '#ffffff' }), 'claimgraph.png');
});
$('export-svg').addEventListener('click', function () {
  var url = URL.createObjectURL(new Blob([toSvg()], { type: 'image/svg+xml' }));
  download(url, 'claimgraph.svg');
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
});
$('fit').addEventListener('click', function () { cy.fit(cy.elements().not('.cg-hidden'), 30); });

applyFilters();
window.claimgraph = { cy: cy, readyAt: performance.now(), shortestPaths: shortestPaths, findPaths: findPaths, toSvg: toSvg, select: select, resolve: resolve, ready: true };
document.body.dataset.ready = 'true';
})();
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_escapes_what_could_close_a_script() {
        let v = json!({"s": "</script><img src=x onerror=alert(1)> & \u{2028}\u{2029}"});
        let t = script_json(&v);
        assert!(!t.contains('<') && !t.contains('>') && !t.contains('&'));
        assert!(!t.contains('\u{2028}') && !t.contains('\u{2029}'));
        let back: Value = serde_json::from_str(&t).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn inlined_scripts_cannot_close_their_element() {
        for text in [CYTOSCAPE_JS, SCRIPT] {
            let lower = text.to_ascii_lowercase();
            assert!(!lower.contains("</script") && !lower.contains("<!--"));
        }
    }
}
