import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunnerIsolation } from '../contract/policy.ts';
import { WardenError } from '../contract/result.ts';
import { installChildRuntime } from './child-runtime.ts';
import { launcherPath, launcherScript } from './launcher-script.ts';
import { agentUserName, lookupUser } from './probe.ts';
import { createRunner } from './runner.ts';

/**
 * `sudo warden setup-sandbox`: the dedicated user, its workspace, the root-owned launcher and
 * runtime, and the sudo rule for exactly that launcher. Every step checks what is there first,
 * so running it again changes nothing that is right; `uninstallSandbox` undoes it and leaves the
 * workspace's files in place (saying where).
 */

export interface SetupSandboxOptions {
  /** The user the console runs as, when not root: it gets the sudo rule and the group. Defaults to SUDO_USER. */
  consoleUser?: string;
  /** The dedicated user; `warden-agent`. */
  agentUser?: string;
  /** The dedicated user's home; /var/lib/warden-agent. */
  home?: string;
  /** The workspace; HOME/workspace. */
  workspace?: string;
  /** Where the launcher and runtime go; /usr/local/libexec/warden. */
  libexecDir?: string;
  /** The sudoers drop-in; /etc/sudoers.d/warden. */
  sudoersFile?: string;
  /** One line per step, for the command line. */
  progress?: (line: string) => void;
}

export interface SetupSandboxResult {
  readonly ok: boolean;
  /** The isolation a console running as root gets after setup. */
  readonly level: RunnerIsolation | null;
  readonly problems: string[];
  readonly workspace: string;
}

const namePattern = /^[a-z_][a-z0-9_-]{0,31}$/;

interface Resolved {
  consoleUser: string | null;
  agent: string;
  home: string;
  workspace: string;
  libexecDir: string;
  launcher: string;
  runtimeDir: string;
  sudoersFile: string;
  say: (line: string) => void;
}

function resolveOptions(options: SetupSandboxOptions): Resolved {
  if (process.getuid?.() !== 0) {
    throw new WardenError('forbidden', 'setup-sandbox creates a system user and installs a root-owned launcher: run it as root (sudo warden setup-sandbox).');
  }
  if (process.platform !== 'linux') throw new WardenError('not_implemented', 'setup-sandbox supports Linux only for now (bubblewrap).');
  const agent = options.agentUser ?? agentUserName;
  const rawConsole = options.consoleUser ?? process.env['SUDO_USER'] ?? null;
  const consoleUser = rawConsole === 'root' ? null : rawConsole;
  for (const [label, name] of [['agent user', agent], ['console user', consoleUser]] as const) {
    if (name !== null && !namePattern.test(name)) throw new WardenError('invalid_input', `The ${label} "${name}" is not a valid user name.`);
  }
  const home = options.home ?? `/var/lib/${agent}`;
  const libexecDir = options.libexecDir ?? dirname(launcherPath);
  return {
    consoleUser,
    agent,
    home,
    workspace: options.workspace ?? join(home, 'workspace'),
    libexecDir,
    launcher: join(libexecDir, 'warden-sandbox-launch'),
    runtimeDir: join(libexecDir, 'runtime'),
    sudoersFile: options.sudoersFile ?? '/etc/sudoers.d/warden',
    say: options.progress ?? (() => undefined),
  };
}

