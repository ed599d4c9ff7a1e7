import type { WardenApi } from '../../app/contract/index.ts';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser, where the WebSocket bridge is used. */
    readonly warden?: WardenApi;
  }
}

export {};
