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
// Prints one JSON line of what it checked and how long it took; exit 1 on a failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const started = Date.now();
const argv = process.argv.slice(2);
const hostile = argv[0] === '--hostile';
if (hostile) argv.shift();
const [pageFile, expectedFile, shotFile] = argv;
if (!pageFile || (!hostile && (!expectedFile || !shotFile))) {
  process.stderr.write('usage: node e2e.mjs PAGE.html EXPECTED.json SCREENSHOT.png | --hostile PAGE.html\n');
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
const report = { mode: hostile ? 'hostile' : 'seed' };
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
  await page.waitForFunction(() => window.claimgraph && window.claimgraph.ready, null, { timeout: 30000 });

  if (!hostile) {
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
