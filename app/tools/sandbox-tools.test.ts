import { linkSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ToolContext } from './manifest.ts';
import { sandboxTools } from './sandbox-tools.ts';

// The implementations as the child runs them, in-process: arguments are already canonical.
let root: string;
let ws: string;
let ctx: ToolContext;
beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'warden-tools-')));
  ws = join(root, 'ws');
  mkdirSync(join(ws, 'src'), { recursive: true });
  writeFileSync(join(ws, 'a.txt'), 'hello\nWorld\n');
  writeFileSync(join(ws, 'src', 'main.ts'), 'const hello = 1;\n');
  writeFileSync(join(ws, 'bin.dat'), Buffer.from([0, 1, 2, 3]));
  ctx = { workspace: ws, references: [], outputBytes: 1024 * 1024 };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const tool = (name: string) => {
  const found = sandboxTools[name];
  if (found === undefined) throw new Error(name);
  return found;
};

describe('list_dir', () => {
  it('lists names, types and sizes without following links', async () => {
    symlinkSync('/etc', join(ws, 'etc-link'));
    const out = await tool('list_dir').run({ path: ws }, ctx);
    expect(out).toEqual({
      path: ws,
      entries: [
        { name: 'a.txt', type: 'file', bytes: 12 },
        { name: 'bin.dat', type: 'file', bytes: 4 },
        { name: 'etc-link', type: 'symlink', bytes: 0 },
        { name: 'src', type: 'dir', bytes: 0 },
      ],
      total: 4,
      truncated: false,
    });
  });
});

describe('read_file', () => {
  it('reads text, reports binary, cuts at the output limit', async () => {
    expect(await tool('read_file').run({ path: join(ws, 'a.txt') }, ctx)).toMatchObject({ content: 'hello\nWorld\n', truncated: false, binary: false });
    expect(await tool('read_file').run({ path: join(ws, 'bin.dat') }, ctx)).toMatchObject({ binary: true, content: '' });
    expect(await tool('read_file').run({ path: join(ws, 'a.txt') }, { ...ctx, outputBytes: 5 })).toMatchObject({ content: 'hello', truncated: true, bytes: 12 });
  });

  it('refuses a path swapped for a symlink after validation', async () => {
    rmSync(join(ws, 'src'), { recursive: true });
    symlinkSync('/etc', join(ws, 'src'));
    await expect(tool('read_file').run({ path: join(ws, 'src', 'passwd') }, ctx)).rejects.toThrow(/changed after it was checked/);
  });

  it('refuses to follow a final symlink', async () => {
    symlinkSync('/etc/passwd', join(ws, 'pw'));
    await expect(tool('read_file').run({ path: join(ws, 'pw') }, ctx)).rejects.toThrow(/symbolic link/);
  });
});

describe('search_files', () => {
  it('finds literal text, case-insensitively by default, skipping binaries', async () => {
    const out = await tool('search_files').run({ query: 'hello', path: ws, caseSensitive: false, maxResults: 10 }, ctx);
    expect(out['matches']).toEqual([
      { path: join(ws, 'a.txt'), line: 1, text: 'hello' },
      { path: join(ws, 'src', 'main.ts'), line: 1, text: 'const hello = 1;' },
    ]);
    const exact = await tool('search_files').run({ query: 'world', path: ws, caseSensitive: true, maxResults: 10 }, ctx);
    expect(exact['matches']).toEqual([]);
  });

  it('stops at maxResults and says so; does not follow links out', async () => {
    symlinkSync('/etc', join(ws, 'etc-link'));
    const out = await tool('search_files').run({ query: 'e', path: ws, caseSensitive: false, maxResults: 1 }, ctx);
    expect(out).toMatchObject({ truncated: true });
    expect((out['matches'] as unknown[]).length).toBe(1);
    const root = await tool('search_files').run({ query: 'root', path: ws, caseSensitive: false, maxResults: 10 }, ctx);
    expect(root['matches']).toEqual([]);
  });
});

