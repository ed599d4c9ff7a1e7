import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../app/core/config.ts';
import { createWarden } from '../app/core/warden.ts';
import { FakeBrowserWindow } from './fake-electron.ts';
import { modelFilePicker } from './model-picker.ts';

const showOpenDialog = vi.hoisted(() => vi.fn<(...args: unknown[]) => Promise<{ canceled: boolean; filePaths: string[] }>>());
vi.mock('electron', async () => {
  const { fakeElectron } = await import('./fake-electron.ts');
  return { ...fakeElectron, dialog: { ...fakeElectron.dialog, showOpenDialog } };
});

const expectedOptions = { properties: ['openFile'], filters: [{ name: 'GGUF model', extensions: ['gguf'] }] };
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => showOpenDialog.mockReset());

describe('the model file picker', () => {
  it('opens the OS picker on the window, for one .gguf file, and answers its path', async () => {
    const window = new FakeBrowserWindow({});
    showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/models/tiny.gguf'] });
    const pick = modelFilePicker(() => window as unknown as BrowserWindow);
    await expect(pick()).resolves.toBe('/models/tiny.gguf');
    expect(showOpenDialog).toHaveBeenCalledTimes(1);
    expect(showOpenDialog.mock.calls[0]?.[0]).toBe(window);
    expect(showOpenDialog.mock.calls[0]?.[1]).toMatchObject(expectedOptions);
  });

  it('answers null when the person cancels, and works without a window', async () => {
    showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    const pick = modelFilePicker(() => null);
    await expect(pick()).resolves.toBeNull();
    expect(showOpenDialog.mock.calls[0]).toEqual([expect.objectContaining(expectedOptions)]);
  });

  it('is what model.pick answers with on the desktop; headless, model.pick says to type the path', async () => {
    const caller = { interface: 'desktop' as const, actor: 'desktop user' };
    const make = async (pickModelFile?: () => Promise<string | null>) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'warden-model-pick-'));
      dirs.push(dataDir);
      // model.pick never touches the model host: node-llama-cpp is not even imported.
      return createWarden(loadConfig({ shell: 'desktop', dataDir, pingIntervalMs: 3_600_000 }), pickModelFile === undefined ? {} : { pickModelFile });
    };
    showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/models/picked.gguf'] });
    const desktop = await make(modelFilePicker(() => null));
    const headless = await make();
    try {
      await expect(desktop.dispatch('model.pick', {}, caller)).resolves.toEqual({ ok: true, value: { path: '/models/picked.gguf' } });
      await expect(headless.dispatch('model.pick', {}, caller)).resolves.toMatchObject({
        ok: false,
        error: { code: 'unavailable', message: 'type the path of a .gguf file' },
      });
    } finally {
      await desktop.close();
      await headless.close();
    }
  });
});
