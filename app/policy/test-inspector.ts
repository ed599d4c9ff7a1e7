import { posix } from 'node:path';
import type { PathInspector, PathType } from './path-inspector.ts';

export type FakeNode = { type: Exclude<PathType, 'symlink'>; nlink?: number } | { type: 'symlink'; target: string };

/**
 * A file system as a table, for testing validation as the pure function it is: lstat and a
 * realpath that follows symlinks component by component like the kernel (with its 40-hop limit).
 */
export function fakeInspector(nodes: Readonly<Record<string, FakeNode>>): PathInspector {
  const node = (path: string): FakeNode | undefined => (path === '/' ? { type: 'dir' } : nodes[path]);
  const inspector: PathInspector = {
    lstat(path) {
      // Like lstat(2): symlinks in the parent directories are followed, the final one is not.
      const parent = path === '/' ? '/' : inspector.realpath(posix.dirname(path));
      if (parent === null) return null;
      const found = node(path === '/' ? '/' : posix.join(parent, posix.basename(path)));
      if (found === undefined) return null;
      return { type: found.type, nlink: found.type === 'symlink' ? 1 : (found.nlink ?? 1) };
    },
    realpath(path) {
      let pending = path.split('/').filter((part) => part !== '');
      let current = '/';
      let hops = 0;
      while (pending.length > 0) {
        const name = pending.shift() as string;
        if (name === '.') continue;
        if (name === '..') {
          current = posix.dirname(current);
          continue;
        }
        const next = posix.join(current, name);
        const found = node(next);
        if (found === undefined) return null;
        if (found.type === 'symlink') {
          if (++hops > 40) return null;
          if (found.target.startsWith('/')) current = '/';
          pending = [...found.target.split('/').filter((part) => part !== ''), ...pending];
          continue;
        }
        if (pending.length > 0 && found.type !== 'dir') return null;
        current = next;
      }
      return current;
    },
  };
  return inspector;
}
