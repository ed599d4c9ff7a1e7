import { posix } from 'node:path';
import type { PathInspector } from './path-inspector.ts';

/**
 * Where run_command looks for a bare program name. The same directories, in the same order, as
 * the child's PATH (app/secrets/child-env.ts): never the console user's PATH, which may name
 * directories where a planted binary would shadow a system one.
 */
export const programSearchPath = ['/usr/local/bin', '/usr/bin', '/bin'] as const;

export type ProgramCheck =
  | { readonly ok: true; readonly path: string; readonly real: string }
  | { readonly ok: false; readonly reason: string };

/** argv[0] → the absolute program that will run (`path`) and the file it really is (`real`). */
export function resolveProgram(name: string, fs: PathInspector): ProgramCheck {
  if (name === '' || name.includes('\0')) return { ok: false, reason: 'argv[0] must name a program.' };
  if (name.includes('/') && !name.startsWith('/')) {
    return { ok: false, reason: `argv[0] "${name}" is a relative path; give a program name (e.g. "git") or its absolute path.` };
  }
  const candidates = name.startsWith('/') ? [posix.normalize(name)] : programSearchPath.map((dir) => `${dir}/${name}`);
  for (const path of candidates) {
    if (fs.lstat(path) === null) continue;
    const real = fs.realpath(path);
    if (real !== null && fs.lstat(real)?.type === 'file') return { ok: true, path, real };
  }
  return {
    ok: false,
    reason: name.startsWith('/')
      ? `${name} does not exist or is not a program.`
      : `No program "${name}" in ${programSearchPath.join(':')}; run_command only starts programs installed there.`,
  };
}
