import { QueryClient, onlineManager } from '@tanstack/react-query';
import type { ConnectionStore } from '../bridge/connection.ts';
import { shouldRetry } from './request-error.ts';

/**
 * One QueryClient for the window. "Online" means the bridge is open, so queries wait (paused, not
 * failing) while the WebSocket reconnects, and refetch once it is back.
 */
export function createQueryClient(connection: ConnectionStore): QueryClient {
  onlineManager.setEventListener((setOnline) => {
    const update = () => setOnline(connection.get().state === 'open');
    update();
    return connection.subscribe(update);
  });
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnReconnect: true, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
