//! The drawing as a person sees it, checked in what Graphviz really draws: every edge
//! label sits on its edge, and the legend shows each kind in the shape its nodes have.
//!
//! The SVG is made by `claimgraph export --format svg` (the real `dot`), parsed as XML,
//! and measured: no hard-coded coordinates, only geometry.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{bin, has_program, require, root, run_ok};

/// The most a label's text position may lie from its edge's path, in CSS pixels.
const LABEL_REACH_PX: f64 = 30.0;

/// Points along an SVG path as Graphviz writes edges (`M x,y C x,y x,y x,y ...`): the
/// start, then each cubic Bézier sampled at least every unit of its control polygon's
/// length (so a long edge is sampled as finely as a short one).
fn path_points(d: &str) -> Vec<(f64, f64)> {
    let nums: Vec<f64> = d
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == 'e'))
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("a number in the path"))
        .collect();
    let pts: Vec<(f64, f64)> = nums.chunks(2).map(|c| (c[0], c[1])).collect();
    assert!(
        d.starts_with('M') && pts.len() >= 4 && (pts.len() - 1).is_multiple_of(3),
        "an edge path of cubic Béziers: {d}"
    );
    let mut out = vec![pts[0]];
    for seg in pts[1..].chunks(3) {
        let p0 = *out.last().unwrap();
        let (p1, p2, p3) = (seg[0], seg[1], seg[2]);
        let dist = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).hypot(a.1 - b.1);
        let length = dist(p0, p1) + dist(p1, p2) + dist(p2, p3);
        let steps = length.ceil().clamp(8.0, 100_000.0) as u32;
        for k in 1..=steps {
            let t = f64::from(k) / f64::from(steps);
            let u = 1.0 - t;
            let b = |a: f64, b: f64, c: f64, d: f64| {
                u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
            };
            out.push((b(p0.0, p1.0, p2.0, p3.0), b(p0.1, p1.1, p2.1, p3.1)));
        }
        // The next segment starts where this one ends.
        *out.last_mut().unwrap() = p3;
    }
    out
}

/// CSS pixels per SVG user unit: Graphviz gives the size in points and the viewBox in
/// points, so one unit is 4/3 px (read from the file, not assumed).
fn px_per_unit(svg: &roxmltree::Node) -> f64 {
    let width = svg.attribute("width").expect("svg width");
    let px = if let Some(pt) = width.strip_suffix("pt") {
        pt.parse::<f64>().unwrap() * 4.0 / 3.0
    } else {
        width.trim_end_matches("px").parse::<f64>().unwrap()
    };
    let vb: Vec<f64> = svg
        .attribute("viewBox")
        .expect("svg viewBox")
        .split_whitespace()
        .map(|s| s.parse().unwrap())
        .collect();
    px / vb[2]
}

fn svg_of(args: &[&str]) -> String {
    run_ok(bin().args(["export", "--format", "svg"]).args(args))
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(svg, opts).expect("the SVG is XML")
}

fn class_is(n: &roxmltree::Node, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|w| w == class))
}

/// Every edge label of `svg`: (edge title, label text, distance to its path in px).
fn label_distances(svg: &str) -> Vec<(String, String, f64)> {
    let doc = parse(svg);
    let scale = px_per_unit(&doc.root_element());
    let mut out = Vec::new();
    for g in doc.descendants().filter(|n| class_is(n, "edge")) {
        let title = g
            .children()
            .find(|c| c.has_tag_name("title"))
            .and_then(|t| t.text())
            .unwrap_or_default()
            .to_string();
        let path = g
            .descendants()
            .find(|c| c.has_tag_name("path"))
            .and_then(|p| p.attribute("d"))
            .unwrap_or_else(|| panic!("edge {title} has a path"));
        let points = path_points(path);
        for text in g.descendants().filter(|c| c.has_tag_name("text")) {
            let x: f64 = text.attribute("x").unwrap().parse().unwrap();
            let y: f64 = text.attribute("y").unwrap().parse().unwrap();
            let d = points
                .iter()
                .map(|&(px, py)| (px - x).hypot(py - y))
                .fold(f64::INFINITY, f64::min);
            let label = text.text().unwrap_or_default().to_string();
            out.push((title.clone(), label, d * scale));
        }
    }
    out
}

#[test]
fn svg_edge_labels_sit_on_their_edges() {
    if !require(has_program("dot", "-V"), "Graphviz `dot`") {
        return;
    }
    // The bundled graph, and the hostile corpus (its tooltips hold quotes, brackets,
    // backslashes and line breaks that the laid-out DOT carries past the label pass).
    let hostile = root().join("tests/fixtures/hostile.jsonl");
    let hostile = hostile.to_str().unwrap();
    for inputs in [&[][..], &[hostile][..]] {
        let labels = label_distances(&svg_of(inputs));
        let claims: Value = serde_json::from_str(&run_ok(
            bin().args(["export", "--format", "cyjs"]).args(inputs),
        ))
        .expect("cyjs is JSON");
        let edges = claims["elements"]["edges"].as_array().unwrap().len();
        assert_eq!(labels.len(), edges, "one label per edge: {labels:?}");
        let worst = labels
            .iter()
            .max_by(|a, b| a.2.total_cmp(&b.2))
            .expect("the graph has edges");
        eprintln!(
            "{inputs:?}: farthest edge label {:.1} px ({} on {})",
            worst.2, worst.1, worst.0
        );
        let far: Vec<_> = labels
            .iter()
            .filter(|l| l.2 > LABEL_REACH_PX)
            .map(|l| format!("{} on {}: {:.1} px", l.1, l.0, l.2))
            .collect();
        assert!(
            far.is_empty(),
            "labels farther than {LABEL_REACH_PX} px from their edge: {far:#?}"
        );
    }
}

