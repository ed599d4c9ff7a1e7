import { statSync, statfsSync } from 'node:fs';

/**
 * How much disk a run has taken so far: the fall in free space, since the run started, of the file
 * systems holding the given paths (each file system counted once). It sees every file the run
 * writes, however many and wherever on that disk, and also what others write there meanwhile: a
 * limit on it guards the disk, not an exact account. One statfs per file system per reading.
 */
export function diskUse(paths: readonly string[]): () => number {
  const baselines: Array<{ path: string; free: number }> = [];
  const seen = new Set<number>();
  for (const path of paths) {
    try {
      const { dev } = statSync(path);
      if (seen.has(dev)) continue;
      seen.add(dev);
      baselines.push({ path, free: freeBytes(path) });
    } catch {
      // A path that is not there holds nothing the run can fill.
    }
  }
  return () => {
    let used = 0;
    for (const { path, free } of baselines) {
      try {
        used += Math.max(0, free - freeBytes(path));
      } catch {
        // Gone meanwhile (a run's own temporary directory): nothing more to count there.
      }
    }
    return used;
  };
}

function freeBytes(path: string): number {
  const stats = statfsSync(path);
  return stats.bfree * stats.bsize;
}
