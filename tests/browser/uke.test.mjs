// The UKE tab in headless Chromium (harness: tests/browser/lib.mjs): pick the sample file, the
// check runs in a Web Worker with a progress bar while the page keeps running, the table sorts
// and filters, CSV/JSON export; also the standalone page www/uke.html.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { checkUke } from 'santei';
import { setup, gotoReady, screenshot, ROOT } from './lib.mjs';

const SAMPLE = join(ROOT, 'data/masters/uke/RECEIPTC_GAIRAI_SAMPLE.UKE');
const BIN = process.env.SANTEI_BIN ?? [join(ROOT, 'target/debug/santei'), join(ROOT, 'target/release/santei')].find(existsSync);
const expected = checkUke(new Uint8Array(readFileSync(SAMPLE)));

let env;
let tmp;
before(async () => {
  env = await setup();
  tmp = mkdtempSync(join(tmpdir(), 'santei-uke-browser-'));
});
after(async () => {
  await env?.done();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function openTab(page) {
  await gotoReady(page, env.url('/www/#uke'));
  await page.click('[data-tab="uke"]');
  await page.waitForSelector('#uke-file', { state: 'attached' });
}

test('UKE tab: the sample file is checked in a worker and shown as a sortable, filterable table', async () => {
  const { page, problems } = env;
  await openTab(page);
  await page.setInputFiles('#uke-file', SAMPLE);
  await page.waitForSelector('#uke-root[data-state="done"]', { timeout: 60000 });
  const n = expected.summary.receipts;
  assert.equal(n, 75);
  assert.equal(await page.$eval('#uke-table', (t) => t.dataset.rows), String(n));
  assert.equal(await page.locator('#uke-table tbody tr').count(), n);
  assert.match(await page.textContent('#uke-status'), new RegExp(`${n} 件`));
  assert.match(await page.textContent('#uke-summary'), /uke\.date_not_covered/);
  await page.fill('#uke-filter', 'カキクケコ');
  assert.equal(await page.locator('#uke-table tbody tr').count(), 1);
  await page.fill('#uke-filter', '');
  await page.click('th[data-key="receiptNumber"]');
  await page.click('th[data-key="receiptNumber"]');
  assert.equal(await page.$eval('#uke-table tbody tr', (tr) => tr.dataset.receipt), String(n));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#uke-csv')]);
  const csv = readFileSync(await dl.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeffreceiptNumber,nameKana'));
  assert.equal(csv.trim().split('\r\n').length, n + 1);
  const [dj] = await Promise.all([page.waitForEvent('download'), page.click('#uke-json')]);
  assert.equal(JSON.parse(readFileSync(await dj.path(), 'utf8')).summary.receipts, n);
  await screenshot(page, 'uke');
  assert.deepEqual(problems, []);
});

test('UKE tab: a file that is not UKE gets a clear error', async () => {
  const { page, problems } = env;
  await openTab(page);
  await page.setInputFiles('#uke-file', { name: 'claim.json', mimeType: 'application/json', buffer: Buffer.from('{"serviceDate":"2026-06-01"}') });
  await page.waitForSelector('#uke-root[data-state="error"]', { timeout: 60000 });
  assert.match(await page.textContent('#uke-status'), /uke_not_uke/);
  assert.deepEqual(problems, []);
});

test('UKE tab: a large file moves the progress bar and the page keeps running', { skip: !BIN && 'no santei binary for gen-uke' }, async () => {
  const file = join(tmp, 'big.UKE');
  const g = spawnSync(BIN, ['gen-uke', '--month', '2026-06', '--receipts', '40000', '-o', file]);
  assert.equal(g.status, 0, String(g.stderr));
  const { page, problems } = env;
  await openTab(page);
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
  await page.waitForSelector('#uke-root[data-state="done"]', { timeout: 180000 });
  const { ticks, progress, ms } = await page.evaluate(() => ({ ticks: window.__ticks, progress: window.__progress, ms: performance.now() - window.__t0 }));
  assert.equal(await page.$eval('#uke-table', (t) => t.dataset.rows), '40000');
  assert.ok(await page.locator('#uke-table tbody tr').count() <= 200, 'only the first page of rows is in the DOM');
  // The main thread kept running its 20 ms timer through the check (at least a third of the ticks).
  assert.ok(ticks >= ms / 20 / 3, `ticks ${ticks} in ${Math.round(ms)} ms`);
  assert.ok(new Set(progress).size >= 2, `progress values seen: ${[...new Set(progress)].slice(0, 10)}`);
  assert.deepEqual(problems, []);
});

test('standalone page www/uke.html checks the sample file', async () => {
  const { page, problems } = env;
  await page.goto(env.url('/www/uke.html'));
  await page.setInputFiles('#uke-file', SAMPLE);
  await page.waitForSelector('#uke-root[data-state="done"]', { timeout: 60000 });
  assert.equal(await page.$eval('#uke-table', (t) => t.dataset.rows), '75');
  assert.deepEqual(problems.filter((p) => !/favicon/.test(p)), []);
});
