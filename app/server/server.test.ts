import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Warden } from '../core/index.ts';
import { createWarden, loadConfig } from '../core/index.ts';
import { createTestVault } from '../secrets/test-vault.ts';
import { LoginThrottle } from '../core/login-throttle.ts';
import type { RunningServer } from './server.ts';
import { startServer } from './server.ts';
import { callOverSocket, httpGet, openSocket } from './test-client.ts';

let dir: string;
let warden: Warden;
let server: RunningServer;
let origin: string;

async function login(): Promise<string> {
  const token = new URL(server.loginUrl()).searchParams.get('token') ?? '';
  const answer = await httpGet(server.port, `/login?token=${token}`);
  expect(answer.status).toBe(303);
  const cookie = String(answer.headers['set-cookie']).split(';')[0] ?? '';
  return cookie;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-server-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Warden</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  warden = await createWarden(loadConfig({ shell: 'headless', dataDir: join(dir, 'data'), pingIntervalMs: 20 }), { vault: createTestVault() });
  server = await startServer({ warden, rendererDir, port: 0, throttle: new LoginThrottle({ freeAttempts: 3, baseLockMs: 60_000 }) });
  origin = `http://127.0.0.1:${server.port}`;
});

afterEach(async () => {
  await server.close();
  await warden.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('headless console: login', () => {
  it('keeps the one-time token in a 0600 file and prints it in the login URL', () => {
    expect(statSync(server.tokenFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(server.tokenFile, 'utf8').trim()).toBe(new URL(server.loginUrl()).searchParams.get('token'));
    expect(server.loginUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/login\?token=[\w-]{43}$/);
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie, once', async () => {
    const used = new URL(server.loginUrl()).searchParams.get('token') ?? '';
    const answer = await httpGet(server.port, `/login?token=${used}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    const cookie = String(answer.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(used);
    expect((await httpGet(server.port, `/login?token=${used}`)).status).toBe(401);
    expect(readFileSync(server.tokenFile, 'utf8').trim()).not.toBe(used);
  });

  it('serves the console only with a session, and never a file outside the renderer', async () => {
    expect((await httpGet(server.port, '/')).status).toBe(401);
    const cookie = await login();
    const page = await httpGet(server.port, '/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Warden</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      expect((await httpGet(server.port, path, { cookie })).status).toBe(404);
    }
  });

  it('refuses a wrong token and throttles repeated failures', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await httpGet(server.port, '/login?token=wrong')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    // Even the right token waits out the lock-out.
    const token = new URL(server.loginUrl()).searchParams.get('token') ?? '';
    const locked = await httpGet(server.port, `/login?token=${token}`);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('records every login attempt in the audit trail, without the token', async () => {
    const token = new URL(server.loginUrl()).searchParams.get('token') ?? '';
    await httpGet(server.port, '/login?token=wrong');
    await httpGet(server.port, `/login?token=${token}`);
    const { events } = warden.audit.search({ kind: 'auth' });
    expect(events.map((e) => e.status)).toEqual(['success', 'failure']);
    expect(events[0]?.actor).toMatch(/^console session /);
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('offers audit exports as downloads to a logged-in console only', async () => {
    const caller = { interface: 'web' as const, actor: 'test' };
    const result = await warden.dispatch('audit.export', { format: 'csv' }, caller);
    if (!result.ok) throw new Error(result.error.message);
    const name = (result.value as { path: string }).path.split('/').pop() ?? '';
    expect((await httpGet(server.port, `/exports/${name}`)).status).toBe(401);
    const cookie = await login();
    const download = await httpGet(server.port, `/exports/${name}`, { cookie });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
    expect(download.body).toContain('lifecycle');
    expect((await httpGet(server.port, '/exports/../console-token', { cookie })).status).toBe(404);
  });

  it('refuses a wrong Host (DNS rebinding) and a foreign Origin', async () => {
    const cookie = await login();
    expect((await httpGet(server.port, '/', { cookie, host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await httpGet(server.port, '/', { cookie, host: '127.0.0.1:1' })).status).toBe(421);
    expect((await httpGet(server.port, '/', { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await httpGet(server.port, '/', { cookie }, 'POST')).status).toBe(405);
  });

  it('answers an unreadable request target with 400 and keeps running', async () => {
    const send = (head: string) =>
      new Promise<string>((resolve) => {
        let answer = '';
        const socket = connect(server.port, '127.0.0.1', () => socket.write(`${head}\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`));
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
        socket.on('close', () => resolve(answer));
      });
    expect(await send('GET http://[ HTTP/1.1\r\nConnection: close')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await send('GET http://[ HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==')).toMatch(/^HTTP\/1\.1 404 /);
    expect((await httpGet(server.port, '/')).status).toBe(401);
  });

  it('refuses to bind anything but loopback', async () => {
    await expect(startServer({ warden, rendererDir: dir, host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.1 only/);
  });
});

describe('headless console: the contract over WebSocket', () => {
  it('answers system.info through the same dispatcher, with validation', async () => {
    const cookie = await login();
    const { socket } = await openSocket(server.port, { cookie, origin });
    if (!socket) throw new Error('socket refused');
    const info = (await callOverSocket(socket, 1, 'system.info', {})) as { ok: boolean; value: { dataDir: string; isolation: string } };
    expect(info.ok).toBe(true);
    expect(info.value.dataDir).toBe(warden.config.dataDir);
    expect(info.value.isolation).toBe(warden.runner.isolation.level);
    expect(await callOverSocket(socket, 2, 'system.info', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await callOverSocket(socket, 3, 'system.nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    socket.close();
  });

  it('pushes system.ping events', async () => {
    const cookie = await login();
    const { socket } = await openSocket(server.port, { cookie, origin });
    if (!socket) throw new Error('socket refused');
    const event = await new Promise<{ name: string; payload: { seq: number } }>((resolve) =>
      socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
    );
    expect(event.name).toBe('system.ping');
    expect(event.payload.seq).toBeGreaterThanOrEqual(0);
    socket.close();
  });

  it('refuses an upgrade without a session, with a foreign or missing Origin, or a wrong Host', async () => {
    const cookie = await login();
    expect((await openSocket(server.port, { origin })).status).toBe(4401);
    expect((await openSocket(server.port, { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await openSocket(server.port, { cookie })).status).toBe(403);
    expect((await openSocket(server.port, { cookie, origin, host: `attacker.example:${server.port}` })).status).toBe(421);
  });

  it('closes a socket that sends a malformed message', async () => {
    const cookie = await login();
    const { socket } = await openSocket(server.port, { cookie, origin });
    if (!socket) throw new Error('socket refused');
    const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
    socket.send('{"type":"request","id":"x"}');
    expect(await closed).toBe(1008);
  });
});
