import { describe, expect, it } from 'vitest';
import type { WardenApi } from '../../app/contract/index.ts';
import type { Bridge } from './bridge.ts';
import { chooseBridge } from './choose-bridge.ts';
import { socketUrl } from './socket-url.ts';
import { createValueStore } from './value-store.ts';

const location = { protocol: 'http:', host: '127.0.0.1:7777' };

describe('chooseBridge', () => {
  it('uses the preload API when window.warden exists', () => {
    const warden = { system: {} } as unknown as WardenApi;
    let wsCreated = false;
    const bridge = chooseBridge({ warden, location }, () => {
      wsCreated = true;
      throw new Error('should not be called');
    });
    expect(bridge.kind).toBe('ipc');
    expect(bridge.api).toBe(warden);
    expect(bridge.connection.get().state).toBe('open');
    expect(wsCreated).toBe(false);
  });

  it('falls back to the WebSocket bridge for the page location', () => {
    const fake: Bridge = {
      kind: 'websocket',
      api: {} as WardenApi,
      connection: createValueStore({ state: 'connecting' as const, attempt: 0, retryAt: null, since: 0 }),
      retryNow: () => {},
    };
    let seen: unknown;
    const bridge = chooseBridge({ location }, (loc) => ((seen = loc), fake));
    expect(bridge).toBe(fake);
    expect(seen).toBe(location);
  });
});

describe('socketUrl', () => {
  it('uses the page origin and /ws, wss under https', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:7777' })).toBe('ws://127.0.0.1:7777/ws');
    expect(socketUrl({ protocol: 'https:', host: 'console.local' })).toBe('wss://console.local/ws');
  });
});
