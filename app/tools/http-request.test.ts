import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress, performHttpRequest } from './http-request.ts';
import type { HttpRequestArgs } from './manifests.ts';
import type { RequestTarget } from './prepared-call.ts';

// A real HTTPS server on loopback with a certificate made for this run by openssl; the tool is
// given that certificate as its only extra trust. No traffic leaves the machine.
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
let dir: string;
let server: Server;
let port: number;
let ca: string;

beforeAll(async () => {
  if (!hasOpenssl) return;
  dir = mkdtempSync(join(tmpdir(), 'warden-tls-'));
  const made = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ]);
  if (made.status !== 0) throw new Error(made.stderr.toString());
  ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: ca }, (req, res) => {
    if (req.url === '/big') res.end('x'.repeat(100_000));
    else if (req.url === '/redirect') res.writeHead(302, { location: 'https://evil.example/' }).end();
    else if (req.url === '/hang') return;
    else if (req.url === '/echo') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => res.end(JSON.stringify({ method: req.method, host: req.headers.host, custom: req.headers['x-custom'], body: Buffer.concat(chunks).toString() })));
    } else res.setHeader('set-cookie', 'sid=1').end('hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  if (!hasOpenssl) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const target = (path: string, hostname = '127.0.0.1', literal = true): RequestTarget => ({ url: `https://${hostname}:${port}${path}`, hostname, port, literal });
const get = (url: string): HttpRequestArgs => ({ url, method: 'GET', headers: {} });

describe.skipIf(!hasOpenssl)('performHttpRequest against a local HTTPS server', () => {
  it('fetches with the injected trust and keeps only harmless headers', async () => {
    const t = target('/');
    const out = await performHttpRequest(get(t.url), t, { timeoutMs: 5000, maxBytes: 1000, ca });
    expect(out).toMatchObject({ status: 200, body: 'hello', truncated: false, bytes: 5 });
    expect(out['headers']).not.toHaveProperty('set-cookie');
  });

  it('refuses the certificate without that trust', async () => {
    const t = target('/');
    await expect(performHttpRequest(get(t.url), t, { timeoutMs: 5000, maxBytes: 1000 })).rejects.toThrow(/failed: .*(self-signed|certificate)/);
  });

  it('sends method, headers and body', async () => {
    const t = target('/echo');
    const out = await performHttpRequest({ url: t.url, method: 'POST', headers: { 'X-Custom': 'v' }, body: 'payload' }, t, { timeoutMs: 5000, maxBytes: 1000, ca });
    expect(JSON.parse(String(out['body']))).toEqual({ method: 'POST', host: `127.0.0.1:${port}`, custom: 'v', body: 'payload' });
  });

  it('cuts the body at the size limit', async () => {
    const t = target('/big');
    const out = await performHttpRequest(get(t.url), t, { timeoutMs: 5000, maxBytes: 1000, ca });
    expect(out).toMatchObject({ truncated: true });
    expect(String(out['body'])).toHaveLength(1000);
  });

  it('does not follow redirects', async () => {
    const t = target('/redirect');
    const out = await performHttpRequest(get(t.url), t, { timeoutMs: 5000, maxBytes: 1000, ca });
    expect(out).toMatchObject({ status: 302, headers: { location: 'https://evil.example/' } });
  });

  it('stops a request that takes too long', async () => {
    const t = target('/hang');
    await expect(performHttpRequest(get(t.url), t, { timeoutMs: 300, maxBytes: 1000, ca })).rejects.toThrow(/300 ms/);
  });

  it('stops when cancelled', async () => {
    const t = target('/hang');
    const controller = new AbortController();
    const pending = performHttpRequest(get(t.url), t, { timeoutMs: 10_000, maxBytes: 1000, ca, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow(/failed/);
  });

  it('refuses a name that resolves to a private or local address', async () => {
    const t = target('/', 'localhost', false);
    await expect(performHttpRequest(get(t.url), t, { timeoutMs: 5000, maxBytes: 1000, ca, resolve: async () => ['127.0.0.1'] })).rejects.toThrow(/private or local address/);
    await expect(performHttpRequest(get(t.url), t, { timeoutMs: 5000, maxBytes: 1000, ca, resolve: async () => ['10.1.2.3'] })).rejects.toThrow(/private or local address/);
  });

  it('refuses headers Warden sets itself', async () => {
    const t = target('/');
    await expect(performHttpRequest({ url: t.url, method: 'GET', headers: { Host: 'other' } }, t, { timeoutMs: 5000, maxBytes: 1000, ca })).rejects.toThrow(/Host header is set by Warden/);
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true], ['10.0.0.1', true], ['172.16.5.4', true], ['192.168.1.1', true], ['169.254.169.254', true],
    ['100.64.0.1', true], ['0.0.0.0', true], ['::1', true], ['fe80::1', true], ['fd00::1', true], ['::ffff:127.0.0.1', true],
    ['8.8.8.8', false], ['93.184.216.34', false], ['2606:4700::1111', false], ['::ffff:8.8.8.8', false], ['not-an-ip', true],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
