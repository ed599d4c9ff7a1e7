import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createTestVault } from '../secrets/test-vault.ts';
import { callOverSocket, httpGet, openSocket } from '../server/test-client.ts';
import type { ConsoleFile } from './cli-access.ts';
import { consoleFileName, readConsoleFile } from './cli-access.ts';
import type { CliEndpoint } from './cli-endpoint.ts';
import { startCliEndpoint } from './cli-endpoint.ts';
import { loadConfig } from './config.ts';
import { LoginThrottle } from './login-throttle.ts';
import type { Warden } from './warden.ts';
import { createWarden } from './warden.ts';

let dir: string;
let dataDir: string;
let warden: Warden;
let endpoint: CliEndpoint;

const open = (shell: 'desktop' | 'headless' | 'cli' = 'desktop') =>
  createWarden(loadConfig({ shell, dataDir, pingIntervalMs: 3_600_000 }), { vault: createTestVault(), logError: () => undefined });
const published = (): ConsoleFile => {
  const file = readConsoleFile(dataDir);
  if (!file) throw new Error('no console.json');
  return file;
};
const bearer = () => ({ authorization: `Bearer ${published().token}` });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-cli-endpoint-'));
  dataDir = join(dir, 'data');
  warden = await open();
  endpoint = await startCliEndpoint(warden);
});

afterEach(async () => {
  await endpoint.close();
  await warden.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CLI endpoint: console.json', () => {
  it('publishes its loopback port, this pid and a fresh token in a 0600 file, and removes it on close', async () => {
    const file = join(dataDir, consoleFileName);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(published()).toEqual({ port: endpoint.port, pid: process.pid, token: expect.stringMatching(/^[\w-]{43}$/) });
    await endpoint.close();
    expect(existsSync(file)).toBe(false);
    expect((await openSocket(endpoint.port, { authorization: 'Bearer x' })).status).toBe(-1);
  });

  it('replaces a stale file, says so in the audit trail, and on close leaves a file that is not its own', async () => {
    await endpoint.close();
    // A console that died without withdrawing its file: its pid is gone.
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const stale = { port: 1, pid: deadPid, token: 'stale-token-0123456789abcdef' };
    writeFileSync(join(dataDir, consoleFileName), JSON.stringify(stale), { mode: 0o600 });
    endpoint = await startCliEndpoint(warden);
    expect(published()).toMatchObject({ port: endpoint.port, pid: process.pid });
    const { events } = warden.audit.search({ kind: 'lifecycle', text: 'stale' });
    expect(events.map((e) => e.summary)).toEqual([expect.stringContaining(`Replaced a stale console.json left by pid ${deadPid} (that process has stopped)`)]);
    expect(JSON.stringify(events)).not.toContain(stale.token);

    const other = { ...published(), token: 'another-console-0123456789' };
    writeFileSync(join(dataDir, consoleFileName), JSON.stringify(other), { mode: 0o600 });
    await endpoint.close();
    expect(readConsoleFile(dataDir)).toEqual(other);
  });

  it('is opened only by a console: a CLI-shell core owns no approval queue', async () => {
    const cliDir = mkdtempSync(join(dir, 'cli-'));
    const core = await createWarden(loadConfig({ shell: 'cli', dataDir: cliDir }), { vault: createTestVault() });
    await expect(startCliEndpoint(core)).rejects.toThrow(/owns the approval queue/);
    await core.close();
    expect(readConsoleFile(cliDir)).toBeNull();
  });
});

