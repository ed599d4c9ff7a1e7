import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The renderer build: one static bundle that works under Electron's `app://warden/` and under the
 * headless server's `/`, so every URL in it is relative (`base: './'`). The CSP forbids inline code,
 * so nothing is inlined: no module-preload polyfill, no data: assets, no sourcemaps.
 */
export default defineConfig({
  root: here,
  base: './',
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    // The renderer imports the contract from ../app/contract/.
    fs: { strict: true, allow: [repoRoot] },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2023',
    reportCompressedSize: false,
    // One bundle read from disk (app://) or loopback: size warnings meant for the web do not apply.
    chunkSizeWarningLimit: 2048,
  },
});
