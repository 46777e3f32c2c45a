// The page (www/) in headless Chromium: build a claim in the form, read the answer on screen,
// switch to English, paste a bad claim and see the error envelope, go through the examples and
// tabs. Expected values come from the same package in Node (pkg/node), so the page must show
// exactly what evaluate() returns. Any console error or non-local request fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from 'santei';
import { setup, screenshot, gotoReady, ROOT } from './lib.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.done(); });

const field = (path) => `#tab-claim [data-path="${path}"]`;

/** The result panel as data: status, total, line items/points, finding codes, error codes/paths. */
async function shown(page) {
  return page.evaluate(() => {
    const r = document.querySelector('#claim-result .result');
    const cells = (sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent.trim());
    return {
      status: r?.dataset.status ?? null,
      total: document.querySelector('#claim-result .total-points')?.textContent ?? null,
      lines: [...document.querySelectorAll('#claim-result table.lines tbody tr')].map((tr) =>
        `${tr.querySelector('.item').textContent} ${tr.querySelector('.points').textContent}`),
      findings: [...document.querySelectorAll('#claim-result li.finding')].map((li) => li.dataset.code),
      messages: cells('#claim-result .finding-message'),
      errors: [...document.querySelectorAll('#claim-result .errors-table tbody tr')].map((tr) =>
        `${tr.dataset.code} ${tr.querySelector('.path').textContent}`),
    };
  });
}

function expected(claim) {
  const r = evaluate(claim);
  return {
    status: r.status,
    total: r.totalPoints ?? null,
    lines: (r.lines ?? []).map((l) => `${l.item} ${l.points}`),
    findings: (r.findings ?? []).map((f) => f.code),
    result: r,
  };
}

test('the page loads under the strict CSP with no errors, with the lean engine only', async () => {
  const { page, problems } = env;
  const requests = [];
  const onRequest = (r) => requests.push(new URL(r.url()).pathname);
  page.on('request', onRequest);
  const res = await gotoReady(page, env.url('/www/'));
  assert.equal(res.status(), 200);
  if (env.server.kind === 'santei serve') {
    assert.match(res.headers()['content-security-policy'] ?? '', /script-src 'self' 'wasm-unsafe-eval'/);
  }
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  assert.equal((await page.textContent('[data-tab="claim"]')).trim(), '請求チェック');
  // The first example is shown at start-up.
  await page.waitForSelector('#claim-result .result');
  // The claim tab runs on the lean engine: the full module (UKE, patients, facility standards)
  // is not downloaded (ARCHITECTURE.md, Size budget).
  page.off('request', onRequest);
  assert.ok(requests.includes('/pkg/web/santei_bg.wasm'), 'the engine is fetched');
  assert.deepEqual(requests.filter((u) => u.startsWith('/pkg/full/')), [], 'nothing of the full module');
  assert.equal(await page.evaluate(async () => (await import('/pkg/web.js')).packageInfo().module), 'lean');
  assert.deepEqual(problems, []);
});

test('a claim built in the form shows its lines, total and findings', async () => {
  const { page, problems } = env;
  await page.click('#reset');
  await page.fill(field('serviceDate'), '2026-06-02');
  await page.selectOption(field('facility.genericNamePrescribingNotice'), 'true');
  await page.selectOption(field('prescriptions.0.dispensing'), 'outside');
  const drugs = [
    { name: '【般】セレコキシブ錠１００ｍｇ', genericName: 'セレコキシブ', genericCode: '1149037F1ZZZ', q: '2', dose: '朝夕食後' },
    { name: '【般】ロスバスタチン錠２．５ｍｇ', genericName: 'ロスバスタチンカルシウム', genericCode: '2189017F1ZZZ', q: '1', dose: '夕食後' },
  ];
  for (const [j, d] of drugs.entries()) {
    if (j > 0) await page.click('#tab-claim .rx .add-item');
    const p = `prescriptions.0.items.${j}`;
    await page.fill(field(`${p}.drug.name`), d.name);
    await page.fill(field(`${p}.drug.genericCode`), d.genericCode);
    await page.fill(field(`${p}.drug.genericName`), d.genericName);
    await page.selectOption(field(`${p}.drug.route`), 'internal');
    await page.selectOption(field(`${p}.drug.hasGeneric`), 'true');
    await page.selectOption(field(`${p}.drug.additionFlag`), '1,2');
    await page.selectOption(field(`${p}.writtenAs`), 'generic');
    await page.selectOption(field(`${p}.use`), 'regular');
    await page.fill(field(`${p}.days`), '14');
    await page.fill(field(`${p}.dailyQuantity`), d.q);
    await page.fill(field(`${p}.doseGroup`), d.dose);
  }
  await page.click('#evaluate');
  const claim = {
    serviceDate: '2026-06-02',
    facility: { kind: 'clinic', genericNamePrescribingNotice: true },
    prescriptions: [{ id: 'rx-1', dispensing: 'outside', items: drugs.map((d) => ({
      drug: { name: d.name, genericCode: d.genericCode, genericName: d.genericName, route: 'internal', hasGeneric: true, additionFlag: '1,2' },
      writtenAs: 'generic', use: 'regular', days: 14, dailyQuantity: d.q, doseGroup: d.dose,
    })) }],
  };
  // The JSON view holds exactly the claim the form built.
  await page.click('#mode-json');
  assert.deepEqual(JSON.parse(await page.inputValue('#claim-json')), claim);
  await page.click('#mode-form');

  const want = expected(claim);
  const got = await shown(page);
  assert.equal(got.status, 'ok');
  assert.equal(got.total, want.total);
  assert.deepEqual(got.lines, want.lines);
  assert.deepEqual(got.findings, want.findings);
  // The law's fixed point: one outside slip on an R08 date bills 処方箋料3 at 60.
  assert.ok(got.lines.includes('F400-3 60'), got.lines.join());
  assert.equal(await page.textContent('#claim-result .revision'), 'R08');
  // Findings show their Japanese text, and their basis.
  assert.deepEqual(got.messages, want.result.findings.map((f) => f.message.ja));
  assert.ok(await page.locator('#claim-result table.lines cite').count() > 0, 'lines cite their basis');
  await screenshot(page, 'claim-form-ja');
  assert.deepEqual(problems, []);
});

