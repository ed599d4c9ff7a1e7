import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Caller, ServerMessage } from '../contract/index.ts';
import { ClientMessageSchema, fail } from '../contract/index.ts';
import type { Warden } from './warden.ts';

/** Close codes the web console understands. */
export const closeCodes = { unauthorized: 4401, badMessage: 1008 } as const;

/** The largest message either WebSocket endpoint accepts. */
export const maxMessageBytes = 1024 * 1024;

/** Answers a WebSocket upgrade with an HTTP status and no body, then closes the connection. */
export function refuseUpgrade(socket: Duplex, status: string): void {
  // After an upgrade event Node no longer handles this socket's errors; a reset must not crash the console.
  socket.on('error', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Serves the contract over one authenticated WebSocket: each message is validated as a wire
 * message, answered through the same dispatcher as Electron IPC, and every event is pushed.
 */
export function serveContract(socket: WebSocket, warden: Warden, caller: Caller, isSessionAlive: () => boolean): void {
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = warden.events.subscribe((name, payload) => {
    if (!isSessionAlive()) {
      socket.close(closeCodes.unauthorized, 'session expired');
      return;
    }
    send({ type: 'event', name, payload });
  });
  socket.on('close', unsubscribe);
  socket.on('message', (data, isBinary) => {
    if (!isSessionAlive()) {
      socket.close(closeCodes.unauthorized, 'session expired');
      return;
    }
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      parsed = undefined;
    }
    const message = ClientMessageSchema.safeParse(parsed);
    if (!message.success) {
      socket.close(closeCodes.badMessage, 'malformed message');
      return;
    }
    const { id, name, input } = message.data;
    warden.dispatch(name, input, caller).then(
      (result) => send({ type: 'response', id, result }),
      () => send({ type: 'response', id, result: fail('internal', `${name} failed unexpectedly.`) }),
    );
  });
}
