// Benchmark (not a test): checkUke in Node on a generated month of N receipts.
//   node benches/uke-bench.mjs [N]          (needs pkg/node built and target/release/santei)
// Prints MB/s, receipts/s and peak memory (RSS high-water mark from /proc, and heap used).
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkUke } from 'santei';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const n = Number(process.argv[2] ?? 100000);
const bin = process.env.SANTEI_BIN ?? join(ROOT, 'target/release/santei');
const dir = mkdtempSync(join(tmpdir(), 'santei-bench-'));
const file = join(dir, 'bench.UKE');
const g = spawnSync(bin, ['gen-uke', '--month', '2026-06', '--receipts', String(n), '-o', file]);
if (g.status !== 0) throw new Error(String(g.stderr));
const bytes = new Uint8Array(readFileSync(file));
rmSync(dir, { recursive: true, force: true });
const mb = bytes.length / 1e6;
let calls = 0;
const t0 = performance.now();
const r = checkUke(bytes, { onProgress: () => { calls += 1; } });
const s = (performance.now() - t0) / 1000;
const hwm = (() => {
  try {
    const m = readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+)/);
    return m ? Number(m[1]) : null;
  } catch { return null; }
})();
console.log(JSON.stringify({
  receipts: r.summary.receipts,
  bytes: bytes.length,
  seconds: Number(s.toFixed(3)),
  MBps: Number((mb / s).toFixed(1)),
  receiptsPerSecond: Math.round(r.summary.receipts / s),
  progressCalls: calls,
  withFindings: r.summary.withFindings,
  peakRssKiB: hwm,
  heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1e6),
  wasmMemoryNote: 'includes the wasm linear memory (bytes copied in + report JSON)',
}));
