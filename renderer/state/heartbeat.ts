import type { Ping } from '../../app/contract/index.ts';

export interface Heartbeat {
  /** The last `system.ping` payload, exactly as the contract delivered it. */
  readonly last: Ping | null;
  /** When this window received it, by this window's clock (the core's clock may differ). */
  readonly receivedAt: number | null;
  /** Pings received since the window opened. */
  readonly received: number;
}

export const noHeartbeat: Heartbeat = { last: null, receivedAt: null, received: 0 };

export function recordPing(state: Heartbeat, ping: Ping, receivedAt: number): Heartbeat {
  return { last: ping, receivedAt, received: state.received + 1 };
}
