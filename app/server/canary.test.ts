import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warden } from '../core/index.ts';
import { createWarden, loadConfig } from '../core/index.ts';
import type { Scratch } from '../runner/test-sandbox.ts';
import { canSandbox, ensureAgentUser, makeScratch } from '../runner/test-sandbox.ts';
import { createTestVault } from '../secrets/test-vault.ts';
import type { RunningServer } from './server.ts';
import { startServer } from './server.ts';
import { callOverSocket, httpGet, openSocket } from './test-client.ts';

/** Every file under `dir` whose bytes contain one of `needles`. */
function filesContaining(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = readFileSync(path);
    if (needles.some((needle) => bytes.includes(Buffer.from(needle)))) hits.push(path);
  }
  return hits;
}

/**
 * The canary: a random secret is stored, then tool calls touch it (a file in the workspace holds it,
 * read_file and search_files return it), and it must appear in no SQLite file, no log line and no
 * WebSocket frame, also through an agent turn that reads it. (The renderer DOM: e2e/secrets.spec.ts.)
 */
describe.runIf(canSandbox)('canary secret', () => {
  const canary = `wv_canary_${randomBytes(16).toString('hex')}`;
  const forms = [canary, Buffer.from(canary).toString('base64'), Buffer.from(canary).toString('hex')];
  let scratch: Scratch;
  let dataDir: string;
  let warden: Warden;
  let server: RunningServer;
  const logs: string[] = [];
  const frames: string[] = [];

  beforeAll(async () => {
    const agent = ensureAgentUser();
    scratch = makeScratch();
    const workspace = scratch.workspace('workspace', agent);
    writeFileSync(join(workspace, 'deploy.env'), `API_TOKEN=${canary}\nREGION=eu-west-1\n`);
    dataDir = mkdtempSync(join(tmpdir(), 'warden-canary-'));
    const config = { ...loadConfig({ shell: 'headless', dataDir, workspace }), runtimeDir: undefined };
    warden = await createWarden(config, {
      vault: createTestVault(),
      runner: { runtime: scratch.runtime },
      logError: (message, error) => logs.push(`${message} ${String(error)}`),
    });
    const rendererDir = mkdtempSync(join(tmpdir(), 'warden-canary-ui-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    server = await startServer({ warden, rendererDir, port: 0 });
  });

  afterAll(async () => {
    await server?.close();
    await warden?.close();
    scratch?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('never leaves the keychain and the child it was given to', async () => {
    const token = new URL(server.loginUrl()).searchParams.get('token') ?? '';
    const login = await httpGet(server.port, `/login?token=${token}`);
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const { socket } = await openSocket(server.port, { cookie, origin: `http://127.0.0.1:${server.port}` });
    if (!socket) throw new Error('socket refused');
    (socket as WebSocket).on('message', (data: Buffer) => frames.push(data.toString()));

    // The value crosses the WebSocket once, inbound, as a person typing it would send it.
    const set = await callOverSocket(socket, 1, 'secrets.set', { name: 'API_TOKEN', value: canary, tools: ['read_file'] });
    expect(set).toMatchObject({ ok: true });
    const read = await callOverSocket(socket, 2, 'tools.call', { name: 'read_file', args: { path: 'deploy.env' } });
    expect(read).toMatchObject({ ok: true, value: { status: 'success' } });
    expect(JSON.stringify(read)).toContain('[secret:API_TOKEN]');
    const search = await callOverSocket(socket, 3, 'tools.call', { name: 'search_files', args: { query: 'API_TOKEN' } });
    expect(search).toMatchObject({ ok: true, value: { status: 'success' } });
    expect(JSON.stringify(search)).toContain('[secret:API_TOKEN]');
    const audit = await callOverSocket(socket, 4, 'audit.search', { text: 'deploy' });
    expect(audit).toMatchObject({ ok: true });
    await callOverSocket(socket, 5, 'secrets.list', {});
    // An agent turn that reads the file: the model's context, the streamed steps and the answer.
    const finished = new Promise<void>((resolve) =>
      (socket as WebSocket).on('message', (data: Buffer) => {
        if (data.toString().includes('"agent.finished"')) resolve();
      }),
    );
    const script = { version: 1, turns: [{ action: { tool: 'read_file', args: { path: 'deploy.env' } } }, { action: { final: 'I read the deployment settings.' } }] };
    const started = await callOverSocket(socket, 6, 'agent.start', { task: 'What is in deploy.env?', model: { kind: 'scripted', script } });
    expect(started).toMatchObject({ ok: true });
    await finished;
    const sessionId = (started as { value: { sessionId: string } }).value.sessionId;
    const session = await callOverSocket(socket, 7, 'agent.get', { sessionId });
    expect(session).toMatchObject({ ok: true, value: { status: 'completed' } });
    socket.close();
    await warden.close();

    expect(frames.length).toBeGreaterThan(4);
    expect(frames.filter((frame) => forms.some((form) => frame.includes(form)))).toEqual([]);
    expect(logs.filter((line) => forms.some((form) => line.includes(form)))).toEqual([]);
    expect(filesContaining(dataDir, forms)).toEqual([]);
    // The search can find it where it really is: the workspace file the test planted.
    expect(filesContaining(scratch.root, [canary]).map((path) => path.split('/').pop())).toEqual(['deploy.env']);
  });
});
