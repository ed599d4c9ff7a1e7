import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SocketHandlers, SocketLike } from './socket.ts';
import { createWsTransport } from './ws-transport.ts';

class FakeSocket implements SocketLike {
  readonly sent: unknown[] = [];
  closedWith: number | undefined;
  readonly url: string;
  readonly handlers: SocketHandlers;
  constructor(url: string, handlers: SocketHandlers) {
    this.url = url;
    this.handlers = handlers;
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number): void {
    this.closedWith = code ?? 1000;
  }
  // Test helpers: what the server would do.
  open(): void {
    this.handlers.open();
  }
  receive(message: unknown): void {
    this.handlers.message(typeof message === 'string' ? message : JSON.stringify(message));
  }
  drop(code = 1006): void {
    this.handlers.close(code, '');
  }
}

const info = {
  name: 'Warden',
  version: '0.1.0',
  platform: 'linux',
  arch: 'x64',
  nodeVersion: 'v24.0.0',
  isolation: 'unknown',
  dataDir: '/home/a/.warden',
  startedAt: '2025-01-01T00:00:00.000Z',
  shell: 'headless',
  auditKey: 'keychain',
};
const ping = { seq: 3, at: '2025-01-01T00:00:06.000Z', uptimeMs: 6000 };

function setup(timeoutMs = 30_000) {
  const sockets: FakeSocket[] = [];
  const listenerErrors: unknown[] = [];
  const transport = createWsTransport({
    url: 'ws://127.0.0.1:7777/ws',
    connect: (url, handlers) => {
      const socket = new FakeSocket(url, handlers);
      sockets.push(socket);
      return socket;
    },
    requestTimeoutMs: timeoutMs,
    backoff: { baseMs: 100, maxMs: 1000, factor: 2, jitter: 0 },
    now: () => Date.now(),
    onListenerError: (error) => listenerErrors.push(error),
  });
  const last = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket');
    return socket;
  };
  return { transport, sockets, last, listenerErrors };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ws transport: requests', () => {
  it('connects at once, queues requests until open, then sends them with increasing ids', async () => {
    const { transport, last } = setup();
    expect(transport.connection.get().state).toBe('connecting');
    expect(last().url).toBe('ws://127.0.0.1:7777/ws');
    const first = transport.call('system.info', {});
    const second = transport.call('system.info', {});
    expect(last().sent).toEqual([]);
    last().open();
    expect(transport.connection.get().state).toBe('open');
    expect(last().sent).toEqual([
      { type: 'request', id: 1, name: 'system.info', input: {} },
      { type: 'request', id: 2, name: 'system.info', input: {} },
    ]);
    last().receive({ type: 'response', id: 2, result: { ok: true, value: info } });
    last().receive({ type: 'response', id: 1, result: { ok: false, error: { code: 'forbidden', message: 'no' } } });
    await expect(second).resolves.toEqual({ ok: true, value: info });
    await expect(first).resolves.toEqual({ ok: false, error: { code: 'forbidden', message: 'no' } });
  });

  it('turns an answer that breaks the contract into an internal error', async () => {
    const { transport, last } = setup();
    last().open();
    const call = transport.call('system.info', {});
    last().receive({ type: 'response', id: 1, result: { ok: true, value: { ...info, shell: 'toaster' } } });
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('fails a request at once when its response envelope is unreadable', async () => {
    const { transport, last } = setup();
    last().open();
    const call = transport.call('system.info', {});
    last().receive({ type: 'response', id: 1, result: { ok: false, error: { code: 'made_up', message: 'x' } } });
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('ignores junk and answers to unknown ids', async () => {
    const { transport, last } = setup();
    last().open();
    const call = transport.call('system.info', {});
    last().receive('not json');
    last().receive({ type: 'surprise' });
    last().receive({ type: 'response', id: 99, result: { ok: true, value: info } });
    last().receive({ type: 'response', id: 1, result: { ok: true, value: info } });
    await expect(call).resolves.toEqual({ ok: true, value: info });
  });

  it('times out a request that gets no answer', async () => {
    const { transport, last } = setup(30_000);
    last().open();
    const call = transport.call('system.info', {});
    vi.advanceTimersByTime(29_999);
    let settled = false;
    void call.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    vi.advanceTimersByTime(1);
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'timeout' } });
    // A late answer is ignored.
    last().receive({ type: 'response', id: 1, result: { ok: true, value: info } });
  });
});