describe('CLI endpoint: who may connect', () => {
  it('serves the contract to the bearer of the token, through the validated dispatcher', async () => {
    const { socket, status } = await openSocket(endpoint.port, bearer());
    if (!socket) throw new Error(`socket refused: ${status}`);
    expect(await callOverSocket(socket, 1, 'system.info', {})).toMatchObject({ ok: true, value: { dataDir: warden.config.dataDir, shell: 'desktop' } });
    expect(await callOverSocket(socket, 2, 'system.info', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await callOverSocket(socket, 3, 'system.nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
    socket.send('{"type":"request","id":"x"}');
    expect(await closed).toBe(1008);
  });

  it('dispatches as a CLI caller, named by the actor header', async () => {
    const { socket } = await openSocket(endpoint.port, { ...bearer(), 'x-warden-actor': 'alice<script>' });
    if (!socket) throw new Error('socket refused');
    // Outside the workspace: refused before anything runs, and recorded with its caller.
    const outcome = await callOverSocket(socket, 1, 'tools.call', { name: 'read_file', args: { path: '/etc/passwd' } });
    expect(outcome).toMatchObject({ ok: true, value: { tool: 'read_file', status: expect.not.stringMatching(/^success$/) } });
    const { events } = warden.audit.search({ kind: 'tool_call', tool: 'read_file' });
    expect(events.map((e) => [e.interface, e.actor])).toContainEqual(['cli', 'cli user alicescript']);
    socket.close();
  });

  it('refuses a missing or wrong token, a foreign Origin and a wrong Host', async () => {
    const { token } = published();
    expect((await openSocket(endpoint.port, {})).status).toBe(401);
    expect((await openSocket(endpoint.port, { authorization: `Bearer ${token.slice(1)}x` })).status).toBe(401);
    expect((await openSocket(endpoint.port, { authorization: token })).status).toBe(401);
    expect((await openSocket(endpoint.port, { ...bearer(), origin: 'http://evil.example' })).status).toBe(403);
    expect((await openSocket(endpoint.port, { ...bearer(), host: `evil.example:${endpoint.port}` })).status).toBe(421);
    expect((await openSocket(endpoint.port, { ...bearer(), host: '127.0.0.1:1' })).status).toBe(421);
    expect((await openSocket(endpoint.port, { ...bearer(), origin: `http://127.0.0.1:${endpoint.port}` })).socket).toBeDefined();
  });

  it('records failed attempts in the audit trail and throttles token guessing, the bearer included while locked', async () => {
    await endpoint.close();
    endpoint = await startCliEndpoint(warden, { throttle: new LoginThrottle({ freeAttempts: 2, baseLockMs: 60_000 }) });
    for (let i = 0; i < 3; i++) expect((await openSocket(endpoint.port, { authorization: 'Bearer guess' })).status).toBe(401);
    expect((await openSocket(endpoint.port, bearer())).status).toBe(429);
    const { events } = warden.audit.search({ kind: 'auth' });
    const cli = events.filter((event) => event.interface === 'cli').map((event) => event.status);
    expect(cli.filter((status) => status === 'failure')).toHaveLength(3);
    expect(cli).toContain('blocked');
    expect(JSON.stringify(events)).not.toContain(published().token);
  });

  it('upgrades nothing but /ws, and survives a request target that is no URL', async () => {
    const other = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${endpoint.port}/other`, { headers: bearer() });
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('open', () => resolve(101));
    });
    expect(other).toBe(404);
    const raw = await new Promise<string>((resolve) => {
      let answer = '';
      const socket = connect(endpoint.port, '127.0.0.1', () =>
        socket.write(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${endpoint.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`),
      );
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.on('close', () => resolve(answer));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 404 /);
    const { socket } = await openSocket(endpoint.port, bearer());
    expect(socket).toBeDefined();
    socket?.close();
  });

  it('serves no HTTP content at all, not even to the bearer', async () => {
    for (const [path, headers] of [['/', {}], ['/ws', {}], ['/ws', bearer()], ['/index.html', bearer()]] as const) {
      const answer = await httpGet(endpoint.port, path, headers);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).toBe('');
    }
    expect((await httpGet(endpoint.port, '/', bearer(), 'POST')).status).toBe(404);
    expect(readFileSync(join(dataDir, consoleFileName), 'utf8')).toContain(`"port":${endpoint.port}`);
  });
});
