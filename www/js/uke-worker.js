// Web Worker: checks a レセプト電算 (UKE) file with santei's wasm build, off the page's main thread.
// Messages in:  {type:'check', bytes: ArrayBuffer, masters?: [{file: File|Blob, options}]}
//               (masters: the files added on the マスター tab, in load order)
// Messages out: {type:'progress', done, total} | {type:'result', report} | {type:'failed', message}
// The file never leaves the machine: no network request is made besides loading santei itself.
import init, * as santei from '../../pkg/web/santei.js';
import { loadFile } from './master-load.js';

let ready = null;

// The worker has its own engine: give it the default drug catalogue too, when pkg/ ships one
// (the same files js/app.js loads), so drugs are checked against the master.
async function start() {
  await init();
  try {
    const meta = (await import('../../pkg/meta.js')).default;
    if (meta && meta.catalog && typeof santei.loadMaster === 'function') {
      const res = await fetch(new URL(`../../pkg/${meta.catalog.file}`, import.meta.url));
      if (res.ok) santei.loadMaster('catalog', new Uint8Array(await res.arrayBuffer()));
    }
  } catch (e) {
    // No catalogue: the unknown-drug check is skipped (summary.masters is empty).
  }
}

self.onmessage = async (ev) => {
  const msg = ev.data || {};
  if (msg.type !== 'check') return;
  try {
    ready = ready || start();
    await ready;
    for (const m of msg.masters ?? []) {
      const r = await loadFile(santei, m.file, m.options);
      if (r.status !== 'ok') {
        self.postMessage({ type: 'failed', message: `${m.options?.name ?? 'master'}: ${r.errors?.[0]?.message}` });
        return;
      }
    }
    const bytes = new Uint8Array(msg.bytes);
    let last = 0;
    const report = santei.checkUke(bytes, {
      onProgress: (done, total) => {
        const now = performance.now();
        if (now - last > 50 || done === total) {
          last = now;
          self.postMessage({ type: 'progress', done, total });
        }
      },
    });
    self.postMessage({ type: 'result', report });
  } catch (e) {
    self.postMessage({ type: 'failed', message: String(e && e.message ? e.message : e) });
  }
};
