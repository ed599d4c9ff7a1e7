import type { Dispatch, Handlers } from '../contract/index.ts';
import { createDispatcher } from '../contract/index.ts';
import type { WardenConfig } from './config.ts';
import { EventHub } from './event-hub.ts';
import { systemHandlers } from './system-handlers.ts';

export interface Warden {
  readonly config: WardenConfig;
  /** Answers one request from any transport, after the transport has checked the sender. */
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  close(): Promise<void>;
}

export interface WardenOptions {
  /** Where unexpected handler failures go; the caller only ever sees a typed error. */
  logError?: (message: string, error: unknown) => void;
}

/** Wires the services and registers every handler of the contract, once. */
export function createWarden(config: WardenConfig, options: WardenOptions = {}): Warden {
  const startedAt = new Date();
  const events = new EventHub();
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  const handlers: Handlers = {
    ...systemHandlers(config, startedAt),
  };
  const dispatch = createDispatcher(handlers, (name, error) => logError(`request ${name} failed`, error));

  let seq = 0;
  const ping = setInterval(() => {
    events.emit('system.ping', {
      seq: seq++,
      at: new Date().toISOString(),
      uptimeMs: Date.now() - startedAt.getTime(),
    });
  }, config.pingIntervalMs);
  ping.unref();

  return {
    config,
    dispatch,
    events,
    close: async () => {
      clearInterval(ping);
    },
  };
}
