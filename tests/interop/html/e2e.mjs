#!/usr/bin/env node
// End-to-end test of claimgraph's interactive page (`claimgraph export --format html`)
// in a real browser: playwright-core drives Debian's chromium, headless, with an empty
// profile and no network.
//
// usage: node e2e.mjs PAGE.html EXPECTED.json SCREENSHOT.png
//   EXPECTED.json: {"nodes": N, "edges": E, "paths": <claimgraph paths zinc IL-17 --format json>}
//   Opens the page from file://, checks the node and edge counts, clicks the IL-17 edge
//   and reads its evidence, searches "IL-17", runs the path finder zinc -> IL-17 and
//   compares the paths and signs with EXPECTED, checks filters and the SVG/PNG export,
//   takes a screenshot.
// usage: node e2e.mjs --hostile PAGE.html
//   A page built from claims whose names and sentences hold <script>, "><img onerror>,
//   </script>: renders every node and edge, searches every label, and checks that no
//   payload ran (window.__pwned stays unset) and that the text shows literally.
// usage: node e2e.mjs --scale PAGE.html
//   A large page (the picture formats' node limit): measures the first render (from
//   navigation start to the first frame drawn after the page's script ran) and a
//   click's response (mouse down on a node to the frame that shows its details).
// Every mode first checks the first view: no two node boxes (labels included) overlap,
//   and the graph's bounding box fills most of the canvas.
// Prints one JSON line of what it checked and how long it took; exit 1 on a failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const started = Date.now();
const argv = process.argv.slice(2);
const hostile = argv[0] === '--hostile';
const scale = argv[0] === '--scale';
if (hostile || scale) argv.shift();
const [pageFile, expectedFile, shotFile] = argv;
if (!pageFile || (!hostile && !scale && (!expectedFile || !shotFile))) {
  process.stderr.write('usage: node e2e.mjs PAGE.html EXPECTED.json SCREENSHOT.png | --hostile PAGE.html | --scale PAGE.html\n');
  process.exit(2);
}
function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-chromium-'));
const ctx = await chromium.launchPersistentContext(userDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
  viewport: { width: 1500, height: 900 },
  acceptDownloads: false,
});
const report = { mode: hostile ? 'hostile' : scale ? 'scale' : 'seed' };
let failed = null;
try {
  const page = ctx.pages()[0] || (await ctx.newPage());
  const errors = [];
  const network = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('dialog', (d) => { errors.push('dialog: ' + d.message()); d.dismiss(); });
  const pageUrl = pathToFileURL(path.resolve(pageFile)).href;
  page.on('request', (r) => { if (r.url() !== pageUrl && !/^(data|blob):/.test(r.url())) network.push(r.url()); });
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.claimgraph && window.claimgraph.ready, null, { timeout: 120000, polling: 50 });
  // The first frame drawn after the page's script ran, in ms from navigation start.
  report.first_render_ms = Math.round(await page.evaluate(() => new Promise((r) =>
    requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))));
  report.script_ms = Math.round(await page.evaluate(() => window.claimgraph.readyAt));

  // The first view: node boxes (with their labels) on screen never overlap, and the
  // graph fills most of the canvas.
  const view = await page.evaluate(() => {
    const cy = window.claimgraph.cy;
    const canvas = cy.container().getBoundingClientRect();
    const boxes = cy.nodes().map((n) => ({ id: n.id(), b: n.renderedBoundingBox({ includeLabels: true, includeOverlays: false }) }));
    boxes.sort((a, b) => a.b.x1 - b.b.x1);
    let overlaps = 0; let example = null;
    const eps = 0.5;
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i].b;
      for (let j = i + 1; j < boxes.length && boxes[j].b.x1 < a.x2 - eps; j++) {
        const b = boxes[j].b;
        if (b.y1 < a.y2 - eps && a.y1 < b.y2 - eps) {
          overlaps++;
          if (!example) example = [boxes[i].id, boxes[j].id];
        }
      }
    }
    const bb = cy.elements().renderedBoundingBox({ includeLabels: true, includeOverlays: false });
    const inside = bb.x1 >= -1 && bb.y1 >= -1 && bb.x2 <= canvas.width + 1 && bb.y2 <= canvas.height + 1;
    return {
      canvas: [Math.round(canvas.width), Math.round(canvas.height)], overlaps, example, inside,
      fill: [+(bb.w / canvas.width).toFixed(3), +(bb.h / canvas.height).toFixed(3)],
      zoom: +cy.zoom().toFixed(3), node_font_px: +(11 * cy.zoom()).toFixed(1),
    };
  });
  report.view = view;
  check(view.overlaps === 0, `${view.overlaps} overlapping node boxes in the first view, e.g. ${JSON.stringify(view.example)}`);
  check(view.inside, `the first view does not show the whole graph: ${JSON.stringify(view)}`);
  check(Math.max(...view.fill) >= 0.85 && Math.min(...view.fill) >= 0.5,
    `the graph fills ${JSON.stringify(view.fill)} of the canvas (width, height)`);

  if (scale) {
    // Click the node nearest the canvas's centre; time mouse down to the frame drawn
    // after its details are shown.
    const target = await page.evaluate(() => {
      const cy = window.claimgraph.cy;
      const box = cy.container().getBoundingClientRect();
      let best = null;
      cy.nodes().forEach((n) => {
        const p = n.renderedPosition();
        const d = Math.hypot(p.x - box.width / 2, p.y - box.height / 2);
        if (!best || d < best.d) best = { d, id: n.id(), label: n.data('label'), x: box.left + p.x, y: box.top + p.y };
      });
      window.__down = null;
      cy.container().addEventListener('mousedown', () => { window.__down = performance.now(); }, { capture: true, once: true });
      window.__shown = new Promise((r) => cy.one('select', () => requestAnimationFrame(() => r(performance.now()))));
      return best;
    });
    await page.mouse.click(target.x, target.y);
    const shown = await page.evaluate(() => window.__shown);
    const down = await page.evaluate(() => window.__down);
    check(down !== null, 'the click did not reach the canvas');
    check((await page.textContent('#details h2')) === target.label, `clicking ${target.label} did not show its details`);
    report.click_ms = Math.round(shown - down);
    report.nodes = await page.evaluate(() => window.claimgraph.cy.nodes().length);
  } else if (!hostile) {
    const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
    // Counts.
    const counts = await page.evaluate(() => ({ nodes: window.claimgraph.cy.nodes().length, edges: window.claimgraph.cy.edges().length }));
    check(counts.nodes === expected.nodes && counts.edges === expected.edges,
      `counts ${JSON.stringify(counts)} != ${expected.nodes} nodes, ${expected.edges} edges`);
    const status = await page.textContent('#status');
    check(status.includes(`${expected.nodes} of ${expected.nodes} nodes`), `status: ${status}`);
    report.counts = counts;

    // Click the edge into IL-17 on the canvas and read its evidence.
    const lastHop = expected.paths.paths[0].hops.at(-1);
    const target = await page.evaluate(([s, t, r]) => {
      const cy = window.claimgraph.cy;
      const e = cy.edges().filter((x) => x.data('source') === s && x.data('target') === t && x.data('relation') === r)[0];
      const p = e.renderedMidpoint();
      const box = cy.container().getBoundingClientRect();
      return { id: e.id(), x: box.left + p.x, y: box.top + p.y };
    }, [lastHop.from.id, lastHop.to.id, lastHop.relation]);
    await page.mouse.click(target.x, target.y);
    await page.waitForFunction((id) => window.claimgraph.cy.getElementById(id).selected(), target.id, { timeout: 5000 });
    const details = await page.textContent('#details');
    for (const ev of lastHop.evidence) {
      check(details.includes(ev.sentence), `edge details lack the sentence "${ev.sentence}": ${details}`);
      check(details.includes(ev.document) && details.includes(ev.citations.join(', ')), 'edge details lack document or sources');
    }
    report.edge_evidence = lastHop.evidence.length;

    // Search.
    await page.fill('#search', 'il-17');
    await page.press('#search', 'Enter');
    check((await page.textContent('#details h2')) === 'IL-17', 'search did not select IL-17');
    const href = await page.getAttribute('#details a', 'href');
    check(href === `https://identifiers.org/${lastHop.to.id}`, `CURIE link ${href}`);
    const options = await page.$$eval('#names option', (os) => os.map((o) => o.value));
    check(options.includes('IL-17') && options.includes('Zn'), 'completion lacks labels or synonyms');

    // Path finder.
    await page.fill('#path-from', 'zinc');
    await page.fill('#path-to', 'IL-17');
    await page.click('#path-go');
    const got = await page.$$eval('#paths li.path', (lis) => lis.map((li) => ({
      sign: li.dataset.sign, nodes: JSON.parse(li.dataset.nodes), relations: JSON.parse(li.dataset.relations),
    })));
    const want = expected.paths.paths.map((p) => ({
      sign: p.sign, nodes: [p.hops[0].from.id, ...p.hops.map((h) => h.to.id)], relations: p.hops.map((h) => h.relation),
    }));
    check(JSON.stringify(got) === JSON.stringify(want), `paths ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
    check(got.length > 0 && (await page.textContent('#paths .sign')) === '-', 'sign shown is not -');
    const highlighted = await page.evaluate(() => window.claimgraph.cy.$('.cg-path').length);
    check(highlighted === 2 * want[0].relations.length + 1, `highlighted ${highlighted}`);
    report.paths = got;

    // Exports.
    const svg = await page.evaluate(() => {
      const text = window.claimgraph.toSvg();
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror') !== null, nodes: doc.querySelectorAll('g.node').length, edges: doc.querySelectorAll('g.edge').length };
    });
    check(!svg.error && svg.nodes === expected.nodes && svg.edges === expected.edges, `svg ${JSON.stringify(svg)}`);
    const png = await page.evaluate(() => window.claimgraph.cy.png({ full: true }).slice(0, 22));
    check(png === 'data:image/png;base64,', 'png export');

    // Filters: hide cytokines and negated claims, then restore.
    await page.uncheck('#f-kinds input[value="cytokine"]');
    const hidden = await page.evaluate((id) => window.claimgraph.cy.getElementById(id).hasClass('cg-hidden'), lastHop.to.id);
    check(hidden, 'kind filter did not hide IL-17');
    await page.check('#f-kinds input[value="cytokine"]');
    await page.fill('#f-conf', '1');
    const shownAtOne = await page.evaluate(() => window.claimgraph.cy.edges('.claim').not('.cg-hidden').length);
    check(shownAtOne === 0, 'min confidence 1 still shows claims');
    await page.fill('#f-conf', '0');

    // Screenshot with the path highlighted and the IL-17 edge's evidence shown.
    await page.evaluate((id) => {
      window.claimgraph.select(window.claimgraph.cy.getElementById(id));
      window.claimgraph.cy.fit(undefined, 30);
    }, target.id);
    await page.screenshot({ path: shotFile });
  } else {
    const seen = await page.evaluate(() => {
      const cg = window.claimgraph;
      const texts = [];
      cg.cy.elements().forEach((e) => { cg.select(e); texts.push(document.getElementById('details').textContent); });
      return texts.join('\n');
    });
    const labels = await page.evaluate(() => window.claimgraph.cy.nodes().map((n) => n.data('label')));
    for (const l of labels) {
      if (/[\r\n]/.test(l)) continue; // a text input cannot hold a line break
      await page.fill('#search', l);
      await page.press('#search', 'Enter');
      check((await page.textContent('#details h2')) === l, `search for ${JSON.stringify(l)}`);
    }
    await page.fill('#path-from', labels[0]);
    await page.fill('#path-to', labels[labels.length - 1]);
    await page.click('#path-go');
    await page.evaluate(() => window.claimgraph.toSvg());
    for (const literal of ["<script>window.__pwned='sentence'</script>", `"><img src=x onerror="window.__pwned='img'">`,
      "</script><script>window.__pwned='close-label'</script>", '<script>alert(1)</script>']) {
      check(seen.includes(literal), `text not shown literally: ${literal}`);
    }
    const state = await page.evaluate(() => ({
      pwned: window.__pwned, scripts: document.scripts.length, imgs: document.images.length,
      iframes: document.querySelectorAll('iframe, svg[onload], [onerror], [onclick], [onmouseover]').length,
    }));
    check(state.pwned === undefined, `a payload ran: window.__pwned = ${state.pwned}`);
    check(state.scripts === 3 && state.imgs === 0 && state.iframes === 0, `unexpected elements ${JSON.stringify(state)}`);
    report.labels = labels.length;
  }
  check(errors.length === 0, 'page errors: ' + errors.join('; '));
  check(network.length === 0, 'network requests: ' + network.join(' '));
} catch (e) {
  failed = e;
} finally {
  await ctx.close();
  fs.rmSync(userDir, { recursive: true, force: true });
}
report.ms = Date.now() - started;
if (failed) {
  process.stderr.write(`e2e ${report.mode} failed: ${failed.message}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(report) + '\n');
