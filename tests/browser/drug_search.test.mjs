// The drug search in the claim builder (www/js/drug-search.js) in headless Chromium: the page
// loads the default catalogue from pkg/catalog/, a hiragana query finds ガスター散２％ with its
// 【般】 notation and flags, and picking it puts the drug into the claim by code. Zero console
// errors or failed requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, screenshot, gotoReady } from './lib.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.done(); });

test('search by kana, see the 【般】 notation and flags, add the drug by code', async () => {
  const { page, problems } = env;
  await gotoReady(page, env.url('/www/'));
  const input = await page.waitForSelector('#drug-search-input');
  await input.fill('がすたー散');
  const item = page.locator('#drug-search-results li', { hasText: 'ガスター散２％' }).first();
  await item.waitFor({ timeout: 20000 });
  const text = await item.textContent();
  assert.match(text, /【般】ファモチジン散２％/);
  assert.match(text, /一般名処方加算1・2/);
  assert.match(text, /先発品（後発品あり）/);
  await item.locator('button', { hasText: '一般名で追加' }).click();
  await page.click('#mode-json');
  const json = JSON.parse(await page.inputValue('#claim-json'));
  const items = json.prescriptions[0].items;
  assert.deepEqual(items[items.length - 1].drug, { code: '610406079' });
  assert.equal(items[items.length - 1].writtenAs, 'generic');
  await screenshot(page, 'drug-search');
  assert.deepEqual(problems, []);
});
