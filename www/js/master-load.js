// Loading master files as downloaded, shared by the マスター tab and the UKE worker (which has
// its own engine and is given the same files): pkg/common.js's loadMasterFile with the unpack
// module (pkg/unpack: SSK ZIP / MHLW XLSX → CSV) imported and instantiated on first use only.
import { loadMasterFile } from '../../pkg/common.js';

let unpack = null;

function getUnpack() {
  if (!unpack) {
    unpack = (async () => {
      const mod = await import('../../pkg/unpack/santei_unpack.js');
      await mod.default({ module_or_path: new URL('../../pkg/unpack/santei_unpack_bg.wasm', import.meta.url) });
      return mod;
    })();
    unpack.catch(() => {
      unpack = null; // retried on the next file
    });
  }
  return unpack;
}

/**
 * loadFile(engine, fileOrBytes, {name, kind, release}) → loadMaster's envelope (+ file, unpacked).
 * `engine` is the wasm-bindgen module (its exports never throw).
 */
export function loadFile(engine, file, options = {}) {
  return loadMasterFile(engine, getUnpack, file, options);
}

/** Files in the order to load them: by the release date in the name, then by name (so an SSK full
 * file comes before its change files, and change files go in date order). */
export function loadOrder(engine, files) {
  const keyed = [...files].map((f) => {
    const info = engine.masterFileInfo(f.name || '');
    return { f, key: `${(info && info.release) || '9999-99-99'} ${f.name || ''}` };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.f);
}