/// A structural fingerprint of how a node is drawn: the SVG shapes it is made of, with
/// a polygon's number of corners, and nothing of its size or place.
fn drawn_shape(g: &roxmltree::Node) -> Vec<String> {
    g.descendants()
        .filter_map(|c| match c.tag_name().name() {
            "ellipse" => Some("ellipse".to_string()),
            "polygon" => {
                let corners = c
                    .attribute("points")
                    .unwrap_or("")
                    .split_whitespace()
                    .count();
                Some(format!("polygon{corners}"))
            }
            "polyline" => Some("polyline".to_string()),
            "path" => Some("path".to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn legend_draws_each_kind_in_the_shape_of_its_nodes() {
    let dot = run_ok(bin().args(["export", "--format", "dot"]));
    let cyjs: Value =
        serde_json::from_str(&run_ok(bin().args(["export", "--format", "cyjs"]))).unwrap();
    let kind_of: BTreeMap<String, String> = cyjs["elements"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["data"]["id"].as_str().unwrap().to_string(),
                n["data"]["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // In the DOT: each node statement's id and shape; the legend's entries are the
    // nodes inside `cluster_legend`, one per kind, labelled with the kind.
    let node_line = regex::Regex::new(r#"^\s*"((?:[^"\\]|\\.)*)"\[(.*)\]$"#).unwrap();
    let attr = |attrs: &str, key: &str| {
        regex::Regex::new(&format!(r#"(?:^| ){key}="((?:[^"\\]|\\.)*)""#))
            .unwrap()
            .captures(attrs)
            .map(|c| c[1].to_string())
    };
    let mut in_legend = false;
    let mut entity_shapes: BTreeMap<String, String> = BTreeMap::new();
    let mut legend_shapes: BTreeMap<String, (String, String)> = BTreeMap::new();
    for line in dot.lines() {
        if line.trim_start().starts_with("subgraph cluster_legend") {
            in_legend = true;
            continue;
        }
        if in_legend && line.trim() == "}" {
            in_legend = false;
            continue;
        }
        let Some(c) = node_line.captures(line) else {
            continue;
        };
        let (id, attrs) = (c[1].to_string(), &c[2]);
        let Some(shape) = attr(attrs, "shape") else {
            continue;
        };
        if in_legend {
            if let Some(label) = attr(attrs, "label")
                && kind_of.values().any(|k| *k == label)
            {
                legend_shapes.insert(label, (id, shape));
            }
        } else if let Some(kind) = kind_of.get(&id) {
            let before = entity_shapes.insert(kind.clone(), shape.clone());
            assert!(
                before.is_none_or(|b| b == shape),
                "all {kind} nodes share a shape"
            );
        }
    }
    assert!(entity_shapes.len() >= 5, "the bundled graph has many kinds");
    for (kind, shape) in &entity_shapes {
        let (_, legend) = legend_shapes
            .get(kind)
            .unwrap_or_else(|| panic!("no legend entry for {kind}: {legend_shapes:?}"));
        assert_eq!(legend, shape, "legend shape of {kind}");
    }
    assert_eq!(
        legend_shapes.len(),
        entity_shapes.len(),
        "a legend entry for each kind the graph has, and no other"
    );

    // In the SVG Graphviz draws: a legend entry is made of the same figures (an
    // ellipse, a polygon of so many corners, the extra lines of a 3-D box or a tab)
    // as a node of its kind.
    if !require(has_program("dot", "-V"), "Graphviz `dot`") {
        return;
    }
    let svg = svg_of(&[]);
    let doc = parse(&svg);
    let mut drawn: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for g in doc.descendants().filter(|n| class_is(n, "node")) {
        let title = g
            .children()
            .find(|c| c.has_tag_name("title"))
            .and_then(|t| t.text())
            .unwrap_or_default();
        drawn.insert(title.to_string(), drawn_shape(&g));
    }
    for (kind, (legend_id, _)) in &legend_shapes {
        let entity = kind_of
            .iter()
            .find(|(_, k)| *k == kind)
            .map(|(id, _)| id)
            .unwrap();
        let (a, b) = (&drawn[legend_id], &drawn[entity]);
        assert!(!a.is_empty(), "legend entry {kind} is drawn");
        assert_eq!(
            a, b,
            "{kind}: legend {legend_id} and node {entity} are drawn alike"
        );
    }
}
