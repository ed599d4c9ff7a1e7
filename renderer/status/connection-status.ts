import type { Connection } from '../bridge/connection.ts';
import { formatAgo, formatDuration } from '../format/time.ts';
import type { Tone } from './tone.ts';

export type ConnectionStatusKind = 'connected' | 'waiting' | 'stale' | 'connecting' | 'disconnected' | 'unauthorized';

export interface ConnectionStatus {
  readonly kind: ConnectionStatusKind;
  readonly tone: Tone;
  readonly text: string;
}

export interface ConnectionInput {
  readonly connection: Connection;
  /** When this window last received a heartbeat (its own clock), if ever. */
  readonly lastPingAt: number | null;
  readonly now: number;
  /** Silence longer than this makes a connection "stale"; the core pings every 2 s by default. */
  readonly staleAfterMs?: number;
}

export const unauthorizedText = 'unauthorized — open the login link printed by `warden serve`';

/**
 * What the top bar says about the link to the core: the transport's own state first, then the
 * heartbeat, so "connected" always means a ping arrived recently on the current connection.
 */
export function connectionStatus({ connection, lastPingAt, now, staleAfterMs = 10_000 }: ConnectionInput): ConnectionStatus {
  switch (connection.state) {
    case 'unauthorized':
      return { kind: 'unauthorized', tone: 'bad', text: unauthorizedText };
    case 'closed': {
      const retry = connection.retryAt === null ? '' : ` · retrying in ${formatDuration(Math.max(1000, connection.retryAt - now))}`;
      return { kind: 'disconnected', tone: 'bad', text: `disconnected${retry}` };
    }
    case 'connecting':
      return connection.attempt > 0
        ? { kind: 'disconnected', tone: 'bad', text: 'disconnected · reconnecting…' }
        : { kind: 'connecting', tone: 'neutral', text: 'connecting…' };
    case 'open': {
      const heard = lastPingAt !== null && lastPingAt >= connection.since ? lastPingAt : null;
      const silentFor = now - (heard ?? connection.since);
      if (silentFor > staleAfterMs) {
        return { kind: 'stale', tone: 'warn', text: `connected · no heartbeat for ${formatDuration(silentFor)}` };
      }
      if (heard === null) return { kind: 'waiting', tone: 'neutral', text: 'connected · waiting for heartbeat' };
      return { kind: 'connected', tone: 'ok', text: `connected · last heartbeat ${formatAgo(now - heard)}` };
    }
  }
}
