// santei for Node (ESM). Ready on import: `import { evaluate } from 'santei'`.
// It runs the full module (full/santei_bg.wasm: the engine plus checkUke, evaluatePatient and
// checkFacilityStandard), instantiated synchronously from disk with the browser build's glue:
// Node downloads nothing, so it has no reason to take the lean engine (web/santei_bg.wasm, the
// same Rust code without those three exports; tests/node checks both give the same answers).
// The default drug catalogue (catalog/santei-catalog.bin), when this package ships one, is
// loaded on import too, unless the environment sets SANTEI_NO_CATALOG=1.
import { readFileSync, existsSync } from 'node:fs';
import * as raw from './full/santei.js';
import meta from './meta.js';
import { makeApi, errorEnvelope, asBytes, loadCatalog, loadMasterFile as loadFile } from './common.js';

let ready = null;
let loadError = null;
try {
  raw.initSync({ module: readFileSync(new URL('./full/santei_bg.wasm', import.meta.url)) });
  ready = raw;
} catch (e) {
  loadError = `cannot load santei's wasm: ${(e && e.message) || e}`;
}

const api = makeApi(
  () => ready,
  () => loadError || 'santei is not initialised',
);

export const {
  evaluate,
  evaluateBatch,
  version,
  rules,
  loadMaster,
  checkUke,
  evaluatePatient,
  checkFacilityStandard,
  searchDrugs,
  masterFileInfo,
} = api;

let catalog = { loaded: false, source: null, reason: 'this package ships no catalogue' };
const catalogUrl = new URL('./catalog/santei-catalog.bin', import.meta.url);
if (!ready) {
  catalog = { loaded: false, source: null, reason: loadError };
} else if (process.env.SANTEI_NO_CATALOG === '1') {
  catalog = { loaded: false, source: null, reason: 'disabled by SANTEI_NO_CATALOG=1' };
} else if (existsSync(catalogUrl)) {
  try {
    catalog = loadCatalog(api, raw, readFileSync(catalogUrl), catalogUrl.pathname);
  } catch (e) {
    catalog = { loaded: false, source: catalogUrl.pathname, reason: String((e && e.message) || e) };
  }
}

const status = ready
  ? { status: 'ok', version: api.version(), catalog, module: 'full' }
  : errorEnvelope('wasm_load_failed', loadError);

/**
 * For code shared with the browser build: the full module is already loaded in Node, so this
 * only reports (`{ full: true }` changes nothing). `{ catalog }` bytes, if given, are loaded as
 * an extra catalogue.
 */
export async function init(options = {}) {
  const bytes = asBytes(options && options.catalog);
  if (ready && bytes) {
    return { ...status, catalog: loadCatalog(api, raw, bytes, 'bytes') };
  }
  return status;
}

export function isReady() {
  return ready !== null;
}

export function packageInfo() {
  return { status: 'ok', ...meta, target: 'node', module: ready ? 'full' : null, ready: ready !== null, init: status };
}

let unpackPending = null;

/** The unpack module (pkg/unpack: ZIP and XLSX → CSV), instantiated from disk on first use. */
function getUnpack() {
  if (!unpackPending) {
    unpackPending = (async () => {
      const wasmUrl = new URL('./unpack/santei_unpack_bg.wasm', import.meta.url);
      if (!existsSync(wasmUrl)) throw new Error('this build of the package ships no unpack module');
      const mod = await import('./unpack/santei_unpack.js');
      mod.initSync({ module: readFileSync(wasmUrl) });
      return mod;
    })();
    unpackPending.catch(() => {
      unpackPending = null;
    });
  }
  return unpackPending;
}

/**
 * Loads a master file as downloaded (bytes, or a Blob): CSV directly; an SSK ZIP or the MHLW
 * XLSX through the unpack module. Kind and release from `options` or the file name
 * (`options.name`). Resolves to `loadMaster`'s envelope (plus `file`, `unpacked`); never rejects.
 */
export async function loadMasterFile(file, options = {}) {
  if (!ready) return errorEnvelope('wasm_load_failed', loadError || 'santei is not initialised');
  return loadFile(api, getUnpack, file, options);
}

/** For code shared with the browser build: `import init from 'santei'; await init();`. */
export default init;
