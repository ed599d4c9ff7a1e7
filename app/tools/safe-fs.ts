import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { ToolContext } from './manifest.ts';

/** A failure the tool reports to the caller as it is; the message says what to do. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}

export const isWithin = (path: string, root: string): boolean => path === root || path.startsWith(`${root}/`);

/**
 * Validation canonicalized every path before the call was allowed; this checks again, in the
 * child, that nothing was swapped for a symlink in between (the agent can run commands too).
 * Inside bubblewrap the mounts already confine the child; without it this is the last check.
 */
export function recheckPath(path: string, access: 'read' | 'write', context: ToolContext): void {
  const roots = access === 'write' ? [context.workspace] : [context.workspace, ...context.references];
  let resolved: string;
  try {
    resolved = roots.includes(path) ? realpathSync(path) : `${realpathSync(dirname(path))}/${basename(path)}`;
  } catch {
    throw new ToolError(`${path} no longer exists.`);
  }
  if (resolved.startsWith('//')) resolved = resolved.slice(1);
  if (resolved !== path || !roots.some((root) => isWithin(path, root))) {
    throw new ToolError(`${path} changed after it was checked (a directory was replaced by a link); nothing was done.`);
  }
}

/** Up to `limit` bytes from the start of an open file (fewer if it shrank since its stats were taken). */
export function readUpTo(fd: number, limit: number): Buffer {
  const buffer = Buffer.alloc(limit);
  let read = 0;
  while (read < limit) {
    const n = readSync(fd, buffer, read, limit - read, read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

/** Opens without following a final symlink and hands back the descriptor with its stats. */
export function openNoFollow(path: string, flags: number, mode = 0o644): { fd: number; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(path, flags | constants.O_NOFOLLOW | constants.O_NONBLOCK, mode);
  } catch (error) {
    throw new ToolError(describeFsError(error, path));
  }
  try {
    return { fd, stats: fstatSync(fd) };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

export function describeFsError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return `${path} does not exist.`;
    case 'EEXIST': return `${path} already exists.`;
    case 'EACCES':
    case 'EPERM': return `The sandbox user may not access ${path}: check its owner and mode (the workspace must belong to the sandbox user).`;
    case 'EROFS': return `${path} is read-only in the sandbox.`;
    case 'ELOOP': return `${path} is a symbolic link; refusing to follow it.`;
    case 'EISDIR': return `${path} is a directory.`;
    case 'ENOTDIR': return `A parent of ${path} is not a directory.`;
    case 'ENOTEMPTY': return `${path} is a directory that is not empty; pass recursive: true to delete everything in it.`;
    case 'ENOSPC': return `No space left on the device while writing ${path}.`;
    case 'EFBIG': return `${path} would exceed the file size limit of the sandbox.`;
    default: return `${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
