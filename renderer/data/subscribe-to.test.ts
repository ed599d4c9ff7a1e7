import { describe, expect, it, vi } from 'vitest';
import type { Transport, WardenApi } from '../../app/contract/index.ts';
import { buildApi } from '../../app/contract/index.ts';
import { subscribeTo } from './subscribe-to.ts';

describe('subscribeTo', () => {
  it('maps an event name to the API subscription and returns its unsubscribe', () => {
    const unsubscribe = vi.fn();
    const subscribe = vi.fn(() => unsubscribe);
    const transport: Transport = {
      call: () => Promise.resolve({ ok: true, value: null }),
      subscribe,
    };
    const listener = vi.fn();
    const off = subscribeTo(buildApi(transport), 'system.ping', listener);
    expect(subscribe).toHaveBeenCalledWith('system.ping', listener);
    off();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('returns a no-op when the bridge lacks the subscription', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const off = subscribeTo({} as WardenApi, 'system.ping', () => {});
    expect(off).toBeTypeOf('function');
    off();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});
