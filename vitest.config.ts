import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{app,main,preload,renderer,scripts,bench}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Native modules (better-sqlite3, keytar, node-llama-cpp) are not safe to share across worker threads.
    pool: 'forks',
  },
});
