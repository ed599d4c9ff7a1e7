import { lstatSync, renameSync } from 'node:fs';
import type { MovePathArgs } from './manifests.ts';
import type { SandboxTool } from './manifest.ts';
import { ToolError, describeFsError, recheckPath } from './safe-fs.ts';

export const movePathTool: SandboxTool<MovePathArgs> = {
  async run(args, context) {
    recheckPath(args.from, 'write', context);
    recheckPath(args.to, 'write', context);
    // rename(2) replaces an existing destination; Node has no RENAME_NOREPLACE, so check first.
    try {
      lstatSync(args.to);
      throw new ToolError(`${args.to} already exists; move_path never overwrites. Delete it first or pick another name.`);
    } catch (error) {
      if (error instanceof ToolError) throw error;
    }
    try {
      renameSync(args.from, args.to);
    } catch (error) {
      throw new ToolError(describeFsError(error, args.from));
    }
    return { from: args.from, to: args.to };
  },
};
