// The JS contract of pkg/ (../shared/spec/CONTRACT.md): evaluate, evaluateBatch, version, rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as santei from 'santei';
import { nativeBin, runNative } from './lib.mjs';

const { evaluate, evaluateBatch, version, rules } = santei;

const claim = {
  serviceDate: '2026-06-02',
  prescriptions: [{ id: 'rx-1', dispensing: 'outside', items: [] }],
};

test('the package exports the contract functions', () => {
  for (const name of ['evaluate', 'evaluateBatch', 'version', 'rules']) {
    assert.equal(typeof santei[name], 'function', name);
  }
});

test('evaluate returns a plain ok envelope with decimals as strings', () => {
  const r = evaluate(claim);
  assert.equal(r.status, 'ok');
  assert.equal(r.serviceDate, '2026-06-02');
  assert.match(r.revision, /^R0[68]$/);
  assert.ok(Array.isArray(r.lines) && Array.isArray(r.findings) && Array.isArray(r.billedCheck));
  assert.equal(typeof r.totalPoints, 'string');
  for (const l of r.lines) {
    assert.equal(typeof l.points, 'string');
    assert.match(l.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(Array.isArray(l.basis) && l.basis.length > 0, 'every line cites its basis');
  }
  // A claim given as JSON text is the same claim.
  assert.deepEqual(evaluate(JSON.stringify(claim)), r);
  // Stateless: the same claim gives the same answer again.
  assert.deepEqual(evaluate(claim), r);
});

test('evaluateBatch: a bad claim in the middle gives an error entry, the rest evaluate', () => {
  const bad = { serviceDate: '2026-02-30', prescriptions: [] };
  const r = evaluateBatch([claim, bad, 'not a claim', { ...claim, serviceDate: '2024-06-03' }]);
  assert.equal(r.status, 'ok');
  assert.equal(r.results.length, 4);
  assert.equal(r.results[0].status, 'ok');
  assert.deepEqual(r.results[0], evaluate(claim));
  assert.equal(r.results[1].status, 'error');
  assert.equal(r.results[1].errors[0].path, '[1].serviceDate');
  assert.equal(r.results[2].status, 'error');
  assert.equal(r.results[2].errors[0].path, '[2]');
  assert.equal(r.results[3].status, 'ok');
  assert.equal(r.results[3].revision, 'R06');
  // An error raised while evaluating (date_not_covered) is prefixed like a parse error.
  const early = evaluateBatch([claim, { ...claim, serviceDate: '2024-05-31' }]);
  assert.equal(early.results[1].errors[0].code, 'date_not_covered');
  assert.equal(early.results[1].errors[0].path, '[1].serviceDate');
  assert.deepEqual(evaluateBatch([]), { status: 'ok', results: [] });
  for (const junk of [{}, 'null', 1, '[', claim]) {
    const e = evaluateBatch(junk);
    assert.equal(e.status, 'error', JSON.stringify(junk));
    assert.equal(typeof e.errors[0].code, 'string');
  }
});

test('evaluateBatch equals the native `santei batch` byte for byte', (t) => {
  const bin = nativeBin();
  if (!bin) return t.skip('no native santei binary');
  const claims = [claim, { serviceDate: 'x' }, { ...claim, serviceDate: '2024-06-03' }];
  assert.equal(JSON.stringify(evaluateBatch(claims)), runNative(bin, ['batch', '-'], JSON.stringify(claims)));
});

test('version() names the crate, the revisions and their dates', () => {
  const v = version();
  assert.equal(v.status, 'ok');
  assert.equal(v.name, 'santei');
  assert.match(v.version, /^\d+\.\d+\.\d+/);
  assert.equal(v.schemaVersion, 1);
  const ids = v.revisions.map((r) => r.id);
  assert.ok(ids.includes('R06') && ids.includes('R08'), ids.join());
  const r08 = v.revisions.find((r) => r.id === 'R08');
  assert.equal(r08.from, '2026-06-01');
  assert.equal(v.revisions.find((r) => r.id === 'R06').from, '2024-06-01');
  assert.ok(Array.isArray(v.masters));
});

test('rules() lists parameters, items and findings, each value with its citation', () => {
  const r = rules();
  assert.equal(r.status, 'ok');
  for (const k of ['sources', 'params', 'items', 'findings']) assert.ok(Array.isArray(r[k]), k);
  assert.ok(r.params.length > 0 && r.items.length > 0);
  for (const p of r.params) {
    assert.equal(typeof p.id, 'string');
    for (const v of p.values) {
      assert.ok(v.doc && v.at && v.law, `${p.id} ${v.from}: doc/at/law`);
      // `<file> L<n>`, or `<file> [src FILE.pdf:PAGE te.txt:LINE]` for the 施設基準通知 transcriptions
      // (block markers instead of line numbers; tests/law_data.rs checks the quote in the block).
      assert.match(v.law, / L\d+| \[src [^\]]+\]$/, `${p.id}: law line`);
    }
  }
  for (const f of r.findings) assert.ok(f.code && f.ja && f.en, f.code);
  assert.ok(r.items.some((i) => i.item === 'F400-3'));
});

test('version and rules equal the native CLI output', (t) => {
  const bin = nativeBin();
  if (!bin) return t.skip('no native santei binary');
  assert.equal(JSON.stringify(version()), runNative(bin, ['version']));
  assert.equal(JSON.stringify(rules()), runNative(bin, ['rules']));
});
