import type { WardenApi } from '../../app/contract/index.ts';
import type { Bridge } from './bridge.ts';
import type { Connection } from './connection.ts';
import { createValueStore } from './value-store.ts';
import { createWsBridge } from './ws-bridge.ts';

export interface BridgeHost {
  readonly warden?: WardenApi | undefined;
  readonly location: Pick<Location, 'protocol' | 'host'>;
}

/** Electron's IPC has no connection of its own to lose; liveness comes from the heartbeat. */
const ipcConnection = createValueStore<Connection>({ state: 'open', attempt: 0, retryAt: null, since: Date.now() });

/** Picks the bridge once, at start-up: the preload's `window.warden` if present, else the WebSocket. */
export function chooseBridge(
  host: BridgeHost,
  createWs: (location: BridgeHost['location']) => Bridge = createWsBridge,
): Bridge {
  if (host.warden) return { kind: 'ipc', api: host.warden, connection: ipcConnection, retryNow: () => {} };
  return createWs(host.location);
}
