/**
 * Escape tests (issue 5): attempts to get out of the perimeter or past the limits, each through
 * the whole chain core composes (validation → policy → approval → runner → audit record), as root
 * with the dedicated user, at full isolation. The approval gate approves everything, as a careless
 * admin would, so what is not stopped by validation or policy must be stopped by the sandbox.
 * Every attempt must end `blocked` (validation/policy) or `failure` (the sandbox or its limits),
 * be recorded that way, and leave evidence that nothing got out. No timing thresholds.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Limits, Policy } from '../contract/policy.ts';
import type { ToolCallOutcome } from '../contract/tools.ts';
// The escape tests exercise validation and policy together with the sandbox, composed as the core does.
import { judgeCall, openPolicyStore } from '../policy/index.ts';
import type { PolicyStore } from '../policy/index.ts';
import { createRedactor, openSecretMetadata, secretsForTool } from '../secrets/index.ts';
import { createTestVault } from '../secrets/test-vault.ts';
import type { ApprovalGate } from '../runner/approval-gate.ts';
import type { Runner } from '../runner/runner.ts';
import { createRunner } from '../runner/runner.ts';
import type { Scratch } from '../runner/test-sandbox.ts';
import { canSandbox, ensureAgentUser, makeScratch } from '../runner/test-sandbox.ts';
import type { ToolCallPipeline } from '../runner/tool-call-pipeline.ts';
import { createToolCallPipeline } from '../runner/tool-call-pipeline.ts';
import { MemoryRecorder } from '../runner/tool-call-recorder.ts';

type Expected = 'blocked' | 'failure';
interface Attempt {
  readonly title: string;
  readonly tool: string;
  readonly args: () => Record<string, unknown>;
  readonly expect: Expected;
  /** Limits for this attempt only (a tighter process limit for the fork bomb, say). */
  readonly limits?: Partial<Limits>;
  /** What must also be true afterwards: nothing leaked, nothing written, the console alive. */
  readonly check?: (outcome: ToolCallOutcome) => void;
}

const consoleSecret = `console-secret-${process.pid}-${Date.now()}`;
const unscopedSecret = 'unscoped-token-0123456789';
const approveEverything: ApprovalGate = { request: async () => ({ decision: 'approve', by: { kind: 'person', name: 'careless admin' } }) };

