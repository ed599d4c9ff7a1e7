import { posix } from 'node:path';
import type { PathParam } from '../tools/manifest.ts';
import type { PathInspector, PathStat } from './path-inspector.ts';

export interface Perimeter {
  /** Canonical (the policy store resolves it): the one writable directory. */
  readonly workspace: string;
  /** Canonical, read-only. */
  readonly references: readonly string[];
}

export type PathCheck =
  | { readonly ok: true; readonly path: string; readonly exists: boolean }
  | { readonly ok: false; readonly reason: string };

export const isWithin = (path: string, root: string): boolean => path === root || path.startsWith(root === '/' ? '/' : `${root}/`);

const refuse = (reason: string): PathCheck => ({ ok: false, reason });

const specialKinds: Partial<Record<PathStat['type'], string>> = {
  device: 'a device file',
  fifo: 'a FIFO (named pipe)',
  socket: 'a socket',
};

/**
 * Turns a path argument into the one absolute path the tool will act on, or says why not:
 * NUL bytes, `..` segments, anything that lands outside the workspace and reference directories
 * once symlinks are resolved (the deepest existing ancestor is resolved for a path that does
 * not exist yet), writes into a reference directory, device files / FIFOs / sockets, and files
 * with more than one hard link (their other names may be anywhere).
 */
export function canonicalizePath(raw: string, param: PathParam, perimeter: Perimeter, fs: PathInspector): PathCheck {
  const label = `"${raw.length > 200 ? `${raw.slice(0, 200)}…` : raw}"`;
  if (raw.includes('\0')) return refuse(`${param.arg}: the path contains a NUL byte.`);
  if (raw.split('/').includes('..')) {
    return refuse(`${param.arg}: ${label} contains "..": give the path from the workspace (e.g. "src/app.ts") or an absolute path inside the perimeter.`);
  }
  const joined = raw.startsWith('/') ? posix.normalize(raw) : posix.join(perimeter.workspace, raw);
  const lexical = joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
  const roots = [perimeter.workspace, ...perimeter.references];
  const outside = `${param.arg}: ${label} is outside the perimeter (the workspace ${perimeter.workspace}${perimeter.references.length > 0 ? ' and the reference directories' : ''}).`;
  if (!roots.some((root) => isWithin(lexical, root))) return refuse(outside);

  let canonical: string;
  let exists: boolean;
  if (param.access === 'delete') {
    // The object is the final component itself: deleting or moving a symlink never touches its target.
    if (roots.includes(lexical)) return refuse(`${param.arg}: ${label} is the workspace or a reference directory itself; it cannot be deleted or moved.`);
    const parent = fs.realpath(posix.dirname(lexical));
    if (parent === null) return refuse(`${param.arg}: the directory holding ${label} does not exist.`);
    canonical = posix.join(parent, posix.basename(lexical));
    exists = fs.lstat(canonical) !== null;
  } else {
    let existing = lexical;
    const missing: string[] = [];
    while (fs.lstat(existing) === null && existing !== '/') {
      missing.unshift(posix.basename(existing));
      existing = posix.dirname(existing);
    }
    const real = fs.realpath(existing);
    if (real === null) {
      return refuse(`${param.arg}: ${existing === lexical ? label : `part of ${label}`} is a symbolic link whose target cannot be resolved; Warden cannot tell where it leads.`);
    }
    if (missing.length > 0 && fs.lstat(real)?.type !== 'dir') return refuse(`${param.arg}: ${real} is not a directory.`);
    canonical = missing.length > 0 ? posix.join(real, ...missing) : real;
    exists = missing.length === 0;
  }

  if (!roots.some((root) => isWithin(canonical, root))) return refuse(`${outside} It resolves through a symbolic link to a place outside.`);
  if (param.access !== 'read' && !isWithin(canonical, perimeter.workspace)) {
    return refuse(`${param.arg}: ${label} is in a reference directory, which is read-only; only the workspace ${perimeter.workspace} can be changed.`);
  }

  const stat = exists ? fs.lstat(canonical) : null;
  if (stat !== null) {
    const special = specialKinds[stat.type];
    if (special !== undefined) return refuse(`${param.arg}: ${label} is ${special}; Warden only works with regular files and directories.`);
    // Reads too: a hard link planted in the workspace would otherwise read a file from outside.
    if (stat.type === 'file' && stat.nlink > 1) {
      const verb = param.access === 'read' ? 'read' : param.access === 'write' ? 'write' : 'delete or move';
      return refuse(
        `${param.arg}: ${label} has ${stat.nlink} hard links. Another name for the same file may live outside the perimeter and Warden cannot tell where, so it will not ${verb} it. Replace it with a copy (cp, then mv over it) to work on it.`,
      );
    }
  }
  const type = stat?.type;
  switch (param.expect) {
    case 'file':
      if (type !== 'file') return refuse(`${param.arg}: ${label} ${type === undefined ? 'does not exist' : 'is not a regular file'}.`);
      break;
    case 'dir':
      if (type !== 'dir') return refuse(`${param.arg}: ${label} ${type === undefined ? 'does not exist' : 'is not a directory'}.`);
      break;
    case 'any':
      if (type === undefined) return refuse(`${param.arg}: ${label} does not exist.`);
      break;
    case 'absent':
      if (type !== undefined) return refuse(`${param.arg}: ${label} already exists.`);
      break;
    case 'file-or-absent':
      if (type !== undefined && type !== 'file') return refuse(`${param.arg}: ${label} exists and is not a regular file.`);
      break;
  }
  return { ok: true, path: canonical, exists };
}
