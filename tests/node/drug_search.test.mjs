// The page's drug search (www/js/drug-search.js) against the package with its default catalogue:
// kana / kanji / code queries, the 【般】 notation and flags shown, the claim item picked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as santei from 'santei';
import { describeHit, drugItemFor } from '../../www/js/drug-search.js';

const { searchDrugs, evaluate, loadMaster } = santei;

test('searchDrugs finds ガスター散２％ by hiragana, half-width kana and code, with its 【般】 notation', () => {
  for (const q of ['がすたー散', 'ｶﾞｽﾀｰ散', '610406079']) {
    const r = searchDrugs(q, '2026-06-02', 10);
    assert.equal(r.status, 'ok', q);
    const hit = r.results.find((h) => h.drug.code === '610406079');
    assert.ok(hit, `${q}: ${JSON.stringify(r.results.map((h) => h.drug.name))}`);
    assert.equal(hit.notation, '【般】ファモチジン散２％');
    const info = describeHit(hit);
    assert.equal(info.title, 'ガスター散２％');
    assert.ok(info.badges.some((b) => b.key === 'addition-1-2'));
    assert.ok(info.badges.some((b) => b.key === 'has-generic'));
    assert.match(info.price, /円\/ｇ$/);
    assert.deepEqual(drugItemFor(hit, 'generic'), { drug: { code: '610406079' }, writtenAs: 'generic' });
  }
});

test('a biosimilar shows its flags; a 【般】 entry is picked by 一般名コード', () => {
  const r = searchDrugs('アダリムマブ', '2026-06-02', 200);
  assert.equal(r.status, 'ok');
  const bs = r.results.find((h) => h.drug.biosimilar === true);
  assert.ok(bs);
  assert.ok(describeHit(bs).badges.some((b) => b.key === 'biosimilar'));
  const gen = r.results.find((h) => !h.drug.code && h.drug.genericCode === '3999426GCZZZ');
  assert.ok(gen, 'the 一般名処方マスタ entry is searchable');
  assert.deepEqual(drugItemFor(gen), { drug: { genericCode: '3999426GCZZZ' }, writtenAs: 'generic' });
  const ev = evaluate({ serviceDate: '2026-06-02', prescriptions: [{ id: 'rx', dispensing: 'outside', items: [drugItemFor(gen)] }] });
  assert.equal(ev.status, 'ok');
  assert.ok(!ev.findings.some((f) => f.code === 'drug.unknown_code'));
});

test('searchDrugs never throws on junk and rejects a bad date with an envelope', () => {
  for (const q of [undefined, null, 42, {}, '', '　']) {
    assert.equal(searchDrugs(q).status, 'ok');
  }
  assert.equal(searchDrugs('ガスター', '2026-13-45').status, 'error');
});

test('loadMaster: a malformed file names line and column and leaves the catalogue as it was', () => {
  const before = searchDrugs('610406079', '2026-06-02', 5).results.length;
  const bad = new TextEncoder().encode('区分,一般名コード\n内服,123\n');
  const r = loadMaster('mhlw-ippanmei', bad, '2026-07-01');
  assert.equal(r.status, 'error');
  assert.equal(r.errors[0].code, 'invalid_master');
  assert.match(r.errors[0].path, /^line \d+, column \d+$/);
  assert.equal(loadMaster('no-such-kind', bad).status, 'error');
  assert.equal(loadMaster('ssk-drug', 'not bytes either').status, 'error');
  assert.equal(searchDrugs('610406079', '2026-06-02', 5).results.length, before);
});
