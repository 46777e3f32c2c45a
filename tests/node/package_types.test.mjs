// Issue #7.1: the package's TypeScript types, checked by the TypeScript compiler (strict,
// skipLibCheck off, so pkg/*.d.ts and the emitted web/santei.d.ts are checked too):
//   tests/types/usage.mts uses every export of `santei`, `santei/component` and `santei/inline`
//     with Node's module resolution (NodeNext: the `exports` map's "types" conditions);
//   examples/vite-app (a bundler app) with moduleResolution "Bundler".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

function tsc(project) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [TSC, '-p', project, '--pretty', 'false'], { cwd: ROOT });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('close', (code) => resolve({ code, out }));
  });
}

test('tsc --noEmit: the package types, used as a Node host and as a bundler app would', async () => {
  const [usage, vite] = await Promise.all([tsc('tests/types'), tsc('examples/vite-app')]);
  assert.equal(usage.code, 0, `tests/types:\n${usage.out}`);
  assert.equal(vite.code, 0, `examples/vite-app:\n${vite.out}`);
});
