import type { IpcRendererEvent } from 'electron';
import { contextBridge, ipcRenderer } from 'electron';
import type { Transport } from '../app/contract/api.ts';
import { buildApi } from '../app/contract/api.ts';
import type { Result } from '../app/contract/result.ts';
import { ipcEventChannel, ipcRequestChannel } from '../app/contract/wire.ts';

/**
 * The page gets intent-level functions built from the contract (`warden.system.info()`), never
 * ipcRenderer itself nor a channel name it could choose. Listeners get the payload only: the IPC
 * event object would hand the page `sender`, i.e. ipcRenderer.
 */
const ipcTransport: Transport = {
  call: (name, input) => ipcRenderer.invoke(ipcRequestChannel(name), input) as Promise<Result<unknown>>,
  subscribe: (name, listener) => {
    const channel = ipcEventChannel(name);
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
};

contextBridge.exposeInMainWorld('warden', buildApi(ipcTransport));
