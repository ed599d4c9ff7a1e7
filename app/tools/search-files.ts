import { closeSync, constants, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchFilesArgs } from './manifests.ts';
import type { SandboxTool } from './manifest.ts';
import { ToolError, describeFsError, openNoFollow, readUpTo, recheckPath } from './safe-fs.ts';

/** Bounds that keep one search from reading a whole disk: files visited, bytes per file. */
export const searchLimits = { maxFiles: 20_000, maxFileBytes: 2 * 1024 * 1024, maxLineChars: 500 } as const;

type Match = {
  path: string;
  line: number;
  text: string;
};

function readSmallFile(path: string): Buffer | null {
  let opened;
  try {
    opened = openNoFollow(path, constants.O_RDONLY);
  } catch {
    return null;
  }
  const { fd, stats } = opened;
  try {
    if (!stats.isFile() || stats.size > searchLimits.maxFileBytes) return null;
    return readUpTo(fd, stats.size);
  } finally {
    closeSync(fd);
  }
}

export const searchFilesTool: SandboxTool<SearchFilesArgs> = {
  async run(args, context) {
    recheckPath(args.path, 'read', context);
    const needle = args.caseSensitive ? args.query : args.query.toLowerCase();
    const matches: Match[] = [];
    let filesScanned = 0;
    let outputChars = 0;
    let truncated = false;
    const pending = [args.path];

    // Depth-first without following symlinks: a link can point anywhere, the walk stays put.
    walk: while (pending.length > 0) {
      const dir = pending.pop() as string;
      let names: string[];
      try {
        names = readdirSync(dir).sort().reverse();
      } catch (error) {
        if (dir === args.path) throw new ToolError(describeFsError(error, dir));
        continue;
      }
      for (const name of names) {
        const path = join(dir, name);
        let stats;
        try {
          stats = lstatSync(path);
        } catch {
          continue;
        }
        if (stats.isDirectory()) pending.push(path);
        if (!stats.isFile()) continue;
        if (++filesScanned > searchLimits.maxFiles) {
          truncated = true;
          break walk;
        }
        const content = readSmallFile(path);
        if (content === null || content.subarray(0, 8192).includes(0)) continue;
        const lines = content.toString('utf8').split('\n');
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i] as string;
          if (!(args.caseSensitive ? line : line.toLowerCase()).includes(needle)) continue;
          const text = line.length > searchLimits.maxLineChars ? `${line.slice(0, searchLimits.maxLineChars)}…` : line;
          outputChars += path.length + text.length + 16;
          if (matches.length >= args.maxResults || outputChars > context.outputBytes) {
            truncated = true;
            break walk;
          }
          matches.push({ path, line: i + 1, text });
        }
      }
    }
    return { path: args.path, query: args.query, matches, filesScanned: Math.min(filesScanned, searchLimits.maxFiles), truncated };
  },
};
