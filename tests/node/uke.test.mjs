// checkUke(bytes, options) in Node (pkg/node): the sample file, generated 2025/2026 files, broken
// input, progress callbacks (including one that throws), and equality with `santei check --json`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import * as santei from 'santei';
import { ROOT, nativeBin, canonical } from './lib.mjs';

const { checkUke } = santei;
const SAMPLE = join(ROOT, 'data/masters/uke/RECEIPTC_GAIRAI_SAMPLE.UKE');
const bin = nativeBin();

/** A generated UKE file (bytes) from the native generator. */
function gen(month, scenarios) {
  const dir = mkdtempSync(join(tmpdir(), 'santei-uke-'));
  const out = join(dir, 'gen.UKE');
  try {
    const r = spawnSync(bin, ['gen-uke', '--month', month, '--receipts', String(scenarios.length), '--scenarios', scenarios.join(','), '-o', out]);
    assert.equal(r.status, 0, String(r.stderr));
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('checkUke is exported', () => {
  assert.equal(typeof checkUke, 'function');
});

test('the 2021 sample file is read and every receipt says its date is not covered', () => {
  const r = checkUke(new Uint8Array(readFileSync(SAMPLE)));
  assert.equal(r.status, 'ok');
  assert.equal(r.summary.receipts, 75);
  assert.deepEqual(r.summary.malformedLines, []);
  assert.equal(r.summary.byCode['uke.date_not_covered'], 75);
  assert.equal(r.receipts[1].nameKana, 'カキクケコ');
  assert.equal(r.receipts[1].serviceMonth, '2021-10');
});

test('an ArrayBuffer is accepted too', () => {
  const b = readFileSync(SAMPLE);
  const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  assert.equal(checkUke(ab).summary.receipts, 75);
});

test('Node output equals the native CLI JSON byte for byte', { skip: !bin && 'no native santei binary' }, () => {
  const r = spawnSync(bin, ['check', SAMPLE, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0);
  assert.equal(canonical(checkUke(new Uint8Array(readFileSync(SAMPLE)))), canonical(JSON.parse(r.stdout)));
});

test('generated R08 file: wrong 一般名処方加算 points and the same-day split are found', { skip: !bin && 'no native santei binary' }, () => {
  const r = checkUke(gen('2026-06', ['generic-addition-1', 'stale-addition-1', 'split-uncommented', 'inhouse-only']));
  assert.equal(r.status, 'ok');
  const codes = r.receipts.map((x) => x.findings.map((f) => f.code));
  assert.deepEqual(codes[0], ['uke.generic_name.needs_slip']);
  assert.ok(codes[1].includes('uke.points_differ'));
  const pd = r.receipts[1].findings.find((f) => f.code === 'uke.points_differ');
  assert.equal(pd.used[0].value, '8');
  assert.equal(pd.severity, 'error');
  assert.ok(codes[2].includes('uke.split.dispensing_fee_billed'));
  assert.ok(codes[2].includes('uke.split.comment_missing'));
  assert.deepEqual(codes[3], []);
});

test('generated R06 file: 10 points for 加算1 is right in 2025', { skip: !bin && 'no native santei binary' }, () => {
  const r = checkUke(gen('2025-09', ['stale-addition-1']));
  assert.deepEqual(r.receipts[0].findings.map((f) => f.code), ['uke.generic_name.needs_slip']);
  assert.deepEqual(r.receipts[0].revisions, ['R06']);
});

test('progress is reported, and a throwing callback does not break the check', { skip: !bin && 'no native santei binary' }, () => {
  const bytes = gen('2026-06', Array(50).fill('generic-addition-2'));
  const calls = [];
  const r = checkUke(bytes, { onProgress: (d, t) => calls.push([d, t]), progressEvery: 20 });
  assert.deepEqual(calls, [[20, 50], [40, 50], [50, 50]]);
  assert.equal(r.summary.receipts, 50);
  const r2 = checkUke(bytes, { onProgress: () => { throw new Error('boom'); } });
  assert.equal(r2.status, 'ok');
  assert.equal(r2.summary.receipts, 50);
});

test('broken input: error envelopes, never a throw', () => {
  const err = (x) => {
    const r = checkUke(x);
    assert.equal(r.status, 'error');
    return r.errors[0].code;
  };
  assert.equal(err(new Uint8Array()), 'uke_empty');
  assert.equal(err(new TextEncoder().encode('RE,1,1112,202606,テスト\r\n')), 'uke_not_cp932');
  assert.equal(err(new TextEncoder().encode('{"serviceDate":"2026-06-01"}')), 'uke_not_uke');
  assert.equal(err('not bytes'), 'invalid_input');
  assert.equal(err(undefined), 'invalid_input');
  // A truncated record is reported with its line number; the rest is still checked.
  const text = 'IR,1,13,1,1312345,,,202607,00,0\r\nRE,1,1112,202606,,1,19700101,,,,,,,1,,,,,,,,,,,,,,,,,,,,,,,,\r\nSI,80,1,120002910,,60\r\nGO,1,0,99\r\n';
  const r = checkUke(new TextEncoder().encode(text));
  assert.equal(r.status, 'ok');
  assert.equal(r.summary.malformedLines[0].line, 3);
  assert.equal(r.summary.malformedLines[0].code, 'truncated');
});
