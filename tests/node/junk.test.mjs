// Junk never throws or traps: every call returns an envelope naming the path, and the module
// keeps working afterwards (issue #2 item 8). The native twin is tests/junk.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, evaluateBatch } from 'santei';

const good = () => ({
  serviceDate: '2026-06-02',
  prescriptions: [{ id: 'rx-1', dispensing: 'outside',
    items: [{ drug: { genericName: 'x', route: 'internal' }, days: 7 }] }],
});
const okTotal = evaluate(good()).totalPoints;

function assertError(input, code, path) {
  let r;
  assert.doesNotThrow(() => { r = evaluate(input); });
  assert.equal(r.status, 'error', `expected an error for ${String(typeof input === 'string' ? input.slice(0, 80) : typeof input)}: ${JSON.stringify(r).slice(0, 300)}`);
  assert.ok(Array.isArray(r.errors) && r.errors.length > 0);
  for (const e of r.errors) {
    assert.equal(typeof e.code, 'string');
    assert.equal(typeof e.message, 'string');
    assert.equal(typeof e.path, 'string');
  }
  if (code !== undefined) assert.equal(r.errors[0].code, code, JSON.stringify(r));
  if (path !== undefined) assert.equal(r.errors[0].path, path, JSON.stringify(r));
  // The module still works.
  assert.equal(evaluate(good()).totalPoints, okTotal);
  return r;
}

test('JS values that are not JSON give invalid_input, never a throw', () => {
  assertError(undefined, 'invalid_input', '');
  assertError(null, 'invalid_input', '');
  const cyclic = good();
  cyclic.self = cyclic;
  assertError(cyclic, 'invalid_input', '');
  assertError(10n, 'invalid_input', '');
  assertError({ ...good(), serviceDate: 20260602n }, 'invalid_input', '');
  assertError(Symbol('claim'), 'invalid_input', '');
  assertError(() => good(), 'invalid_input', '');
  assertError({ toJSON() { throw new Error('boom'); } }, 'invalid_input', '');
  const hostile = new Proxy({}, { ownKeys() { throw new Error('trap'); } });
  assertError(hostile, 'invalid_input', '');
});

test('JS values that stringify to the wrong JSON give errors', () => {
  for (const v of [0, 1.5, NaN, Infinity, true, [], [good()], new Date(0), new Map(), /re/, new Uint8Array(4)]) {
    assertError(v);
  }
  assertError({}, 'invalid_claim', '');
  // Functions and undefined inside objects are dropped by JSON: the missing field is named.
  assertError({ serviceDate: undefined, prescriptions: [] }, 'invalid_claim', '');
});

test('non-JSON text gives invalid_json', () => {
  for (const t of ['', ' ', '{', 'not json', '{"serviceDate":', "{'a':1}", `${JSON.stringify(good())} trailing`]) {
    assertError(t, 'invalid_json');
  }
});

test('wrong types, missing fields, unknown fields name the path', () => {
  const cases = [
    [(c) => { c.serviceDate = 20260602; }, 'serviceDate'],
    [(c) => { c.prescriptions[0].dispensing = 'mail'; }, 'prescriptions[0].dispensing'],
    [(c) => { c.prescriptions[0].dispensing = null; }, 'prescriptions[0].dispensing'],
    [(c) => { delete c.prescriptions[0].dispensing; }, 'prescriptions[0]'],
    [(c) => { c.prescriptions[0].items[0].days = '7'; }, 'prescriptions[0].items[0].days'],
    [(c) => { c.prescriptions[0].items[0].days = -1; }, 'prescriptions[0].items[0].days'],
    [(c) => { c.prescriptions[0].items[0].drug.route = 'nasal'; }, 'prescriptions[0].items[0].drug.route'],
    [(c) => { c.prescriptions[0].items[0].drug.colour = 'red'; }, 'prescriptions[0].items[0].drug.colour'],
    [(c) => { c.facility = { licensedBeds: 'many' }; }, 'facility.licensedBeds'],
    [(c) => { c.billed = [{ code: 120004270 }]; }, 'billed[0].code'],
  ];
  for (const [mutate, path] of cases) {
    const c = good();
    mutate(c);
    assertError(c, 'invalid_claim', path);
  }
});

test('huge numbers and invalid dates', () => {
  for (const days of [2 ** 32, Number.MAX_SAFE_INTEGER, 1e300, 1.5]) {
    const c = good();
    c.prescriptions[0].items[0].days = days;
    assertError(c, 'invalid_claim', 'prescriptions[0].items[0].days');
  }
  for (const q of ['1e40', '79228162514264337593543950336', 1e300, '1'.repeat(41)]) {
    const c = good();
    c.prescriptions[0].items[0].dailyQuantity = q;
    assertError(c, 'invalid_claim', 'prescriptions[0].items[0].dailyQuantity');
  }
  for (const d of ['2026-02-30', '2026-13-01', '2026-6-2', '2026/06/02', '', '2026-06-02T00:00:00']) {
    assertError({ ...good(), serviceDate: d }, 'invalid_claim', 'serviceDate');
  }
  assertError({ ...good(), serviceDate: '2024-05-31' }, 'date_not_covered', 'serviceDate');
});

test('deeply nested JSON (100k brackets) is an error, not a stack overflow', () => {
  assertError('['.repeat(100_000));
  assertError('['.repeat(100_000) + ']'.repeat(100_000));
  const text = JSON.stringify(good()).slice(0, -1) + ',"remarks":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
  const r = assertError(text, 'invalid_claim');
  assert.match(r.errors[0].path, /^remarks/);
  // A deeply nested JS object: JSON.stringify itself overflows; still an envelope.
  let deep = {};
  const root = deep;
  for (let i = 0; i < 200_000; i++) { deep.a = {}; deep = deep.a; }
  assertError({ ...good(), remarks: [root] });
  const b = evaluateBatch('['.repeat(100_000));
  assert.equal(b.status, 'error');
});

test('huge strings: over the size limit is too_large; long values are fine', () => {
  const c = good();
  c.prescriptions[0].id = 'x'.repeat(4 * 1024 * 1024 + 1);
  assertError(c, 'too_large', '');
  const d = good();
  d.prescriptions[0].items[0].drug.genericName = '薬'.repeat(100_000);
  assert.equal(evaluate(d).status, 'ok');
  assertError('"' + 'a'.repeat(1_000_000), 'invalid_json');
});

test('a thousand junk calls in a row leave the module working', () => {
  const junk = [undefined, null, 1, 'x', '[', {}, [], { serviceDate: 'x' }, Symbol('s')];
  for (let i = 0; i < 1000; i++) {
    assert.equal(evaluate(junk[i % junk.length]).status, 'error');
  }
  assert.equal(evaluate(good()).status, 'ok');
});
