import { buildApi } from '../../app/contract/index.ts';
import type { Bridge } from './bridge.ts';
import { browserSocket } from './socket.ts';
import { socketUrl } from './socket-url.ts';
import { createWsTransport } from './ws-transport.ts';

/**
 * The bridge of the web console: the same `WardenApi` as in Electron, carried over a same-origin
 * WebSocket that the server authenticates with its HttpOnly session cookie.
 */
export function createWsBridge(location: Pick<Location, 'protocol' | 'host'>): Bridge {
  const transport = createWsTransport({ url: socketUrl(location), connect: browserSocket });
  return {
    kind: 'websocket',
    api: buildApi(transport),
    connection: transport.connection,
    retryNow: () => transport.retryNow(),
  };
}
