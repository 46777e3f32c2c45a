// Issue #5.4: the biosimilar views in a real headless Chromium, under the strict CSP a hospital
// portal uses. The user enters per-ingredient quantities and sees bars for R6 and R8 side by side
// with pass / fail / deemed labels; a CSV upload fills the table; the admission form answers the
// A243-2 billing day. Zero console errors, page errors and CSP violations; a screenshot is kept in
// target/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, STRICT_CSP, serve, launch, watchedPage } from './portal_lib.mjs';

const built = existsSync(path.join(ROOT, 'pkg/web/santei_bg.wasm'));
let server;
let browser;

before(async () => {
  assert.ok(built, 'pkg/ is not built: run `npm run build` first');
  server = await serve(ROOT, { headers: { 'Content-Security-Policy': STRICT_CSP } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Each chart's rows as {revision: {id: status}}. */
async function charts(page) {
  return page.evaluate(() => {
    const out = {};
    for (const svg of document.querySelectorAll('#bio-facility-results svg.bio-chart')) {
      const rows = {};
      for (const g of svg.querySelectorAll('g.bio-row')) {
        rows[g.dataset.id] = {
          status: g.dataset.status,
          share: g.dataset.share,
          width: Number(g.querySelector('.bio-bar').getAttribute('width')),
          label: g.querySelector('.bio-label').textContent,
        };
      }
      out[svg.dataset.revision] = { outcome: svg.dataset.outcome, rows };
    }
    return out;
  });
}

test('facility standard: quantities in, R6 and R8 bars side by side with pass/fail labels', async () => {
  const { page, seen } = await watchedPage(browser.context);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.url}/www/bio/index.html`);
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });

  const fill = async (id, o, b) => {
    await page.fill(`#bio-facility-form input[name="o-${id}"]`, o);
    await page.fill(`#bio-facility-form input[name="b-${id}"]`, b);
  };
  await fill('epoetin', '20', '80');
  await fill('rituximab', '50', '50');
  await fill('ranibizumab', '40', '60');
  await fill('insulin_glargine', '300', '10');
  await page.fill('#bio-filed-since', '2025-04-01');
  await page.fill('#bio-use-count', '150');
  await page.click('#bio-facility-check');
  await page.waitForSelector('#bio-facility-results svg.bio-chart[data-revision="R08"]');

  const c = await charts(page);
  assert.deepEqual(Object.keys(c).sort(), ['R06', 'R08'], 'two charts, R6 and R8');
  // R6: 13 listed ingredients; R8: 20.
  assert.equal(Object.keys(c.R06.rows).length, 13);
  assert.equal(Object.keys(c.R08.rows).length, 20);
  assert.equal(c.R06.rows.epoetin.status, 'pass');
  assert.equal(c.R08.rows.epoetin.status, 'pass');
  assert.equal(c.R06.rows.rituximab.status, 'fail');
  assert.match(c.R06.rows.rituximab.label, /未達/);
  assert.match(c.R06.rows.rituximab.label, /不足 30/);
  // ranibizumab: 50 % list in R6 (60 % passes), 80 % list in R8 (deemed under the transitional measure)
  assert.equal(c.R06.rows.ranibizumab.status, 'pass');
  assert.equal(c.R08.rows.ranibizumab.status, 'deemed');
  assert.equal(c.R08.rows.insulin_glargine.status, 'deemed');
  assert.ok(!('insulin_glargine' in c.R06.rows), 'insulin glargine is not on the R6 lists');
  assert.ok(c.R06.rows.epoetin.width > c.R06.rows.rituximab.width, 'bars are proportional');
  assert.match(c.R06.rows.epoetin.label, /達成/);
  assert.equal(c.R06.outcome, 'ineligible');
  assert.equal(c.R08.outcome, 'ineligible');
  const sideBySide = await page.evaluate(() => {
    const [a, b] = [...document.querySelectorAll('#bio-facility-results .bio-col')].map((e) => e.getBoundingClientRect());
    return a && b && Math.abs(a.top - b.top) < 2 && b.left > a.right - 1;
  });
  assert.ok(sideBySide, 'R6 and R8 columns sit side by side');

  // CSV upload fills the table and re-checks.
  await page.setInputFiles('#bio-csv', {
    name: 'quantities.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('成分,先行,後続\nリツキシマブ,10,90\nトシリズマブ,100,100\n', 'utf8'),
  });
  await page.waitForFunction(() => document.querySelector('#bio-facility-form input[name="b-rituximab"]').value === '90');
  const c2 = await charts(page);
  assert.equal(c2.R06.rows.rituximab.status, 'pass');
  assert.equal(c2.R08.rows.tocilizumab.status, 'pass');

  // The admission form: E16 defaults → 100 points on the discharge day.
  await page.click('#bio-admission-check');
  await page.waitForSelector('#bio-admission-results[data-status="ok"]');
  const lines = await page.getAttribute('#bio-admission-results .bio-outcome', 'data-lines');
  assert.equal(lines, '2026-06-20:100');

  mkdirSync(path.join(ROOT, 'target/screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'target/screenshots/bio-facility.png'), fullPage: true });

  const errors = seen.console.filter((m) => m.type === 'error');
  assert.deepEqual(errors, [], 'console errors');
  assert.deepEqual(seen.errors, [], 'page errors');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
  const foreign = seen.requests.filter((u) => !u.startsWith(`${server.url}/`));
  assert.deepEqual(foreign, [], 'requests to another origin');
  await page.close();
});
