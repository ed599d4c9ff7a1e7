import { describe, expect, it, vi } from 'vitest';
import type { Caller, Handlers } from './index.ts';
import { WardenError, createDispatcher } from './index.ts';

const caller: Caller = { interface: 'cli', actor: 'test' };
const info = {
  name: 'Warden' as const,
  version: '1.0.0',
  platform: 'linux',
  arch: 'x64',
  nodeVersion: '24.0.0',
  isolation: 'unknown' as const,
  dataDir: '/tmp/w',
  startedAt: new Date(0).toISOString(),
  shell: 'headless' as const,
  auditKey: 'file' as const,
};
/** Only the entries a test needs; the dispatcher never looks at the others. */
const only = (partial: Partial<Handlers>) => partial as Handlers;

describe('createDispatcher', () => {
  it('answers a valid request with the handler value', async () => {
    const handler = vi.fn(() => info);
    const dispatch = createDispatcher(only({ 'system.info': handler }), vi.fn());
    expect(await dispatch('system.info', {}, caller)).toEqual({ ok: true, value: info });
    expect(handler).toHaveBeenCalledWith({}, caller);
  });

  it('rejects unknown names, including inherited object keys, without calling anything', async () => {
    const handler = vi.fn(() => info);
    const dispatch = createDispatcher(only({ 'system.info': handler }), vi.fn());
    for (const name of ['system.nope', '__proto__', 'toString', 'constructor']) {
      expect(await dispatch(name, {}, caller)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects input that does not parse, with the reason, before the handler runs', async () => {
    const handler = vi.fn(() => info);
    const dispatch = createDispatcher(only({ 'system.info': handler }), vi.fn());
    const result = await dispatch('system.info', { unexpected: 1 }, caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.message).toContain('unexpected');
    expect(await dispatch('system.info', 'text', caller)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('turns a WardenError into its code and anything else into a stackless internal error', async () => {
    const logged = vi.fn();
    const refusing = only({ 'system.info': () => { throw new WardenError('forbidden', 'not you'); } });
    expect(await createDispatcher(refusing, logged)('system.info', {}, caller)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'not you' },
    });
    const crashing = only({ 'system.info': () => { throw new Error('/secret/path exploded'); } });
    const result = await createDispatcher(crashing, logged)('system.info', {}, caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it('never lets an answer that breaks the contract out', async () => {
    const logged = vi.fn();
    const wrong = { 'system.info': () => ({ ...info, isolation: 'total' }) } as unknown as Handlers;
    expect(await createDispatcher(wrong, logged)('system.info', {}, caller)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toHaveBeenCalledTimes(1);
  });
});
