import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskUse } from './disk-use.ts';

const mb = 1024 * 1024;

// Real files on the real disk; other tests write and delete meanwhile, so bounds are loose.
describe('diskUse', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warden-disk-use-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts what is written after it starts, across files', () => {
    const used = diskUse([dir]);
    for (let i = 0; i < 4; i++) writeFileSync(join(dir, `f${i}`), Buffer.alloc(16 * mb, 1));
    expect(used()).toBeGreaterThan(32 * mb);
  });

  it('counts a file system once however many of its paths are given, and skips missing paths', () => {
    const used = diskUse([dir, join(dir, '.'), tmpdir(), join(dir, 'missing')]);
    writeFileSync(join(dir, 'f'), Buffer.alloc(64 * mb, 1));
    expect(used()).toBeGreaterThan(32 * mb);
    expect(used()).toBeLessThan(128 * mb);
  });

  it('never reports less than nothing when space is freed', () => {
    writeFileSync(join(dir, 'f'), Buffer.alloc(64 * mb, 1));
    const used = diskUse([dir]);
    rmSync(join(dir, 'f'));
    expect(used()).toBeGreaterThanOrEqual(0);
    expect(used()).toBeLessThan(32 * mb);
  });
});
