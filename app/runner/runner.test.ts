import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IsolationReport, Limits, RunnerIsolation } from '../contract/policy.ts';
import { defaultLimits } from '../contract/policy.ts';
import { lookupUser } from './probe.ts';
import type { Runner } from './runner.ts';
import { createRunner } from './runner.ts';
import { commandCall, preparedCall } from './test-calls.ts';
import type { Scratch } from './test-sandbox.ts';
import { canSandbox, ensureAgentUser, makeScratch, removeUser, uniqueUserName } from './test-sandbox.ts';

const limits: Limits = { ...defaultLimits, wallTimeoutMs: 20_000 };

describe.skipIf(!canSandbox)('createRunner at each isolation level (as root)', () => {
  let scratch: Scratch;
  beforeAll(() => {
    ensureAgentUser();
    scratch = makeScratch();
  });
  afterAll(() => scratch.cleanup());

  const expected: Record<RunnerIsolation, { user: string; sandbox: IsolationReport['sandbox']; dedicated: boolean }> = {
    full: { user: 'warden-agent', sandbox: 'bubblewrap', dedicated: true },
    partial: { user: 'nobody', sandbox: 'bubblewrap', dedicated: false },
    none: { user: 'nobody', sandbox: 'none', dedicated: false },
  };

  for (const level of ['full', 'partial', 'none'] as const) {
    describe(level, () => {
      let runner: Runner;
      let ws: string;
      const secretRequests: unknown[] = [];
      const run = (call: ReturnType<typeof preparedCall>, over: Partial<Limits> = {}, signal?: AbortSignal) =>
        runner.run({ call, perimeter: { workspace: ws, references: [] }, limits: { ...limits, ...over }, actor: 'test', ...(signal === undefined ? {} : { signal }) });

      beforeAll(async () => {
        runner = await createRunner({
          runtime: scratch.runtime,
          probe: { maxLevel: level },
          killGraceMs: 300,
          secretsFor: async (request) => {
            secretRequests.push(request);
            return { SCOPED_TOKEN: 'scoped-token-value' };
          },
        });
        const owner = lookupUser(expected[level].user);
        if (owner === null) throw new Error('no user');
        ws = scratch.workspace(`ws-${level}`, owner);
        writeFileSync(join(ws, 'a.txt'), 'alpha\n');
        chownSync(join(ws, 'a.txt'), owner.uid, owner.gid);
      });

      it('reports the level, the user and the sandbox, never root', () => {
        expect(runner.isolation).toMatchObject({ level, via: 'uid-drop', sandbox: expected[level].sandbox, user: { name: expected[level].user, dedicated: expected[level].dedicated } });
        expect(runner.isolation.user.uid).not.toBe(0);
        expect(runner.isolation.missing.map((m) => m.what).join('\n')).not.toMatch(/cannot start/);
      });

      it('runs the file tools in the child: write, read, list, search, move, delete', async () => {
        const file = join(ws, 'notes', 'n.txt');
        expect(await run(preparedCall('write_file', { path: file, content: 'hello sandbox\n', createDirs: true }))).toMatchObject({ ok: true, output: { created: true } });
        expect(readFileSync(file, 'utf8')).toBe('hello sandbox\n');
        expect(await run(preparedCall('read_file', { path: file }))).toMatchObject({ ok: true, output: { content: 'hello sandbox\n' } });
        expect(await run(preparedCall('list_dir', { path: ws }))).toMatchObject({ ok: true, output: { total: 2 } });
        expect(await run(preparedCall('search_files', { query: 'SANDBOX', path: ws }))).toMatchObject({ ok: true, output: { matches: [{ path: file, line: 1 }] } });
        const moved = join(ws, 'notes', 'm.txt');
        expect(await run(preparedCall('move_path', { from: file, to: moved }))).toMatchObject({ ok: true });
        expect(await run(preparedCall('delete_path', { path: join(ws, 'notes'), recursive: true }))).toMatchObject({ ok: true, output: { deletedEntries: 2 } });
        expect(existsSync(join(ws, 'notes'))).toBe(false);
      });

      it('reports a tool error as a failure with its message', async () => {
        expect(await run(preparedCall('read_file', { path: join(ws, 'missing.txt') }))).toMatchObject({ ok: false, failure: 'tool-error', message: expect.stringMatching(/does not exist/) });
      });

      it('makes previews in the sandbox: a diff, a delete listing, a command', async () => {
        const request = (call: ReturnType<typeof preparedCall>) => ({ call, perimeter: { workspace: ws, references: [] }, limits, actor: 'test' });
        expect(await runner.preview(request(preparedCall('write_file', { path: join(ws, 'a.txt'), content: 'beta\n' })))).toMatchObject({ kind: 'diff', diff: expect.stringContaining('-alpha\n+beta') });
        expect(await runner.preview(request(preparedCall('delete_path', { path: join(ws, 'a.txt') })))).toMatchObject({ kind: 'delete', totalEntries: 1, totalBytes: 6 });
        expect(await runner.preview(request(commandCall(['/usr/bin/git', 'status'], ws)))).toEqual({ kind: 'command', argv: ['/usr/bin/git', 'status'], executable: '/usr/bin/git', cwd: ws });
      });

      it('runs a command with its input, environment and exit code', async () => {
        const result = await run(commandCall(['/usr/bin/bash', '-c', 'cat; echo " $SCOPED_TOKEN"; exit 4'], ws, 'input'));
        expect(result).toMatchObject({ ok: false, failure: 'exit', output: { exitCode: 4, stdout: 'input scoped-token-value\n' } });
        expect(secretRequests).toContainEqual({ tool: 'run_command', declared: [], actor: 'test' });
      });

      it('cuts output at the limit with a marker', async () => {
        const result = await run(commandCall(['/usr/bin/bash', '-c', 'head -c 10000 /dev/zero | tr "\\0" y'], ws), { outputBytes: 1024 });
        expect(result).toMatchObject({ ok: true, output: { truncated: true, stdoutBytes: 10000 } });
        expect(String(result.output?.['stdout'])).toMatch(/\[… Warden dropped 8976 bytes/);
      });

      it('ends a daemon the command left behind in a session of its own', async () => {
        const result = await run(commandCall(['/usr/bin/bash', '-c', "setsid bash -c 'sleep 31.7' > /dev/null 2>&1 < /dev/null & sleep 0.3; echo $!"], ws));
        expect(result).toMatchObject({ ok: true });
        // Inside bubblewrap its pid is the namespace's: look for this sleep of the sandbox user instead.
        const sleeping = () => spawnSync('/usr/bin/pgrep', ['-u', String(runner.isolation.user.uid), '-x', '-f', 'sleep 31.7'], { encoding: 'utf8' }).stdout.trim();
        // A wait for the kill, not a timing bound: up to 5 s on a loaded machine.
        for (let i = 0; i < 100 && sleeping() !== ''; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(sleeping()).toBe('');
      });

      it('cancels every run in progress', async () => {
        const pending = run(commandCall(['/usr/bin/sleep', '30'], ws));
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(runner.cancelAll()).toBe(1);
        expect(await pending).toMatchObject({ ok: false, failure: 'cancelled' });
      });
    });
  }

  it('reports a tool runtime the sandbox user cannot reach', async () => {
    const runner = await createRunner({ runtime: { node: '/root/unreachable/node', entry: '/root/unreachable/entry.js', mounts: ['/usr/local'], source: 'custom' } });
    expect(runner.isolation.missing.map((m) => m.what).join('\n')).toMatch(/File tools cannot start in the sandbox as warden-agent/);
    // A file tool called anyway fails saying what to do, not only what the sandbox printed.
    const ws = scratch.workspace('ws-unreachable', ensureAgentUser());
    const result = await runner.run({ call: preparedCall('list_dir', { path: ws }), perimeter: { workspace: ws, references: [] }, limits, actor: 'test' });
    expect(result).toMatchObject({ ok: false, failure: 'tool-error', message: expect.stringMatching(/Run sudo warden setup-sandbox .*Check again in the Policy view/) });
  });
});

describe.skipIf(!canSandbox)('recheck (as root)', () => {
  // A dedicated user that does not exist when the runner starts, as before `sudo warden setup-sandbox`.
  const agent = uniqueUserName('recheck');
  let scratch: Scratch;
  let ws: string;
  beforeAll(() => {
    removeUser(agent);
    scratch = makeScratch();
    ws = scratch.workspace('ws-recheck', { uid: 0, gid: 0 });
  });
  afterAll(() => {
    removeUser(agent);
    scratch.cleanup();
  });

  it('finds the dedicated user created after start: new calls run as it, a call under way keeps the plan it started with', async () => {
    // Secrets are read between a run's start and its launch: held here, that is where a call waits.
    const held: Array<() => void> = [];
    let holdSecrets = false;
    const runner = await createRunner({
      runtime: scratch.runtime,
      probe: { agentUser: agent },
      killGraceMs: 300,
      secretsFor: () => (holdSecrets ? new Promise((resolve) => held.push(() => resolve({}))) : Promise.resolve({})),
    });
    const idCall = () => runner.run({ call: commandCall(['/usr/bin/id', '-u'], ws), perimeter: { workspace: ws, references: [] }, limits, actor: 'test' });
    const nobody = lookupUser('nobody');
    expect(runner.isolation).toMatchObject({ level: 'partial', via: 'uid-drop', sandbox: 'bubblewrap', user: { name: 'nobody', dedicated: false } });
    expect(runner.isolation.missing).toContainEqual({ what: `The dedicated user ${agent}.`, fix: 'Run sudo warden setup-sandbox.' });
    const firstCheck = runner.isolation.checkedAt;

    holdSecrets = true;
    const underWay = idCall();
    await vi.waitFor(() => expect(held).toHaveLength(1));
    holdSecrets = false;

    const created = ensureAgentUser(agent);
    const report = await runner.recheck();
    expect(report).toMatchObject({ level: 'full', via: 'uid-drop', sandbox: 'bubblewrap', user: { name: agent, uid: created.uid, dedicated: true }, missing: [] });
    expect(runner.isolation).toEqual(report);
    expect(runner.plan).toMatchObject({ level: 'full', user: { name: agent, uid: created.uid } });
    expect(Date.parse(report.checkedAt)).toBeGreaterThanOrEqual(Date.parse(firstCheck));

    expect(await idCall()).toMatchObject({ ok: true, output: { stdout: `${created.uid}\n` } });
    held.shift()?.();
    expect(await underWay).toMatchObject({ ok: true, output: { stdout: `${nobody?.uid}\n` } });
  });

  it('runs one check at a time: a caller during a check gets that check', async () => {
    const runner = await createRunner({ runtime: scratch.runtime, probe: { agentUser: agent } });
    const first = runner.recheck();
    const second = runner.recheck();
    expect(second).toBe(first);
    const report = await first;
    expect(runner.isolation).toBe(report);
    const next = runner.recheck();
    expect(next).not.toBe(first);
    await next;
  });
});

describe('network calls run in the core, not the sandbox', () => {
  it('passes target and limits to http_request and reports its failure', async () => {
    const runner = await createRunner({ probe: { maxLevel: 'none' } });
    const url = 'https://127.0.0.1:9/';
    const call = preparedCall('http_request', { url }, { target: { url, hostname: '127.0.0.1', port: 9, literal: true } });
    const result = await runner.run({ call, perimeter: { workspace: '/nonexistent', references: [] }, limits: { ...limits, wallTimeoutMs: 2000 }, actor: 'test' });
    expect(result).toMatchObject({ ok: false, failure: 'tool-error', message: expect.stringMatching(/request to 127\.0\.0\.1 failed/) });
  });
});
