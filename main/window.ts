import type { BrowserWindowConstructorOptions } from 'electron';
import { BrowserWindow } from 'electron';

/** The window's own session, so its storage and permission handlers are nobody else's. */
export const WINDOW_PARTITION = 'persist:warden';

export interface MainWindowOptions {
  /** Absolute path of the bundled preload (`dist/preload/index.cjs`). */
  readonly preloadPath: string;
  /** DevTools are for development; a packaged build turns them off. */
  readonly devTools: boolean;
}

/**
 * Every security-relevant web preference is spelled out, even where it is Electron's default,
 * so a future default change or a careless edit shows up in the tests.
 */
export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    title: 'Warden',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    backgroundColor: '#0f1115',
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      partition: WINDOW_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.devTools,
    },
  };
}

/** Creates the hidden window and shows it once it has painted, so no white flash. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options));
  window.once('ready-to-show', () => window.show());
  return window;
}
