import { lstatSync, realpathSync } from 'node:fs';

export type PathType = 'file' | 'dir' | 'symlink' | 'device' | 'fifo' | 'socket';

export interface PathStat {
  readonly type: PathType;
  readonly nlink: number;
}

/**
 * The two questions validation asks the file system. Injected, so that validation is a pure
 * function of its inputs in tests (a table of fake paths) and uses the real disk in the core.
 */
export interface PathInspector {
  /** What is at `path` without following a final symlink; null when nothing is. */
  lstat(path: string): PathStat | null;
  /** `path` with every symlink resolved; null when that fails (missing target, loop, no access). */
  realpath(path: string): string | null;
}

export const diskInspector: PathInspector = {
  lstat(path) {
    let stats;
    try {
      stats = lstatSync(path);
    } catch {
      return null;
    }
    const type: PathType = stats.isFile()
      ? 'file'
      : stats.isDirectory()
        ? 'dir'
        : stats.isSymbolicLink()
          ? 'symlink'
          : stats.isFIFO()
            ? 'fifo'
            : stats.isSocket()
              ? 'socket'
              : 'device';
    return { type, nlink: stats.nlink };
  },
  realpath(path) {
    try {
      return realpathSync.native(path);
    } catch {
      return null;
    }
  },
};
