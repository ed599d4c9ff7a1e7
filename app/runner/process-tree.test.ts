import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePs, processTree, psSnapshot, subtree } from './process-tree.ts';

describe('parsePs', () => {
  it('reads pid, parent and resident KiB from `ps -A -o pid=,ppid=,rss=` as macOS prints it', () => {
    const text = '    0     0      0\n    1     0  13472\n  512     1   2048\n  513   512      4\n\n garbage line\n 514 513 -\n';
    expect([...parsePs(text)]).toEqual([
      [0, { ppid: 0, residentBytes: 0 }],
      [1, { ppid: 0, residentBytes: 13472 * 1024 }],
      [512, { ppid: 1, residentBytes: 2048 * 1024 }],
      [513, { ppid: 512, residentBytes: 4096 }],
    ]);
  });
});

describe('subtree', () => {
  it('follows parent links down from the root, root first, across sessions', () => {
    const parents = new Map([[0, 0], [1, 0], [10, 1], [11, 10], [12, 10], [13, 12], [20, 1]]);
    expect(subtree(parents, 10).sort((a, b) => a - b)).toEqual([10, 11, 12, 13]);
    expect(subtree(parents, 10)[0]).toBe(10);
    // A vanished root is still itself; pid 0 being its own parent does not loop.
    expect(subtree(parents, 99)).toEqual([99]);
    expect(subtree(parents, 0).sort((a, b) => a - b)).toEqual([0, 1, 10, 11, 12, 13, 20]);
  });
});

describe.skipIf(!existsSync('/bin/ps'))('the process table', () => {
  const started: number[] = [];
  afterEach(() => {
    for (const pid of started.splice(0)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });

  /** A shell with a child in the background, printing the child's pid (setsid is not on macOS; the walk is the same). */
  async function treeWithChild(): Promise<{ root: number; child: number }> {
    const shell = spawn('/bin/sh', ['-c', 'sleep 30 & echo $!; sleep 30'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    started.push(shell.pid as number);
    const child = await new Promise<number>((resolve) => shell.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    return { root: shell.pid as number, child };
  }

  it('ps (the macOS way, run here too) finds the children, with their memory', async () => {
    const { root, child } = await treeWithChild();
    const table = await psSnapshot();
    const pids = subtree(new Map([...table].map(([pid, entry]) => [pid, entry.ppid])), root);
    expect(pids).toContain(child);
    expect(table.get(child)?.residentBytes).toBeGreaterThan(0);
  });

  it('processTree gives the same tree and its resident memory', async () => {
    const { root, child } = await treeWithChild();
    const tree = await processTree(root);
    expect(tree.pids[0]).toBe(root);
    expect(tree.pids).toContain(child);
    expect(tree.residentBytes).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync('/proc/self/io'))('processTree counts what the tree wrote, a reaped child included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-tree-io-'));
    try {
      // The child writes and exits (its parent reaps it); then the root writes too and waits.
      const shell = spawn('/bin/sh', ['-c', `head -c 3000000 /dev/zero > ${dir}/a; head -c 2000000 /dev/zero > ${dir}/b; echo ready; sleep 30`], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
      started.push(shell.pid as number);
      await new Promise((resolve) => shell.stdout.once('data', resolve));
      const tree = await processTree(shell.pid as number);
      expect(tree.writtenBytes).toBeGreaterThanOrEqual(5_000_000);
      expect(tree.writtenBytes).toBeLessThan(6_000_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
