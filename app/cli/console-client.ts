import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { z } from 'zod';
import type { EventName, InputOf, OutputOf, RequestName } from '../contract/index.ts';
import { ServerMessageSchema, isEventName, requests } from '../contract/index.ts';
import { consoleFileName } from '../server/index.ts';
import { CliError } from './exit-codes.ts';

const ConsoleFileSchema = z.object({ port: z.number().int().min(1).max(65535), pid: z.number().int().positive(), token: z.string().min(20) });

export interface ConsoleClient {
  request<N extends RequestName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  close(): void;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Connects to the console running on this data dir (`warden serve`), so that a
 * command's tool calls are approved there; null when none is running.
 */
export async function connectToConsole(dataDir: string): Promise<ConsoleClient | null> {
  let file: z.infer<typeof ConsoleFileSchema>;
  try {
    file = ConsoleFileSchema.parse(JSON.parse(readFileSync(join(dataDir, consoleFileName), 'utf8')));
  } catch {
    return null;
  }
  if (!alive(file.pid)) return null;
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
    const message = ServerMessageSchema.safeParse(JSON.parse(data.toString()));
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
