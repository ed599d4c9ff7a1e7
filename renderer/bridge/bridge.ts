import type { WardenApi } from '../../app/contract/index.ts';
import type { ConnectionStore } from './connection.ts';

/** What the UI gets at start-up: the typed API, how it is carried, and the state of the link. */
export interface Bridge {
  /** `ipc`: the Electron preload's `window.warden`; `websocket`: the headless server's `/ws`. */
  readonly kind: 'ipc' | 'websocket';
  readonly api: WardenApi;
  readonly connection: ConnectionStore;
  /** Reconnect now; a no-op where there is nothing to reconnect. */
  readonly retryNow: () => void;
}
