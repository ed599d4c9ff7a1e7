import type { EventName, RequestName, Result, Transport, Unsubscribe } from '../../app/contract/index.ts';
import type { BackoffOptions } from './backoff.ts';
import { backoffDelay, defaultBackoff } from './backoff.ts';
import type { Connection, ConnectionStore } from './connection.ts';
import { unauthorizedCloseCodes } from './connection.ts';
import { createFanOut } from './fan-out.ts';
import { createPendingRequests } from './pending-requests.ts';
import type { SocketFactory, SocketLike } from './socket.ts';
import { checkEvent, checkResponse, parseIncoming } from './validate.ts';
import { createValueStore } from './value-store.ts';

export interface WsTransportOptions {
  readonly url: string;
  readonly connect: SocketFactory;
  readonly requestTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly onListenerError?: (error: unknown) => void;
}

export interface WsTransport extends Transport {
  readonly connection: ConnectionStore;
  /** Reconnects now instead of waiting for the backoff (also after `unauthorized`, e.g. once logged in). */
  readonly retryNow: () => void;
  /** Closes for good: pending requests fail, no reconnect. */
  readonly dispose: () => void;
}

const unauthorizedError = {
  code: 'unauthorized',
  message: 'This browser is not signed in to Warden. Open the login link printed by `warden serve`.',
} as const;

/**
 * The contract's `Transport` over one WebSocket: numbered requests with a timeout, queued while the
 * socket is not open, answers and events validated against the contract, reconnect with backoff.
 * It connects as soon as it is created.
 */
export function createWsTransport(options: WsTransportOptions): WsTransport {
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  const pending = createPendingRequests(timeoutMs);
  const listeners = createFanOut(options.onListenerError ?? ((error) => console.error('Warden event listener failed', error)));
  const connection = createValueStore<Connection>({ state: 'connecting', attempt: 0, retryAt: null, since: now() });
  let socket: SocketLike | null = null;
  let open = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const setConnection = (patch: Partial<Omit<Connection, 'since'>>) => {
    const current = connection.get();
    const since = patch.state !== undefined && patch.state !== current.state ? now() : current.since;
    connection.set({ ...current, ...patch, since });
  };

  function flush(): void {
    if (!socket || !open) return;
    for (const { id, message } of pending.unsent()) {
      try {
        socket.send(message);
        pending.markSent(id);
      } catch {
        return; // The socket is going away; its close handler takes over.
      }
    }
  }

  function onMessage(data: unknown): void {
    const incoming = parseIncoming(data);
    if (incoming.kind === 'broken-response') {
      pending.settle(incoming.id, {
        ok: false,
        error: { code: 'internal', message: 'The server sent an answer this console cannot read.' },
      });
      return;
    }
    if (incoming.kind !== 'message') return;
    const { message } = incoming;
    if (message.type === 'response') {
      const name = pending.nameOf(message.id);
      if (name !== undefined) pending.settle(message.id, checkResponse(name, message.result));
      return;
    }
    const event = checkEvent(message.name, message.payload);
    if (event) listeners.emit(event.name, event.payload);
  }

  function onClose(from: SocketLike, code: number): void {
    if (from !== socket) return;
    socket = null;
    open = false;
    pending.failAll({ code: 'unavailable', message: 'The connection to Warden closed before it answered.' }, true);
    if (disposed) return;
    if (unauthorizedCloseCodes.includes(code)) {
      pending.failAll(unauthorizedError, false);
      setConnection({ state: 'unauthorized', retryAt: null });
      return;
    }
    const { attempt } = connection.get();
    const delay = backoffDelay(attempt, options.backoff ?? defaultBackoff, options.random);
    setConnection({ state: 'closed', attempt: attempt + 1, retryAt: now() + delay });
    retryTimer = setTimeout(connect, delay);
  }

  function connect(): void {
    if (disposed || socket) return;
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    setConnection({ state: 'connecting', retryAt: null });
    let created: SocketLike | null = null;
    const handlers = {
      open: () => {
        if (!created || created !== socket) return;
        open = true;
        setConnection({ state: 'open', attempt: 0, retryAt: null });
        flush();
      },
      message: (data: unknown) => {
        if (created && created === socket) onMessage(data);
      },
      close: (code: number) => {
        if (created) onClose(created, code);
      },
    };
    try {
      created = options.connect(options.url, handlers);
      socket = created;
    } catch {
      // An invalid URL or a refused constructor counts as one failed attempt.
      socket = created = { send() {}, close() {} };
      onClose(created, 1006);
    }
  }

  connect();

  return {
    connection,
    call(name: RequestName, input: unknown): Promise<Result<unknown>> {
      if (disposed) return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'The console has closed its connection.' } });
      if (connection.get().state === 'unauthorized') return Promise.resolve({ ok: false, error: unauthorizedError });
      const { result } = pending.add(name, (id) => JSON.stringify({ type: 'request', id, name, input }));
      flush();
      return result;
    },
    subscribe(name: EventName, listener: (payload: unknown) => void): Unsubscribe {
      return listeners.add(name, listener);
    },
    retryNow(): void {
      if (disposed || socket) return;
      connect();
    },
    dispose(): void {
      if (disposed) return;
      disposed = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      pending.failAll({ code: 'unavailable', message: 'The console has closed its connection.' }, false);
      const current = socket;
      socket = null;
      open = false;
      current?.close(1000, 'console closed');
      setConnection({ state: 'closed', retryAt: null });
    },
  };
}
