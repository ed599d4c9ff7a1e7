import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Limits } from '../contract/policy.ts';
import { defaultLimits } from '../contract/policy.ts';
import { lookupUser } from './probe.ts';
import type { Runner } from './runner.ts';
import { createRunner } from './runner.ts';
import { commandCall, preparedCall } from './test-calls.ts';
import type { Scratch } from './test-sandbox.ts';
import { makeScratch } from './test-sandbox.ts';

/**
 * sandbox-exec for real, on a Mac: the file tools in the workspace, and the profile refusing
 * what lies outside the perimeter, the network and /tmp. As root the runs drop to warden-agent
 * (or nobody when there is none); otherwise they run as the console's own user, where only the
 * sandbox stands between the tool and that user's files. Skipped on every other platform.
 */
const onMac = process.platform === 'darwin' && existsSync('/usr/bin/sandbox-exec');
const limits: Limits = { ...defaultLimits, wallTimeoutMs: 20_000 };

describe.skipIf(!onMac)('sandbox-exec on macOS', () => {
  let scratch: Scratch;
  let runner: Runner;
  let ws: string;
  let outside: string;
  const run = (call: ReturnType<typeof preparedCall>) => runner.run({ call, perimeter: { workspace: ws, references: [] }, limits, actor: 'test' });

  beforeAll(async () => {
    scratch = makeScratch();
    runner = await createRunner({ runtime: scratch.runtime, killGraceMs: 300, secretsFor: async () => ({ SCOPED_TOKEN: 'scoped-token-value' }) });
    const owner = lookupUser(runner.plan.user.name) ?? runner.plan.user;
    ws = scratch.workspace('ws', owner);
    // Beside the workspace, readable and writable by the tool's user: only the sandbox refuses it.
    outside = scratch.workspace('outside', owner);
    writeFileSync(join(outside, 'secret.txt'), 'outside-secret\n', { mode: 0o644 });
  });
  afterAll(() => scratch.cleanup());

  it('reports sandbox-exec, never root, and a runtime that starts', () => {
    expect(runner.isolation).toMatchObject({ sandbox: 'sandbox-exec', level: process.getuid?.() === 0 && runner.plan.user.dedicated ? 'full' : 'partial' });
    expect(runner.isolation.user.uid).not.toBe(0);
    expect(runner.isolation.missing.map((m) => m.what).join('\n')).not.toMatch(/cannot start|does not run a program/);
  });

  it('runs write_file and read_file in the workspace', async () => {
    const file = join(ws, 'notes', 'n.txt');
    expect(await run(preparedCall('write_file', { path: file, content: 'hello seatbelt\n', createDirs: true }))).toMatchObject({ ok: true, output: { created: true } });
    expect(readFileSync(file, 'utf8')).toBe('hello seatbelt\n');
    expect(await run(preparedCall('read_file', { path: file }))).toMatchObject({ ok: true, output: { content: 'hello seatbelt\n' } });
  });

  it('refuses a write outside the workspace', async () => {
    const target = join(outside, 'planted.txt');
    const result = await run(commandCall(['/usr/bin/touch', target], ws));
    expect(result).toMatchObject({ ok: false, failure: 'exit', output: { stderr: expect.stringMatching(/Operation not permitted/) } });
    expect(existsSync(target)).toBe(false);
  });

  it('refuses reads outside the perimeter: a file beside the workspace, the home directory', async () => {
    const secret = await run(commandCall(['/bin/cat', join(outside, 'secret.txt')], ws));
    expect(secret).toMatchObject({ ok: false, output: { stderr: expect.stringMatching(/Operation not permitted/) } });
    expect(JSON.stringify(secret.output)).not.toContain('outside-secret');
    expect(await run(commandCall(['/bin/ls', homedir()], ws))).toMatchObject({ ok: false, failure: 'exit' });
  });

  it('refuses the network, loopback included', async () => {
    let connections = 0;
    const server: Server = createServer((socket) => {
      connections++;
      socket.end('HTTP/1.0 200 OK\r\n\r\nreached');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const local = await run(commandCall(['/usr/bin/curl', '-sS', '--max-time', '5', `http://127.0.0.1:${port}/`], ws));
      expect(local).toMatchObject({ ok: false, failure: 'exit' });
      expect(JSON.stringify(local.output)).not.toContain('reached');
      expect(connections).toBe(0);
      expect(await run(commandCall(['/usr/bin/curl', '-sS', '--max-time', '5', 'https://example.com/'], ws))).toMatchObject({ ok: false, failure: 'exit' });
    } finally {
      server.close();
    }
  });

  it('writes temporary files only in the run\'s own directory, never in /tmp', async () => {
    const escaped = `/tmp/warden-seatbelt-${process.pid}-${Date.now()}`;
    const result = await run(commandCall(['/bin/sh', '-c', 'touch "$TMPDIR/mine" && echo "$TMPDIR" && touch "$1"', 'sh', escaped], ws));
    expect(result).toMatchObject({ ok: false, failure: 'exit', output: { stderr: expect.stringMatching(/Operation not permitted/) } });
    expect(String(result.output?.['stdout'])).toMatch(/warden-run-/);
    expect(existsSync(escaped)).toBe(false);
  });

  it('gives the tool exactly its environment, secrets included, and the limits', async () => {
    const env = await run(commandCall(['/usr/bin/env'], ws));
    const names = String(env.output?.['stdout']).trim().split('\n').map((line) => line.slice(0, line.indexOf('=')));
    expect(names).toEqual(expect.arrayContaining(['PATH', 'HOME', 'TMPDIR', 'SCOPED_TOKEN']));
    // Nothing of the console's environment, and nothing the ulimit wrapper's shell adds.
    expect(names.filter((name) => ['PWD', 'SHLVL', 'OLDPWD', '_', 'USER', 'SSH_AUTH_SOCK'].includes(name))).toEqual([]);
    const limitsRun = await run(commandCall(['/bin/sh', '-c', 'ulimit -t; ulimit -n; ulimit -c'], ws));
    expect(limitsRun).toMatchObject({ ok: true, output: { stdout: `${limits.cpuSeconds}\n1024\n0\n` } });
  });

  it('runs a shell in the workspace: creates, writes, reads', async () => {
    const result = await run(commandCall(['/bin/sh', '-c', 'mkdir -p sub && echo ok > sub/f && cat sub/f && ls'], ws));
    expect(result).toMatchObject({ ok: true, output: { stdout: expect.stringMatching(/^ok\n/) } });
  });
});
