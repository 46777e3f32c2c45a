// Issue #7.5: the package as a Node user gets it. Imports `santei` by name (resolved through
// node_modules, as `"santei": "file:pkg"` links it), never by a relative path into pkg/, and
// also installs the `npm pack` tarball into an empty folder and imports it from there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import * as santei from 'santei';
import { evaluate, evaluateBatch, version, rules, init, isReady, packageInfo } from 'santei';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PKG = path.join(ROOT, 'pkg');
const crateVersion = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
const CLAIM = {
  serviceDate: '2026-06-10',
  prescriptions: [{ id: 'rx-1', dispensing: 'outside', items: [] }],
};

test('`santei` resolves by name to the package, through its exports map (node condition)', () => {
  const resolved = fileURLToPath(import.meta.resolve('santei'));
  assert.equal(path.basename(resolved), 'node.js');
  const req = createRequire(import.meta.url);
  const pj = req('santei/package.json');
  assert.equal(pj.name, 'santei');
  assert.equal(pj.type, 'module');
  assert.equal(pj.version, crateVersion, 'pkg/package.json version = Cargo.toml version');
  assert.deepEqual(Object.keys(pj.exports['.']), ['types', 'node', 'browser', 'default']);
});

test('plain ESM: ready on import, evaluate() returns the contract envelope', () => {
  assert.equal(isReady(), true);
  const r = evaluate(CLAIM);
  assert.equal(r.status, 'ok');
  assert.equal(r.revision, 'R08');
  assert.equal(typeof r.totalPoints, 'string', 'decimals are strings');
  assert.ok(Array.isArray(r.lines) && r.lines.length >= 1);
  assert.deepEqual(evaluate(JSON.stringify(CLAIM)), r, 'JSON text gives the same answer');
});

test('no call throws: bad input, null, a cycle, a missing export', () => {
  for (const bad of [null, undefined, '{', 42, [], { serviceDate: 'x' }]) {
    const r = evaluate(bad);
    assert.equal(r.status, 'error', JSON.stringify(bad));
    assert.ok(r.errors[0].code && typeof r.errors[0].message === 'string');
  }
  const cyc = { serviceDate: '2026-06-10' };
  cyc.self = cyc;
  assert.equal(evaluate(cyc).status, 'error');
  for (const name of ['loadMaster', 'checkUke', 'evaluatePatient', 'checkFacilityStandard', 'searchDrugs']) {
    assert.equal(typeof santei[name], 'function', `${name} is exported`);
  }
});

test('evaluateBatch: one result per claim, a bad one does not stop the others', () => {
  const r = evaluateBatch([CLAIM, { serviceDate: '2024-05-31' }, CLAIM]);
  assert.equal(r.status, 'ok');
  assert.deepEqual(r.results.map((x) => x.status), ['ok', 'error', 'ok']);
});

test('version(): crate version, revisions and masters; packageInfo() digests; init() reports', async () => {
  const v = version();
  assert.equal(v.status, 'ok');
  assert.equal(v.version, crateVersion);
  assert.deepEqual(v.revisions.map((x) => x.id), ['R06', 'R08']);
  assert.ok(Array.isArray(v.masters));
  const info = packageInfo();
  assert.equal(info.target, 'node');
  assert.equal(info.packageVersion, crateVersion);
  assert.match(info.wasm.sha256, /^[0-9a-f]{64}$/);
  // Node runs the full module (no download to save), so every function works at import.
  assert.equal(info.module, 'full');
  assert.equal(info.full.file, 'full/santei_bg.wasm');
  assert.match(info.full.sha256, /^[0-9a-f]{64}$/);
  assert.notEqual(info.full.sha256, info.wasm.sha256, 'two different modules');
  const i = await init();
  assert.equal(i.status, 'ok');
  // The default catalogue is loaded on import exactly when the package ships one.
  const ships = existsSync(path.join(PKG, 'catalog/santei-catalog.bin'));
  assert.equal(i.catalog.loaded, ships && process.env.SANTEI_NO_CATALOG !== '1', JSON.stringify(i.catalog));
  assert.equal(Boolean(info.catalog), ships);
  if (i.catalog.loaded) assert.ok(v.masters.length > 0, 'version() lists the catalogue releases');
  assert.equal(rules().status, 'ok');
});

// The two engine modules' sizes, gzip -9, against the ceilings of scripts/build-wasm.sh. The lean
// engine's is the 250 KB budget of issues #2/#4: what a page or portal evaluating claims downloads.
const buildScript = readFileSync(path.join(ROOT, 'scripts', 'build-wasm.sh'), 'utf8');
const ceiling = (name) => Number(buildScript.match(new RegExp(`^${name}=(\\d+)`, 'm'))[1]);
const BUDGET_GZ = 250_000;
// The `gzip -9` command, as scripts/build-wasm.sh measures (Node's zlib at level 9 gives a few KB
// more on these modules, so the two would disagree near a ceiling).
const gz = (file) => execFileSync('gzip', ['-9c', file], { maxBuffer: 1 << 26 }).length;

test('size budget: the engine wasm module is at most 250 KB gzipped (issues #2, #4)', (t) => {
  const file = path.join(PKG, 'web', 'santei_bg.wasm');
  const n = gz(file);
  t.diagnostic(`web/santei_bg.wasm (engine): ${readFileSync(file).length} B raw, ${n} B gzip -9 (budget ${BUDGET_GZ})`);
  assert.ok(ceiling('ENGINE_CEILING_GZ') <= BUDGET_GZ, 'scripts/build-wasm.sh lets the engine over the budget');
  assert.ok(n <= BUDGET_GZ, `the engine wasm module is ${n} B gzipped: over the 250 KB budget`);
});