test('the English toggle translates the page and the findings', async () => {
  const { page, problems } = env;
  await page.click('#lang-toggle');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.textContent('[data-tab="claim"]')).trim(), 'Claim check');
  assert.equal((await page.textContent('#evaluate')).trim(), 'Evaluate');
  assert.equal(await page.inputValue('#example-select'), '', 'a cleared form names no example');
  const claim = JSON.parse(await (async () => {
    await page.click('#mode-json');
    const v = await page.inputValue('#claim-json');
    await page.click('#mode-form');
    return v;
  })());
  const got = await shown(page);
  assert.deepEqual(got.messages, expected(claim).result.findings.map((f) => f.message.en));
  assert.match(await page.textContent('#claim-result'), /Billable lines/);
  await screenshot(page, 'claim-form-en');
  await page.click('#lang-toggle');
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  assert.deepEqual(problems, []);
});

test('a pasted bad claim shows the error envelope with its path', async () => {
  const { page, problems } = env;
  await page.click('#mode-json');
  const bad = [
    ['{"serviceDate":"2026-02-30","prescriptions":[]}', 'invalid_claim serviceDate'],
    ['{"serviceDate":"2026-06-02","prescriptions":[{"dispensing":"mail"}]}', 'invalid_claim prescriptions[0].dispensing'],
    ['{"serviceDate": ', 'invalid_json serviceDate'],
    ['not json', 'invalid_json (root)'],
  ];
  for (const [text, err] of bad) {
    await page.fill('#claim-json', text);
    await page.click('#evaluate');
    const got = await shown(page);
    assert.equal(got.status, 'error', text);
    assert.deepEqual(got.errors, [err]);
    assert.deepEqual(got.errors, expected(text).result.errors.map((e) => `${e.code} ${e.path || '(root)'}`));
  }
  await screenshot(page, 'claim-error');
  // Invalid JSON cannot go back to the form: the page says so and stays in JSON mode.
  await page.click('#mode-form');
  assert.equal(await page.isVisible('#claim-json'), true);
  assert.ok((await page.textContent('.json-msg')).length > 0);
  // A good claim pasted as JSON evaluates and fills the form.
  const claim = { serviceDate: '2026-06-02', prescriptions: [{ id: 'rx-9', dispensing: 'outside', items: [] }] };
  await page.fill('#claim-json', JSON.stringify(claim));
  await page.click('#evaluate');
  assert.equal((await shown(page)).total, expected(claim).total);
  await page.click('#mode-form');
  assert.equal(await page.inputValue(field('prescriptions.0.id')), 'rx-9');
  assert.deepEqual(problems, []);
});

test('every preloaded example evaluates on screen as in Node', async () => {
  const { page, problems } = env;
  const index = JSON.parse(readFileSync(join(ROOT, 'www/examples/index.json'), 'utf8'));
  assert.ok(index.length >= 5);
  for (const [i, e] of index.entries()) {
    const claim = JSON.parse(readFileSync(join(ROOT, 'www/examples', e.file), 'utf8'));
    await page.selectOption('#example-select', String(i));
    const got = await shown(page);
    const want = expected(claim);
    assert.equal(got.status, 'ok', `${e.file}: ${JSON.stringify(want.result.errors ?? '')}`);
    assert.equal(got.total, want.total, e.file);
    assert.deepEqual(got.lines, want.lines, e.file);
    assert.deepEqual(got.findings, want.findings, e.file);
  }
  await page.selectOption('#example-select', '0');
  await screenshot(page, 'example');
  assert.deepEqual(problems, []);
});

test('the other tabs open without errors', async () => {
  const { page, problems } = env;
  for (const tab of ['rules', 'uke', 'facility', 'claim']) {
    await page.click(`[data-tab="${tab}"]`);
    await page.waitForSelector(`#tab-${tab}:not([hidden])`);
    assert.ok((await page.textContent(`#tab-${tab}`)).trim().length > 0, tab);
  }
  await page.click('[data-tab="rules"]');
  assert.ok(await page.locator('#tab-rules table.rules-params tbody tr').count() > 0);
  await page.click('[data-tab="claim"]');
  assert.deepEqual(problems, []);
});
