import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PathParam } from '../tools/manifest.ts';
import { canonicalizePath } from './canonical-path.ts';
import { fakeInspector } from './test-inspector.ts';
import { diskInspector } from './path-inspector.ts';

const fs = fakeInspector({
  '/w': { type: 'dir' },
  '/w/a.txt': { type: 'file' },
  '/w/sub': { type: 'dir' },
  '/w/sub/b.txt': { type: 'file' },
  '/w/link-out': { type: 'symlink', target: '/etc' },
  '/w/link-file-out': { type: 'symlink', target: '/etc/passwd' },
  '/w/link-rel-out': { type: 'symlink', target: '../etc/passwd' },
  '/w/link-in': { type: 'symlink', target: 'sub' },
  '/w/link-ref': { type: 'symlink', target: '/r/doc.txt' },
  '/w/link-data': { type: 'symlink', target: '/data' },
  '/w/link-proc': { type: 'symlink', target: '/proc/self/root' },
  '/w/dangling': { type: 'symlink', target: '/nowhere/x' },
  '/w/loop': { type: 'symlink', target: '/w/loop' },
  '/w/hard.txt': { type: 'file', nlink: 2 },
  '/w/dev': { type: 'device' },
  '/w/fifo': { type: 'fifo' },
  '/w/sock': { type: 'socket' },
  '/r': { type: 'dir' },
  '/r/doc.txt': { type: 'file' },
  '/r/sub': { type: 'dir' },
  '/etc': { type: 'dir' },
  '/etc/passwd': { type: 'file' },
  '/data': { type: 'dir' },
  '/data/audit.db': { type: 'file' },
  '/proc': { type: 'dir' },
  '/proc/self': { type: 'symlink', target: '/proc/1' },
  '/proc/1': { type: 'dir' },
  '/proc/1/root': { type: 'symlink', target: '/' },
});
const perimeter = { workspace: '/w', references: ['/r'] };

const readFile: PathParam = { arg: 'path', access: 'read', expect: 'file' };
const readDir: PathParam = { arg: 'path', access: 'read', expect: 'dir' };
const write: PathParam = { arg: 'path', access: 'write', expect: 'file-or-absent' };
const del: PathParam = { arg: 'path', access: 'delete', expect: 'any' };
const moveTo: PathParam = { arg: 'to', access: 'write', expect: 'absent' };

type Case = [raw: string, param: PathParam, expected: string | RegExp];
const cases: Case[] = [
  // reads
  ['a.txt', readFile, '/w/a.txt'],
  ['/w/a.txt', readFile, '/w/a.txt'],
  ['./a.txt', readFile, '/w/a.txt'],
  ['sub//b.txt', readFile, '/w/sub/b.txt'],
  ['link-in/b.txt', readFile, '/w/sub/b.txt'],
  ['link-ref', readFile, '/r/doc.txt'],
  ['/r/doc.txt', readFile, '/r/doc.txt'],
  ['hard.txt', readFile, /2 hard links.*will not read it/],
  ['.', readDir, '/w'],
  ['/r', readDir, '/r'],
  ['sub/', readDir, '/w/sub'],
  ['a\0.txt', readFile, /NUL byte/],
  ['../etc/passwd', readFile, /contains "\.\."/],
  ['sub/../a.txt', readFile, /contains "\.\."/],
  ['sub/..', readDir, /contains "\.\."/],
  ['/etc/passwd', readFile, /outside the perimeter/],
  ['/wx/a.txt', readFile, /outside the perimeter/],
  ['/', readDir, /outside the perimeter/],
  ['/data/audit.db', readFile, /outside the perimeter/],
  ['/proc/self/root/etc/passwd', readFile, /outside the perimeter/],
  ['link-proc/etc/passwd', readFile, /outside the perimeter.*symbolic link/],
  ['link-file-out', readFile, /outside the perimeter.*symbolic link/],
  ['link-rel-out', readFile, /outside the perimeter.*symbolic link/],
  ['link-out/passwd', readFile, /outside the perimeter.*symbolic link/],
  ['link-data/audit.db', readFile, /outside the perimeter.*symbolic link/],
  ['dangling', readFile, /cannot be resolved/],
  ['loop', readFile, /cannot be resolved/],
  ['dev', readFile, /device file/],
  ['fifo', readFile, /FIFO/],
  ['sock', readFile, /socket/],
  ['missing.txt', readFile, /does not exist/],
  ['sub', readFile, /not a regular file/],
  ['a.txt', readDir, /not a directory/],
  ['missing', readDir, /does not exist/],
  // writes
  ['new.txt', write, '/w/new.txt'],
  ['sub/new/deep.txt', write, '/w/sub/new/deep.txt'],
  ['link-in/new.txt', write, '/w/sub/new.txt'],
  ['a.txt', write, '/w/a.txt'],
  ['a.txt/x', write, /is not a directory/],
  ['/r/new.txt', write, /reference directory, which is read-only/],
  ['/r/doc.txt', write, /reference directory, which is read-only/],
  ['link-ref', write, /reference directory, which is read-only/],
  ['hard.txt', write, /2 hard links/],
  ['link-out/new', write, /outside the perimeter/],
  ['dangling', write, /cannot be resolved/],
  ['sub', write, /not a regular file/],
  ['.', write, /not a regular file/],
  ['dev', write, /device file/],
  ['fifo', write, /FIFO/],
  // deletes and moves (the final component itself)
  ['a.txt', del, '/w/a.txt'],
  ['link-out', del, '/w/link-out'],
  ['dangling', del, '/w/dangling'],
  ['link-in/b.txt', del, '/w/sub/b.txt'],
  ['sub', del, '/w/sub'],
  ['.', del, /workspace or a reference directory itself/],
  ['/w', del, /workspace or a reference directory itself/],
  ['/r', del, /workspace or a reference directory itself/],
  ['/r/doc.txt', del, /reference directory, which is read-only/],
  ['/r/sub', del, /reference directory, which is read-only/],
  ['hard.txt', del, /2 hard links/],
  ['link-out/passwd', del, /outside the perimeter/],
  ['missing', del, /does not exist/],
  ['missing/x', del, /directory holding .* does not exist/],
  ['dev', del, /device file/],
  ['c.txt', moveTo, '/w/c.txt'],
  ['sub/b.txt', moveTo, /already exists/],
  ['link-out/c.txt', moveTo, /outside the perimeter/],
];

