// The lean engine (pkg/web/santei_bg.wasm, what a browser's `init()` loads) against the golden
// cases: the same Rust code as the full module Node runs, built without checkUke, evaluatePatient
// and checkFacilityStandard (scripts/build-wasm.sh). Every `claim` case must give the blessed
// output and the native CLI's JSON byte for byte; the full-only functions answer `not_available`
// with the way to get them; after `init({ full: true })` every case (patients and facility
// standards too) gives the blessed output, with the catalogue the engine had.
// Loaded through the browser entry (santei/web) with the inlined wasm (santei/inline), as a host
// that wants no .wasm request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as santei from 'santei/web';
import { wasmBytes } from 'santei/inline';
import { ROOT, loadCases, canonical, nativeBin, runNative, nativeEvaluateAll, CASE_KINDS, kindOf } from './lib.mjs';

const PKG = join(ROOT, 'pkg');
const catalogFile = join(PKG, 'catalog/santei-catalog.bin');
// The Node entry loads the catalogue on import when the package ships one; so does this.
const catalog = existsSync(catalogFile) ? new Uint8Array(readFileSync(catalogFile)) : false;
const inlined = wasmBytes();
const lean = await santei.init({ wasm: inlined, catalog });

const cases = loadCases();
const claimCases = cases.filter(({ case: c }) => kindOf(c) === 'claim');

test('the lean engine is loaded, with the catalogue when the package ships one', () => {
  assert.equal(lean.status, 'ok', JSON.stringify(lean));
  assert.equal(lean.module, 'lean');
  assert.ok(Buffer.from(inlined).equals(readFileSync(join(PKG, 'web/santei_bg.wasm'))), 'santei/inline = web/santei_bg.wasm');
  assert.equal(santei.packageInfo().module, 'lean');
  assert.equal(lean.catalog.loaded, catalog !== false, JSON.stringify(lean.catalog));
  assert.ok(claimCases.length > 0 && claimCases.length < cases.length, 'claim cases and others');
});

test('lean engine: every `claim` golden case gives the blessed output', () => {
  for (const { file, case: c } of claimCases) {
    const r = santei.evaluate(c.claim);
    assert.equal(canonical(r), canonical(c.output), `${file}: the lean engine differs from the blessed output`);
  }
});

test('lean engine: output equals the native CLI output byte for byte', (t) => {
  const bin = nativeBin();
  if (!bin) {
    t.skip('no native santei binary (run cargo build); scripts/test.sh always has one');
    return;
  }
  const natives = nativeEvaluateAll(bin, claimCases.map(({ case: c }) => c.claim));
  claimCases.forEach(({ file, case: c }, i) => {
    assert.equal(JSON.stringify(santei.evaluate(c.claim)), natives[i], `${file}: lean and native differ`);
  });
  // A batch too (one call, every claim).
  const claims = claimCases.map(({ case: c }) => c.claim);
  assert.equal(JSON.stringify(santei.evaluateBatch(claims)), runNative(bin, ['batch', '-'], JSON.stringify(claims)));
});

test('lean engine: checkUke, evaluatePatient, checkFacilityStandard answer not_available, saying how to get them', () => {
  const calls = {
    checkUke: () => santei.checkUke(new Uint8Array(readFileSync(join(ROOT, 'data/masters/uke/RECEIPTC_GAIRAI_SAMPLE.UKE')))),
    evaluatePatient: () => santei.evaluatePatient(cases.find(({ case: c }) => kindOf(c) === 'claims').case.claims),
    checkFacilityStandard: () => santei.checkFacilityStandard(cases.find(({ case: c }) => kindOf(c) === 'facility').case.facility),
  };
  for (const [name, call] of Object.entries(calls)) {
    const r = call();
    assert.equal(r.status, 'error', name);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].code, 'not_available', name);
    assert.ok(r.errors[0].message.includes(`${name}()`), r.errors[0].message);
    assert.ok(r.errors[0].message.includes('await init({ full: true })'), r.errors[0].message);
  }
});

test('init({ full: true }) after the lean init: every golden case gives the blessed output', async () => {
  const before = santei.version();
  const full = await santei.init({ full: true, wasm: readFileSync(join(PKG, 'full/santei_bg.wasm')) });
  assert.equal(full.status, 'ok', JSON.stringify(full));
  assert.equal(full.module, 'full');
  assert.equal(santei.packageInfo().module, 'full');
  assert.deepEqual(santei.version(), before, 'the same version and master releases');
  for (const { file, case: c } of cases) {
    const kind = kindOf(c);
    const r = santei[CASE_KINDS[kind].fn](c[kind]);
    assert.equal(canonical(r), canonical(c.output), `${file}: the upgraded module differs from the blessed output`);
  }
});
