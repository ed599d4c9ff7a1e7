import { lstatSync, rmSync, rmdirSync, unlinkSync } from 'node:fs';
import type { DeletePathArgs } from './manifests.ts';
import type { SandboxTool } from './manifest.ts';
import { ToolError, describeFsError, recheckPath } from './safe-fs.ts';
import { summarizeTree } from './tree-summary.ts';

export const deletePathTool: SandboxTool<DeletePathArgs> = {
  async preview(args) {
    const summary = summarizeTree(args.path);
    return { kind: 'delete', ...summary };
  },

  async run(args, context) {
    recheckPath(args.path, 'write', context);
    const summary = summarizeTree(args.path, 0);
    try {
      const stats = lstatSync(args.path);
      if (!stats.isDirectory()) unlinkSync(args.path);
      else if (args.recursive) rmSync(args.path, { recursive: true, force: false });
      else rmdirSync(args.path);
    } catch (error) {
      throw new ToolError(describeFsError(error, args.path));
    }
    return { path: args.path, deletedEntries: summary.totalEntries, deletedBytes: summary.totalBytes };
  },
};