describe('ws transport: events', () => {
  it('fans a valid event out to every subscriber of that name and stops after unsubscribe', () => {
    const { transport, last, listenerErrors } = setup();
    last().open();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const unsubA = transport.subscribe('system.ping', (p) => a.push(p));
    transport.subscribe('system.ping', (p) => b.push(p));
    transport.subscribe('system.ping', () => {
      throw new Error('listener bug');
    });
    last().receive({ type: 'event', name: 'system.ping', payload: ping });
    unsubA();
    unsubA();
    last().receive({ type: 'event', name: 'system.ping', payload: { ...ping, seq: 4 } });
    expect(a).toEqual([ping]);
    expect(b).toEqual([ping, { ...ping, seq: 4 }]);
    expect(listenerErrors).toHaveLength(2);
  });

  it('drops events with an invalid payload or an unknown name', () => {
    const { transport, last } = setup();
    last().open();
    const got: unknown[] = [];
    transport.subscribe('system.ping', (p) => got.push(p));
    last().receive({ type: 'event', name: 'system.ping', payload: { seq: -1 } });
    last().receive({ type: 'event', name: 'system.nope', payload: ping });
    expect(got).toEqual([]);
  });
});

describe('ws transport: connection', () => {
  it('fails in-flight requests when the socket drops, keeps queued ones, and reconnects with backoff', async () => {
    const { transport, sockets, last } = setup();
    last().open();
    const inFlight = transport.call('system.info', {});
    last().drop();
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(transport.connection.get()).toMatchObject({ state: 'closed', attempt: 1 });
    const queued = transport.call('system.info', {});

    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    expect(transport.connection.get().state).toBe('connecting');
    last().drop();
    expect(transport.connection.get()).toMatchObject({ state: 'closed', attempt: 2 });
    vi.advanceTimersByTime(200);
    expect(sockets).toHaveLength(3);

    last().open();
    expect(transport.connection.get()).toMatchObject({ state: 'open', attempt: 0, retryAt: null });
    expect(last().sent).toEqual([{ type: 'request', id: 2, name: 'system.info', input: {} }]);
    last().receive({ type: 'response', id: 2, result: { ok: true, value: info } });
    await expect(queued).resolves.toEqual({ ok: true, value: info });
  });

  it('ignores anything a replaced socket still reports', () => {
    const { transport, sockets } = setup();
    const [old] = sockets;
    if (!old) throw new Error('no socket was opened');
    old.drop();
    vi.advanceTimersByTime(100);
    const got: unknown[] = [];
    transport.subscribe('system.ping', (p) => got.push(p));
    old.open();
    old.receive({ type: 'event', name: 'system.ping', payload: ping });
    old.drop();
    expect(got).toEqual([]);
    expect(transport.connection.get().state).toBe('connecting');
  });

  it.each([4401, 1008])('stops at unauthorized on close code %i and fails every request', async (code) => {
    const { transport, sockets, last } = setup();
    const queued = transport.call('system.info', {});
    last().drop(code);
    expect(transport.connection.get().state).toBe('unauthorized');
    await expect(queued).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await expect(transport.call('system.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    transport.retryNow();
    expect(sockets).toHaveLength(2);
    expect(transport.connection.get().state).toBe('connecting');
  });

  it('retryNow skips the wait; dispose closes the socket and fails what is pending', async () => {
    const { transport, sockets, last } = setup();
    last().drop();
    transport.retryNow();
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(2);
    const call = transport.call('system.info', {});
    transport.dispose();
    expect(last().closedWith).toBe(1000);
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2);
  });

  it('counts a socket constructor that throws as a failed attempt', () => {
    let calls = 0;
    const transport = createWsTransport({
      url: 'ws://x/ws',
      connect: () => {
        calls++;
        throw new Error('bad url');
      },
      backoff: { baseMs: 100, maxMs: 1000, factor: 2, jitter: 0 },
    });
    expect(transport.connection.get()).toMatchObject({ state: 'closed', attempt: 1 });
    vi.advanceTimersByTime(100);
    expect(calls).toBe(2);
    transport.dispose();
  });
});
