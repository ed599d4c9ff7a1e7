import { join } from 'node:path';
import { BrowserWindow, app, dialog, session } from 'electron';
import type { CliEndpoint } from '../app/core/cli-endpoint.ts';
import { startCliEndpoint } from '../app/core/cli-endpoint.ts';
import { loadConfig } from '../app/core/config.ts';
import type { Warden } from '../app/core/warden.ts';
import { createWarden } from '../app/core/warden.ts';
import { APP_ENTRY_URL } from './app-url.ts';
import { watchForAttention } from './attention.ts';
import { hardenSession, installAppGuards } from './hardening.ts';
import { forwardEvents, registerIpc } from './ipc.ts';
import { modelFilePicker } from './model-picker.ts';
import { handleAppProtocol, registerAppScheme } from './protocol.ts';
import { WINDOW_PARTITION, createMainWindow } from './window.ts';

// Before ready: the scheme's privileges, sandboxing of every renderer, and guards for every
// webContents must be in place before the first one can exist. This file is bundled into one
// ESM module, so these run synchronously, ahead of the ready event.
registerAppScheme();
app.enableSandbox();
installAppGuards(app);

if (app.requestSingleInstanceLock()) start();
else app.quit();

function start(): void {
  let warden: Warden | null = null;
  let cliEndpoint: CliEndpoint | null = null;
  let mainWindow: BrowserWindow | null = null;
  let stopAttention: () => void = () => undefined;

  const openWindow = (core: Warden): void => {
    const window = createMainWindow({
      preloadPath: join(app.getAppPath(), 'dist', 'preload', 'index.cjs'),
      devTools: !app.isPackaged,
    });
    const stopEvents = forwardEvents(core.events, window.webContents);
    window.on('closed', () => {
      stopEvents();
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
    window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
      console.error(`Could not load ${APP_ENTRY_URL}; was the renderer built (npm run build)?`, error);
    });
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // macOS apps stay alive without windows and reopen one from the dock.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (warden && BrowserWindow.getAllWindows().length === 0) openWindow(warden);
  });

  // Quitting closes the CLI endpoint (so no command is mid-call), then waits for the core to close
  // its stores, then quits for real.
  app.on('will-quit', (event) => {
    const core = warden;
    if (!core) return;
    const endpoint = cliEndpoint;
    warden = null;
    cliEndpoint = null;
    stopAttention();
    event.preventDefault();
    Promise.resolve(endpoint?.close())
      .catch((error: unknown) => console.error('The CLI endpoint did not close cleanly', error))
      .then(() => core.close())
      .catch((error: unknown) => console.error('Warden did not close cleanly', error))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      const core = await createWarden(loadConfig({ shell: 'desktop' }), { pickModelFile: modelFilePicker(() => mainWindow) });
      warden = core;
      // `warden tool` and `warden agent` on this data dir send their calls here, to be approved in this window.
      cliEndpoint = await startCliEndpoint(core);
      const windowSession = session.fromPartition(WINDOW_PARTITION);
      hardenSession(windowSession);
      handleAppProtocol(windowSession, join(app.getAppPath(), 'dist', 'renderer'));
      registerIpc(core.dispatch);
      openWindow(core);
      stopAttention = watchForAttention({
        events: core.events,
        window: () => mainWindow,
        trayIconPath: join(app.getAppPath(), 'assets', 'tray.png'),
      });
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('Warden could not start', message);
      app.exit(1);
    });
}
