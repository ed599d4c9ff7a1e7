import type { Limits, RunnerIsolation } from '../contract/policy.ts';
import { bwrapOptions, encodeArgs } from './bwrap-args.ts';
import { launcherInvocation } from './launcher-script.ts';
import { prlimitOptions } from './rlimits.ts';
import type { Launch } from './supervise.ts';

export interface SandboxUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** The dedicated `warden-agent`, rather than a fallback (nobody, or the console's own user). */
  readonly dedicated: boolean;
}

/** How this machine runs a sandboxed call: decided once by the probe. */
export interface SandboxPlan {
  readonly level: RunnerIsolation;
  /** uid-drop: the console is root and spawns as the user; launcher: sudo + the fixed launcher; self: as the console's user. */
  readonly via: 'uid-drop' | 'launcher' | 'self';
  readonly user: SandboxUser;
  readonly bubblewrap: boolean;
  readonly programs: {
    readonly bwrap: string;
    /** null when prlimit is missing: no rlimits (the report says so). */
    readonly prlimit: string | null;
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
}

const identity = (plan: SandboxPlan): { uid?: number; gid?: number } =>
  plan.via === 'uid-drop' ? { uid: plan.user.uid, gid: plan.user.gid } : {};

/**
 * The exact process to start for a run. bubblewrap is always launched with an empty
 * environment: its own process is PID 1 of the sandbox and /proc/1/environ is readable inside,
 * so anything in its environment would be readable by the tool. The child's environment goes in
 * through `--setenv` on file descriptor 3 instead.
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
  const limited = (command: readonly string[]): string[] =>
    programs.prlimit === null ? [...command] : [programs.prlimit, ...prlimitOptions(spec.limits), '--', ...command];
  if (plan.bubblewrap) {
    const [file, ...args] = limited([programs.bwrap, '--args', '3', '--', spec.program, ...spec.args]) as [string, ...string[]];
    const fd3 = encodeArgs(
      bwrapOptions({ workspace: spec.workspace, references: spec.references, runtime: spec.runtime, cwd: spec.cwd, env: spec.env, tmpBytes: spec.tmpBytes }),
    );
    return { file, args, env: {}, cwd: '/', fd3, ...identity(plan) };
  }
  // No OS sandbox: at least no-new-privs, so setuid binaries do not elevate the child.
  const command = limited([spec.program, ...spec.args]);
  const [file, ...args] = (programs.setpriv === null ? command : [programs.setpriv, '--no-new-privs', '--', ...command]) as [string, ...string[]];
  return { file, args, env: spec.env, cwd: spec.cwd, ...identity(plan) };
}
