import { useNow } from '../../shell/use-now.ts';
import { useHeartbeatStore } from '../../state/heartbeat-store.ts';

/**
 * The core's clock as this window best knows it: the local time corrected by the offset seen in
 * the last heartbeat. Expiry times come from the core; over an SSH tunnel the two clocks may differ.
 */
export function useServerNow(intervalMs: number): number {
  const now = useNow(intervalMs);
  const offset = useHeartbeatStore((state) => (state.last === null || state.receivedAt === null ? 0 : state.receivedAt - Date.parse(state.last.at)));
  return now - (Number.isFinite(offset) ? offset : 0);
}
