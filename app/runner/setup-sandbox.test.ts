import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lookupUser } from './probe.ts';
import type { SetupSandboxOptions } from './setup-sandbox.ts';
import { setupSandbox, uninstallSandbox } from './setup-sandbox.ts';
import type { Scratch } from './test-sandbox.ts';
import { canSandbox, makeScratch } from './test-sandbox.ts';

// Real users, real files, in a scratch directory and under names of its own: the machine's
// warden-agent and /usr/local/libexec are not touched.
describe.skipIf(!canSandbox)('setupSandbox / uninstallSandbox (as root)', () => {
  const suffix = randomBytes(3).toString('hex');
  const agent = `wardent${suffix}`;
  const consoleUser = `wardenc${suffix}`;
  let scratch: Scratch;
  let options: SetupSandboxOptions;
  const lines: string[] = [];

  beforeAll(() => {
    scratch = makeScratch();
    mkdirSync(join(scratch.root, 'sudoers.d'), { mode: 0o750 });
    spawnSync('/usr/sbin/useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', consoleUser]);
    options = {
      agentUser: agent,
      consoleUser,
      home: join(scratch.root, 'home'),
      libexecDir: join(scratch.root, 'libexec'),
      sudoersFile: join(scratch.root, 'sudoers.d', 'warden'),
      progress: (line) => lines.push(line),
    };
  });

  afterAll(() => {
    spawnSync('/usr/sbin/userdel', [agent]);
    spawnSync('/usr/sbin/groupdel', [agent]);
    spawnSync('/usr/sbin/userdel', [consoleUser]);
    scratch.cleanup();
  });

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
    const launcher = statSync(join(scratch.root, 'libexec', 'warden-sandbox-launch'));
    expect([launcher.uid, launcher.mode & 0o7777]).toEqual([0, 0o755]);
    expect(existsSync(join(scratch.root, 'libexec', 'runtime', 'bin', 'node'))).toBe(true);
    const rule = readFileSync(options.sudoersFile as string, 'utf8');
    expect(rule).toContain(`${consoleUser} ALL=(root) NOPASSWD: ${join(scratch.root, 'libexec', 'warden-sandbox-launch')}\n`);
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
