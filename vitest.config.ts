import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{app,main,preload,renderer,scripts,bench}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Native modules (better-sqlite3, keytar, node-llama-cpp) are not safe to share across worker threads.
    pool: 'forks',
    // A new policy's workspace: a scratch folder, never the home directory of whoever runs the tests.
    env: { WARDEN_WORKSPACE: mkdtempSync(join(tmpdir(), 'warden-test-workspace-')) },
  },
});
