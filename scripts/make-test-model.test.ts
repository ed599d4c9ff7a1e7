import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTinyModel } from '../app/model/tiny-gguf.ts';
import { makeTestModel } from './make-test-model.ts';

const dir = mkdtempSync(join(tmpdir(), 'warden-make-test-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = makeTestModel(args, (line) => out.push(line), (line) => err.push(line));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('scripts/make-test-model', () => {
  it('writes the tiny model, the same bytes for the same seed', () => {
    const path = join(dir, 'a.gguf');
    const first = run(['--out', path, '--seed', '3']);
    expect(first.code).toBe(0);
    const bytes = readFileSync(path);
    expect(sha256(bytes)).toBe(sha256(makeTinyModel({ seed: 3 })));
    expect(first.out).toContain(`sha256 ${sha256(bytes)}`);
  });

  it('never overwrites a file unless told to', () => {
    const path = join(dir, 'b.gguf');
    expect(run(['--out', path]).code).toBe(0);
    const again = run(['--out', path, '--seed', '9']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists; pass --force/);
    expect(sha256(readFileSync(path))).toBe(sha256(makeTinyModel({ seed: 1 })));
    expect(run(['--out', path, '--seed', '9', '--force']).code).toBe(0);
    expect(sha256(readFileSync(path))).toBe(sha256(makeTinyModel({ seed: 9 })));
  });

  it('refuses bad arguments with the usage', () => {
    for (const args of [['--seed', '-1'], ['--type', 'q4'], ['--out', join(dir, 'x.bin')], ['--bogus']]) {
      const result = run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err).toContain('Usage: node scripts/make-test-model.ts');
    }
  });
});
