// Master files in load order, shared by the マスター tab and the UKE worker (which has its own
// engine and is given the same files). Loading them is pkg/web.js's loadMasterFile, which
// imports the unpack module (pkg/unpack: SSK ZIP / MHLW XLSX → CSV) on first use only.

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
