import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLimits } from '../contract/policy.ts';
import { launcherInvocation, launcherScript } from './launcher-script.ts';
import type { Scratch } from './test-sandbox.ts';
import { canSandbox, ensureAgentUser, makeScratch } from './test-sandbox.ts';

// The launcher is the security boundary of the sudo path, so it is run for real here (as root,
// as sudo would run it), with good arguments and with every kind of bad one.
describe.skipIf(!canSandbox)('the setup-sandbox launcher', () => {
  let scratch: Scratch;
  let launcher: string;
  let ws: string;
  let agent: { uid: number; gid: number };

  beforeAll(() => {
    agent = ensureAgentUser();
    scratch = makeScratch();
    launcher = join(scratch.root, 'warden-sandbox-launch');
    writeFileSync(launcher, launcherScript('warden-agent'), { mode: 0o755 });
    ws = scratch.workspace('ws', agent);
    mkdirSync(join(scratch.root, 'ref'));
    symlinkSync(ws, join(scratch.root, 'ws-link'));
  });
  afterAll(() => scratch.cleanup());

  const invoke = (program: string, args: string[], env: Record<string, string> = {}, stdin = '', over: Partial<Parameters<typeof launcherInvocation>[0]> = {}) => {
    const { args: launcherArgs, stdinPrefix } = launcherInvocation({
      limits: defaultLimits, tmpBytes: 1048576, workspace: ws, cwd: ws, references: [], runtime: [], program, args, env, ...over,
    });
    return spawnSync(launcher, launcherArgs, { input: Buffer.concat([stdinPrefix, Buffer.from(stdin)]), encoding: 'utf8', env: {} });
  };
  const raw = (args: string[], input = '\0') => spawnSync(launcher, args, { input, encoding: 'utf8', env: {} });

  it('runs the program sandboxed as the dedicated user, with the given environment and the rest of stdin', () => {
    const result = invoke('/usr/bin/bash', ['-c', 'id -u; printenv TOKEN; cat; grep NoNewPrivs /proc/self/status; ls /'], { TOKEN: 'given-token-value' }, 'program input');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`${agent.uid}\ngiven-token-value\nprogram input`);
    expect(result.stdout).toMatch(/NoNewPrivs:\s+1/);
    expect(result.stdout).not.toMatch(/\bhome\b|\broot\b/);
  });

  it('mounts reference directories read-only', () => {
    const ref = join(scratch.root, 'ref');
    const result = invoke('/usr/bin/bash', ['-c', `ls ${ref} && touch ${ref}/x`], {}, '', { references: [ref] });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Read-only file system/);
  });

  const base = (): string[] => launcherInvocation({ limits: defaultLimits, tmpBytes: 1048576, workspace: ws, cwd: ws, references: [], runtime: [], program: '/usr/bin/true', args: [], env: {} }).args;
  const replaced = (index: number, value: string): string[] => base().map((arg, i) => (i === index ? value : arg));

  it.each([
    ['another protocol', () => replaced(0, 'v2'), /protocol v2 is not supported/],
    ['a CPU limit that is not a number', () => replaced(1, '1e9'), /CPU seconds must be a number/],
    ['a CPU limit of zero', () => replaced(1, '0'), /CPU seconds must be from 1/],
    ['a file size below 1 MiB', () => replaced(2, '10'), /file size must be from/],
    ['a process limit above 65536', () => replaced(3, '100000'), /process limit must be from/],
    ['a workspace that is an option', () => replaced(6, '--dev-bind'), /workspace: unsupported characters/],
    ['the root as workspace', () => replaced(6, '/'), /not a normalized path|cannot be mounted/],
    ['/etc as workspace', () => replaced(6, '/etc'), /cannot be mounted/],
    ['a workspace not owned by the agent', () => replaced(6, join(scratch.root, 'ref')), /must belong to warden-agent/],
    ['a workspace reached through a symlink', () => replaced(6, join(scratch.root, 'ws-link')), /not a directory|symbolic links/],
    ['a workspace with ..', () => replaced(6, `${ws}/../ws`), /not a normalized path/],
    ['a working directory outside the workspace', () => replaced(7, join(scratch.root, 'ref')), /outside the workspace/],
    ['a reference count that does not match', () => replaced(8, '3'), /reference: |missing reference/],
    ['/proc as a reference', () => [...base().slice(0, 8), '1', '/proc', ...base().slice(9)], /cannot be mounted/],
    ['a relative program', () => [...base().slice(0, -1), 'bash'], /absolute path/],
    ['no -- before the program', () => base().filter((a) => a !== '--'), /too few arguments|expected --/],
    ['too few arguments', () => ['v1', '1'], /too few arguments/],
  ])('refuses %s', (_label, args, message) => {
    const result = raw(args());
    expect(result.status).toBe(126);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^warden-sandbox-launch: /);
  });

  it('refuses a malformed environment name', () => {
    const result = raw(base(), 'lower=x\0\0');
    expect(result.status).toBe(126);
    expect(result.stderr).toMatch(/invalid environment variable name/);
  });

  it('refuses to run unless root', () => {
    const result = spawnSync('/usr/bin/setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', launcher, ...base()], { input: '\0', encoding: 'utf8', env: {} });
    expect(result.status).toBe(126);
    expect(result.stderr).toMatch(/must run as root/);
  });

  it('refuses a user name that could inject into the script', () => {
    expect(() => launcherScript('agent; rm -rf /')).toThrow(/not a valid user name/);
  });
});
