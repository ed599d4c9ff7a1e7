import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The main process as one ESM file. An SSR build keeps package dependencies (native modules
 * included) external, as node-llama-cpp requires; app/ code is bundled in.
 */
export default defineConfig({
  root,
  publicDir: false,
  build: {
    ssr: fileURLToPath(new URL('./index.ts', import.meta.url)),
    outDir: 'dist/main',
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    copyPublicDir: false,
    rolldownOptions: {
      output: { format: 'es', entryFileNames: 'index.js' },
    },
  },
  ssr: {
    target: 'node',
    external: ['electron', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
  },
});
