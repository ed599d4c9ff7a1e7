import { lstatSync, readdirSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import type { ListDirArgs } from './manifests.ts';
import type { SandboxTool } from './manifest.ts';
import { ToolError, describeFsError, recheckPath } from './safe-fs.ts';

/** Enough for any directory a person would read; the rest is counted, not listed. */
export const listDirMaxEntries = 2000;

export type EntryType = 'file' | 'dir' | 'symlink' | 'other';

export function entryType(stats: Stats): EntryType {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isDirectory()) return 'dir';
  if (stats.isFile()) return 'file';
  return 'other';
}

export const listDirTool: SandboxTool<ListDirArgs> = {
  async run(args, context) {
    recheckPath(args.path, 'read', context);
    let names: string[];
    try {
      names = readdirSync(args.path).sort();
    } catch (error) {
      throw new ToolError(describeFsError(error, args.path));
    }
    const entries = names.slice(0, listDirMaxEntries).map((name) => {
      try {
        const stats = lstatSync(join(args.path, name));
        return { name, type: entryType(stats), bytes: stats.isFile() ? stats.size : 0 };
      } catch {
        // Removed between readdir and lstat: still worth naming.
        return { name, type: 'other' as const, bytes: 0 };
      }
    });
    return { path: args.path, entries, total: names.length, truncated: names.length > entries.length };
  },
};