test('size: the full wasm module does not grow over its ceiling in scripts/build-wasm.sh', (t) => {
  const file = path.join(PKG, 'full', 'santei_bg.wasm');
  const n = gz(file);
  const max = ceiling('FULL_CEILING_GZ');
  t.diagnostic(`full/santei_bg.wasm (full module): ${readFileSync(file).length} B raw, ${n} B gzip -9 (ceiling ${max})`);
  assert.ok(n <= max, `the full wasm module is ${n} B gzipped: over its ceiling ${max}`);
  const unpack = path.join(PKG, 'unpack', 'santei_unpack_bg.wasm');
  if (existsSync(unpack)) t.diagnostic(`unpack/santei_unpack_bg.wasm: ${readFileSync(unpack).length} B raw, ${gz(unpack)} B gzip -9`);
});

test('npm pack: the tarball installs into an empty project and works there by name', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'santei-pack-'));
  try {
    const out = execFileSync('npm', ['pack', PKG, '--pack-destination', dir, '--json', '--silent'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [packed] = JSON.parse(out);
    const files = packed.files.map((f) => f.path).sort();
    const sizes = packed.files.map((f) => {
      const raw = readFileSync(path.join(PKG, f.path));
      return `${f.path} ${raw.length} B raw, ${gzipSync(raw, { level: 9 }).length} B gz`;
    });
    t.diagnostic(`${packed.filename}: ${packed.size} B packed, ${packed.unpackedSize} B unpacked`);
    for (const s of sizes) t.diagnostic(s);
    for (const f of ['README.md', 'package.json', 'index.d.ts', 'node.js', 'web.js', 'component.js', 'component.d.ts', 'common.js', 'meta.js', 'inline.js', 'inline-full.js', 'web/santei.js', 'web/santei_bg.wasm', 'full/santei.js', 'full/santei_bg.wasm', 'unpack/santei_unpack.js', 'unpack/santei_unpack_bg.wasm']) {
      assert.ok(files.includes(f), `tarball has ${f}`);
    }
    assert.ok(
      !files.some((f) => f.startsWith('node/') || f.endsWith('.mjs') || /^(web|full|unpack)\/(README\.md|package\.json)$/.test(f)),
      'no build leftovers',
    );
    const app = path.join(dir, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'host', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', path.join(dir, packed.filename)], { cwd: app, stdio: 'ignore' });
    writeFileSync(
      path.join(app, 'main.js'),
      `import { evaluate, version } from 'santei';\n` +
        `const r = evaluate(${JSON.stringify(CLAIM)});\n` +
        `console.log(JSON.stringify({ status: r.status, total: r.totalPoints, version: version().version }));\n`,
    );
    const got = JSON.parse(execFileSync(process.execPath, ['main.js'], { cwd: app, encoding: 'utf8' }));
    assert.deepEqual(got, { status: 'ok', total: evaluate(CLAIM).totalPoints, version: crateVersion });
    // CommonJS hosts can still load it with a dynamic import.
    writeFileSync(path.join(app, 'main.cjs'), `import('santei').then((s) => console.log(s.evaluate(${JSON.stringify(CLAIM)}).status));\n`);
    assert.equal(execFileSync(process.execPath, ['main.cjs'], { cwd: app, encoding: 'utf8' }).trim(), 'ok');
    // The installed package unpacks a downloaded SSK ZIP with its on-demand module.
    const zip = new URL('../../data/masters/ssk/s_ALL20240531.zip', import.meta.url).pathname;
    writeFileSync(
      path.join(app, 'zip.js'),
      `import { loadMasterFile } from 'santei';\nimport { readFileSync } from 'node:fs';\n` +
        `const r = await loadMasterFile(readFileSync(${JSON.stringify(zip)}), { name: 's_ALL20240531.zip' });\n` +
        `console.log(JSON.stringify({ status: r.status, from: r.unpacked && r.unpacked.from }));\n`,
    );
    const unz = JSON.parse(execFileSync(process.execPath, ['zip.js'], { cwd: app, encoding: 'utf8' }));
    assert.deepEqual(unz, { status: 'ok', from: 'zip' });
    // The installed package has both modules: the browser entry loads the lean engine, then
    // upgrades to the full one (here from the installed files' bytes, as a host may).
    writeFileSync(
      path.join(app, 'web.js'),
      `import { init, checkUke, evaluate, packageInfo } from 'santei/web';\nimport { readFileSync } from 'node:fs';\n` +
        `const file = (f) => readFileSync(new URL(import.meta.resolve('santei/' + f)));\n` +
        `const lean = await init({ wasm: file('santei_bg.wasm'), catalog: false });\n` +
        `const before = [packageInfo().module, checkUke(new Uint8Array(0)).errors[0].code];\n` +
        `const full = await init({ full: true, wasm: file('santei_full_bg.wasm') });\n` +
        `console.log(JSON.stringify({ lean: lean.module, before, full: full.module, after: packageInfo().module,\n` +
        `  uke: checkUke(new Uint8Array(0)).errors?.[0]?.code ?? 'ok', total: evaluate(${JSON.stringify(CLAIM)}).totalPoints }));\n`,
    );
    const web = JSON.parse(execFileSync(process.execPath, ['web.js'], { cwd: app, encoding: 'utf8' }));
    assert.equal(web.lean, 'lean');
    assert.deepEqual(web.before, ['lean', 'not_available']);
    assert.equal(web.full, 'full');
    assert.equal(web.after, 'full');
    assert.notEqual(web.uke, 'not_available', 'checkUke answers after the upgrade');
    assert.equal(web.total, evaluate(CLAIM).totalPoints);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
