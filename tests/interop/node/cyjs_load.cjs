#!/usr/bin/env node
// Loads claimgraph's Cytoscape.js export into cytoscape.js, headless with its style
// engine on, and prints what cytoscape read back in the normalised form of
// ../consume.py: {"nodes": [{id, label}], "edges": [{source, target, relation, negated,
// confidence, citations, sentences}], "info": {...}}.
//
// usage: node cyjs_load.cjs GRAPH.cyjs
//
// Fails (exit 1) when cytoscape warns (it warns, and goes on, on an unknown style
// property or value), when an element's computed style does not follow its data (the
// style maps shape, colour and arrow from data), or when an edge's ends are missing.
'use strict';
const fs = require('fs');
const cytoscape = require('cytoscape');

function fail(msg) {
  process.stderr.write(msg + '\n');
  process.exit(1);
}

const warnings = [];
console.warn = (...args) => warnings.push(args.join(' '));
console.error = (...args) => warnings.push(args.join(' '));

const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const cy = cytoscape({
  headless: true,
  styleEnabled: true,
  elements: doc.elements,
  style: doc.style,
});
if (warnings.length) fail('cytoscape warned:\n' + warnings.join('\n'));

const nodes = cy.nodes().map((n) => {
  const want = n.data('shape');
  if (n.style('shape') !== want) fail(`node ${n.id()}: shape ${n.style('shape')}, data says ${want}`);
  if (n.style('label') !== n.data('label')) fail(`node ${n.id()}: label not applied`);
  return { id: n.id(), label: n.data('label') };
});
const arrows = {};
const edges = cy.edges().map((e) => {
  const d = e.data();
  if (e.source().empty() || e.target().empty()) fail(`edge ${e.id()}: missing end`);
  const arrow = e.style('target-arrow-shape');
  if (arrow !== d.arrow) fail(`edge ${e.id()}: arrow ${arrow}, data says ${d.arrow}`);
  arrows[d.relation] = arrow;
  const dashed = e.hasClass('dashed');
  const style = e.style('line-style');
  const wantStyle = d.relation === 'has-member' ? 'dotted' : dashed ? 'dashed' : 'solid';
  if (style !== wantStyle) fail(`edge ${e.id()}: line-style ${style}, expected ${wantStyle}`);
  // Membership and hierarchy links are not claims: no confidence.
  const member = d.relation === 'has-member' || d.relation === 'is-a';
  return {
    source: d.source,
    target: d.target,
    relation: d.relation,
    negated: Boolean(d.negated),
    confidence: member ? null : d.confidence,
    citations: [...(d.citations || [])].sort((a, b) => a - b),
    sentences: [...(d.sentences || [])].sort(),
    // cytoscape's own view of the line, for the test to check the conventions.
    line_style: style,
  };
});
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const key = (e) => [e.source, e.relation, e.target, e.negated ? 1 : 0];
const cmp = (a, b) => {
  const x = key(a);
  const y = key(b);
  for (let i = 0; i < x.length; i++) {
    if (x[i] < y[i]) return -1;
    if (x[i] > y[i]) return 1;
  }
  return 0;
};
nodes.sort(byId);
edges.sort(cmp);
const info = { cytoscape_version: cytoscape.version, arrows, nodes: cy.nodes().length, edges: cy.edges().length };
for (const e of edges) delete e.line_style;
cy.destroy();
// cytoscape's render loop keeps node alive: exit once the output is flushed.
process.stdout.write(JSON.stringify({ nodes, edges, info }) + '\n', () => process.exit(0));
