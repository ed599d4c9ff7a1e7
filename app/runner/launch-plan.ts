import type { Limits, RunnerIsolation } from '../contract/policy.ts';
import { bwrapOptions, encodeArgs } from './bwrap-args.ts';
import { launcherInvocation } from './launcher-script.ts';
import { prlimitOptions, ulimitCommand } from './rlimits.ts';
import { seatbeltArgs } from './seatbelt-profile.ts';
import type { Launch } from './supervise.ts';

export interface SandboxUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** The dedicated `warden-agent`, rather than a fallback (nobody, or the console's own user). */
  readonly dedicated: boolean;
}

/** The OS sandbox: bubblewrap on Linux, sandbox-exec (Seatbelt) on macOS. */
export type SandboxKind = 'bubblewrap' | 'sandbox-exec';

/** How this machine runs a sandboxed call: decided once by the probe. */
export interface SandboxPlan {
  readonly level: RunnerIsolation;
  /** uid-drop: the console is root and spawns as the user; launcher: sudo + the fixed launcher; self: as the console's user. */
  readonly via: 'uid-drop' | 'launcher' | 'self';
  readonly user: SandboxUser;
  /** null: no OS sandbox. */
  readonly sandbox: SandboxKind | null;
  /** How rlimits are set: prlimit (Linux), a fixed /bin/sh ulimit wrapper (macOS has no prlimit), or not at all (the report says so). */
  readonly rlimits: 'prlimit' | 'ulimit' | null;
  readonly programs: {
    readonly bwrap: string;
    readonly sandboxExec: string;
    readonly prlimit: string;
    /** null when setpriv is missing: no no-new-privs outside bubblewrap. */
    readonly setpriv: string | null;
    readonly sudo: string;
    readonly launcher: string;
  };
}

/** What one run needs, whatever the isolation. */
export interface RunSpec {
  readonly program: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly workspace: string;
  readonly references: readonly string[];
  /** Read-only paths beyond /usr (the Node runtime); empty for run_command. */
  readonly runtime: readonly string[];
  /** The child's complete environment (buildChildEnv), secrets included. */
  readonly env: Readonly<Record<string, string>>;
  readonly limits: Limits;
  readonly tmpBytes: number;
  /** The run's own HOME and TMPDIR where the sandbox has no private /tmp (all but bubblewrap); a real path. */
  readonly tmpDir: string | null;
}

/** spawn takes ids as int32: macOS's nobody is uid 4294967294, which it wants as -2. */
export const spawnIds = (user: { uid: number; gid: number }): { uid: number; gid: number } => ({ uid: user.uid | 0, gid: user.gid | 0 });

const identity = (plan: SandboxPlan): { uid?: number; gid?: number } => (plan.via === 'uid-drop' ? spawnIds(plan.user) : {});

/**
 * The exact process to start for a run. bubblewrap is always launched with an empty
 * environment: its own process is PID 1 of the sandbox and /proc/1/environ is readable inside,
 * so anything in its environment would be readable by the tool. The child's environment goes in
 * through `--setenv` on file descriptor 3 instead. sandbox-exec has no such option and execs the
 * program with its own environment, so it is spawned with exactly the child's.
 */
export function buildLaunch(plan: SandboxPlan, spec: RunSpec): Launch {
  const { programs } = plan;
  if (plan.via === 'launcher') {
    const { args, stdinPrefix } = launcherInvocation({
      limits: spec.limits,
      tmpBytes: spec.tmpBytes,
      workspace: spec.workspace,
      cwd: spec.cwd,
      references: spec.references,
      runtime: spec.runtime,
      program: spec.program,
      args: spec.args,
      env: spec.env,
    });
    return { file: programs.sudo, args: ['-n', '--', programs.launcher, ...args], env: {}, cwd: '/', stdinPrefix };
  }
  const limited = (command: readonly string[]): string[] => {
    if (plan.rlimits === 'prlimit') return [programs.prlimit, ...prlimitOptions(spec.limits), '--', ...command];
    if (plan.rlimits === 'ulimit') return ulimitCommand(spec.limits, command);
    return [...command];
  };
  if (plan.sandbox === 'bubblewrap') {
    const [file, ...args] = limited([programs.bwrap, '--args', '3', '--', spec.program, ...spec.args]) as [string, ...string[]];
    const fd3 = encodeArgs(
      bwrapOptions({ workspace: spec.workspace, references: spec.references, runtime: spec.runtime, cwd: spec.cwd, env: spec.env, tmpBytes: spec.tmpBytes }),
    );
    return { file, args, env: {}, cwd: '/', fd3, ...identity(plan) };
  }
  if (plan.sandbox === 'sandbox-exec') {
    if (spec.tmpDir === null) throw new Error('sandbox-exec needs the run\'s own temporary directory.');
    const options = seatbeltArgs({ workspace: spec.workspace, references: spec.references, runtime: spec.runtime, tmpDir: spec.tmpDir });
    const [file, ...args] = limited([programs.sandboxExec, ...options, '--', spec.program, ...spec.args]) as [string, ...string[]];
    return { file, args, env: spec.env, cwd: spec.cwd, ...identity(plan) };
  }
  // No OS sandbox: at least no-new-privs, so setuid binaries do not elevate the child.
  const command = limited([spec.program, ...spec.args]);
  const [file, ...args] = (programs.setpriv === null ? command : [programs.setpriv, '--no-new-privs', '--', ...command]) as [string, ...string[]];
  return { file, args, env: spec.env, cwd: spec.cwd, ...identity(plan) };
}
