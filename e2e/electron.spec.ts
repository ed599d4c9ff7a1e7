import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { ElectronApplication, Page } from 'playwright';
import { _electron } from 'playwright';
import { electronBinaryPath } from '../scripts/electron-binary.ts';

/** The desktop app itself, driven through Playwright's Electron support, against `npm run build` output. */

const root = fileURLToPath(new URL('..', import.meta.url));
const executablePath = electronBinaryPath(root);
const APP_ORIGIN = 'app://warden/';
// Playwright's list reporter does not print skip reasons; say it where CI logs show it.
if (executablePath === null) console.log('e2e/electron.spec.ts: skipped: no Electron binary (node_modules/electron/dist is missing)');

/** What the page's global object looks like from the outside; evaluated in the page. */
type PageGlobal = Record<string, unknown> & {
  warden?: { system?: { info?: (input?: object) => Promise<unknown> } };
  location: { href: string; assign(url: string): void };
  open(url: string): unknown;
};

test.describe('desktop app (Electron)', () => {
  test.skip(executablePath === null, 'skipped: no Electron binary');

  let dataDir: string;
  let app: ElectronApplication;
  let page: Page;

  test.beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'warden-e2e-electron-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    delete env.ELECTRON_RUN_AS_NODE;
    env.WARDEN_DATA_DIR = dataDir;
    // Chromium will not start as root with its OS sandbox (CI containers); the renderer keeps
    // Electron's sandboxed mode (no Node in the preload) either way.
    const args = process.getuid?.() === 0 ? ['--no-sandbox', '.'] : ['.'];
    app = await _electron.launch({ executablePath: executablePath ?? '', args, cwd: root, env });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('loads the app from app://warden, not a server or file://', async () => {
    expect(page.url()).toBe(`${APP_ORIGIN}index.html`);
  });

  test('exposes window.warden with system.info, and it answers with the data dir', async () => {
    const shape = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobal;
      return { warden: typeof g.warden, info: typeof g.warden?.system?.info };
    });
    expect(shape).toEqual({ warden: 'object', info: 'function' });

    const result = await page.evaluate(() => (globalThis as unknown as PageGlobal).warden?.system?.info?.());
    expect(result).toMatchObject({ ok: true, value: { name: 'Warden', shell: 'desktop', dataDir } });
  });

  test('gives the page no Node: require, process, module and Buffer are undefined', async () => {
    const types = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobal;
      return [typeof g.require, typeof g.process, typeof g.module, typeof g.Buffer];
    });
    expect(types).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  });

  test('blocks navigation to another origin', async () => {
    await page.evaluate(() => (globalThis as unknown as PageGlobal).location.assign('https://example.com/'));
    // A prevented navigation leaves no event to wait for; give it time to (not) happen.
    await page.waitForTimeout(1000);
    expect(page.url()).toBe(`${APP_ORIGIN}index.html`);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobal).location.href)).toBe(`${APP_ORIGIN}index.html`);
  });

  test('opens no new windows', async () => {
    const opened = await page.evaluate(() => (globalThis as unknown as PageGlobal).open('https://example.com/') === null);
    expect(opened).toBe(true);
    await page.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
  });

  test('takes a screenshot of the window', async () => {
    const dir = join(root, 'e2e', 'screenshots');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'electron.png') });
  });
});