describe('write_file', () => {
  it('previews a diff, then writes', async () => {
    const args = { path: join(ws, 'a.txt'), content: 'hello\nthere\n', createDirs: false };
    const preview = await tool('write_file').preview?.(args, ctx);
    expect(preview).toMatchObject({ kind: 'diff', created: false, diff: expect.stringContaining('-World\n+there') });
    expect(await tool('write_file').run(args, ctx)).toEqual({ path: args.path, bytes: 12, created: false });
    expect(readFileSync(args.path, 'utf8')).toBe('hello\nthere\n');
  });

  it('creates a file and missing directories when asked', async () => {
    const path = join(ws, 'new', 'deep', 'f.txt');
    const preview = await tool('write_file').preview?.({ path, content: 'x\n', createDirs: true }, ctx);
    expect(preview).toMatchObject({ created: true, diff: expect.stringContaining('--- /dev/null') });
    await expect(tool('write_file').run({ path, content: 'x\n', createDirs: false }, ctx)).rejects.toThrow(/does not exist; pass createDirs: true/);
    expect(await tool('write_file').run({ path, content: 'x\n', createDirs: true }, ctx)).toMatchObject({ created: true });
  });

  it('refuses a file that gained a hard link after validation', async () => {
    writeFileSync(join(root, 'outside.txt'), 'keep');
    linkSync(join(root, 'outside.txt'), join(ws, 'linked.txt'));
    await expect(tool('write_file').run({ path: join(ws, 'linked.txt'), content: 'x', createDirs: false }, ctx)).rejects.toThrow(/hard links/);
    expect(readFileSync(join(root, 'outside.txt'), 'utf8')).toBe('keep');
  });

  it('refuses to write through a final symlink', async () => {
    symlinkSync(join(root, 'target.txt'), join(ws, 'l.txt'));
    await expect(tool('write_file').run({ path: join(ws, 'l.txt'), content: 'x', createDirs: false }, ctx)).rejects.toThrow(/symbolic link/);
    expect(existsSync(join(root, 'target.txt'))).toBe(false);
  });
});

describe('move_path', () => {
  it('moves and never overwrites', async () => {
    await expect(tool('move_path').run({ from: join(ws, 'a.txt'), to: join(ws, 'src', 'main.ts') }, ctx)).rejects.toThrow(/never overwrites/);
    expect(await tool('move_path').run({ from: join(ws, 'a.txt'), to: join(ws, 'b.txt') }, ctx)).toEqual({ from: join(ws, 'a.txt'), to: join(ws, 'b.txt') });
    expect(existsSync(join(ws, 'b.txt'))).toBe(true);
  });
});

describe('delete_path', () => {
  it('previews what would go with sizes, then deletes', async () => {
    const preview = await tool('delete_path').preview?.({ path: join(ws, 'src'), recursive: true }, ctx);
    expect(preview).toEqual({
      kind: 'delete',
      entries: [
        { path: join(ws, 'src'), type: 'dir', bytes: 0 },
        { path: join(ws, 'src', 'main.ts'), type: 'file', bytes: 17 },
      ],
      totalEntries: 2,
      totalBytes: 17,
      truncated: false,
    });
    await expect(tool('delete_path').run({ path: join(ws, 'src'), recursive: false }, ctx)).rejects.toThrow(/not empty; pass recursive: true/);
    expect(await tool('delete_path').run({ path: join(ws, 'src'), recursive: true }, ctx)).toEqual({ path: join(ws, 'src'), deletedEntries: 2, deletedBytes: 17 });
    expect(existsSync(join(ws, 'src'))).toBe(false);
  });

  it('deletes a symlink, not what it points to', async () => {
    symlinkSync(join(root, 'keep'), join(ws, 'link'));
    writeFileSync(join(root, 'keep'), 'x');
    await tool('delete_path').run({ path: join(ws, 'link'), recursive: false }, ctx);
    expect(readFileSync(join(root, 'keep'), 'utf8')).toBe('x');
  });
});
