import { userInfo } from 'node:os';
import { WebSocket } from 'ws';
import type { EventName, InputOf, OutputOf, RequestName } from '../contract/index.ts';
import { ServerMessageSchema, isEventName, requests } from '../contract/index.ts';
import { isProcessAlive, readConsoleFile } from '../core/index.ts';
import { CliError } from './exit-codes.ts';

export interface ConsoleClient {
  request<N extends RequestName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  close(): void;
}

/**
 * Connects to the console running on this data dir (the desktop app or `warden serve`, through the
 * CLI endpoint it published in console.json), so that a command's tool calls are approved there;
 * null when none is running.
 */
export async function connectToConsole(dataDir: string): Promise<ConsoleClient | null> {
  const file = readConsoleFile(dataDir);
  // A console that crashed leaves its file behind; its pid tells.
  if (!file || !isProcessAlive(file.pid)) return null;
  const origin = `http://127.0.0.1:${file.port}`;
  const socket = new WebSocket(`ws://127.0.0.1:${file.port}/ws`, {
    headers: { origin, authorization: `Bearer ${file.token}`, 'x-warden-actor': userInfo().username },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', () => reject(new CliError(`The console on port ${file.port} did not accept this command's connection; is it still running?`)));
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; name: RequestName }>();
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  socket.on('message', (data) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return; // Not JSON: dropped like any other message that fails the schema.
    }
    const message = ServerMessageSchema.safeParse(parsed);
    if (!message.success) return;
    if (message.data.type === 'event') {
      const { name, payload } = message.data;
      if (isEventName(name)) for (const listener of listeners) listener(name, payload);
      return;
    }
    const waiter = pending.get(message.data.id);
    if (!waiter) return;
    pending.delete(message.data.id);
    const result = message.data.result;
    if (!result.ok) waiter.reject(new CliError(result.error.message));
    else {
      const value = requests[waiter.name].output.safeParse(result.value);
      if (value.success) waiter.resolve(value.data);
      else waiter.reject(new CliError(`The console answered ${waiter.name} with something this version does not understand.`));
    }
  });
  socket.on('close', () => {
    for (const waiter of pending.values()) waiter.reject(new CliError('The console closed the connection.'));
    pending.clear();
  });
  return {
    request: (name, input) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, name });
        socket.send(JSON.stringify({ type: 'request', id, name, input }));
      }),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => socket.close(),
  };
}
