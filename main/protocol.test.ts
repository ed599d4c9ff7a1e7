import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../app/core/csp.ts';
import { FakeSession, fakeElectron } from './fake-electron.ts';
import { handleAppProtocol, registerAppScheme, resolveAppFile, serveAppFile } from './protocol.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

// <tmp>/secret.txt sits next to <tmp>/renderer/, one `..` away from what is served.
const base = mkdtempSync(join(tmpdir(), 'warden-protocol-'));
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Warden</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
writeFileSync(join(base, 'secret.txt'), 'top secret');
writeFileSync(join(base, 'renderer-sibling.txt'), 'sibling');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const session = new FakeSession('persist:warden');
handleAppProtocol(session as unknown as Session, root);
const fetchApp = async (url: string, init?: RequestInit): Promise<Response> => {
  const handler = session.protocol.handlers.get('app');
  if (!handler) throw new Error('app: is not handled');
  return handler(new Request(url, init));
};

describe('registerAppScheme', () => {
  it('registers app: as standard and secure, without bypassing CSP or enabling CORS / service workers', () => {
    registerAppScheme();
    expect(fakeElectron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('the app: handler', () => {
  it('is installed on the given session only, not globally', () => {
    expect([...session.protocol.handlers.keys()]).toEqual(['app']);
    expect(fakeElectron.protocol.handle).not.toHaveBeenCalled();
  });

  it('serves index.html with its content type, the CSP and nosniff', async () => {
    const response = await fetchApp('app://warden/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Warden</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves / as index.html and assets with their types', async () => {
    expect((await fetchApp('app://warden/')).headers.get('content-type')).toContain('text/html');
    expect((await fetchApp('app://warden/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetchApp('app://warden/assets/app.css?v=1#x')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    'app://warden/../secret.txt',
    'app://warden/%2e%2e/secret.txt',
    'app://warden/..%2fsecret.txt',
    'app://warden/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    'app://warden/assets/..%2f..%2fsecret.txt',
    'app://warden/..%5csecret.txt',
    'app://warden/%2e%2e%2frenderer-sibling.txt',
    'app://warden/index.html%00.js',
    'app://warden/%E0%A4%A',
  ])('refuses the traversal %s with a 404', async (url) => {
    const response = await fetchApp(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });

  it.each(['app://evil/index.html', 'app://warden.evil/index.html', 'app://warden:8080/index.html'])(
    'answers 404 for the wrong host %s',
    async (url) => {
      expect((await fetchApp(url)).status).toBe(404);
    },
  );

  it('answers 404 for a missing file and for a directory, still under the CSP', async () => {
    for (const url of ['app://warden/missing.js', 'app://warden/assets', 'app://warden/assets/']) {
      const response = await fetchApp(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    }
  });

  it('allows only GET and HEAD', async () => {
    expect((await fetchApp('app://warden/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await fetchApp('app://warden/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('resolveAppFile', () => {
  it('keeps every answer inside the directory', () => {
    expect(resolveAppFile(root, 'app://warden/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveAppFile(root, 'app://warden/..%2fsecret.txt')).toBeNull();
    expect(resolveAppFile(root, 'app://warden/%2e%2e%2frenderer-sibling.txt')).toBeNull();
    expect(resolveAppFile(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppFile(root, 'app://user@warden/index.html')).toBeNull();
    expect(resolveAppFile(root, 'https://warden/index.html')).toBeNull();
  });

  it('serves directly from the same function the handler uses', async () => {
    expect((await serveAppFile(root, new Request('app://warden/index.html'))).status).toBe(200);
  });
});