function run(file: string, args: readonly string[]): { ok: boolean; output: string } {
  let output = '';
  // useradd and friends give up at once when another process holds the lock on /etc/passwd.
  for (let attempt = 0; attempt < 20; attempt++) {
    const result = spawnSync(file, args, { encoding: 'utf8', env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } });
    output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`.trim();
    if (result.status === 0) return { ok: true, output };
    if (!/lock/i.test(output)) break;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  return { ok: false, output };
}

function must(step: string, result: { ok: boolean; output: string }): void {
  if (!result.ok) throw new WardenError('internal', `${step} failed: ${result.output || 'no output'}`);
}

/** Writes a root-owned file only when its content differs, through a rename so it is never half-written. */
function installFile(path: string, content: string, mode: number): 'created' | 'updated' | 'unchanged' {
  const exists = existsSync(path);
  if (exists && readFileSync(path, 'utf8') === content) {
    const stats = statSync(path);
    if (stats.uid === 0 && (stats.mode & 0o7777) === mode) return 'unchanged';
  }
  // A name with a dot: sudo ignores such files in sudoers.d while this one is being checked.
  const tmp = `${path}.warden-new`;
  writeFileSync(tmp, content, { mode });
  chownSync(tmp, 0, 0);
  chmodSync(tmp, mode);
  renameSync(tmp, path);
  return exists ? 'updated' : 'created';
}

function ensureDir(path: string, uid: number, gid: number, mode: number): 'created' | 'fixed' | 'unchanged' {
  const existed = existsSync(path);
  if (!existed) mkdirSync(path, { recursive: true, mode });
  const stats = statSync(path);
  if (!stats.isDirectory()) throw new WardenError('conflict', `${path} exists and is not a directory.`);
  if (existed && stats.uid === uid && stats.gid === gid && (stats.mode & 0o7777) === mode) return 'unchanged';
  chownSync(path, uid, gid);
  chmodSync(path, mode);
  return existed ? 'fixed' : 'created';
}

function sudoersRule(consoleUser: string, launcher: string): string {
  return [
    '# Installed by `warden setup-sandbox`: lets the console user run the fixed sandbox launcher',
    '# as root, and nothing else. The launcher checks its arguments and always runs bubblewrap',
    '# as the dedicated user. Remove with `sudo warden setup-sandbox --uninstall`.',
    `Defaults!${launcher} !requiretty,env_reset`,
    `${consoleUser} ALL=(root) NOPASSWD: ${launcher}`,
    '',
  ].join('\n');
}

export async function setupSandbox(options: SetupSandboxOptions = {}): Promise<SetupSandboxResult> {
  const o = resolveOptions(options);
  const problems: string[] = [];

  let ids = lookupUser(o.agent);
  if (ids === null) {
    must(`Creating the user ${o.agent}`, run('/usr/sbin/useradd', ['--system', '--user-group', '--home-dir', o.home, '--no-create-home', '--shell', '/usr/sbin/nologin', '--comment', 'Warden sandbox', o.agent]));
    ids = lookupUser(o.agent);
    if (ids === null) throw new WardenError('internal', `useradd reported success but ${o.agent} does not exist.`);
    o.say(`user ${o.agent}: created (uid ${ids.uid}, no login shell)`);
  } else {
    o.say(`user ${o.agent}: exists (uid ${ids.uid})`);
  }
  if (ids.uid === 0) throw new WardenError('conflict', `${o.agent} has uid 0; the sandbox user must never be root.`);

  // The console's user reaches the workspace through the group (validation resolves paths in it).
  o.say(`home ${o.home}: ${ensureDir(o.home, ids.uid, ids.gid, 0o750)}`);
  o.say(`workspace ${o.workspace}: ${ensureDir(o.workspace, ids.uid, ids.gid, 0o2750)} (owner ${o.agent}, mode 2750)`);

  if (o.consoleUser !== null) {
    if (lookupUser(o.consoleUser) === null) throw new WardenError('invalid_input', `The console user ${o.consoleUser} does not exist.`);
    const groups = run('/usr/bin/id', ['-nG', o.consoleUser]).output.split(/\s+/);
    if (groups.includes(o.agent)) o.say(`group ${o.agent}: ${o.consoleUser} is a member`);
    else {
      must(`Adding ${o.consoleUser} to the group ${o.agent}`, run('/usr/sbin/usermod', ['--append', '--groups', o.agent, o.consoleUser]));
      o.say(`group ${o.agent}: added ${o.consoleUser} (takes effect at its next login)`);
    }
  }

  ensureDir(o.libexecDir, 0, 0, 0o755);
  o.say(`launcher ${o.launcher}: ${installFile(o.launcher, launcherScript(o.agent), 0o755)}`);
  installChildRuntime(o.runtimeDir);
  o.say(`runtime ${o.runtimeDir}: installed (Node ${process.version} and the tool child)`);

  if (o.consoleUser === null) {
    o.say('sudo rule: not needed (no console user given; a console running as root drops to the user itself)');
  } else if (!existsSync(dirname(o.sudoersFile))) {
    problems.push(`${dirname(o.sudoersFile)} does not exist (is sudo installed?): a console running as ${o.consoleUser} stays at partial isolation.`);
  } else {
    const rule = sudoersRule(o.consoleUser, o.launcher);
    const visudo = '/usr/sbin/visudo';
    if (existsSync(visudo)) {
      const check = `${o.sudoersFile}.warden-check`;
      writeFileSync(check, rule, { mode: 0o440 });
      const result = run(visudo, ['-cf', check]);
      rmSync(check, { force: true });
      must('Checking the sudo rule with visudo', result);
    }
    o.say(`sudo rule ${o.sudoersFile}: ${installFile(o.sudoersFile, rule, 0o440)} (${o.consoleUser} may run ${o.launcher} only)`);
  }

  const verified = await verifySetup(o, ids.uid);
  problems.push(...verified.problems);
  o.say(problems.length === 0 ? `verified: tools run at ${verified.level} isolation as ${o.agent}` : `problems:\n  ${problems.join('\n  ')}`);
  return { ok: problems.length === 0, level: verified.level, problems, workspace: o.workspace };
}

async function verifySetup(o: Resolved, uid: number): Promise<{ level: RunnerIsolation | null; problems: string[] }> {
  const problems: string[] = [];
  const stats = statSync(o.launcher);
  if (stats.uid !== 0 || (stats.mode & 0o022) !== 0) problems.push(`${o.launcher} must be owned by root and writable by root only.`);
  // The launcher itself, as sudo would run it: a sandboxed `id -u` in the workspace.
  const launched = spawnSync(o.launcher, ['v1', '10', '1048576', '256', '1048576', '10', o.workspace, o.workspace, '0', '0', '--', '/usr/bin/id', '-u'], { input: '\0', encoding: 'utf8', env: {} });
  if (launched.status !== 0 || launched.stdout.trim() !== String(uid)) problems.push(`The launcher did not run a command as ${o.agent}: ${(launched.stderr || launched.stdout).trim().slice(0, 300)}`);
  if (o.consoleUser !== null && existsSync(o.sudoersFile) && existsSync('/usr/bin/sudo')) {
    if (!run('/usr/bin/sudo', ['-n', '-l', '-U', o.consoleUser, o.launcher]).ok) problems.push(`sudo does not let ${o.consoleUser} run ${o.launcher}.`);
  }
  let level: RunnerIsolation | null = null;
  try {
    const runner = await createRunner({ probe: { agentUser: o.agent, programs: { launcher: o.launcher } }, runtime: { node: join(o.runtimeDir, 'bin', 'node'), entry: join(o.runtimeDir, 'app', 'runner', 'child-entry.js'), mounts: [o.runtimeDir], source: 'installed' } });
    level = runner.isolation.level;
    for (const item of runner.isolation.missing) problems.push(`${item.what} ${item.fix}`);
  } catch (error) {
    problems.push(`The runner could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { level, problems };
}

