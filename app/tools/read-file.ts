import { closeSync, constants, readSync } from 'node:fs';
import type { ReadFileArgs } from './manifests.ts';
import type { SandboxTool } from './manifest.ts';
import { ToolError, openNoFollow, recheckPath } from './safe-fs.ts';

/** A NUL byte in the first block means binary for every text format the agent would read. */
const sniffBytes = 8192;

export const readFileTool: SandboxTool<ReadFileArgs> = {
  async run(args, context) {
    recheckPath(args.path, 'read', context);
    const { fd, stats } = openNoFollow(args.path, constants.O_RDONLY);
    try {
      if (!stats.isFile()) throw new ToolError(`${args.path} is not a regular file.`);
      const limit = Math.min(stats.size, context.outputBytes);
      const buffer = Buffer.alloc(limit);
      let read = 0;
      while (read < limit) {
        const n = readSync(fd, buffer, read, limit - read, read);
        if (n === 0) break;
        read += n;
      }
      const content = buffer.subarray(0, read);
      if (content.subarray(0, sniffBytes).includes(0)) {
        return { path: args.path, bytes: stats.size, binary: true, content: '', truncated: false };
      }
      return { path: args.path, bytes: stats.size, binary: false, content: content.toString('utf8'), truncated: stats.size > read };
    } finally {
      closeSync(fd);
    }
  },
};
