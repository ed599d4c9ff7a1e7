import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EntryType } from './list-dir.ts';
import { entryType } from './list-dir.ts';

export interface TreeEntry {
  path: string;
  type: EntryType;
  bytes: number;
}

export interface TreeSummary {
  /** The first `listLimit` entries, the root first, depth-first. */
  entries: TreeEntry[];
  totalEntries: number;
  totalBytes: number;
  /** More entries than listed, or the walk stopped at `walkLimit`. */
  truncated: boolean;
}

/** Everything at and below `root` without following symlinks: what deleting it would remove. */
export function summarizeTree(root: string, listLimit = 1000, walkLimit = 200_000): TreeSummary {
  const entries: TreeEntry[] = [];
  let totalEntries = 0;
  let totalBytes = 0;
  let stopped = false;
  const pending = [root];
  while (pending.length > 0) {
    if (totalEntries >= walkLimit) {
      stopped = true;
      break;
    }
    const path = pending.pop() as string;
    let stats;
    try {
      stats = lstatSync(path);
    } catch {
      continue;
    }
    const type = entryType(stats);
    const bytes = type === 'file' ? stats.size : 0;
    totalEntries++;
    totalBytes += bytes;
    if (entries.length < listLimit) entries.push({ path, type, bytes });
    if (type === 'dir') {
      let names: string[] = [];
      try {
        names = readdirSync(path);
      } catch {
        // Unreadable: listed itself, its content unknown; the delete would fail on it anyway.
      }
      for (const name of names.sort().reverse()) pending.push(join(path, name));
    }
  }
  return { entries, totalEntries, totalBytes, truncated: stopped || totalEntries > entries.length };
}
