import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface SeparationProblem {
  readonly path: string;
  readonly problem: string;
}

export interface SeparationReport {
  readonly ok: boolean;
  readonly problems: readonly SeparationProblem[];
}

/**
 * Checks that the agent's runner user cannot reach the store: every directory 0700 and every file
 * 0600 (no group or other bits), all owned by the console's user. Covers the store directory, its
 * archive and checkpoint directories and everything in them. On Windows, modes do not apply and the
 * report is empty (ACLs are the installer's job).
 */
export function checkStoreSeparation(dirs: readonly string[], uid = process.getuid?.()): SeparationReport {
  const problems: SeparationProblem[] = [];
  if (process.platform === 'win32' || uid === undefined) return { ok: true, problems };
  const seen = new Set<string>();
  const check = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      problems.push({ path, problem: 'does not exist' });
      return;
    }
    if (stat.uid !== uid) problems.push({ path, problem: `is owned by uid ${stat.uid}, not the console's uid ${uid}` });
    const open = stat.mode & 0o077;
    if (open !== 0) {
      const wanted = stat.isDirectory() ? '0700' : '0600';
      problems.push({ path, problem: `mode ${(stat.mode & 0o777).toString(8)} lets others in; should be ${wanted}` });
    }
    if (stat.isDirectory()) for (const name of readdirSync(path)) check(join(path, name));
  };
  for (const dir of dirs) check(dir);
  return { ok: problems.length === 0, problems };
}
