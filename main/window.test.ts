import { describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from './fake-electron.ts';
import { WINDOW_PARTITION, createMainWindow, mainWindowOptions } from './window.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const options = { preloadPath: '/app/dist/preload/index.cjs', devTools: false };

describe('mainWindowOptions', () => {
  const prefs = mainWindowOptions(options).webPreferences ?? {};

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
  ] as const)('sets %s to %s', (key, value) => {
    expect(prefs[key]).toBe(value);
  });

  it('enables no Blink features and leaves no insecure switch unset', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('uses the dedicated persistent partition and the bundled CommonJS preload', () => {
    expect(prefs.partition).toBe('persist:warden');
    expect(WINDOW_PARTITION).toBe('persist:warden');
    expect(prefs.preload).toBe('/app/dist/preload/index.cjs');
  });

  it('turns DevTools off when asked (packaged builds)', () => {
    expect(prefs.devTools).toBe(false);
    expect(mainWindowOptions({ ...options, devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('is titled Warden, sized for a console, dark, and hidden until painted', () => {
    const all = mainWindowOptions(options);
    expect(all.title).toBe('Warden');
    expect(all.width).toBeGreaterThanOrEqual(1024);
    expect(all.height).toBeGreaterThanOrEqual(700);
    expect(all.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(all.show).toBe(false);
  });
});

describe('createMainWindow', () => {
  it('builds the window from those options and shows it on ready-to-show', () => {
    const window = createMainWindow(options) as unknown as FakeBrowserWindow;
    expect(FakeBrowserWindow.created).toContain(window);
    expect(window.options).toEqual(mainWindowOptions(options));
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });
});
