import { create } from 'zustand';
import type { Ping } from '../../app/contract/index.ts';
import type { Heartbeat } from './heartbeat.ts';
import { noHeartbeat, recordPing } from './heartbeat.ts';

interface HeartbeatState extends Heartbeat {
  readonly record: (ping: Ping, receivedAt: number) => void;
}

/** The last heartbeat from the core; fed by one `system.ping` subscription in the shell. */
export const useHeartbeatStore = create<HeartbeatState>()((set) => ({
  ...noHeartbeat,
  record: (ping, receivedAt) => set((state) => recordPing(state, ping, receivedAt)),
}));
