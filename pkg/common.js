// Shared by web.js and node.js: wraps the wasm-bindgen exports so that no call ever throws.
// Every function returns the contract's envelope: `{status:"ok", ...}` or
// `{status:"error", errors:[{code, message, path}]}` (../shared/spec/CONTRACT.md).

/** The engine's exports this package knows; a name the loaded build lacks answers `not_available`. */
export const EXPORTS = Object.freeze([
  'evaluate',
  'evaluateBatch',
  'version',
  'rules',
  'loadMaster',
  'checkUke',
  'evaluatePatient',
  'checkFacilityStandard',
  'searchDrugs',
]);

export function errorEnvelope(code, message, path = '') {
  return { status: 'error', errors: [{ code, message: String(message), path }] };
}

/**
 * @param {() => object | null} getRaw the wasm-bindgen module namespace once it is ready, else null
 * @param {() => string} notReadyMessage why it is not ready
 */
export function makeApi(getRaw, notReadyMessage) {
  const api = {};
  for (const name of EXPORTS) {
    api[name] = (...args) => {
      const raw = getRaw();
      if (!raw) return errorEnvelope('not_initialized', notReadyMessage());
      const fn = raw[name];
      if (typeof fn !== 'function') {
        return errorEnvelope('not_available', `${name}() is not in this build of santei`);
      }
      try {
        return fn(...args);
      } catch (e) {
        // The engine promises never to throw; this is a defect, still reported as an envelope.
        return errorEnvelope('internal', (e && e.message) || e);
      }
    };
  }
  return api;
}

/** Bytes from an ArrayBuffer, a typed array or a DataView; null for anything else. */
export function asBytes(v) {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return null;
}

/** Loads the default drug catalogue; a build without `loadMaster` yet is not an error. */
export function loadCatalog(api, raw, bytes, source) {
  if (typeof raw.loadMaster !== 'function') {
    return { loaded: false, source, reason: 'loadMaster() is not in this build' };
  }
  const env = api.loadMaster('catalog', bytes);
  if (env && env.status === 'ok') return { loaded: true, source, bytes: bytes.byteLength };
  return { loaded: false, source, reason: 'loadMaster failed', errors: env && env.errors };
}