export async function uninstallSandbox(options: SetupSandboxOptions = {}): Promise<SetupSandboxResult> {
  const o = resolveOptions(options);
  const problems: string[] = [];
  for (const [label, path] of [['sudo rule', o.sudoersFile], ['launcher', o.launcher], ['runtime', o.runtimeDir]] as const) {
    if (existsSync(path)) {
      rmSync(path, { recursive: true, force: true });
      o.say(`${label} ${path}: removed`);
    } else o.say(`${label} ${path}: not there`);
  }
  try {
    rmdirSync(o.libexecDir);
  } catch {
    // Not empty (something else lives there) or already gone: leave it.
  }
  if (lookupUser(o.agent) !== null) {
    const removed = run('/usr/sbin/userdel', [o.agent]);
    if (removed.ok) o.say(`user ${o.agent}: removed`);
    else problems.push(`Removing the user ${o.agent} failed (is a tool still running?): ${removed.output}`);
  } else o.say(`user ${o.agent}: not there`);
  if (run('/usr/bin/getent', ['group', o.agent]).ok) {
    const removed = run('/usr/sbin/groupdel', [o.agent]);
    if (removed.ok) o.say(`group ${o.agent}: removed`);
    else problems.push(`Removing the group ${o.agent} failed: ${removed.output}`);
  }
  if (existsSync(o.home)) o.say(`left ${o.home} in place: it holds the workspace's files. Remove it with: sudo rm -rf ${o.home}`);
  return { ok: problems.length === 0, level: null, problems, workspace: o.workspace };
}
