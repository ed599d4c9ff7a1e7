import { describe, expect, it } from 'vitest';
import type { Connection } from '../bridge/connection.ts';
import { connectionStatus } from './connection-status.ts';

const open: Connection = { state: 'open', attempt: 0, retryAt: null, since: 1_000 };

describe('connectionStatus', () => {
  it('says connected with the age of the last heartbeat', () => {
    expect(connectionStatus({ connection: open, lastPingAt: 8_000, now: 10_200 })).toEqual({
      kind: 'connected',
      tone: 'ok',
      text: 'connected · last heartbeat 2 s ago',
    });
    expect(connectionStatus({ connection: open, lastPingAt: 10_000, now: 10_200 }).text).toBe(
      'connected · last heartbeat just now',
    );
  });

  it('waits for a first heartbeat, ignoring one from a previous connection', () => {
    expect(connectionStatus({ connection: open, lastPingAt: null, now: 2_000 }).kind).toBe('waiting');
    expect(connectionStatus({ connection: open, lastPingAt: 500, now: 2_000 }).kind).toBe('waiting');
  });

  it('warns when the heartbeat has gone quiet', () => {
    const status = connectionStatus({ connection: open, lastPingAt: 2_000, now: 14_500 });
    expect(status).toEqual({ kind: 'stale', tone: 'warn', text: 'connected · no heartbeat for 12 s' });
    expect(connectionStatus({ connection: open, lastPingAt: null, now: 30_000 }).kind).toBe('stale');
  });

  it('reports the transport states', () => {
    const at = (c: Partial<Connection>) => connectionStatus({ connection: { ...open, ...c }, lastPingAt: 9_000, now: 10_000 });
    expect(at({ state: 'connecting' })).toMatchObject({ kind: 'connecting', text: 'connecting…' });
    expect(at({ state: 'connecting', attempt: 2 })).toMatchObject({ kind: 'disconnected', text: 'disconnected · reconnecting…' });
    expect(at({ state: 'closed', retryAt: 14_200 })).toMatchObject({ kind: 'disconnected', text: 'disconnected · retrying in 4 s' });
    expect(at({ state: 'closed', retryAt: null }).text).toBe('disconnected');
    expect(at({ state: 'unauthorized' })).toMatchObject({
      kind: 'unauthorized',
      tone: 'bad',
      text: 'unauthorized — open the login link printed by `warden serve`',
    });
  });
});
