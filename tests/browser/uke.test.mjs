// The UKE tab in headless Chromium: pick the sample file, the check runs in a Web Worker with a
// progress bar while the page keeps running, the table sorts and filters, CSV/JSON export.
// Needs pkg/web (npm run build:web), target/debug/santei (cargo build) and /usr/bin/chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SAMPLE = join(ROOT, 'data/masters/uke/RECEIPTC_GAIRAI_SAMPLE.UKE');
const BIN = process.env.SANTEI_BIN ?? [join(ROOT, 'target/debug/santei'), join(ROOT, 'target/release/santei')].find(existsSync);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ready = BIN && existsSync(CHROMIUM) && existsSync(join(ROOT, 'pkg/web/santei.js'));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

let server;
let browser;
let base;
let tmp;

function freePort() {
  return new Promise((res) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); });
  });
}

async function waitForPort(port) {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((res) => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); res(true); });
      c.on('error', () => res(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('santei serve did not start');
}

before(async () => {
  if (!ready) return;
  tmp = mkdtempSync(join(tmpdir(), 'santei-uke-browser-'));
  const port = await freePort();
  server = spawn(BIN, ['serve', '--port', String(port), '--root', ROOT], { stdio: 'ignore' });
  await waitForPort(port);
  base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS /* playwright gives each launch a fresh profile */ });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the sample file is checked in a worker and shown as a sortable, filterable table', { skip: !ready && 'needs pkg/web, santei binary, chromium' }, async () => {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${base}/www/uke.html`);
  await page.setInputFiles('#uke-file', SAMPLE);
  await page.waitForSelector('#uke-root[data-state="done"]', { timeout: 30000 });
  assert.equal(await page.$eval('#uke-table', (t) => t.dataset.rows), '75');
  assert.equal(await page.locator('#uke-table tbody tr').count(), 75);
  assert.match(await page.textContent('#uke-status'), /75 件/);
  assert.match(await page.textContent('#uke-summary'), /uke\.date_not_covered/);
  // Filter by kana name.
  await page.fill('#uke-filter', 'カキクケコ');
  assert.equal(await page.locator('#uke-table tbody tr').count(), 1);
  await page.fill('#uke-filter', '');
  // Sort by receipt number descending.
  await page.click('th[data-key="receiptNumber"]');
  await page.click('th[data-key="receiptNumber"]');
  assert.equal(await page.$eval('#uke-table tbody tr', (tr) => tr.dataset.receipt), '75');
  // CSV export.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#uke-csv')]);
  const csv = readFileSync(await dl.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeffreceiptNumber,nameKana'));
  assert.equal(csv.trim().split('\r\n').length, 76);
  const [dj] = await Promise.all([page.waitForEvent('download'), page.click('#uke-json')]);
  assert.equal(JSON.parse(readFileSync(await dj.path(), 'utf8')).summary.receipts, 75);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a large file: progress moves and the page keeps running while the worker checks', { skip: !ready && 'needs pkg/web, santei binary, chromium' }, async () => {
  const file = join(tmp, 'big.UKE');
  const g = spawnSync(BIN, ['gen-uke', '--month', '2026-06', '--receipts', '40000', '-o', file]);
  assert.equal(g.status, 0, String(g.stderr));
  const page = await browser.newPage();
  await page.goto(`${base}/www/uke.html`);
  await page.evaluate(() => {
    window.__ticks = 0;
    window.__progress = [];
    window.__t0 = performance.now();
    setInterval(() => {
      window.__ticks += 1;
      const p = document.getElementById('uke-progress');
      if (p && !p.hidden) window.__progress.push(p.value);
    }, 20);
  });
  await page.setInputFiles('#uke-file', file);
  await page.waitForSelector('#uke-root[data-state="done"]', { timeout: 120000 });
  const { ticks, progress, ms } = await page.evaluate(() => ({ ticks: window.__ticks, progress: window.__progress, ms: performance.now() - window.__t0 }));
  assert.equal(await page.$eval('#uke-table', (t) => t.dataset.rows), '40000');
  // Only the first page of rows is in the DOM.
  assert.ok(await page.locator('#uke-table tbody tr').count() <= 200);
  // The main thread ran its 20 ms timer through the check (at least a third of the ticks).
  assert.ok(ticks >= ms / 20 / 3, `ticks ${ticks} in ${ms} ms`);
  assert.ok(new Set(progress).size >= 2, `progress values seen: ${[...new Set(progress)].slice(0, 10)}`);
  await page.close();
});
