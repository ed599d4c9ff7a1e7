import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lookupUser } from './probe.ts';
import type { SetupSandboxOptions } from './setup-sandbox.ts';
import { setupSandbox, uninstallSandbox } from './setup-sandbox.ts';
import type { Scratch } from './test-sandbox.ts';
import { canSandbox, makeScratch } from './test-sandbox.ts';

const hasSudo = existsSync('/usr/bin/sudo') && existsSync('/etc/sudoers.d');

// Real users, a real sudo rule (in /etc/sudoers.d under a name of its own, removed afterwards) and
// real files in a scratch directory: the machine's warden-agent and /usr/local/libexec are not touched.
describe.skipIf(!canSandbox || !hasSudo)('setupSandbox / uninstallSandbox (as root, with sudo)', () => {
  const suffix = randomBytes(3).toString('hex');
  const agent = `wardent${suffix}`;
  const consoleUser = `wardenc${suffix}`;
  let scratch: Scratch;
  let options: SetupSandboxOptions;
  let launcher: string;
  let consoleHome: string;
  const lines: string[] = [];

  beforeAll(() => {
    scratch = makeScratch();
    spawnSync('/usr/sbin/useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', consoleUser]);
    launcher = join(scratch.root, 'libexec', 'warden-sandbox-launch');
    options = {
      agentUser: agent,
      consoleUser,
      home: join(scratch.root, 'home'),
      libexecDir: join(scratch.root, 'libexec'),
      sudoersFile: `/etc/sudoers.d/warden-test-${suffix}`,
      progress: (line) => lines.push(line),
    };
  });

  afterAll(() => {
    rmSync(options.sudoersFile as string, { force: true });
    spawnSync('/usr/sbin/userdel', [agent]);
    spawnSync('/usr/sbin/groupdel', [agent]);
    spawnSync('/usr/sbin/userdel', [consoleUser]);
    scratch.cleanup();
  });

  /** A command run as the (non-root) console user, with its groups, as its own login would have them. */
  const asConsoleUser = (argv: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> =>
    spawnSync('/usr/bin/setpriv', [`--reuid=${consoleUser}`, `--regid=${consoleUser}`, '--init-groups', '--', ...argv], {
      encoding: 'utf8',
      cwd: '/',
      env: { PATH: '/usr/bin:/bin', HOME: consoleHome, ...env },
      timeout: 60_000,
    });
  const launch = (workspace: string, program: string[]): string[] => ['/usr/bin/sudo', '-n', launcher, 'v1', '10', '1048576', '256', '1048576', '10', workspace, workspace, '0', '0', '--', ...program];

  it('creates the user, workspace, launcher, runtime and sudo rule, and verifies them at full isolation', async () => {
    const result = await setupSandbox(options);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, level: 'full', workspace: join(scratch.root, 'home', 'workspace') });
    const ids = lookupUser(agent);
    expect(ids).not.toBeNull();
    expect(ids?.uid).not.toBe(0);
    expect(spawnSync('/usr/bin/getent', ['passwd', agent], { encoding: 'utf8' }).stdout).toMatch(/:\/usr\/sbin\/nologin\n$/);

    const ws = statSync(result.workspace);
    expect([ws.uid, ws.mode & 0o7777]).toEqual([ids?.uid, 0o2750]);
    const launcherStats = statSync(launcher);
    expect([launcherStats.uid, launcherStats.mode & 0o7777]).toEqual([0, 0o755]);
    expect(existsSync(join(scratch.root, 'libexec', 'runtime', 'bin', 'node'))).toBe(true);
    const rule = readFileSync(options.sudoersFile as string, 'utf8');
    expect(rule).toContain(`${consoleUser} ALL=(root) NOPASSWD: ${launcher}\n`);
    expect(rule).not.toMatch(/bwrap/);
    expect(statSync(options.sudoersFile as string).mode & 0o777).toBe(0o440);
    expect(spawnSync('/usr/bin/id', ['-nG', consoleUser], { encoding: 'utf8' }).stdout).toContain(agent);
    expect(lines.join('\n')).toMatch(new RegExp(`user ${agent}: created`));
    expect(lines.at(-1)).toMatch(/verified: tools run at full isolation/);
  });

  it('changes nothing that is right when run again', async () => {
    lines.length = 0;
    const result = await setupSandbox(options);
    expect(result.ok).toBe(true);
    const text = lines.join('\n');
    expect(text).toMatch(new RegExp(`user ${agent}: exists`));
    expect(text).toMatch(/workspace .*: unchanged/);
    expect(text).toMatch(/launcher .*: unchanged/);
    expect(text).toMatch(/sudo rule .*: unchanged/);
    expect(text).toMatch(new RegExp(`${consoleUser} is a member`));
  });

  it('gives the console user the launcher through sudo, and nothing else', () => {
    const ids = lookupUser(consoleUser);
    if (ids === null) throw new Error(`no user ${consoleUser}`);
    consoleHome = join(scratch.root, 'console-home');
    mkdirSync(consoleHome, { mode: 0o700 });
    chownSync(consoleHome, ids.uid, ids.gid);
    const workspace = join(scratch.root, 'home', 'workspace');

    const listed = asConsoleUser(['/usr/bin/sudo', '-n', '-l']);
    expect(listed.status).toBe(0);
    // sudo wraps long lines at 80 columns without a terminal.
    const granted = listed.stdout.split(/may run the following commands on [^:]*:/)[1]?.replace(/\s+/g, ' ').trim();
    expect(granted).toBe(`(root) NOPASSWD: ${launcher}`);

    // The launcher is a bash script run as root: a BASH_ENV that reached it would run as root.
    const marker = join(scratch.root, 'bash-env-ran');
    const bashEnv = join(consoleHome, 'evil.sh');
    writeFileSync(bashEnv, `echo ran > ${marker}\n`, { mode: 0o644 });
    const ran = asConsoleUser(launch(workspace, ['/usr/bin/id', '-u']), { BASH_ENV: bashEnv });
    expect(ran.stderr).toBe('');
    expect([ran.status, ran.stdout.trim()]).toEqual([0, String(lookupUser(agent)?.uid)]);
    expect(existsSync(marker)).toBe(false);

    const refused: Array<[string, string[], RegExp]> = [
      ['bubblewrap with free arguments', ['/usr/bin/sudo', '-n', '/usr/bin/bwrap', '--dev-bind', '/', '/', '/usr/bin/id'], /password is required|not allowed/],
      ['any command as the agent user', ['/usr/bin/sudo', '-n', '-u', agent, '/usr/bin/id'], /password is required|not allowed/],
      ['any other command as root', ['/usr/bin/sudo', '-n', '/usr/bin/id'], /password is required|not allowed/],
      ['a shell through sudo', ['/usr/bin/sudo', '-n', '-s'], /password is required|not allowed/],
      ['keeping its environment', ['/usr/bin/sudo', '-n', '-E', ...launch(workspace, ['/usr/bin/id']).slice(2)], /not allowed to preserve the environment/],
      ['setting a variable for the launcher', ['/usr/bin/sudo', '-n', 'BASH_ENV=/tmp/x', ...launch(workspace, ['/usr/bin/id']).slice(2)], /not allowed to set the following environment variables/],
      ['the root directory as workspace', launch('/', ['/usr/bin/id']), /workspace: not a normalized path/],
      ['a system directory as workspace', launch('/etc', ['/usr/bin/id']), /cannot be mounted into the sandbox/],
      ['its own home as workspace', launch(consoleHome, ['/usr/bin/id']), /must belong to/],
      ['a relative program', launch(workspace, ['id']), /absolute path/],
    ];
    for (const [what, argv, message] of refused) {
      const result = asConsoleUser(argv);
      expect.soft(result.status, what).not.toBe(0);
      expect.soft(result.stderr, what).toMatch(message);
      expect.soft(result.stdout, what).toBe('');
    }
  });

  it("runs a non-root console's tools as the agent user in bubblewrap, through sudo and the launcher", () => {
    // The console's code where that user can read it: this checkout may sit in a 0700 directory.
    const code = join(scratch.root, 'console-code');
    cpSync(resolve(import.meta.dirname, '..'), join(code, 'app'), { recursive: true });
    cpSync(resolve(import.meta.dirname, '..', '..', 'node_modules', 'zod'), join(code, 'node_modules', 'zod'), { recursive: true });
    writeFileSync(join(code, 'package.json'), '{"type":"module","private":true}\n');
    const runtimeDir = join(scratch.root, 'libexec', 'runtime');
    const input = {
      agentUser: agent,
      launcher,
      runtime: { node: join(runtimeDir, 'bin', 'node'), entry: join(runtimeDir, 'app', 'runner', 'child-entry.js'), mounts: [runtimeDir], source: 'installed' },
      workspace: join(scratch.root, 'home', 'workspace'),
    };
    const driver = asConsoleUser([input.runtime.node, join(code, 'app', 'runner', 'test-sudo-console.ts'), JSON.stringify(input)]);
    expect(driver.stderr).toBe('');
    expect(driver.status).toBe(0);
    const report = JSON.parse(driver.stdout) as Record<string, { ok: boolean; failure: string | null; message: string; output: Record<string, unknown> | null } & Record<string, unknown>>;
    const agentUid = lookupUser(agent)?.uid;

    expect(report['uid']).toBe(lookupUser(consoleUser)?.uid);
    expect(report['isolation']).toMatchObject({ level: 'full', via: 'launcher', sandbox: 'bubblewrap', user: { name: agent, uid: agentUid, dedicated: true }, missing: [] });
    expect(report['write']).toMatchObject({ ok: true, output: { created: true } });
    expect(report['read']).toMatchObject({ ok: true, output: { content: 'hello\n' } });
    expect(statSync(join(input.workspace, 'from-console.txt')).uid).toBe(agentUid);
    expect(report['id']).toMatchObject({ ok: true, output: { stdout: `${agentUid}\n` } });
    // No new privileges, no capability at all: setuid binaries inside cannot elevate.
    const status = String(report['status']?.output?.['stdout']);
    expect(status).toMatch(/^NoNewPrivs:\t1$/m);
    expect(status).toMatch(/^CapEff:\t0{16}$/m);
    expect(status).toMatch(/^CapBnd:\t0{16}$/m);
    expect(report['consoleRead']).toMatchObject({ ok: false, failure: 'exit', output: { stderr: expect.stringMatching(/No such file or directory/) } });
    expect(report['shadow']).toMatchObject({ ok: false, failure: 'exit', output: { stderr: expect.stringMatching(/No such file or directory/) } });
    expect(report['filler']).toMatchObject({ ok: false, failure: 'disk' });
    expect(readdirSync(join(input.workspace, 'fill')).length).toBeLessThan(100);
    expect(report['sleeper']).toMatchObject({ ok: false, failure: 'timeout' });
    expect(report['sleeper']?.['ms']).toBeLessThan(15_000);
    expect(report['cancel']).toMatchObject({ ok: false, failure: 'cancelled', count: 1 });
    // sudo relayed the ends: nothing of the agent user is left running (exited bwrap processes
    // wait a moment for this VM's init to reap them: zombies, which hold nothing).
    const left = spawnSync('/usr/bin/ps', ['-u', agent, '-o', 'stat=,args='], { encoding: 'utf8' });
    expect(left.stdout.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('Z'))).toEqual([]);
  });

  it('refuses to run as anyone but root, saying how to run it', async () => {
    // In-process with another uid reported: a child under `nobody` could not read a checkout in a 0700 directory.
    const uid = vi.spyOn(process, 'getuid').mockReturnValue(65534);
    const euid = vi.spyOn(process, 'geteuid').mockReturnValue(65534);
    try {
      await expect(setupSandbox()).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/sudo warden setup-sandbox/) });
    } finally {
      uid.mockRestore();
      euid.mockRestore();
    }
  });

  it('undoes it all with uninstall, leaving the workspace files where they are', async () => {
    lines.length = 0;
    const result = await uninstallSandbox(options);
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(lookupUser(agent)).toBeNull();
    expect(spawnSync('/usr/bin/getent', ['group', agent]).status).not.toBe(0);
    expect(existsSync(options.sudoersFile as string)).toBe(false);
    expect(existsSync(join(scratch.root, 'libexec'))).toBe(false);
    expect(existsSync(join(scratch.root, 'home', 'workspace'))).toBe(true);
    expect(lines.join('\n')).toMatch(/left .*home in place.*sudo rm -rf/);
    lines.length = 0;
    expect((await uninstallSandbox(options)).ok).toBe(true);
    expect(lines.join('\n')).toMatch(/not there/);
  });
});