describe('canonicalizePath (table of a fake file system)', () => {
  it.each(cases)('%j as %o', (raw, param, expected) => {
    const result = canonicalizePath(raw, param, perimeter, fs);
    if (typeof expected === 'string') expect(result).toMatchObject({ ok: true, path: expected });
    else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(expected);
    }
  });

  it('says whether the target exists', () => {
    expect(canonicalizePath('a.txt', write, perimeter, fs)).toEqual({ ok: true, path: '/w/a.txt', exists: true });
    expect(canonicalizePath('new.txt', write, perimeter, fs)).toEqual({ ok: true, path: '/w/new.txt', exists: false });
  });

  it('names the argument in every refusal', () => {
    const result = canonicalizePath('../x', moveTo, perimeter, fs);
    expect(!result.ok && result.reason.startsWith('to:')).toBe(true);
  });
});

describe('canonicalizePath on the real disk', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'warden-canon-')));
  const ws = join(root, 'ws');
  const outside = join(root, 'outside');
  mkdirSync(ws);
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  writeFileSync(join(ws, 'a.txt'), 'a');
  symlinkSync(outside, join(ws, 'out'));
  linkSync(join(outside, 'secret.txt'), join(ws, 'hard.txt'));
  const fifo = spawnSync('mkfifo', [join(ws, 'fifo')]).status === 0;
  symlinkSync('/dev/null', join(ws, 'null'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const real = { workspace: ws, references: [] };

  it('resolves real symlinks and refuses what leaves the workspace', () => {
    expect(canonicalizePath('a.txt', readFile, real, diskInspector)).toMatchObject({ ok: true, path: join(ws, 'a.txt') });
    expect(canonicalizePath('out/secret.txt', readFile, real, diskInspector).ok).toBe(false);
    expect(canonicalizePath('out/new.txt', write, real, diskInspector).ok).toBe(false);
  });

  it('refuses a hard link for anything, a device and a FIFO too', () => {
    expect(canonicalizePath('hard.txt', readFile, real, diskInspector)).toMatchObject({ ok: false, reason: expect.stringMatching(/hard links/) });
    expect(canonicalizePath('hard.txt', write, real, diskInspector)).toMatchObject({ ok: false, reason: expect.stringMatching(/hard links/) });
    expect(canonicalizePath('hard.txt', del, real, diskInspector)).toMatchObject({ ok: false, reason: expect.stringMatching(/hard links/) });
    expect(canonicalizePath('null', readFile, real, diskInspector).ok).toBe(false);
    if (fifo) expect(canonicalizePath('fifo', readFile, real, diskInspector)).toMatchObject({ ok: false, reason: expect.stringMatching(/FIFO/) });
  });
});
