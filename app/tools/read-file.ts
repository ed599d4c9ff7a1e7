import { closeSync, constants } from 'node:fs';
import type { ReadFileArgs } from './manifests.ts';
import type { SandboxTool } from './manifest.ts';
import { ToolError, openNoFollow, readUpTo, recheckPath } from './safe-fs.ts';

/** A NUL byte in the first block means binary for every text format the agent would read. */
const sniffBytes = 8192;

export const readFileTool: SandboxTool<ReadFileArgs> = {
  async run(args, context) {
    recheckPath(args.path, 'read', context);
    const { fd, stats } = openNoFollow(args.path, constants.O_RDONLY);
    try {
      if (!stats.isFile()) throw new ToolError(`${args.path} is not a regular file.`);
      const content = readUpTo(fd, Math.min(stats.size, context.outputBytes));
      if (content.subarray(0, sniffBytes).includes(0)) {
        return { path: args.path, bytes: stats.size, binary: true, content: '', truncated: false };
      }
      return { path: args.path, bytes: stats.size, binary: false, content: content.toString('utf8'), truncated: stats.size > content.length };
    } finally {
      closeSync(fd);
    }
  },
};
