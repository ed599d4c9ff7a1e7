/**
 * Electron's security checklist (electronjs.org/docs/latest/tutorial/security, 20 items), item by
 * item, against the real wiring: main/index.ts is loaded with a fake Electron, so each assertion
 * looks at the window, session, protocol and IPC that the app actually set up.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { parse } from 'yaml';
import { ipcRequestChannel, requestNames } from '../app/contract/index.ts';
import { consoleFileName, readConsoleFile } from '../app/core/cli-access.ts';
import { callOverSocket, openSocket } from '../app/server/test-client.ts';
import type { FakeSession } from './fake-electron.ts';
import { FakeBrowserWindow, FakeFrame, fakeElectron, fakeEvent } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const repo = fileURLToPath(new URL('..', import.meta.url));
const appPath = mkdtempSync(join(tmpdir(), 'warden-checklist-'));
const dataDir = join(appPath, 'data');
mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Warden</title>');

/** The main-process sources that ship (tests and the fake excluded). */
const shippedMainSources = readdirSync(join(repo, 'main'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'fake-electron.ts' && f !== 'vite.config.ts')
  .map((f) => ({ file: f, text: readFileSync(join(repo, 'main', f), 'utf8') }));
const preloadSource = readFileSync(join(repo, 'preload', 'index.ts'), 'utf8');

// Captured during startup: mocks are cleared before each test.
let enableSandboxCalls = 0;
let privilegedSchemes: unknown[] = [];
let window: FakeBrowserWindow;
let windowSession: FakeSession;
let prefs: Record<string, unknown>;

beforeAll(async () => {
  vi.stubEnv('WARDEN_DATA_DIR', dataDir);
  fakeElectron.app.appPath = appPath;
  await import('./index.ts');
  await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
  enableSandboxCalls = fakeElectron.app.enableSandbox.mock.calls.length;
  privilegedSchemes = fakeElectron.protocol.registerSchemesAsPrivileged.mock.calls.flat(2);
  [window] = FakeBrowserWindow.created as [FakeBrowserWindow];
  windowSession = window.webContents.session;
  prefs = window.options.webPreferences ?? {};
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(appPath, { recursive: true, force: true });
});

const fetchApp = async (url: string): Promise<Response> => {
  const handler = windowSession.protocol.handlers.get('app');
  if (!handler) throw new Error('the window session does not serve app:');
  return handler(new Request(url));
};

describe('Electron security checklist', () => {
  it('1. only loads secure content: the app comes from the secure app:// scheme, nothing from http', async () => {
    expect(window.loadedUrls).toEqual(['app://warden/index.html']);
    expect(privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const csp = (await fetchApp('app://warden/index.html')).headers.get('content-security-policy') ?? '';
    expect(csp).not.toMatch(/\b(http|ws|ftp):/);
  });

  it('2. does not enable Node.js integration anywhere in the renderer', () => {
    expect(prefs).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false });
  });

  it('3. enables context isolation', () => {
    expect(prefs.contextIsolation).toBe(true);
  });

  it('4. enables process sandboxing, for this window and every renderer', () => {
    expect(prefs.sandbox).toBe(true);
    expect(enableSandboxCalls).toBe(1);
  });

  it("5. handles the session's permission requests: all denied, checks and devices too", async () => {
    expect(prefs.partition).toBe('persist:warden');
    expect(windowSession.partition).toBe('persist:warden');
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(await windowSession.requestPermission(permission)).toBe(false);
    }
    expect(windowSession.permissionCheckHandler?.(null, 'media', 'app://warden', {})).toBe(false);
    expect(windowSession.devicePermissionHandler?.({})).toBe(false);
  });

  it('6. does not disable webSecurity', () => {
    expect(prefs.webSecurity).toBe(true);
  });

  it('7. defines a restrictive Content-Security-Policy, sent as a header', async () => {
    const response = await fetchApp('app://warden/index.html');
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'none'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(privilegedSchemes).not.toContainEqual(expect.objectContaining({ privileges: expect.objectContaining({ bypassCSP: true }) }));
  });

  it('8. does not enable allowRunningInsecureContent', () => {
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('9. does not enable experimental features', () => {
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('10. does not use enableBlinkFeatures', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    for (const { file, text } of shippedMainSources) expect(text, file).not.toContain('enableBlinkFeatures');
  });

  it('11. <webview> allowpopups cannot happen: the tag is disabled and no webview attaches', () => {
    expect(prefs.webviewTag).toBe(false);
    const event = fakeEvent();
    window.webContents.emit('will-attach-webview', event, {}, { src: 'app://warden/index.html', allowpopups: 'true' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('12. <webview> options are verified before creation: every attach is refused', () => {
    const event = fakeEvent();
    const webPreferences = { nodeIntegration: true, contextIsolation: false };
    window.webContents.emit('will-attach-webview', event, webPreferences, { src: 'https://example.com/' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('13. limits navigation to the app itself', () => {
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const) {
      expect(window.webContents.tryNavigate(event, 'https://example.com/')).toBe(false);
      expect(window.webContents.tryNavigate(event, 'file:///etc/passwd')).toBe(false);
      expect(window.webContents.tryNavigate(event, 'app://warden/index.html')).toBe(true);
    }
  });

  it('14. limits the creation of new windows: all denied', () => {
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(window.webContents.windowOpenHandler?.({ url: 'app://warden/index.html' })).toEqual({ action: 'deny' });
  });

  it('15. never calls shell.openExternal with untrusted content (never at all)', () => {
    window.webContents.windowOpenHandler?.({ url: 'https://example.com/' });
    expect(fakeElectron.shell.openExternal).not.toHaveBeenCalled();
    for (const { file, text } of shippedMainSources) expect(text, file).not.toMatch(/openExternal\s*\(/);
  });

  it('16. uses a current Electron (major 45 or later)', () => {
    const installed = JSON.parse(readFileSync(join(repo, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
    expect(Number(installed.version.split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it('17. validates the sender of every IPC message', async () => {
    expect([...fakeElectron.ipcMain.handlers.keys()].sort()).toEqual(requestNames.map(ipcRequestChannel).sort());
    const handler = fakeElectron.ipcMain.handlers.get(ipcRequestChannel('system.info'));
    const contents = window.webContents;
    const call = (frame: FakeFrame | null) => handler?.({ sender: contents, senderFrame: frame }, {});
    expect(await call(contents.mainFrame)).toMatchObject({ ok: true, value: { dataDir } });
    expect(await call(new FakeFrame('app://warden/index.html', contents.mainFrame))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(null)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('18. avoids file:// and serves the app from a custom protocol', () => {
    expect(windowSession.protocol.handlers.has('app')).toBe(true);
    for (const { file, text } of shippedMainSources) {
      expect(text, file).not.toMatch(/['"`]file:|loadFile\(|pathToFileURL/);
    }
    const fuses = (parse(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean> }).electronFuses;
    expect(fuses.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('19. checks the fuses: set for the packaged build in electron-builder.yml', () => {
    const fuses = (parse(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean> }).electronFuses;
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('20. exposes no Electron API to the page: one intent-level object from the contract', () => {
    const exposures = [...preloadSource.matchAll(/exposeInMainWorld\(([^)]*)/g)].map((m) => m[1]);
    expect(exposures).toEqual(["'warden', buildApi(ipcTransport"]);
    expect(preloadSource).not.toMatch(/sendSync|exposeInMainWorld\([^)]*ipcRenderer|exposeInMainWorld\([^)]*invoke/);
    expect(prefs.preload).toBe(join(appPath, 'dist', 'preload', 'index.cjs'));
  });
});

describe('app lifecycle', () => {
  // A `warden` command's connection, opened through console.json and kept until the app quits.
  let cli: WebSocket | undefined;
  const cliFrames: string[] = [];

  it('opens the CLI endpoint: console.json (0600) names a loopback port where the bearer reaches the core as a command', async () => {
    const file = readConsoleFile(dataDir);
    if (!file) throw new Error('the desktop app published no console.json');
    expect(file.pid).toBe(process.pid);
    expect(statSync(join(dataDir, consoleFileName)).mode & 0o777).toBe(0o600);
    expect((await openSocket(file.port, {})).status).toBe(401);
    ({ socket: cli } = await openSocket(file.port, { authorization: `Bearer ${file.token}`, 'x-warden-actor': 'tester' }));
    if (!cli) throw new Error('the CLI endpoint refused its own token');
    cli.on('message', (data: Buffer) => cliFrames.push(data.toString()));
    expect(await callOverSocket(cli, 1, 'system.info', {})).toMatchObject({ ok: true, value: { dataDir, shell: 'desktop' } });
  });

  it('holds the single-instance lock and, on quit, closes the CLI endpoint and then the core', async () => {
    expect(fakeElectron.app.listenerCount('second-instance')).toBe(1);
    const cliClosed = new Promise<number>((resolve) => cli?.once('close', (code: number) => resolve(code)));
    const event = fakeEvent();
    fakeElectron.app.emit('will-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(fakeElectron.app.quit).toHaveBeenCalled());
    expect(await cliClosed).toBe(1001);
    expect(readConsoleFile(dataDir)).toBeNull();
    // The endpoint was gone before the core closed: the command never saw the core's last record.
    expect(cliFrames.join()).not.toContain('Warden stopped');
    // The second will-quit (from that quit) goes through.
    const again = fakeEvent();
    fakeElectron.app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });

  it('shows the window only once it has painted, and stops events when it closes', () => {
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
    window.emit('closed');
  });
});