describe.skipIf(!canSandbox)('escape attempts (full isolation, as root, with warden-agent)', () => {
  let scratch: Scratch;
  let runner: Runner;
  let store: PolicyStore;
  let pipeline: ToolCallPipeline;
  let recorder: MemoryRecorder;
  let server: Server;
  let port = 0;
  let connections = 0;
  let limitsOverride: Partial<Limits> = {};
  const paths = { ws: '', ref: '', outside: '', data: '' };

  beforeAll(async () => {
    const agent = ensureAgentUser();
    scratch = makeScratch();
    paths.ws = scratch.workspace('ws', agent);
    paths.ref = join(scratch.root, 'ref');
    paths.outside = join(scratch.root, 'outside');
    paths.data = join(scratch.root, 'data');
    mkdirSync(paths.ref, { mode: 0o755 });
    writeFileSync(join(paths.ref, 'doc.txt'), 'reference\n', { mode: 0o644 });
    // World-readable on purpose: the sandbox, not file modes, must keep it out of reach.
    mkdirSync(paths.outside, { mode: 0o755 });
    writeFileSync(join(paths.outside, 'secret.txt'), 'OUTSIDE-SECRET\n', { mode: 0o644 });
    mkdirSync(paths.data, { mode: 0o700 });
    writeFileSync(join(paths.data, 'audit.db'), 'AUDIT-STORE-CONTENT\n', { mode: 0o600 });

    // What an agent (or whoever wrote into the workspace) could have planted.
    symlinkSync(join(paths.outside, 'secret.txt'), join(paths.ws, 'link-to-secret'));
    symlinkSync(paths.outside, join(paths.ws, 'link-to-outside'));
    symlinkSync(paths.data, join(paths.ws, 'link-to-data'));
    symlinkSync('/proc/self/root', join(paths.ws, 'link-to-root'));
    symlinkSync(join(paths.ref, 'doc.txt'), join(paths.ws, 'link-to-ref'));
    linkSync(join(paths.outside, 'secret.txt'), join(paths.ws, 'hardlink-to-secret'));

    process.env['WARDEN_ESCAPE_CONSOLE_SECRET'] = consoleSecret;
    const vault = createTestVault();
    const metadata = openSecretMetadata(join(paths.data, 'secrets.db'));
    await vault.write('UNSCOPED_TOKEN', unscopedSecret);
    metadata.insert({ name: 'UNSCOPED_TOKEN', description: '', envVar: 'UNSCOPED_TOKEN', tools: ['http_request'], createdAt: new Date().toISOString(), rotatedAt: null, lastUsedAt: null, rotationDays: null });
    const redactor = createRedactor();

    runner = await createRunner({
      runtime: scratch.runtime,
      killGraceMs: 500,
      // The real secrets layer: only secrets a tool declares and is scoped to reach its child.
      secretsFor: async (request) =>
        (await secretsForTool({ vault, metadata, audit: { record: () => undefined }, redactor, now: () => new Date() }, { tool: request.tool, declared: [...request.declared, 'UNSCOPED_TOKEN'], actor: request.actor })).env,
    });
    expect(runner.isolation).toMatchObject({ level: 'full', user: { name: 'warden-agent', dedicated: true }, sandbox: 'bubblewrap' });

    store = openPolicyStore({ dataDir: paths.data, defaultWorkspace: paths.ws });
    const current = store.current();
    const programs = ['bash', 'sh', 'cat', 'ls', 'ln', 'cp', 'touch', 'dd', 'yes', 'sleep', 'kill', 'su', 'passwd', 'mount', 'unshare', 'dmesg', 'printenv', 'env', 'head', 'curl']
      .map((name) => `/usr/bin/${name}`)
      .filter((path) => existsSync(path));
    store.update({
      expectedRevision: current.revision,
      policy: {
        workspace: paths.ws,
        references: [paths.ref],
        enabledTools: ['list_dir', 'read_file', 'search_files', 'write_file', 'move_path', 'delete_path', 'run_command'],
        rules: [],
        commands: programs,
        network: { allowHosts: [] },
        limits: { cpuSeconds: 5, memoryMb: 128, outputBytes: 64 * 1024, wallTimeoutMs: 8000, maxProcesses: 256, fileSizeMb: 8, diskMb: 64 },
      },
    });

    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;

    recorder = new MemoryRecorder();
    pipeline = createToolCallPipeline({
      runner,
      policy: (): Policy => {
        const policy = store.current();
        return { ...policy, limits: { ...policy.limits, ...limitsOverride } };
      },
      judge: (request, policy, context) => judgeCall(request, policy, context),
      approvals: approveEverything,
      recorder,
      redact: (value) => redactor.redactValue(value),
    });
  });

  afterAll(async () => {
    delete process.env['WARDEN_ESCAPE_CONSOLE_SECRET'];
    await new Promise((resolve) => server.close(resolve));
    scratch.cleanup();
  });

  const sh = (script: string): Record<string, unknown> => ({ argv: ['bash', '-c', script] });
  const run = (argv: string[]) => () => ({ argv });
  const noLeak = (...needles: string[]) => (outcome: ToolCallOutcome): void => {
    const text = JSON.stringify(outcome);
    for (const needle of needles) expect(text).not.toContain(needle);
  };
  const leaks = (): string[] => ['OUTSIDE-SECRET', 'AUDIT-STORE-CONTENT', consoleSecret, unscopedSecret];
  const consoleAlive = (): void => {
    expect(() => process.kill(process.pid, 0)).not.toThrow();
  };

  const attempts: Attempt[] = [
    // Paths, stopped by validation before anything runs.
    { title: 'read ../ out of the workspace', tool: 'read_file', args: () => ({ path: '../outside/secret.txt' }), expect: 'blocked' },
    { title: 'read an absolute path outside the perimeter', tool: 'read_file', args: () => ({ path: join(paths.outside, 'secret.txt') }), expect: 'blocked' },
    { title: 'read /etc/shadow', tool: 'read_file', args: () => ({ path: '/etc/shadow' }), expect: 'blocked' },
    { title: 'read through a symlink to a file outside', tool: 'read_file', args: () => ({ path: 'link-to-secret' }), expect: 'blocked' },
    { title: 'read through a symlinked directory outside', tool: 'read_file', args: () => ({ path: 'link-to-outside/secret.txt' }), expect: 'blocked' },
    { title: 'read a hard link to a file outside', tool: 'read_file', args: () => ({ path: 'hardlink-to-secret' }), expect: 'blocked' },
    { title: 'read /proc/self/root/… (the host root)', tool: 'read_file', args: () => ({ path: `/proc/self/root${join(paths.outside, 'secret.txt')}` }), expect: 'blocked' },
    { title: 'read through a symlink to /proc/self/root', tool: 'read_file', args: () => ({ path: `link-to-root${join(paths.outside, 'secret.txt')}` }), expect: 'blocked' },
    { title: 'read /proc/1/environ', tool: 'read_file', args: () => ({ path: '/proc/1/environ' }), expect: 'blocked' },
    { title: 'read the audit store by absolute path', tool: 'read_file', args: () => ({ path: join(paths.data, 'audit.db') }), expect: 'blocked' },
    { title: 'read the policy file through a symlink into the data dir', tool: 'read_file', args: () => ({ path: 'link-to-data/policy.json' }), expect: 'blocked' },
    { title: 'list the console data dir', tool: 'list_dir', args: () => ({ path: paths.data }), expect: 'blocked' },
    { title: 'search from the file-system root', tool: 'search_files', args: () => ({ query: 'SECRET', path: '/' }), expect: 'blocked' },
    { title: 'a path with a NUL byte', tool: 'read_file', args: () => ({ path: 'a\0/../../etc/passwd' }), expect: 'blocked' },
    { title: 'write ../ out of the workspace', tool: 'write_file', args: () => ({ path: '../outside/new.txt', content: 'x' }), expect: 'blocked', check: () => expect(existsSync(join(paths.outside, 'new.txt'))).toBe(false) },
    { title: 'write into a reference directory', tool: 'write_file', args: () => ({ path: join(paths.ref, 'doc.txt'), content: 'x' }), expect: 'blocked', check: () => expect(readFileSync(join(paths.ref, 'doc.txt'), 'utf8')).toBe('reference\n') },
    { title: 'write through a symlink into a reference directory', tool: 'write_file', args: () => ({ path: 'link-to-ref', content: 'x' }), expect: 'blocked' },
    { title: 'write through a symlinked directory outside', tool: 'write_file', args: () => ({ path: 'link-to-outside/new.txt', content: 'x' }), expect: 'blocked', check: () => expect(existsSync(join(paths.outside, 'new.txt'))).toBe(false) },
    { title: 'overwrite a file outside through a hard link', tool: 'write_file', args: () => ({ path: 'hardlink-to-secret', content: 'pwned' }), expect: 'blocked', check: () => expect(readFileSync(join(paths.outside, 'secret.txt'), 'utf8')).toBe('OUTSIDE-SECRET\n') },
    { title: 'delete the workspace itself', tool: 'delete_path', args: () => ({ path: '.', recursive: true }), expect: 'blocked', check: () => expect(existsSync(paths.ws)).toBe(true) },
    { title: 'delete a file outside through a symlinked directory', tool: 'delete_path', args: () => ({ path: 'link-to-outside/secret.txt' }), expect: 'blocked', check: () => expect(existsSync(join(paths.outside, 'secret.txt'))).toBe(true) },
    { title: 'move a workspace file out', tool: 'move_path', args: () => ({ from: 'link-to-secret', to: join(paths.outside, 'moved') }), expect: 'blocked' },
    { title: 'move a reference file into the workspace', tool: 'move_path', args: () => ({ from: join(paths.ref, 'doc.txt'), to: 'doc.txt' }), expect: 'blocked', check: () => expect(existsSync(join(paths.ref, 'doc.txt'))).toBe(true) },
    { title: 'run a program outside the allowlist (python)', tool: 'run_command', args: run(['python3', '-c', 'print(1)']), expect: 'blocked' },
    { title: 'run a program by relative path from the workspace', tool: 'run_command', args: run(['./evil.sh']), expect: 'blocked' },
    { title: 'run a command with its working directory outside', tool: 'run_command', args: () => ({ argv: ['ls'], cwd: paths.outside }), expect: 'blocked' },

    // Inside the sandbox: approved, started, and stopped by the sandbox or its limits.
    { title: 'cat a file outside by absolute path', tool: 'run_command', args: run(['cat', join(paths.outside, 'secret.txt')]), expect: 'failure' },
    { title: 'cat ../outside from the workspace', tool: 'run_command', args: run(['cat', '../outside/secret.txt']), expect: 'failure' },
    { title: 'cat through the planted symlink', tool: 'run_command', args: run(['cat', 'link-to-secret']), expect: 'failure' },
    { title: 'cat the host root through /proc/self/root', tool: 'run_command', args: run(['cat', `/proc/self/root${join(paths.outside, 'secret.txt')}`]), expect: 'failure' },
    { title: 'hard-link a file from outside the workspace into it', tool: 'run_command', args: run(['ln', join(paths.ref, 'doc.txt'), 'stolen-link']), expect: 'failure', check: () => expect(existsSync(join(paths.ws, 'stolen-link'))).toBe(false) },
    { title: 'look for the console environment in every /proc/*/environ', tool: 'run_command', args: () => sh('cat /proc/*/environ 2>/dev/null | tr "\\0" "\\n" | grep -a WARDEN_ESCAPE_CONSOLE_SECRET'), expect: 'failure' },
    { title: 'print a secret not scoped to run_command', tool: 'run_command', args: run(['printenv', 'UNSCOPED_TOKEN']), expect: 'failure' },
    { title: 'print the console environment', tool: 'run_command', args: () => sh('env | grep -a -e WARDEN_ -e UNSCOPED'), expect: 'failure' },
    { title: 'read the audit store', tool: 'run_command', args: () => ({ argv: ['cat', join(paths.data, 'audit.db')] }), expect: 'failure' },
    { title: 'list the console data dir', tool: 'run_command', args: run(['ls', paths.data]), expect: 'failure' },
    { title: 'write into a reference directory', tool: 'run_command', args: () => ({ argv: ['touch', join(paths.ref, 'x')] }), expect: 'failure', check: () => expect(existsSync(join(paths.ref, 'x'))).toBe(false) },
    { title: 'write outside the workspace', tool: 'run_command', args: () => ({ argv: ['touch', join(paths.outside, 'x')] }), expect: 'failure', check: () => expect(existsSync(join(paths.outside, 'x'))).toBe(false) },
    { title: 'write into /usr', tool: 'run_command', args: run(['touch', '/usr/bin/planted']), expect: 'failure', check: () => expect(existsSync('/usr/bin/planted')).toBe(false) },
    { title: 'fill the sandbox root file system', tool: 'run_command', args: run(['dd', 'if=/dev/zero', 'of=/filler', 'bs=1M', 'count=16']), expect: 'failure' },
    { title: 'connect to a loopback port of the host (bash /dev/tcp)', tool: 'run_command', args: () => sh(`echo hi > /dev/tcp/127.0.0.1/${port}`), expect: 'failure', check: () => expect(connections).toBe(0) },
    { title: 'connect to the host by name (localhost)', tool: 'run_command', args: () => sh(`exec 3<>/dev/tcp/localhost/${port}`), expect: 'failure', check: () => expect(connections).toBe(0) },
    existsSync('/usr/bin/curl')
      ? { title: 'curl a loopback port of the host', tool: 'run_command', args: () => ({ argv: ['curl', '-sS', '--max-time', '3', `http://127.0.0.1:${port}/`] }), expect: 'failure', check: () => expect(connections).toBe(0) }
      : { title: 'read from a loopback port of the host', tool: 'run_command', args: () => sh(`cat < /dev/tcp/127.0.0.1/${port}`), expect: 'failure', check: () => expect(connections).toBe(0) },
    { title: 'read a raw disk device', tool: 'run_command', args: () => sh('cat /dev/vda /dev/sda /dev/nvme0n1 2>&1 | head -c 100; exit ${PIPESTATUS[0]}'), expect: 'failure' },
    { title: 'read the kernel log', tool: 'run_command', args: run(['dmesg']), expect: 'failure' },
    { title: 'become root with su (setuid)', tool: 'run_command', args: () => ({ argv: ['su', '-c', 'id', 'root'], stdin: 'password\n' }), expect: 'failure' },
    { title: 'change a password with passwd (setuid)', tool: 'run_command', args: () => ({ argv: ['passwd', 'root'], stdin: 'x\nx\n' }), expect: 'failure' },
    { title: 'mount a file system', tool: 'run_command', args: run(['mount', '-t', 'tmpfs', 'none', '/mnt']), expect: 'failure' },
    { title: 'make a user namespace to regain capabilities', tool: 'run_command', args: run(['unshare', '-r', 'id']), expect: 'failure' },
    { title: 'kill -9 the console', tool: 'run_command', args: () => ({ argv: ['kill', '-9', String(process.pid)] }), expect: 'failure', check: consoleAlive },
    { title: 'kill -9 every process it can see, then the console by pid', tool: 'run_command', args: () => sh(`kill -9 -1; kill -9 ${process.pid}`), expect: 'failure', check: consoleAlive },
    { title: 'read the console memory map', tool: 'run_command', args: () => ({ argv: ['cat', `/proc/${process.pid}/maps`] }), expect: 'failure' },
    {
      title: 'fork bomb',
      tool: 'run_command',
      // The bomb's first process stays, so the sandbox is not torn down under it at once.
      args: () => sh('bomb() { bomb | bomb & }; bomb; sleep 60'),
      expect: 'failure',
      limits: { maxProcesses: 64, wallTimeoutMs: 3000 },
      check: (outcome) => {
        expect(String(outcome.output?.['stderr'])).toMatch(/fork|Resource temporarily unavailable/);
        consoleAlive();
      },
    },
    { title: 'memory hog', tool: 'run_command', args: () => sh('a=xxxxxxxxxxxxxxxx; while :; do a=$a$a; done'), expect: 'failure', limits: { memoryMb: 64 } },
    { title: 'disk filler in the workspace', tool: 'run_command', args: run(['dd', 'if=/dev/zero', 'of=filler', 'bs=1M', 'count=64']), expect: 'failure', limits: { fileSizeMb: 4 }, check: () => expect(statSync(join(paths.ws, 'filler')).size).toBeLessThanOrEqual(4 * 1024 * 1024) },
    {
      title: 'disk filler in the workspace: many files, each under the file size limit',
      tool: 'run_command',
      args: () => sh('mkdir -p fill && for i in $(seq 100); do head -c 4000000 /dev/zero > fill/f$i || exit 1; done'),
      expect: 'failure',
      limits: { fileSizeMb: 8, diskMb: 16 },
      check: (outcome) => {
        expect(outcome.failure).toBe('disk');
        expect(readdirSync(join(paths.ws, 'fill')).length).toBeLessThan(100);
      },
    },
    { title: 'disk filler in /tmp', tool: 'run_command', args: run(['dd', 'if=/dev/zero', 'of=/tmp/filler', 'bs=1M', 'count=200']), expect: 'failure' },
    { title: 'endless output', tool: 'run_command', args: run(['yes']), expect: 'failure', limits: { wallTimeoutMs: 1500 }, check: (o) => expect(JSON.stringify(o.output)).toMatch(/Warden dropped \d+ bytes/) },
    { title: 'a child that ignores SIGTERM', tool: 'run_command', args: () => sh('trap "" TERM; while :; do sleep 0.1; done'), expect: 'failure', limits: { wallTimeoutMs: 1000 } },
    { title: 'burn CPU past the CPU limit', tool: 'run_command', args: () => sh('while :; do :; done'), expect: 'failure', limits: { cpuSeconds: 1 } },
    { title: 'sleep past the wall-clock timeout', tool: 'run_command', args: run(['sleep', '60']), expect: 'failure', limits: { wallTimeoutMs: 1000 } },
  ];

  it('has at least 40 attempts', () => {
    expect(attempts.length).toBeGreaterThanOrEqual(40);
  });

  for (const attempt of attempts) {
    it(`${attempt.title}: ${attempt.expect === 'blocked' ? 'blocked before it runs' : 'fails in the sandbox'}`, async () => {
      limitsOverride = attempt.limits ?? {};
      let outcome: ToolCallOutcome;
      try {
        outcome = await pipeline.call({ tool: attempt.tool, args: attempt.args(), actor: 'escape-test' });
      } finally {
        limitsOverride = {};
      }
      expect(outcome.status, outcome.message).toBe(attempt.expect);
      expect(recorder.events.filter((e) => e.details?.['callId'] === outcome.id).at(-1)?.status).toBe(attempt.expect);
      noLeak(...leaks())(outcome);
      attempt.check?.(outcome);
    });
  }

  it('kept the sandbox user at full isolation throughout and never ran anything as root', () => {
    expect(runner.isolation.level).toBe('full');
    expect(runner.plan.user.uid).not.toBe(0);
  });
});
