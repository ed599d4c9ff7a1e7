import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { httpGet } from '../app/server/test-client.ts';
import type { ServedConsole } from './serve-fixture.ts';
import { startConsole } from './serve-fixture.ts';

let served: ServedConsole;
let attacker: Server;
let attackerOrigin: string;

test.beforeAll(async () => {
  served = await startConsole();
  // A page on another origin of the same machine (same site for cookies: only Origin tells them apart).
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  attacker.close();
  await served.stop();
});

/** Tries the console's WebSocket from whatever page is open; reports whether it opened. */
const tryWebSocket = (url: string) =>
  new Promise<string>((resolve) => {
    const socket = new WebSocket(url);
    socket.onopen = () => {
      socket.close();
      resolve('open');
    };
    socket.onerror = () => resolve('refused');
  });

test('a wrong token is refused and gives no session', async ({ page, context }) => {
  const response = await page.goto(`${served.origin}/login?token=not-the-token`);
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Login link not valid');
  expect(await context.cookies()).toEqual([]);
  const root = await page.goto(`${served.origin}/`);
  expect(root?.status()).toBe(401);
  await expect(page.getByText('warden serve')).toBeVisible();
});

test('a wrong Host is refused, even with a valid session (DNS rebinding)', async ({ page }) => {
  await page.goto(served.currentLoginUrl());
  await expect(page.getByTestId('view-overview')).toBeVisible();
  const [cookie] = await page.context().cookies();
  if (!cookie) throw new Error('no session cookie after login');
  const rebound = await httpGet(served.port, '/', { cookie: `${cookie.name}=${cookie.value}`, host: `rebind.example:${served.port}` });
  expect(rebound.status).toBe(421);
  const same = await httpGet(served.port, '/', { cookie: `${cookie.name}=${cookie.value}` });
  expect(same.status).toBe(200);
});

test('a cross-origin WebSocket is refused while the console itself connects', async ({ page }) => {
  await page.goto(served.currentLoginUrl());
  await expect(page.getByTestId('view-overview')).toBeVisible();
  const wsUrl = `ws://127.0.0.1:${served.port}/ws`;
  expect(await page.evaluate(tryWebSocket, wsUrl)).toBe('open');
  // Same browser, same cookie jar, another origin: the handshake carries the cookie but a foreign Origin.
  await page.goto(attackerOrigin);
  expect(await page.evaluate(tryWebSocket, wsUrl)).toBe('refused');
});
