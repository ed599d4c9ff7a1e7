import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MissingIsolation, RunnerIsolation } from '../contract/policy.ts';
import type { SandboxKind, SandboxPlan, SandboxUser } from './launch-plan.ts';
import { spawnIds } from './launch-plan.ts';
import { launcherPath } from './launcher-script.ts';
import { sandboxExecPath, seatbeltArgs } from './seatbelt-profile.ts';

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
  /**
   * Whether the OS sandbox starts a program here, as `user` (null: as the console's own user):
   * null when it does, else why not. Runs the real sandbox unless a test stands in for it.
   */
  sandboxStarts?: (kind: SandboxKind, user: SandboxUser | null) => string | null;
}

export interface Probe {
  readonly plan: SandboxPlan;
  readonly missing: MissingIsolation[];
}

const defaultPrograms: SandboxPlan['programs'] = {
  bwrap: '/usr/bin/bwrap',
  sandboxExec: sandboxExecPath,
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

/** One id of a user through id(1), which reads every user database (NSS, Directory Services). */
function idOf(flag: '-u' | '-g', name: string): number | null {
  const result = spawnSync('/usr/bin/id', [flag, '--', name], { encoding: 'utf8', env: {} });
  const text = result.stdout?.trim() ?? '';
  // macOS prints nobody as -2: kept as the unsigned id it is (4294967294).
  return result.status === 0 && /^-?\d{1,10}$/.test(text) ? Number(text) >>> 0 : null;
}

/** A user from the system's databases (Linux and macOS alike); null when unknown. */
export function lookupUser(name: string): { uid: number; gid: number } | null {
  const uid = idOf('-u', name);
  const gid = uid === null ? null : idOf('-g', name);
  return uid === null || gid === null ? null : { uid, gid };
}

/**
 * A user's home directory (Linux's passwd database, where the setup-sandbox launcher exists);
 * null when unknown. For the launcher path this is where the dedicated user owns a directory.
 */
export function homeOf(name: string): string | null {
  const result = spawnSync('/usr/bin/getent', ['passwd', name], { encoding: 'utf8', env: {} });
  const home = result.status === 0 ? result.stdout.trim().split(':')[5] : undefined;
  return home === undefined || home === '' ? null : home;
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

const bwrapCheck = ['--unshare-all', '--die-with-parent', '--ro-bind', '/usr', '/usr', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64', '--symlink', 'usr/bin', '/bin', '--proc', '/proc', '--dev', '/dev'];

/** /usr/bin/true in the real sandbox: for sandbox-exec, Warden's own profile (around an empty directory), so a rule macOS rejects shows here. */
function sandboxStarts(programs: SandboxPlan['programs'], kind: SandboxKind, user: SandboxUser | null): string | null {
  const [file, options] =
    kind === 'bubblewrap'
      ? [programs.bwrap, bwrapCheck]
      : [programs.sandboxExec, seatbeltArgs({ workspace: '/var/empty', references: [], runtime: [], tmpDir: '/var/empty' })];
  const result = spawnSync(file, [...options, '--', '/usr/bin/true'], { encoding: 'utf8', env: {}, timeout: 10_000, ...(user === null ? {} : spawnIds(user)) });
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
  const starts = options.sandboxStarts ?? ((kind, user) => sandboxStarts(programs, kind, user));
  const missing: MissingIsolation[] = [];
  const isRoot = uid === 0;
  const kind: SandboxKind | null = platform === 'linux' ? 'bubblewrap' : platform === 'darwin' ? 'sandbox-exec' : null;

  if (kind === null) {
    missing.push({ what: `An OS sandbox: Warden uses bubblewrap on Linux and sandbox-exec on macOS, and has none for ${platform}.`, fix: 'Run the agent on Linux or macOS for full isolation, or accept none in the Policy view.' });
  }

  const agentIds = lookupUser(agent);
  // The setup-sandbox launcher (bwrap, setpriv, prlimit) exists for Linux only.
  const launcherReady =
    kind === 'bubblewrap' && !isRoot && agentIds !== null && rootOwned(programs.launcher) && executable(programs.sudo) &&
    spawnSync(programs.sudo, ['-n', '-l', '--', programs.launcher], { env: {}, timeout: 10_000 }).status === 0;
  let dedicated: SandboxUser | null = null;
  if (agentIds !== null && (isRoot || launcherReady)) dedicated = { name: agent, ...agentIds, dedicated: true };
  else if (isRoot && platform === 'darwin') missing.push({ what: `The dedicated user ${agent}.`, fix: `Create a standard macOS user named ${agent} (Users & Groups, or sysadminctl -addUser) and give it the workspace; warden setup-sandbox is Linux-only for now.` });
  else if (isRoot) missing.push({ what: `The dedicated user ${agent}.`, fix: 'Run sudo warden setup-sandbox.' });
  else if (platform === 'darwin') missing.push({ what: `Tools running as the dedicated user ${agent}: on macOS there is no launcher, so a console that is not root runs them under sandbox-exec as its own user.`, fix: `Run the console as root (it then drops to ${agent} for each call) for full isolation.` });
  else missing.push({ what: `The setup-sandbox launcher that runs tools as ${agent} (a sudo rule for exactly that launcher).`, fix: `Run sudo warden setup-sandbox --console-user ${process.env['USER'] ?? 'YOUR_USER'}.` });

  const nobody = lookupUser('nobody') ?? { uid: 65534, gid: 65534 };
  const fallback: SandboxUser = isRoot
    ? { name: 'nobody', ...nobody, dedicated: false }
    : { name: process.env['USER'] ?? String(uid), uid, gid: process.getgid?.() ?? uid, dedicated: false };

  let canSandbox = false;
  if (kind !== null) {
    const program = kind === 'bubblewrap' ? programs.bwrap : programs.sandboxExec;
    if (!executable(program)) {
      missing.push(
        kind === 'bubblewrap'
          ? { what: 'bubblewrap (bwrap).', fix: 'Install it: sudo apt-get install bubblewrap.' }
          : { what: `sandbox-exec (${program}).`, fix: 'It is part of macOS: restore the system (it cannot be installed separately).' },
      );
    } else {
      // As root the check runs as the user the sandbox will run as: never as root.
      const problem = starts(kind, isRoot ? (dedicated ?? fallback) : null);
      if (problem === null) canSandbox = true;
      else if (kind === 'bubblewrap') missing.push({ what: `bubblewrap cannot create its namespaces here: ${problem}`, fix: 'Allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1; on Ubuntu kernel.apparmor_restrict_unprivileged_userns=0).' });
      else missing.push({ what: `sandbox-exec does not run a program with Warden's profile here: ${problem}`, fix: 'Report it with your macOS version; until then accept a lower level in the Policy view.' });
    }
  }
  // macOS has no prlimit: the limits go through a fixed /bin/sh ulimit wrapper there.
  const rlimits: SandboxPlan['rlimits'] = platform === 'darwin' ? 'ulimit' : executable(programs.prlimit) ? 'prlimit' : null;
  if (rlimits === null) missing.push({ what: 'prlimit (util-linux): without it there are no CPU, file size or process limits.', fix: 'Install util-linux.' });
  const setpriv = executable(programs.setpriv) ? programs.setpriv : null;

  // What maxLevel allows: full uses everything; partial is the OS sandbox without the dedicated
  // user (or the user without the sandbox where that is all there is); none uses neither.
  let useDedicated = dedicated !== null && maxLevel !== 'none';
  const useSandbox = canSandbox && maxLevel !== 'none';
  if (maxLevel === 'partial' && useDedicated && useSandbox) useDedicated = false;
  // The launcher always sandboxes: without bubblewrap a non-root console cannot use the dedicated user.
  if (!isRoot && useDedicated && !useSandbox) useDedicated = false;
  if (maxLevel !== 'full') missing.push({ what: `Isolation is limited to ${maxLevel} by configuration.`, fix: 'Remove the limit to use the strongest level available.' });

  const user = useDedicated && dedicated !== null ? dedicated : fallback;
  const level: RunnerIsolation = useDedicated && useSandbox && rlimits !== null ? 'full' : useDedicated || useSandbox ? 'partial' : 'none';
  const via: SandboxPlan['via'] = isRoot ? 'uid-drop' : useDedicated ? 'launcher' : 'self';
  return { plan: { level, via, user, sandbox: useSandbox ? kind : null, rlimits, programs: { ...programs, setpriv } }, missing };
}
