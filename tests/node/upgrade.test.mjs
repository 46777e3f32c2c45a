// The browser entry's upgrade from the lean engine to the full module (pkg/web.js): masters loaded
// into the lean engine (loadMaster, in order; failed loads excluded) are loaded into the full
// module before it takes over, so a claim judged against them gets the same answer after. The
// catalogue starts empty so every release seen here was loaded by this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as santei from 'santei/web';
import { wasmBytes as fullWasmBytes } from 'santei/inline-full';
import { ROOT } from './lib.mjs';

const PKG = join(ROOT, 'pkg');
const wasm = (f) => readFileSync(join(PKG, f));
const data = (p) => new Uint8Array(readFileSync(join(ROOT, 'data/masters', p)));
// 一般名処方 of ガスター散２％'s 一般名コード: the 一般名処方加算 needs the 一般名処方マスタ to judge it.
const CLAIM = {
  serviceDate: '2026-04-10',
  prescriptions: [
    { id: 'rx', dispensing: 'outside', items: [{ drug: { genericCode: '2325003B2ZZZ' }, writtenAs: 'generic' }] },
  ],
};

test('before init: every function answers not_initialized', () => {
  assert.equal(santei.isReady(), false);
  assert.equal(santei.packageInfo().module, null);
  assert.equal(santei.evaluate(CLAIM).errors[0].code, 'not_initialized');
  assert.equal(santei.checkUke(new Uint8Array(0)).errors[0].code, 'not_initialized');
});

test('a master loaded into the lean engine is still loaded after init({ full: true })', async () => {
  const lean = await santei.init({ wasm: wasm('web/santei_bg.wasm'), catalog: false });
  assert.equal(lean.status, 'ok', JSON.stringify(lean));
  assert.equal(santei.packageInfo().module, 'lean');
  const bare = santei.evaluate(CLAIM);
  assert.equal(bare.status, 'ok');

  const bytes = data('mhlw/ippanmei_20260401.csv');
  const r = santei.loadMaster('mhlw-ippanmei', bytes, '2026-04-01', 'ippanmei_20260401.csv');
  assert.equal(r.status, 'ok', JSON.stringify(r.errors));
  bytes.fill(0); // the caller reuses its buffer: the upgrade must not read it again
  // A load that fails changes nothing and is not replayed.
  assert.equal(santei.loadMaster('mhlw-ge', new TextEncoder().encode('not,a\nmaster'), '2026-04-02').status, 'error');
  const withMaster = santei.evaluate(CLAIM);
  const mastersBefore = santei.version().masters;
  assert.deepEqual(mastersBefore, [{ name: 'mhlw-ippanmei', release: '2026-04-01' }]);
  assert.notEqual(JSON.stringify(withMaster), JSON.stringify(bare), 'the master changes the answer');
  assert.equal(santei.checkUke(new Uint8Array(0)).errors[0].code, 'not_available');

  // Concurrent calls share one upgrade; a lean init() after it answers the upgrade too.
  const fullBytes = fullWasmBytes();
  assert.ok(Buffer.from(fullBytes).equals(wasm('full/santei_bg.wasm')), 'santei/inline-full = full/santei_bg.wasm');
  const a = santei.init({ full: true, wasm: fullBytes });
  const b = santei.init({ full: true });
  assert.equal(santei.packageInfo().module, 'lean', 'the lean engine answers until the switch');
  const [ra, rb] = await Promise.all([a, b]);
  assert.equal(ra.status, 'ok', JSON.stringify(ra));
  assert.equal(ra, rb);
  assert.equal(await santei.init(), ra);
  assert.equal(ra.module, 'full');
  assert.equal(santei.packageInfo().module, 'full');

  assert.deepEqual(santei.version().masters, mastersBefore);
  assert.equal(JSON.stringify(santei.evaluate(CLAIM)), JSON.stringify(withMaster));
  const releases = santei.loadMaster('mhlw-ge', data('mhlw/ge_20250716.csv'), '2025-07-16', 'ge_20250716.csv');
  assert.equal(releases.status, 'ok', 'loadMaster works on the full module');
  assert.deepEqual(
    releases.releases.map((m) => `${m.kind} ${m.release} ${m.source}`).sort(),
    ['mhlw-ge 2025-07-16 ge_20250716.csv', 'mhlw-ippanmei 2026-04-01 ippanmei_20260401.csv'].sort(),
  );
});

test('after the upgrade the full-only functions answer', () => {
  const r = santei.checkUke(new Uint8Array(readFileSync(join(ROOT, 'data/masters/uke/RECEIPTC_GAIRAI_SAMPLE.UKE'))));
  assert.equal(r.status, 'ok', JSON.stringify(r.errors));
  assert.equal(r.summary.receipts, 75);
  const p = santei.evaluatePatient([CLAIM]);
  assert.equal(p.status, 'ok', JSON.stringify(p.errors));
  assert.equal(p.results.length, 1);
  const f = santei.checkFacilityStandard({});
  assert.notEqual(f.errors?.[0]?.code, 'not_available');
});
