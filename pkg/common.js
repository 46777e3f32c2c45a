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
  'masterFileInfo',
]);

export function errorEnvelope(code, message, path = '') {
  return { status: 'error', errors: [{ code, message: String(message), path }] };
}

/** The exports only the full module has (cargo feature `full`, pkg/full); the lean engine
 * (pkg/web) leaves them out to stay small, and answers `not_available` for them. */
export const FULL_ONLY = Object.freeze(['checkUke', 'evaluatePatient', 'checkFacilityStandard']);

/**
 * @param {() => object | null} getRaw the wasm-bindgen module namespace once it is ready, else null
 * @param {() => string} notReadyMessage why it is not ready
 * @param {(name: string) => string} [notAvailableMessage] why `name` is missing from the loaded module
 */
export function makeApi(getRaw, notReadyMessage, notAvailableMessage) {
  const api = {};
  for (const name of EXPORTS) {
    api[name] = (...args) => {
      const raw = getRaw();
      if (!raw) return errorEnvelope('not_initialized', notReadyMessage());
      const fn = raw[name];
      if (typeof fn !== 'function') {
        return errorEnvelope(
          'not_available',
          notAvailableMessage ? notAvailableMessage(name) : `${name}() is not in this build of santei`,
        );
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

/** True when `bytes` start like a ZIP archive (SSK `*_ALL*.zip`; an XLSX workbook is one too). */
export function isZip(bytes) {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

/**
 * `loadMasterFile(file, options)`: a master file as a user downloaded it (a File/Blob or bytes)
 * → the same envelope as `loadMaster`, plus `unpacked` when it was a ZIP or an XLSX.
 * The kind and release come from `options` or else from the file name (`masterFileInfo`, the
 * CLI's `--master FILE` rule). ZIP archives and the MHLW XLSX workbook are first turned into
 * CSV by the separate unpack module (`getUnpack()`), fetched only then.
 * @param {object} api the wrapped engine exports (makeApi)
 * @param {(options: object) => Promise<object>} getUnpack resolves to the unpack module's namespace
 */
export async function loadMasterFile(api, getUnpack, file, options = {}) {
  const opts = options && typeof options === 'object' ? options : {};
  const name =
    typeof opts.name === 'string' ? opts.name : file && typeof file.name === 'string' ? file.name : '';
  let bytes = asBytes(file);
  if (!bytes && file && typeof file.arrayBuffer === 'function') {
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      return errorEnvelope('invalid_input', `cannot read ${name || 'the file'}: ${(e && e.message) || e}`, 'file');
    }
  }
  if (!bytes) {
    return errorEnvelope('invalid_input', 'file must be a File, a Blob, a Uint8Array or an ArrayBuffer', 'file');
  }
  const info = name ? api.masterFileInfo(name) : null;
  const fromName = info && info.status === 'ok' ? info : { kind: null, release: null };
  const kind = typeof opts.kind === 'string' && opts.kind ? opts.kind : fromName.kind;
  if (!kind) {
    return errorEnvelope(
      'invalid_input',
      `cannot tell the master kind of ${name ? `"${name}"` : 'the file'} from its name: give options.kind ` +
        '(ssk-drug, mhlw-ippanmei, mhlw-ge, ssk-procedure, ssk-comment or catalog)',
      'kind',
    );
  }
  const release = typeof opts.release === 'string' && opts.release ? opts.release : fromName.release || undefined;
  let unpacked;
  if (kind !== 'catalog' && isZip(bytes)) {
    let mod;
    try {
      mod = await getUnpack(opts);
    } catch (e) {
      return errorEnvelope(
        'unpack_unavailable',
        `cannot load santei's unpack module for ZIP/XLSX files: ${(e && e.message) || e}; load the CSV form instead`,
        'file',
      );
    }
    let u;
    try {
      u = mod.unpackMaster(kind, bytes);
    } catch (e) {
      u = errorEnvelope('internal', (e && e.message) || e);
    }
    if (!u || u.status !== 'ok') return u;
    unpacked = { from: u.from, csvBytes: u.csv.byteLength, ...(u.rows === undefined ? {} : { rows: u.rows }) };
    bytes = u.csv;
  }
  const env = api.loadMaster(kind, bytes, release, name || undefined);
  if (env && env.status === 'ok') {
    return { ...env, file: name || null, ...(unpacked ? { unpacked } : {}) };
  }
  return env;
}
