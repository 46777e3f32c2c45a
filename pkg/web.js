// santei for browsers and bundlers (ESM). Call `await init()` once, then use the functions.
// Single-threaded wasm: no SharedArrayBuffer, no cross-origin isolation, no special headers.
// The only requests it makes are to the URLs below (same folder as this file unless the host
// chooses): the .wasm and, when this package ships one, the default drug catalogue.
import initWasm, * as raw from './web/santei.js';
import meta from './meta.js';
import { makeApi, errorEnvelope, asBytes, loadCatalog, loadMasterFile as loadFile } from './common.js';

let ready = null; // the wasm-bindgen namespace once instantiated
let pending = null; // the in-flight or settled init() promise
let status = null; // what init() resolved to

const api = makeApi(
  () => ready,
  () => 'santei is not initialised: call `await init()` first (or wait for `ready`)',
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

/**
 * Instantiates the engine. Idempotent: later calls return the first call's promise.
 * Never rejects: resolves to `{status:"ok", version, catalog}` or an error envelope.
 * @param {import('./index.js').InitOptions} [options]
 */
export function init(options = {}) {
  if (!pending) {
    pending = doInit(options || {}).then((r) => {
      status = r;
      if (r.status !== 'ok') pending = null; // a failed init may be retried, e.g. with another URL
      return r;
    });
  }
  return pending;
}

/** True once `init()` has instantiated the engine. */
export function isReady() {
  return ready !== null;
}

/** What this package is: its version, its files' digests and whether the catalogue loaded. */
export function packageInfo() {
  return { status: 'ok', ...meta, target: 'web', ready: ready !== null, init: status };
}

async function doInit({ wasm, wasmUrl, catalog, catalogUrl }) {
  try {
    const source = wasm ?? wasmUrl;
    await initWasm(source === undefined ? undefined : { module_or_path: source });
  } catch (e) {
    return errorEnvelope('wasm_load_failed', `cannot load santei's wasm: ${(e && e.message) || e}`);
  }
  ready = raw;
  let cat = { loaded: false, source: null, reason: 'disabled' };
  if (catalog !== false) {
    let bytes = asBytes(catalog);
    let source = bytes ? 'bytes' : null;
    try {
      if (!bytes && catalogUrl) {
        source = String(catalogUrl);
        bytes = await fetchBytes(catalogUrl);
      } else if (!bytes && meta.catalog) {
        // Literal `new URL(..., import.meta.url)`: bundlers (Vite, webpack, Rollup) copy the file.
        const url = new URL('./catalog/santei-catalog.bin', import.meta.url);
        source = url.href;
        bytes = await fetchBytes(url);
      }
      cat = bytes
        ? loadCatalog(api, raw, bytes, source)
        : { loaded: false, source: null, reason: 'this package ships no catalogue' };
    } catch (e) {
      cat = { loaded: false, source, reason: `cannot fetch the catalogue: ${(e && e.message) || e}` };
    }
  }
  return { status: 'ok', version: api.version(), catalog: cat };
}

async function fetchBytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
  return new Uint8Array(await res.arrayBuffer());
}

let unpackPending = null;

/**
 * The unpack module (pkg/unpack: ZIP and XLSX → CSV), instantiated on first use only; the page
 * fetches nothing for it until a user loads a ZIP or XLSX master. `options.unpackUrl` overrides
 * where its .wasm is fetched from.
 */
function getUnpack(options = {}) {
  if (!unpackPending) {
    unpackPending = (async () => {
      if (!meta.unpack) throw new Error('this build of the package ships no unpack module');
      const mod = await import('./unpack/santei_unpack.js');
      // Literal `new URL(..., import.meta.url)`: bundlers copy the file.
      const url = options.unpackUrl ?? new URL('./unpack/santei_unpack_bg.wasm', import.meta.url);
      await mod.default({ module_or_path: url });
      return mod;
    })();
    unpackPending.catch(() => {
      unpackPending = null; // a failed load may be retried
    });
  }
  return unpackPending;
}

/**
 * Loads a master file as downloaded (File, Blob or bytes): CSV directly; an SSK ZIP or the MHLW
 * XLSX through the unpack module. Kind and release from `options` or the file name.
 * Resolves to `loadMaster`'s envelope (plus `file`, `unpacked`); never rejects.
 */
export async function loadMasterFile(file, options = {}) {
  if (!ready) return errorEnvelope('not_initialized', 'santei is not initialised: call `await init()` first');
  return loadFile(api, getUnpack, file, options);
}

/** wasm-bindgen style: `import init, { evaluate } from 'santei'`. */
export default init;
