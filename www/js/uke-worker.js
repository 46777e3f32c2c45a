// Web Worker: checks a レセプト電算 (UKE) file with santei's wasm build, off the page's main thread.
// Messages in:  {type:'check', bytes: ArrayBuffer}
// Messages out: {type:'progress', done, total} | {type:'result', report} | {type:'failed', message}
// The file never leaves the machine: no network request is made besides loading santei itself.
import init, { checkUke } from '../../pkg/web/santei.js';

let ready = null;

self.onmessage = async (ev) => {
  const msg = ev.data || {};
  if (msg.type !== 'check') return;
  try {
    ready = ready || init();
    await ready;
    const bytes = new Uint8Array(msg.bytes);
    let last = 0;
    const report = checkUke(bytes, {
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
