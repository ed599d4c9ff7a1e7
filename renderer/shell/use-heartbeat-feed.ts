import { useEvent } from '../data/use-event.ts';
import { useHeartbeatStore } from '../state/heartbeat-store.ts';

/** Feeds every `system.ping` into the heartbeat store; mounted once, by the shell. */
export function useHeartbeatFeed(): void {
  const record = useHeartbeatStore((state) => state.record);
  useEvent('system.ping', (ping) => record(ping, Date.now()));
}
