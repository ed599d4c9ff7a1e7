import { describe, expect, it, vi } from 'vitest';
import { eventNames, ipcEventChannel, ipcRequestChannel, requestNames, splitName, subscriberKey } from '../app/contract/index.ts';

// A stand-in for the renderer half of Electron: the real package would try to download its binary.
const electron = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => void;
  const listeners = new Map<string, Handler[]>();
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>() },
    ipcRenderer: {
      invoke: vi.fn(async (_channel: string, _input: unknown) => ({ ok: true, value: 'answer' })),
      on: vi.fn((channel: string, handler: Handler) => {
        listeners.set(channel, [...(listeners.get(channel) ?? []), handler]);
      }),
      removeListener: vi.fn((channel: string, handler: Handler) => {
        listeners.set(channel, (listeners.get(channel) ?? []).filter((h) => h !== handler));
      }),
      send: vi.fn(),
      sendSync: vi.fn(),
      postMessage: vi.fn(),
    },
    /** Delivers a message the way ipcRenderer does: the event object first, then the payload. */
    deliver(channel: string, payload: unknown): void {
      const event = { sender: 'the ipcRenderer itself', senderId: 0, ports: [] };
      for (const handler of listeners.get(channel) ?? []) handler(event, payload);
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

await import('./index.ts');

type Api = Record<string, Record<string, (...args: unknown[]) => unknown>>;
// Captured now: mocks are cleared before each test.
const exposures = [...electron.contextBridge.exposeInMainWorld.mock.calls];
const [[key, exposed]] = exposures as [[string, unknown]];
const api = exposed as Api;
const fn = (name: string, member: (action: string) => string = (a) => a) => {
  const [area, action] = splitName(name);
  return api[area]?.[member(action)];
};

describe('the preload', () => {
  it('exposes exactly one object, named warden', () => {
    expect(exposures).toHaveLength(1);
    expect(key).toBe('warden');
  });

  it('has one function per contract request and one subscription per event, nothing else', () => {
    const expected = [
      ...requestNames.map((n) => splitName(n).join('.')),
      ...eventNames.map((n) => { const [a, b] = splitName(n); return `${a}.${subscriberKey(b)}`; }),
    ].sort();
    const actual = Object.entries(api).flatMap(([area, members]) => Object.keys(members).map((m) => `${area}.${m}`)).sort();
    expect(actual).toEqual(expected);
    for (const members of Object.values(api)) {
      for (const value of Object.values(members)) expect(typeof value).toBe('function');
    }
  });

  it('hands out no raw IPC: no ipcRenderer, no generic invoke or send', () => {
    const leaves = Object.values(api).flatMap((members) => Object.values(members));
    for (const value of Object.values(electron.ipcRenderer)) expect(leaves).not.toContain(value);
    expect(Object.keys(api)).not.toEqual(expect.arrayContaining(['invoke']));
    expect(Object.isFrozen(api)).toBe(true);
  });

  it.each(requestNames)('%s invokes its own channel with the input', async (name) => {
    electron.ipcRenderer.invoke.mockClear();
    const result = await fn(name)?.({ probe: 1 });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(ipcRequestChannel(name), { probe: 1 });
    expect(result).toEqual({ ok: true, value: 'answer' });
    await fn(name)?.();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(ipcRequestChannel(name), {});
  });

  it.each(eventNames)('%s listens on its own channel, passes only the payload, and unsubscribes', (name) => {
    const channel = ipcEventChannel(name);
    const listener = vi.fn();
    const unsubscribe = fn(name, subscriberKey)?.(listener) as () => void;
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith(channel, expect.any(Function));

    electron.deliver(channel, { seq: 1 });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ seq: 1 });

    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(channel, expect.any(Function));
    expect(electron.listeners.get(channel)).toEqual([]);
    electron.deliver(channel, { seq: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('never uses synchronous or fire-and-forget IPC', async () => {
    for (const name of requestNames) await fn(name)?.({});
    for (const name of eventNames) (fn(name, subscriberKey)?.(() => {}) as () => void)();
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(requestNames.length);
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.postMessage).not.toHaveBeenCalled();
  });
});
