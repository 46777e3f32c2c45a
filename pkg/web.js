// santei for browsers and bundlers (ESM). Call `await init()` once, then use the functions.
// Single-threaded wasm: no SharedArrayBuffer, no cross-origin isolation, no special headers.
// The only requests it makes are to the URLs below (same folder as this file unless the host
// chooses): the .wasm and, when this package ships one, the default drug catalogue.
//
// Two engine modules, built from the same crate (ARCHITECTURE.md, Size budget):
//   web/santei_bg.wasm   the engine: evaluate, evaluateBatch, version, rules, loadMaster,
//                        searchDrugs, masterFileInfo. `init()` loads it.
//   full/santei_bg.wasm  the same plus checkUke, evaluatePatient, checkFacilityStandard.
//                        `init({ full: true })` loads it, first or later: after a lean `init()`
//                        it upgrades, loading into the full module every master the engine had.
// While the engine is loaded, the three full-only functions answer `not_available`.
import * as leanRaw from './web/santei.js';
import meta from './meta.js';
import {
  makeApi,
  errorEnvelope,
  asBytes,
  loadCatalog,
  loadMasterFile as loadFile,
  FULL_ONLY,
} from './common.js';

let ready = null; // the loaded wasm-bindgen namespace (lean or full)
let loaded = null; // 'lean' | 'full' once instantiated
let pending = null; // the in-flight or settled lean-or-full init() promise
let upgrading = null; // the in-flight or settled upgrade to the full module
let status = null; // what init() resolved to
// While the lean engine is loaded: every successful loadMaster, in order, as
// {kind, bytes, release, source}, so that an upgrade gives the full module the same masters.
let loads = [];

const api = makeApi(
  () => ready,
  () => 'santei is not initialised: call `await init()` first (or wait for `ready`)',
  (name) =>
    FULL_ONLY.includes(name)
      ? `${name}() is in santei's full module, which is not loaded: call \`await init({ full: true })\` first ` +
        '(it loads full/santei_bg.wasm and keeps the masters loaded so far)'
      : `${name}() is not in this build of santei`,
);

// loadMaster, recording what the lean engine loads (the catalogue, masters, loadMasterFile's
// CSV) for an upgrade to replay. common.js's helpers call api.loadMaster, so they record too.
const rawLoadMaster = api.loadMaster;
api.loadMaster = (kind, bytes, release, source) => {
  const env = rawLoadMaster(kind, bytes, release, source);
  if (loaded === 'lean' && env && env.status === 'ok') {
    const b = asBytes(bytes);
    // A copy: the caller may reuse its buffer.
    loads.push({ kind, bytes: b ? b.slice() : bytes, release, source });
  }
  return env;
};

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
 * Instantiates the engine. `init()` loads the lean engine, `init({ full: true })` the full module
 * (or, after `init()`, upgrades to it). Idempotent: a later call returns the first call's promise
 * (an `init({ full: true })` after a lean one, the upgrade's). `wasm` / `wasmUrl` name the module
 * this call loads. Never rejects: resolves to `{status:"ok", version, catalog, module}` or an error
 * envelope.
 * @param {import('./index.js').InitOptions} [options]
 */
export function init(options = {}) {
  const opts = options || {};
  if (!pending) {
    pending = doInit(opts, opts.full === true).then((r) => {
      status = r;
      if (r.status !== 'ok') pending = null; // a failed init may be retried, e.g. with another URL
      return r;
    });
    return pending;
  }
  if (opts.full !== true) return upgrading || pending;
  if (!upgrading) {
    upgrading = pending
      .then((r) => {
        if (r.status !== 'ok') return init(opts); // the lean load failed: load the full one
        return loaded === 'full' ? r : upgrade(opts);
      })
      .then((u) => {
        if (u.status === 'ok') status = u;
        else upgrading = null; // may be retried
        return u;
      });
  }
  return upgrading;
}

/** True once `init()` has instantiated the engine. */
export function isReady() {
  return ready !== null;
}

/**
 * What this package is: its version, its files' digests, whether the catalogue loaded, and which
 * engine module is loaded (`module`: "lean", "full" or null before `init()`).
 */
export function packageInfo() {
  return { status: 'ok', ...meta, target: 'web', module: loaded, ready: ready !== null, init: status };
}

/** The full module's glue (full/santei.js), imported on first use only. */
function importFull() {
  if (!meta.full) throw new Error('this build of the package ships no full module');
  return import('./full/santei.js');
}

/** Instantiates a module's glue from `wasm` / `wasmUrl`, else from its santei_bg.wasm beside it. */
async function instantiate(glue, { wasm, wasmUrl }) {
  const source = wasm ?? wasmUrl;
  await glue.default(source === undefined ? undefined : { module_or_path: source });
}

async function doInit(opts, full) {
  let glue;
  try {
    glue = full ? await importFull() : leanRaw;
    await instantiate(glue, opts);
  } catch (e) {
    const what = full ? "santei's full module" : "santei's wasm";
    return errorEnvelope('wasm_load_failed', `cannot load ${what}: ${(e && e.message) || e}`);
  }
  ready = glue;
  loaded = full ? 'full' : 'lean';
  const { catalog, catalogUrl } = opts;
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
        ? loadCatalog(api, ready, bytes, source)
        : { loaded: false, source: null, reason: 'this package ships no catalogue' };
    } catch (e) {
      cat = { loaded: false, source, reason: `cannot fetch the catalogue: ${(e && e.message) || e}` };
    }
  }
  return { status: 'ok', version: api.version(), catalog: cat, module: loaded };
}

/**
 * Lean → full: instantiates the full module, loads into it, in order, every master the lean
 * engine loaded (the default catalogue, loadMaster, loadMasterFile), then switches every function
 * to it. Until it resolves the lean engine keeps answering; on failure it stays loaded.
 */
async function upgrade(opts) {
  let glue;
  try {
    glue = await importFull();
    await instantiate(glue, opts);
  } catch (e) {
    return errorEnvelope('wasm_load_failed', `cannot load santei's full module: ${(e && e.message) || e}`);
  }
  // Synchronous from here: no loadMaster can slip in between the replay and the switch.
  for (const [i, l] of loads.entries()) {
    let env;
    try {
      env = glue.loadMaster(l.kind, l.bytes, l.release, l.source);
    } catch (e) {
      env = errorEnvelope('internal', (e && e.message) || e);
    }
    if (!env || env.status !== 'ok') {
      const why = (env && env.errors && env.errors[0] && env.errors[0].message) || 'no answer';
      return errorEnvelope(
        'upgrade_failed',
        `the full module did not take master ${i + 1} (${l.kind}, ${l.source ?? 'no source'}) the engine had loaded: ${why}; the engine stays loaded`,
      );
    }
  }
  ready = glue;
  loaded = 'full';
  loads = []; // the full module is final: nothing more to replay
  return { status: 'ok', version: api.version(), catalog: status ? status.catalog : null, module: loaded };
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
