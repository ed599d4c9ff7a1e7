import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dispatch, Result } from '../app/contract/index.ts';
import { ipcEventChannel, ipcRequestChannel, requestNames } from '../app/contract/index.ts';
import { loadConfig } from '../app/core/config.ts';
import { createWarden } from '../app/core/warden.ts';
import { FakeFrame, FakeWebContents, fakeElectron } from './fake-electron.ts';
import { forwardEvents, isTrustedSender, registerIpc } from './ipc.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const dataDir = mkdtempSync(join(tmpdir(), 'warden-ipc-'));
const warden = await createWarden(loadConfig({ shell: 'desktop', dataDir, pingIntervalMs: 3_600_000 }));
afterAll(async () => {
  await warden.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const { ipcMain } = fakeElectron;

/** What Electron passes to an invoke handler, for a call from `frame` inside `contents`. */
function invokeEvent(contents: FakeWebContents, frame: FakeFrame | null = contents.mainFrame): IpcMainInvokeEvent {
  return { sender: contents, senderFrame: frame, frameId: 1, processId: 1, type: 'frame' } as unknown as IpcMainInvokeEvent;
}

async function invoke(name: string, event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> {
  const handler = ipcMain.handlers.get(ipcRequestChannel(name));
  if (!handler) throw new Error(`no handler for ${name}`);
  return (await handler(event, input)) as Result<unknown>;
}

let unregister: () => void = () => {};
beforeEach(() => {
  unregister();
  ipcMain.handle.mockClear();
  unregister = registerIpc(warden.dispatch);
});

describe('registerIpc', () => {
  it('registers exactly one invoke handler per contract request, and no other listener', () => {
    expect(ipcMain.handle).toHaveBeenCalledTimes(requestNames.length);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(requestNames.map(ipcRequestChannel).sort());
    expect(ipcMain.on).not.toHaveBeenCalled();
    expect(ipcMain.once).not.toHaveBeenCalled();
  });

  it('undoes its registrations', () => {
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    unregister = registerIpc(warden.dispatch);
  });

  it('answers the app window through the real dispatcher', async () => {
    const result = await invoke('system.info', invokeEvent(new FakeWebContents()), {});
    expect(result).toMatchObject({ ok: true, value: { name: 'Warden', shell: 'desktop', dataDir } });
  });

  it('rejects an invalid payload with invalid_input from the contract schema', async () => {
    const contents = new FakeWebContents();
    for (const input of [{ extra: 1 }, 'text', 42, null, [1]]) {
      const result = await invoke('system.info', invokeEvent(contents), input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('identifies the caller as the desktop user', async () => {
    unregister();
    const dispatch = vi.fn<Dispatch>(async () => ({ ok: true, value: 1 }));
    unregister = registerIpc(dispatch);
    await invoke('system.info', invokeEvent(new FakeWebContents()), { a: 1 });
    expect(dispatch).toHaveBeenCalledWith('system.info', { a: 1 }, { interface: 'desktop', actor: 'desktop user' });
  });

  it('turns a throwing dispatcher into an internal error result, without the stack', async () => {
    unregister();
    unregister = registerIpc(async () => {
      throw new Error('secret stack detail');
    });
    const result = await invoke('system.info', invokeEvent(new FakeWebContents()), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret stack detail');
  });
});

describe('sender checks', () => {
  const forbidden = { ok: false, error: { code: 'forbidden' } };

  it('refuses a subframe, even one on app://warden', async () => {
    const contents = new FakeWebContents();
    const child = new FakeFrame('app://warden/index.html', contents.mainFrame);
    expect(await invoke('system.info', invokeEvent(contents, child), {})).toMatchObject(forbidden);
  });

  it.each(['https://example.com/', 'file:///opt/warden/dist/renderer/index.html', 'app://evil/index.html', 'http://localhost:5173/'])(
    'refuses a top frame showing %s',
    async (url) => {
      const contents = new FakeWebContents();
      contents.mainFrame.url = url;
      expect(await invoke('system.info', invokeEvent(contents), {})).toMatchObject(forbidden);
    },
  );

  it('refuses a missing (destroyed or navigated) frame', async () => {
    expect(await invoke('system.info', invokeEvent(new FakeWebContents(), null), {})).toMatchObject(forbidden);
    const throwing = { sender: new FakeWebContents(), get senderFrame(): never { throw new Error('gone'); } };
    expect(isTrustedSender(throwing as unknown as IpcMainInvokeEvent)).toBe(false);
  });

  it("refuses a parentless frame that is not the sender's main frame", async () => {
    const stray = new FakeFrame('app://warden/index.html');
    expect(await invoke('system.info', invokeEvent(new FakeWebContents(), stray), {})).toMatchObject(forbidden);
  });

  it('never reaches the dispatcher for a refused sender', async () => {
    unregister();
    const dispatch = vi.fn<Dispatch>();
    unregister = registerIpc(dispatch);
    await invoke('system.info', invokeEvent(new FakeWebContents(), null), {});
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('forwardEvents', () => {
  const ping = { seq: 1, at: new Date().toISOString(), uptimeMs: 5 };

  it('sends each core event to the window on its own channel, payload only', () => {
    const contents = new FakeWebContents();
    const stop = forwardEvents(warden.events, contents as unknown as WebContents);
    warden.events.emit('system.ping', ping);
    expect(contents.sent).toEqual([[ipcEventChannel('system.ping'), ping]]);
    stop();
  });

  it('stops after unsubscribe', () => {
    const contents = new FakeWebContents();
    const before = warden.events.listenerCount;
    forwardEvents(warden.events, contents as unknown as WebContents)();
    warden.events.emit('system.ping', ping);
    expect(contents.sent).toEqual([]);
    expect(warden.events.listenerCount).toBe(before);
  });

  it('sends nothing to a destroyed window or one that left app://warden', () => {
    const gone = new FakeWebContents();
    gone.destroyed = true;
    const away = new FakeWebContents();
    away.mainFrame.url = 'https://example.com/';
    const stops = [gone, away].map((c) => forwardEvents(warden.events, c as unknown as WebContents));
    warden.events.emit('system.ping', ping);
    expect(gone.sent).toEqual([]);
    expect(away.sent).toEqual([]);
    for (const stop of stops) stop();
  });
});
