import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinaryPath } from './electron-binary.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project root with node_modules/electron laid out as the real package does. */
function fakeProject(layout: { pathTxt?: string; binary?: string }): string {
  const root = mkdtempSync(join(tmpdir(), 'warden-electron-'));
  roots.push(root);
  const pkg = join(root, 'node_modules', 'electron');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  writeFileSync(join(pkg, 'index.js'), 'throw new Error("the electron package must not be loaded")');
  if (layout.pathTxt !== undefined) writeFileSync(join(pkg, 'path.txt'), layout.pathTxt);
  if (layout.binary !== undefined) {
    const file = join(pkg, 'dist', layout.binary);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '');
  }
  return root;
}

describe('electronBinaryPath', () => {
  it('returns the absolute executable when path.txt and the binary both exist', () => {
    const root = fakeProject({ pathTxt: 'electron', binary: 'electron' });
    expect(electronBinaryPath(root)).toBe(join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('follows the macOS layout named in path.txt', () => {
    const exe = 'Electron.app/Contents/MacOS/Electron';
    const root = fakeProject({ pathTxt: exe, binary: exe });
    expect(electronBinaryPath(root)).toBe(join(root, 'node_modules', 'electron', 'dist', exe));
  });

  it('is null without path.txt (the download never ran)', () => {
    expect(electronBinaryPath(fakeProject({ binary: 'electron' }))).toBeNull();
  });

  it('is null when path.txt names a binary that is not there (the download failed)', () => {
    expect(electronBinaryPath(fakeProject({ pathTxt: 'electron' }))).toBeNull();
  });

  it('is null for an empty path.txt, one pointing outside dist/, or no electron package at all', () => {
    expect(electronBinaryPath(fakeProject({ pathTxt: '' }))).toBeNull();
    expect(electronBinaryPath(fakeProject({ pathTxt: '../index.js' }))).toBeNull();
    const bare = mkdtempSync(join(tmpdir(), 'warden-electron-'));
    roots.push(bare);
    expect(electronBinaryPath(bare)).toBeNull();
  });

  it('defaults to this project (no binary is installed on this machine, or it is a real file)', () => {
    const found = electronBinaryPath();
    if (found !== null) expect(found).toMatch(/node_modules[\\/]electron[\\/]dist[\\/]/);
  });
});
