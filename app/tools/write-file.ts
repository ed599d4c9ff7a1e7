import { closeSync, constants, existsSync, ftruncateSync, mkdirSync, writeSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { WriteFileArgs } from './manifests.ts';
import type { SandboxTool, ToolContext } from './manifest.ts';
import { ToolError, describeFsError, openNoFollow, readUpTo, recheckPath } from './safe-fs.ts';
import { unifiedDiff } from './unified-diff.ts';

/** Files larger than this are summarized in the approval card instead of diffed. */
export const diffMaxBytes = 1024 * 1024;

function currentContent(path: string): { exists: boolean; text: string | null; bytes: number } {
  let opened;
  try {
    opened = openNoFollow(path, constants.O_RDONLY);
  } catch {
    return { exists: false, text: null, bytes: 0 };
  }
  const { fd, stats } = opened;
  try {
    if (!stats.isFile()) throw new ToolError(`${path} exists and is not a regular file.`);
    if (stats.size > diffMaxBytes) return { exists: true, text: null, bytes: stats.size };
    const content = readUpTo(fd, stats.size);
    return { exists: true, text: content.includes(0) ? null : content.toString('utf8'), bytes: stats.size };
  } finally {
    closeSync(fd);
  }
}

const displayName = (path: string, context: ToolContext): string => relative(context.workspace, path) || '.';

export const writeFileTool: SandboxTool<WriteFileArgs> = {
  async preview(args, context) {
    const current = currentContent(args.path);
    const name = displayName(args.path, context);
    if (current.exists && current.text === null) {
      const note = `${name}: the current file (${current.bytes} bytes) is binary or larger than ${diffMaxBytes} bytes; it would be replaced by ${Buffer.byteLength(args.content)} bytes of text.\n`;
      return { kind: 'diff', path: args.path, created: false, diff: note, truncated: false };
    }
    const diff = unifiedDiff(current.text ?? '', args.content, {
      oldName: current.exists ? `a/${name}` : '/dev/null',
      newName: `b/${name}`,
      maxChars: context.outputBytes,
    });
    return { kind: 'diff', path: args.path, created: !current.exists, diff: diff.text, truncated: diff.truncated };
  },

  async run(args, context) {
    if (args.createDirs) {
      try {
        mkdirSync(dirname(args.path), { recursive: true, mode: 0o755 });
      } catch (error) {
        throw new ToolError(describeFsError(error, dirname(args.path)));
      }
    } else if (!existsSync(dirname(args.path))) {
      throw new ToolError(`The directory ${dirname(args.path)} does not exist; pass createDirs: true to create it.`);
    }
    recheckPath(args.path, 'write', context);
    const created = !existsSync(args.path);
    const { fd, stats } = openNoFollow(args.path, constants.O_WRONLY | constants.O_CREAT);
    try {
      if (!stats.isFile()) throw new ToolError(`${args.path} is not a regular file.`);
      // Checked on the open descriptor: a hard link made after validation would write elsewhere too.
      if (stats.nlink > 1) throw new ToolError(`${args.path} has ${stats.nlink} hard links; writing would change the other names too. Nothing was written.`);
      ftruncateSync(fd, 0);
      const data = Buffer.from(args.content, 'utf8');
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written, data.length - written, written);
      return { path: args.path, bytes: data.length, created };
    } catch (error) {
      if (error instanceof ToolError) throw error;
      throw new ToolError(describeFsError(error, args.path));
    } finally {
      closeSync(fd);
    }
  },
};
