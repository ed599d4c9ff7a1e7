import type { ValueStore } from './value-store.ts';

/**
 * The transport's own view of the link to the core. `unauthorized` means the server refused the
 * session (close code 4401 or 1008); the bridge stops retrying until asked to.
 */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

export interface Connection {
  readonly state: ConnectionState;
  /** Failed attempts since the last open connection. */
  readonly attempt: number;
  /** When the next automatic reconnect is due (epoch ms), while `closed`. */
  readonly retryAt: number | null;
  /** When the state last changed (epoch ms). */
  readonly since: number;
}

export type ConnectionStore = ValueStore<Connection>;

export const unauthorizedCloseCodes: readonly number[] = [4401, 1008];
