// The golden cases (tests/cases/**/*.json) against pkg/ in Node: the same files the Rust runner
// (tests/golden.rs) reads. Each evaluation must equal the blessed `output` snapshot exactly, meet
// the hand-written `expect`, and be byte for byte the JSON the native CLI prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as santei from 'santei';
import { loadCases, canonical, checkExpect, nativeBin, runNative, nativeEvaluateAll, CASE_KINDS, kindOf } from './lib.mjs';

/** The package's answer to a case's input of `kind` (CASE_KINDS). */
const run = (kind, input) => santei[CASE_KINDS[kind].fn](input);

/** `claims` cases: expect.results[i] per claim; `facility` cases: outcome and ingredients. */
function checkAny(kind, expect, actual) {
  if (kind === 'claims' && (expect.status ?? 'ok') === 'ok') {
    const want = expect.results ?? [];
    const got = actual.results ?? [];
    const bad = want.length === got.length ? [] : [`results: expected ${want.length}, got ${got.length}`];
    want.forEach((w, i) => { if (got[i]) bad.push(...checkExpect(w, got[i]).map((b) => `results[${i}]: ${b}`)); });
    return bad;
  }
  const bad = checkExpect(expect, actual);
  if (kind === 'facility' && actual.status === 'ok') {
    if ('outcome' in expect && actual.outcome !== expect.outcome) bad.push(`outcome: expected ${expect.outcome}, got ${actual.outcome}`);
    for (const w of expect.ingredients ?? []) {
      const g = (actual.ingredients ?? []).find((x) => x.id === w.id);
      if (!g) { bad.push(`ingredient ${w.id} missing`); continue; }
      for (const key of ['status', 'share', 'threshold', 'shortfall', 'total']) {
        if (key in w && g[key] !== w[key]) bad.push(`ingredient ${w.id} ${key}: expected ${w[key]}, got ${g[key]}`);
      }
    }
  }
  return bad;
}

const cases = loadCases();

test('there are golden cases', () => {
  assert.ok(cases.length > 0, 'no files under tests/cases');
});

for (const { file, case: c } of cases) {
  test(`golden ${file}`, () => {
    const kind = kindOf(c);
    assert.ok(kind, `${file}: needs \`claim\`, \`claims\` or \`facility\``);
    for (const key of ['name', 'source', 'expect', 'output']) {
      assert.ok(key in c, `${file}: missing \`${key}\``);
    }
    const result = run(kind, c[kind]);
    assert.equal(Object.getPrototypeOf(result), Object.prototype, 'a plain object');
    const bad = checkAny(kind, c.expect, result);
    assert.deepEqual(bad, [], `${file}: expect not met`);
    // Snapshots are written by serde_json (keys sorted): compare in that form, exactly.
    assert.equal(canonical(result), canonical(c.output), `${file}: differs from the blessed output`);
    // Input given as JSON text gives the same answer as objects.
    assert.equal(JSON.stringify(run(kind, JSON.stringify(c[kind]))), JSON.stringify(result));
  });
}

test('Node output equals the native CLI output byte for byte', (t) => {
  const bin = nativeBin();
  if (!bin) {
    t.skip('no native santei binary (run cargo build); scripts/test.sh always has one');
    return;
  }
  const claimCases = cases.filter(({ case: c }) => kindOf(c) === 'claim');
  const natives = nativeEvaluateAll(bin, claimCases.map(({ case: c }) => c.claim));
  claimCases.forEach(({ file, case: c }, i) => {
    assert.equal(JSON.stringify(santei.evaluate(c.claim)), natives[i], `${file}: Node and native differ`);
  });
  for (const { file, case: c } of cases.filter(({ case: x }) => kindOf(x) !== 'claim')) {
    const kind = kindOf(c);
    const native = runNative(bin, [CASE_KINDS[kind].cli, '-'], JSON.stringify(c[kind]));
    assert.equal(JSON.stringify(run(kind, c[kind])), native, `${file}: Node and native differ`);
  }
});
