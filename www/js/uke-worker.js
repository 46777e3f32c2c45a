// Web Worker: checks a レセプト電算 (UKE) file with santei's full module (pkg/full: checkUke is not
// in the page's lean engine), off the page's main thread.
// Messages in:  {type:'check', bytes: ArrayBuffer, masters?: [{file: File|Blob, options}]}
//               (masters: the files added on the マスター tab, in load order)
// Messages out: {type:'progress', done, total} | {type:'result', report} | {type:'failed', message}
// The file never leaves the machine: no network request is made besides loading santei itself.
import * as santei from '../../pkg/web.js';

let ready = null;

// The worker has its own engine, the full module, with the default drug catalogue when pkg/
// ships one (init loads it; without it the unknown-drug check is skipped: summary.masters is
// empty), so drugs are checked against the master.
async function start() {
  const r = await santei.init({ full: true });
  if (r.status !== 'ok') throw new Error(r.errors?.[0]?.message ?? 'santei did not start');
}

self.onmessage = async (ev) => {
  const msg = ev.data || {};
  if (msg.type !== 'check') return;
  try {
    ready = ready || start();
    await ready;
    for (const m of msg.masters ?? []) {
      const r = await santei.loadMasterFile(m.file, m.options);
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
