import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalView, Caller } from '../contract/index.ts';
import type { CliEndpoint, Warden } from '../core/index.ts';
import { createWarden, loadConfig, startCliEndpoint } from '../core/index.ts';
import { canSandbox, ensureAgentUser, makeScratch } from '../runner/test-sandbox.ts';
import { createTestVault } from '../secrets/test-vault.ts';
import { agentCommand } from './agent-command.ts';
import { exitCodes } from './exit-codes.ts';
import { runCli } from './run-cli.ts';

/** The person at the console's window. */
const desktopUser: Caller = { interface: 'desktop', actor: 'desktop user' };

// As root (CI) the approved call runs as the sandbox user, who needs a runtime and a workspace it can use.
const scratch = canSandbox ? makeScratch() : null;
afterAll(() => scratch?.cleanup());

let workspaces = 0;
let dir: string;
let dataDir: string;
let workspace: string;
let warden: Warden;
let endpoint: CliEndpoint;

// A console as the desktop app runs it: the core and its CLI endpoint, no web server. Commands find
// it through console.json, as `warden tool` and `warden agent` do from another terminal.
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-tool-cli-'));
  dataDir = join(dir, 'data');
  workspace = scratch ? scratch.workspace(`ws-${++workspaces}`, ensureAgentUser()) : join(dir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  warden = await createWarden(loadConfig({ shell: 'desktop', dataDir, workspace, pingIntervalMs: 3_600_000 }), {
    vault: createTestVault(),
    logError: () => undefined,
    ...(scratch ? { runner: { runtime: scratch.runtime } } : {}),
  });
  endpoint = await startCliEndpoint(warden);
});

afterEach(async () => {
  await endpoint.close();
  await warden.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `warden tool …` as typed, with its output collected; `onErr` sees each stderr line as it comes. */
function tool(args: string[], onErr: (line: string) => void = () => undefined) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(['tool', ...args, '--data-dir', dataDir], {
    out: (line) => out.push(line),
    err: (line) => {
      err.push(line);
      onErr(line);
    },
  });
  return { code, out, err };
}

const nextCard = () =>
  new Promise<ApprovalView>((resolve) => {
    const stop = warden.events.subscribe((name, payload) => {
      if (name !== 'approvals.requested') return;
      stop();
      resolve(payload as ApprovalView);
    });
  });

describe('warden tool, with only the desktop console running', () => {
  it('sends the call to that console, waits there for a person, and runs it once they approve', async () => {
    const card = nextCard();
    let waiting: () => void = () => undefined;
    const waits = new Promise<void>((resolve) => (waiting = resolve));
    let finished = false;
    const run = tool(['write_file', '--args', JSON.stringify({ path: 'from-cli.txt', content: 'hi', createDirs: false })], (line) => {
      if (line.startsWith('Waiting for a decision in the console')) waiting();
    });
    void run.code.then(() => (finished = true));

    const asked = await card;
    expect(asked).toMatchObject({ tool: 'write_file', actor: expect.stringMatching(/^cli user /), state: 'pending' });
    await waits;
    // Nothing answers for it: the command is still waiting for the person.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(finished).toBe(false);

    const decided = await warden.dispatch('approvals.decide', { id: asked.id, decision: 'approve' }, desktopUser);
    expect(decided).toMatchObject({ ok: true });
    expect(await run.code, run.out.join('\n')).toBe(exitCodes.ok);
    expect(run.out.join('\n')).toMatch(/^write_file: success \(ask by person: desktop user\)/);
    expect(readFileSync(join(workspace, 'from-cli.txt'), 'utf8')).toBe('hi');
    const { events } = warden.audit.search({ kind: 'tool_call', tool: 'write_file' });
    expect(events[0]).toMatchObject({ interface: 'cli', actor: expect.stringMatching(/^cli user /) });
  });

  it('is denied by that console when the person denies, and exits non-zero', async () => {
    const card = nextCard();
    const run = tool(['write_file', '--args', JSON.stringify({ path: 'denied.txt', content: 'no', createDirs: false }), '--json']);
    const asked = await card;
    await warden.dispatch('approvals.decide', { id: asked.id, decision: 'deny' }, desktopUser);
    expect(await run.code).toBe(exitCodes.failure);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ tool: 'write_file', status: 'denied', decidedBy: { kind: 'person', name: 'desktop user' } });
    // --json keeps stderr quiet: one JSON document on stdout.
    expect(run.err).toEqual([]);
  });
});

describe('warden agent, with only the desktop console running', () => {
  it('runs the session in that console, whose person approves its write', async () => {
    const script = join(dir, 'write.json');
    const write = { action: { tool: 'write_file', args: { path: 'from-agent.txt', content: 'agent', createDirs: false } } };
    writeFileSync(script, JSON.stringify({ version: 1, name: 'write', turns: [write, { action: { final: 'Wrote from-agent.txt.' } }] }));
    const card = nextCard();
    const out: string[] = [];
    const err: string[] = [];
    const run = agentCommand(['Write agent to from-agent.txt', '--script', script], dataDir, {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      stream: () => undefined,
    });
    const asked = await card;
    expect(asked).toMatchObject({ tool: 'write_file', sessionId: expect.any(String) });
    await vi.waitFor(() => expect(err.join('\n')).toContain('write_file waits for a decision in the console'));
    await warden.dispatch('approvals.decide', { id: asked.id, decision: 'approve' }, desktopUser);
    expect(await run, err.join('\n')).toBe(exitCodes.ok);
    expect(err.join('\n')).not.toContain('No console is running');
    expect(out.join('\n')).toMatch(/^Answer:\nWrote from-agent\.txt\./);
    expect(readFileSync(join(workspace, 'from-agent.txt'), 'utf8')).toBe('agent');
    // The session ran in the console's core, not in a core of the command's own.
    expect(warden.agent.list().map((s) => s.id)).toContain(asked.sessionId);
  });
});
