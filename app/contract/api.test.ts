import { describe, expect, it, vi } from 'vitest';
import type { EventName, RequestName, Transport } from './index.ts';
import { buildApi, eventNames, requestNames, splitName, subscriberKey } from './index.ts';

function fakeTransport() {
  const calls: Array<[RequestName, unknown]> = [];
  const listeners = new Map<EventName, (payload: unknown) => void>();
  const transport: Transport = {
    call: async (name, input) => {
      calls.push([name, input]);
      return { ok: true, value: name };
    },
    subscribe: (name, listener) => {
      listeners.set(name, listener);
      return () => listeners.delete(name);
    },
  };
  return { transport, calls, listeners };
}

describe('buildApi', () => {
  it('has exactly one function per contract entry and nothing else', () => {
    const api = buildApi(fakeTransport().transport) as unknown as Record<string, Record<string, unknown>>;
    const expected = [
      ...requestNames,
      ...eventNames.map((name) => {
        const [area, action] = splitName(name);
        return `${area}.${subscriberKey(action)}`;
      }),
    ].sort();
    const actual = Object.entries(api)
      .flatMap(([area, fns]) => Object.keys(fns).map((key) => `${area}.${key}`))
      .sort();
    expect(actual).toEqual(expected);
    for (const area of Object.values(api)) for (const fn of Object.values(area)) expect(typeof fn).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('routes a request to its channel with an empty input by default', async () => {
    const { transport, calls } = fakeTransport();
    const api = buildApi(transport);
    await api.system.info();
    expect(calls).toEqual([['system.info', {}]]);
  });

  it('subscribes to events and returns an unsubscribe function', () => {
    const { transport, listeners } = fakeTransport();
    const api = buildApi(transport);
    const seen = vi.fn();
    const unsubscribe = api.system.onPing(seen);
    listeners.get('system.ping')?.({ seq: 1, at: new Date().toISOString(), uptimeMs: 1 });
    expect(seen).toHaveBeenCalledTimes(1);
    unsubscribe();
    expect(listeners.has('system.ping')).toBe(false);
  });
});
