import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs: the built app works from any folder of the portal.
  base: './',
  // The dev server's dependency pre-bundling would move santei's files away from its .wasm;
  // serving santei as it is keeps `new URL('santei_bg.wasm', import.meta.url)` right.
  optimizeDeps: { exclude: ['santei'] },
  build: { target: 'es2022', assetsInlineLimit: 0 },
});
