// The golden cases (tests/cases/**/*.json) against pkg/ in Node: the same files the Rust runner
// (tests/golden.rs) reads. Each evaluation must equal the blessed `output` snapshot exactly, meet
// the hand-written `expect`, and be byte for byte the JSON the native CLI prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from 'santei';
import { loadCases, canonical, checkExpect, nativeBin, runNative } from './lib.mjs';

const cases = loadCases();

test('there are golden cases', () => {
  assert.ok(cases.length > 0, 'no files under tests/cases');
});

for (const { file, case: c } of cases) {
  test(`golden ${file}`, () => {
    for (const key of ['name', 'source', 'claim', 'expect', 'output']) {
      assert.ok(key in c, `${file}: missing \`${key}\``);
    }
    const result = evaluate(c.claim);
    assert.equal(Object.getPrototypeOf(result), Object.prototype, 'a plain object');
    const bad = checkExpect(c.expect, result);
    assert.deepEqual(bad, [], `${file}: expect not met`);
    // Snapshots are written by serde_json (keys sorted): compare in that form, exactly.
    assert.equal(canonical(result), canonical(c.output), `${file}: differs from the blessed output`);
    // Claims given as JSON text give the same answer as objects.
    assert.equal(JSON.stringify(evaluate(JSON.stringify(c.claim))), JSON.stringify(result));
  });
}

test('Node output equals the native CLI output byte for byte', (t) => {
  const bin = nativeBin();
  if (!bin) {
    t.skip('no native santei binary (run cargo build); scripts/test.sh always has one');
    return;
  }
  for (const { file, case: c } of cases) {
    const text = JSON.stringify(c.claim);
    const native = runNative(bin, ['evaluate', '-'], text);
    assert.equal(JSON.stringify(evaluate(c.claim)), native, `${file}: Node and native differ`);
  }
});
