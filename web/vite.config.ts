import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The build goes to web/dist, which the C server loads into memory
// (PAGALBA_WEB_DIR). Hashed files under /assets/ are served as immutable;
// scripts/compress.mjs then writes the .gz siblings the server prefers.
export default defineConfig({
  plugins: [preact({ devtoolsInProd: false, prefreshEnabled: false })],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
