// Benchmark (not a test): checkUke in Node on a generated month of N receipts.
//   npm run bench:uke -- [N]        (or: node benches/uke-bench.mjs [N])
// Needs pkg/ built (npm run build:wasm) and target/release/santei (cargo build --release) for the
// generator. SANTEI_PKG=path/to/node.js benchmarks another build of the package.
//
// Prints one JSON line: MB/s and receipts/s (wall and CPU), and where the time goes:
//   checkSeconds  start → the last onProgress call (read + rules + the report, inside wasm)
//   crossSeconds  the rest: the report serialised to JSON in wasm, decoded to a JS string
//                 (TextDecoder) and parsed into objects (JSON.parse)
//   parseSeconds  JSON.parse of the same report text alone (measured separately)
//   decodeSeconds TextDecoder of the same report bytes alone (measured separately)
// and peak memory: maxRSS (process.resourceUsage), heap used, the wasm linear memory.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const n = Number(process.argv[2] ?? 100000);
const bin = process.env.SANTEI_BIN ?? join(ROOT, 'target/release/santei');
const pkg = process.env.SANTEI_PKG
  ? pathToFileURL(process.env.SANTEI_PKG).href
  : pathToFileURL(join(ROOT, 'pkg/node.js')).href;
const { checkUke } = await import(pkg);

const dir = mkdtempSync(join(tmpdir(), 'santei-bench-'));
const file = join(dir, 'bench.UKE');
const g = spawnSync(bin, ['gen-uke', '--month', '2026-06', '--receipts', String(n), '-o', file]);
if (g.status !== 0) throw new Error(`gen-uke failed: ${g.stderr}`);
const bytes = new Uint8Array(readFileSync(file));
rmSync(dir, { recursive: true, force: true });
const mb = bytes.length / 1e6;

const rssBefore = process.resourceUsage().maxRSS;
let calls = 0;
let lastProgress = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const report = checkUke(bytes, {
  onProgress: () => {
    calls += 1;
    lastProgress = performance.now();
  },
});
const t1 = performance.now();
const cpu = process.cpuUsage(cpu0);
if (report.status !== 'ok') throw new Error(JSON.stringify(report));
const seconds = (t1 - t0) / 1000;
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const peakRssKiB = process.resourceUsage().maxRSS;
const heapUsedMB = Math.round(process.memoryUsage().heapUsed / 1e6);
const externalMB = Math.round(process.memoryUsage().external / 1e6);
const arrayBuffersMB = Math.round(process.memoryUsage().arrayBuffers / 1e6);

// The crossing's parts, measured alone on the same report.
const text = JSON.stringify(report);
const encoded = new TextEncoder().encode(text);
let p0 = performance.now();
JSON.parse(text);
const parseSeconds = (performance.now() - p0) / 1000;
p0 = performance.now();
new TextDecoder().decode(encoded);
const decodeSeconds = (performance.now() - p0) / 1000;

const r = (x, d = 1) => Number(x.toFixed(d));
console.log(JSON.stringify({
  receipts: report.summary.receipts,
  bytes: bytes.length,
  MB: r(mb),
  seconds: r(seconds, 3),
  cpuSeconds: r(cpuSeconds, 3),
  MBpsWall: r(mb / seconds),
  MBpsCpu: r(mb / cpuSeconds),
  receiptsPerSecondWall: Math.round(report.summary.receipts / seconds),
  checkSeconds: r((lastProgress - t0) / 1000, 3),
  crossSeconds: r((t1 - lastProgress) / 1000, 3),
  reportJsonMB: r(encoded.length / 1e6),
  parseSeconds: r(parseSeconds, 3),
  decodeSeconds: r(decodeSeconds, 3),
  progressCalls: calls,
  withFindings: report.summary.withFindings,
  peakRssKiBBefore: rssBefore,
  peakRssKiB: peakRssKiB,
  heapUsedMB,
  externalMB,
  arrayBuffersMB,
}));
