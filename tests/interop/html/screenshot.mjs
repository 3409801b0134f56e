#!/usr/bin/env node
// A screenshot of a page or picture as a person first sees it: playwright-core drives
// Debian's chromium, headless, with an empty profile and no network.
//
// usage: node screenshot.mjs FILE.html|FILE.svg OUT.png [WIDTH HEIGHT]
//   A claimgraph page is shot once its script is ready and a frame is drawn, in a
//   WIDTH x HEIGHT window (default 1500 x 900); an SVG at its own size.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, out, w, h] = process.argv.slice(2);
if (!file || !out) {
  process.stderr.write('usage: node screenshot.mjs FILE.html|FILE.svg OUT.png [WIDTH HEIGHT]\n');
  process.exit(2);
}
const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-shot-'));
const ctx = await chromium.launchPersistentContext(userDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
  viewport: { width: Number(w) || 1500, height: Number(h) || 900 },
});
let code = 0;
try {
  const page = ctx.pages()[0] || (await ctx.newPage());
  await page.route(/^(?!file:|data:|blob:)/, (r) => r.abort());
  await page.goto(pathToFileURL(path.resolve(file)).href);
  if (file.endsWith('.svg')) {
    const size = await page.evaluate(() => {
      const r = document.documentElement.getBoundingClientRect();
      return { width: Math.ceil(r.width), height: Math.ceil(r.height) };
    });
    await page.setViewportSize(size);
  } else {
    await page.waitForFunction(() => window.claimgraph && window.claimgraph.ready, null, { timeout: 60000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  await page.screenshot({ path: out });
} catch (e) {
  process.stderr.write(`screenshot failed: ${e.message}\n`);
  code = 1;
} finally {
  await ctx.close();
  fs.rmSync(userDir, { recursive: true, force: true });
}
process.exit(code);
