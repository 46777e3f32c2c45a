// santei's wasm inlined as base64, for hosts that want no separate .wasm request:
//   import { init } from 'santei'; import { wasmBytes } from 'santei/inline';
//   await init({ wasm: wasmBytes() });
// 'santei/inline-full' has the same exports for the full module:
//   await init({ full: true, wasm: wasmBytes() });
/** The wasm file, base64. */
export const wasmBase64: string;
/** The wasm file's bytes (decoded on each call). */
export function wasmBytes(): Uint8Array;
