// Issue #5.4 in the main page: the 施設基準・入院 tab mounts the admission form and the
// facility-standard view (www/js/facility.js → www/bio/). Quantities in → R6 and R8 bar charts
// side by side with pass/fail labels; the admission form gives E16's discharge-day line.
// Expected values come from the package itself (pkg/node), so the test follows the rules.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkFacilityStandard } from 'santei';
import { setup, gotoReady, screenshot } from './lib.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.done(); });

test('facility tab: R6 and R8 charts side by side, admission form', async () => {
  const { page, problems } = env;
  await gotoReady(page, env.url('/www/#facility'));
  await page.click('[data-tab="facility"]');
  await page.waitForSelector('#tab-facility #bio-facility-form');

  const q = { epoetin: ['20', '80'], rituximab: ['50', '50'], ranibizumab: ['40', '60'] };
  for (const [id, [o, b]] of Object.entries(q)) {
    await page.fill(`#bio-facility-form input[name="o-${id}"]`, o);
    await page.fill(`#bio-facility-form input[name="b-${id}"]`, b);
  }
  await page.fill('#bio-use-count', '150');
  await page.click('#bio-facility-check');
  await page.waitForSelector('#bio-facility-results svg.bio-chart[data-revision="R08"]');

  const shown = await page.evaluate(() => {
    const out = {};
    for (const svg of document.querySelectorAll('#bio-facility-results svg.bio-chart')) {
      out[svg.dataset.revision] = Object.fromEntries(
        [...svg.querySelectorAll('g.bio-row')].map((g) => [g.dataset.id, g.dataset.status]));
    }
    return out;
  });
  const ingredients = Object.entries(q).map(([ingredient, [originator, biosimilar]]) => ({ ingredient, originator, biosimilar }));
  for (const [rev, date] of [['R06', '2026-05-31'], ['R08', '2026-06-01']]) {
    const want = checkFacilityStandard({ date, filings: [], useCount: 150, ingredients });
    assert.equal(want.status, 'ok');
    for (const i of want.ingredients.filter((x) => x.threshold !== null)) {
      assert.equal(shown[rev][i.id], i.status, `${rev} ${i.id}`);
    }
  }
  assert.equal(shown.R06.rituximab, 'fail');
  assert.equal(shown.R06.ranibizumab, 'pass');
  assert.equal(shown.R08.ranibizumab, 'fail');
  const labels = await page.$$eval('#bio-facility-results .bio-label', (ls) => ls.map((l) => l.textContent).join(' '));
  assert.match(labels, /達成/);
  assert.match(labels, /未達/);

  await page.click('#bio-admission-check');
  await page.waitForSelector('#bio-admission-results[data-status="ok"]');
  assert.equal(await page.getAttribute('#bio-admission-results .bio-outcome', 'data-lines'), '2026-06-20:100');
  await screenshot(page, 'bio-facility-tab');
  assert.deepEqual(problems, []);
});
