import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MissingIsolation, RunnerIsolation } from '../contract/policy.ts';
import type { SandboxPlan, SandboxUser } from './launch-plan.ts';
import { launcherPath } from './launcher-script.ts';

export const agentUserName = 'warden-agent';

export interface ProbeOptions {
  /** The dedicated user; `warden-agent` unless a test says otherwise. */
  agentUser?: string;
  /** Use at most this level (the benchmark measures each level on one machine). */
  maxLevel?: RunnerIsolation;
  programs?: Partial<SandboxPlan['programs']>;
  /** The console's uid; process.getuid() unless a test says otherwise. */
  uid?: number;
  platform?: NodeJS.Platform;
}

export interface Probe {
  readonly plan: SandboxPlan;
  readonly missing: MissingIsolation[];
}

const defaultPrograms: SandboxPlan['programs'] = {
  bwrap: '/usr/bin/bwrap',
  prlimit: '/usr/bin/prlimit',
  setpriv: '/usr/bin/setpriv',
  sudo: '/usr/bin/sudo',
  launcher: launcherPath,
};

function executable(path: string | null): boolean {
  if (path === null) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A user from the system's databases (getent, so NSS sources count too); null when unknown. */
export function lookupUser(name: string): { uid: number; gid: number } | null {
  const result = spawnSync('/usr/bin/getent', ['passwd', name], { encoding: 'utf8', env: {} });
  if (result.status !== 0) return null;
  const fields = result.stdout.trim().split(':');
  const uid = Number(fields[2]);
  const gid = Number(fields[3]);
  return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
}

/** Root-owned and writable by root only, the file and its directory: nobody else can change what sudo runs. */
function rootOwned(path: string): boolean {
  try {
    return [path, dirname(path)].every((p) => {
      const stats = statSync(p);
      return stats.uid === 0 && (stats.mode & 0o022) === 0;
    });
  } catch {
    return false;
  }
}

function bwrapWorks(bwrap: string, identity: { uid?: number; gid?: number }): string | null {
  const result = spawnSync(
    bwrap,
    ['--unshare-all', '--die-with-parent', '--ro-bind', '/usr', '/usr', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64', '--symlink', 'usr/bin', '/bin', '--proc', '/proc', '--dev', '/dev', '--', '/usr/bin/true'],
    { encoding: 'utf8', env: {}, timeout: 10_000, ...identity },
  );
  if (result.status === 0) return null;
  return (result.stderr || result.error?.message || `exit ${result.status}`).trim().slice(0, 300);
}

/**
 * Finds the strongest isolation this machine offers (or `maxLevel`, if lower) and how to reach
 * it, with what is missing for the next level and how to get it. The sandbox never runs as
 * root: a root console always drops to the dedicated user, or to `nobody` when there is none.
 */
export function probeSandbox(options: ProbeOptions = {}): Probe {
  const programs = { ...defaultPrograms, ...options.programs };
  const agent = options.agentUser ?? agentUserName;
  const uid = options.uid ?? process.getuid?.() ?? -1;
  const platform = options.platform ?? process.platform;
  const maxLevel = options.maxLevel ?? 'full';
  const missing: MissingIsolation[] = [];
  const isRoot = uid === 0;

  if (platform !== 'linux') {
    missing.push({ what: 'An OS sandbox: Warden uses bubblewrap on Linux; sandbox-exec for macOS is not implemented yet.', fix: 'Run the agent on Linux for full isolation, or accept none in the Policy view.' });
  }

  const agentIds = lookupUser(agent);
  const launcherReady =
    !isRoot && agentIds !== null && rootOwned(programs.launcher) && executable(programs.sudo) &&
    spawnSync(programs.sudo, ['-n', '-l', '--', programs.launcher], { env: {}, timeout: 10_000 }).status === 0;
  let dedicated: SandboxUser | null = null;
  if (agentIds !== null && (isRoot || launcherReady)) dedicated = { name: agent, ...agentIds, dedicated: true };
  else if (isRoot) missing.push({ what: `The dedicated user ${agent}.`, fix: 'Run sudo warden setup-sandbox.' });
  else missing.push({ what: `The setup-sandbox launcher that runs tools as ${agent} (a sudo rule for exactly that launcher).`, fix: `Run sudo warden setup-sandbox --console-user ${process.env['USER'] ?? 'YOUR_USER'}.` });

  const nobody = lookupUser('nobody') ?? { uid: 65534, gid: 65534 };
  const fallback: SandboxUser = isRoot
    ? { name: 'nobody', ...nobody, dedicated: false }
    : { name: process.env['USER'] ?? String(uid), uid, gid: process.getgid?.() ?? uid, dedicated: false };

  let canBwrap = false;
  if (platform === 'linux') {
    if (!executable(programs.bwrap)) missing.push({ what: 'bubblewrap (bwrap).', fix: 'Install it: sudo apt-get install bubblewrap.' });
    else {
      // As root the check runs as the user the sandbox will run as: never as root.
      const asUser = dedicated ?? fallback;
      const problem = bwrapWorks(programs.bwrap, isRoot ? { uid: asUser.uid, gid: asUser.gid } : {});
      if (problem === null) canBwrap = true;
      else missing.push({ what: `bubblewrap cannot create its namespaces here: ${problem}`, fix: 'Allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1; on Ubuntu kernel.apparmor_restrict_unprivileged_userns=0).' });
    }
  }
  const prlimit = executable(programs.prlimit) ? programs.prlimit : null;
  if (prlimit === null) missing.push({ what: 'prlimit (util-linux): without it there are no CPU, file size or process limits.', fix: 'Install util-linux.' });
  const setpriv = executable(programs.setpriv) ? programs.setpriv : null;

  // What maxLevel allows: full uses everything; partial is the OS sandbox without the dedicated
  // user (or the user without the sandbox where that is all there is); none uses neither.
  let useDedicated = dedicated !== null && maxLevel !== 'none';
  let useBwrap = canBwrap && maxLevel !== 'none';
  if (maxLevel === 'partial' && useDedicated && useBwrap) useDedicated = false;
  // The launcher always sandboxes: without bubblewrap a non-root console cannot use the dedicated user.
  if (!isRoot && useDedicated && !useBwrap) useDedicated = false;
  if (maxLevel !== 'full') missing.push({ what: `Isolation is limited to ${maxLevel} by configuration.`, fix: 'Remove the limit to use the strongest level available.' });

  const user = useDedicated && dedicated !== null ? dedicated : fallback;
  useBwrap = useBwrap && platform === 'linux';
  const level: RunnerIsolation = useDedicated && useBwrap && prlimit !== null ? 'full' : useDedicated || useBwrap ? 'partial' : 'none';
  const via: SandboxPlan['via'] = isRoot ? 'uid-drop' : useDedicated ? 'launcher' : 'self';
  return { plan: { level, via, user, bubblewrap: useBwrap, programs: { ...programs, prlimit, setpriv } }, missing };
}
