// loadMasterFile: master files as users download them, in Node through the package: CSV goes
// straight to the engine; an SSK ZIP and the MHLW 一般名処方マスタ XLSX go through the on-demand
// unpack module (pkg/unpack) first. The catalogue starts empty (SANTEI_NO_CATALOG=1) so that
// every release seen here was loaded by this file. Native parity of the unpacked forms is
// checked in src/master/catalog.rs (…_unpacked_for_the_browser_reads_the_same).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

process.env.SANTEI_NO_CATALOG = '1';
const santei = await import('santei');
const { loadMasterFile, masterFileInfo, searchDrugs, version, evaluate } = santei;
const data = (p) => new Uint8Array(readFileSync(new URL(`../../data/masters/${p}`, import.meta.url)));

test('masterFileInfo reads kind and release from a file name as `santei --master FILE` does', () => {
  assert.deepEqual(masterFileInfo('y_ALL20240321.zip'), { status: 'ok', kind: 'ssk-drug', release: '2024-03-21' });
  assert.deepEqual(masterFileInfo('ippanmeishohoumaster_250814.xlsx'), {
    status: 'ok',
    kind: 'mhlw-ippanmei',
    release: '2025-08-14',
  });
  assert.equal(masterFileInfo('C:\\dl\\ge_20260612.csv').kind, 'mhlw-ge');
  assert.equal(masterFileInfo('santei-catalog.bin').kind, 'catalog');
  assert.deepEqual(masterFileInfo('receipts.csv'), { status: 'ok', kind: null, release: null });
  assert.deepEqual(masterFileInfo(42), { status: 'ok', kind: null, release: null });
});

test('the SSK drug master ZIP as published loads through the unpack module', async () => {
  assert.equal(santei.packageInfo().unpack.file, 'unpack/santei_unpack_bg.wasm');
  const r = await loadMasterFile(data('ssk/y_ALL20240321.zip'), { name: 'y_ALL20240321.zip' });
  assert.equal(r.status, 'ok', JSON.stringify(r.errors));
  assert.equal(r.kind, 'ssk-drug');
  assert.equal(r.release, '2024-03-21');
  assert.equal(r.file, 'y_ALL20240321.zip');
  assert.equal(r.unpacked.from, 'zip');
  // 19,686 rows in the full file (the count tests/… and src/master check natively).
  assert.equal(r.drugs, 19686);
  const rel = r.releases.find((m) => m.kind === 'ssk-drug');
  assert.equal(rel.source, 'y_ALL20240321.zip', 'provenance names the file');
  assert.deepEqual(version().masters, [{ name: 'ssk-drug', release: '2024-03-21' }]);
  const hit = searchDrugs('610406079', '2024-06-03', 5).results.find((h) => h.drug.code === '610406079');
  assert.equal(hit.drug.name, 'ガスター散２％');
});

test('the MHLW 一般名処方マスタ XLSX as published loads through the unpack module', async () => {
  const xlsx = data('mhlw/ippanmeishohoumaster_250814.xlsx');
  // A Blob (what a browser's <input type=file> gives) with the name in options.
  const r = await loadMasterFile(new Blob([xlsx]), { name: 'ippanmeishohoumaster_250814.xlsx' });
  assert.equal(r.status, 'ok', JSON.stringify(r.errors));
  assert.equal(r.kind, 'mhlw-ippanmei');
  assert.equal(r.release, '2025-08-14');
  assert.equal(r.unpacked.from, 'xlsx');
  assert.ok(r.unpacked.rows > 1000, String(r.unpacked.rows));
  // ガスター散２％ → 一般名コード 2325003B2ZZZ, 加算1・2 (issue #4's sample drug), as of 2025-09-01.
  const ev = evaluate({
    serviceDate: '2025-09-01',
    prescriptions: [{ id: 'rx', dispensing: 'outside', items: [{ drug: { code: '610406079' }, writtenAs: 'generic' }] }],
  });
  assert.equal(ev.status, 'ok');
  // The answer names the release it came from.
  assert.ok(ev.masters.some((m) => m.name === 'mhlw-ippanmei' && m.release === '2025-08-14'));
  assert.ok(r.releases.some((m) => m.source === 'ippanmeishohoumaster_250814.xlsx'));
  // No 一般名処方の掲示 stated, so 注6 is needs_review, but the drug resolved with its 一般名コード:
  // no unknown-drug finding, and the master's flag reached the rule.
  assert.ok(!ev.findings.some((f) => f.code === 'drug.unknown_code'));
  const hit = searchDrugs('2325003B2ZZZ', '2025-09-01', 5).results.find((h) => h.drug.genericCode === '2325003B2ZZZ');
  assert.ok(hit, 'the XLSX entry is searchable by 一般名コード');
  assert.equal(hit.notation, '【般】ファモチジン散２％');
});

test('a broken archive, an unnamed file and junk get error envelopes; the catalogue is kept', async () => {
  const before = version().masters.length;
  const zip = data('ssk/y_ALL20240321.zip');
  const truncated = zip.slice(0, 2000);
  let r = await loadMasterFile(truncated, { name: 'y_ALL20240322.zip' });
  assert.equal(r.status, 'error');
  assert.equal(r.errors[0].code, 'invalid_master');
  assert.match(r.errors[0].message, /ZIP/);
  r = await loadMasterFile(data('mhlw/ippanmei_20260601.csv'));
  assert.equal(r.status, 'error');
  assert.equal(r.errors[0].path, 'kind', 'no name, no kind');
  for (const junk of [undefined, null, 42, 'text', {}]) {
    r = await loadMasterFile(junk, { kind: 'ssk-drug' });
    assert.equal(r.status, 'error', String(junk));
    assert.equal(r.errors[0].path, 'file');
  }
  // XLSX bytes given as an SSK drug master: the ZIP has no .csv member.
  r = await loadMasterFile(data('mhlw/ippanmeishohoumaster_250814.xlsx'), { kind: 'ssk-drug' });
  assert.equal(r.status, 'error');
  assert.match(r.errors[0].message, /no \.csv/);
  assert.equal(version().masters.length, before);
});

test('a CSV master needs no unpacking: kind and release from its name', async () => {
  const r = await loadMasterFile(data('mhlw/ippanmei_20260601.csv'), { name: 'ippanmei_20260601.csv' });
  assert.equal(r.status, 'ok', JSON.stringify(r.errors));
  assert.equal(r.release, '2026-06-01');
  assert.equal(r.unpacked, undefined);
});
