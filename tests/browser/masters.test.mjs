// The マスター tab in headless Chromium (issue #4 points 1, 4: masters as users download them,
// loadMaster errors naming line and column with the catalogue unchanged): the releases of the
// default catalogue are listed; the MHLW 一般名処方マスタ XLSX as published is added through the
// on-demand unpack module, which is not fetched before a ZIP/XLSX is given; a broken file is
// refused with its error and changes nothing; the UKE worker is given the added files too.
// Zero console errors, failed requests or requests to another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { setup, screenshot, gotoReady, ROOT } from './lib.mjs';

const XLSX = join(ROOT, 'data/masters/mhlw/ippanmeishohoumaster_250814.xlsx');
const SSK_ZIP = join(ROOT, 'data/masters/ssk/y_ALL20240321.zip');
const UKE = join(ROOT, 'data/masters/uke/RECEIPTC_GAIRAI_SAMPLE.UKE');

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.done(); });

test('list the loaded releases, add the XLSX as published, refuse a broken ZIP', async () => {
  const { page, problems } = env;
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await gotoReady(page, env.url('/www/#masters'));
  const rows = page.locator('#master-releases tbody tr');
  await rows.first().waitFor();
  const before = await rows.count();
  assert.ok(before >= 3, `${before} releases from the default catalogue`);
  assert.ok(await page.locator('#master-releases tr[data-kind="ssk-drug"][data-release="2024-03-21"]').count());
  assert.ok(!requests.some((u) => u.includes('/pkg/unpack/')), 'the unpack module is not fetched up front');

  await page.setInputFiles('#master-file', XLSX);
  await page.click('#master-load');
  const ok = page.locator('#master-results > li.ok', { hasText: 'ippanmeishohoumaster_250814.xlsx' });
  await ok.waitFor({ timeout: 30000 });
  assert.match(await ok.textContent(), /XLSXを変換/);
  assert.match(await ok.textContent(), /一般名処方マスタ（厚労省） 2025-08-14/);
  const added = page.locator('#master-releases tr[data-kind="mhlw-ippanmei"][data-release="2025-08-14"]');
  assert.match(await added.textContent(), /ippanmeishohoumaster_250814\.xlsx/);
  assert.ok(requests.some((u) => u.endsWith('/pkg/unpack/santei_unpack_bg.wasm')), 'fetched when needed');
  const after1 = await rows.count();
  assert.ok(after1 >= before, 'the edition is listed');
  assert.match(await page.textContent('#version'), /mhlw-ippanmei 2025-08-14/);

  // A truncated SSK ZIP: refused, named, nothing changes.
  const truncated = readFileSync(SSK_ZIP).subarray(0, 4096);
  await page.setInputFiles('#master-file', { name: 'y_ALL20260101.zip', mimeType: 'application/zip', buffer: truncated });
  await page.click('#master-load');
  const bad = page.locator('#master-results > li.error', { hasText: 'y_ALL20260101.zip' });
  await bad.waitFor({ timeout: 30000 });
  assert.match(await bad.textContent(), /invalid_master/);
  assert.match(await bad.textContent(), /ZIP/);
  assert.equal(await rows.count(), after1, 'the catalogue is unchanged');

  await page.click('#lang-toggle');
  assert.match(await page.textContent('#master-results'), /XLSX converted/);
  await page.click('#lang-toggle');
  await screenshot(page, 'masters');
  assert.deepEqual(problems, []);
});

test('the UKE tab checks with the masters added on the マスター tab', async () => {
  const { page, problems } = env;
  await page.click('[data-tab="uke"]');
  await page.setInputFiles('#uke-file', UKE);
  await page.waitForSelector('#uke-root[data-state="done"]', { timeout: 60000 });
  assert.match(await page.textContent('#uke-status'), /75 件のレセプト/);
  assert.deepEqual(problems, []);
});

// The page's own engine is the lean one until the 施設基準・入院 tab needs checkFacilityStandard:
// opening it upgrades to the full module, which must still have the catalogue and the XLSX added
// on the マスター tab above (pkg/web.js replays them into it).
test('the facility tab upgrades the page to the full module, keeping the masters added', async () => {
  const { page, problems } = env;
  const info = () => page.evaluate(async () => {
    const s = await import('/pkg/web.js');
    return {
      module: s.packageInfo().module,
      masters: s.version().masters.map((m) => `${m.name} ${m.release}`),
      facility: s.checkFacilityStandard({ date: '2026-06-01', ingredients: [] }).errors?.[0]?.code ?? 'ok',
    };
  });
  const lean = await info();
  assert.equal(lean.module, 'lean');
  assert.equal(lean.facility, 'not_available');
  assert.ok(lean.masters.includes('mhlw-ippanmei 2025-08-14'), lean.masters.join(', '));
  await page.click('[data-tab="facility"]');
  await page.locator('#bio-facility-check').waitFor({ timeout: 30000 });
  const full = await info();
  assert.equal(full.module, 'full');
  assert.notEqual(full.facility, 'not_available');
  assert.deepEqual(full.masters, lean.masters, 'the same master releases after the upgrade');
  assert.deepEqual(problems, []);
});
