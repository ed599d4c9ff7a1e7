import type { App, Session, WebContents } from 'electron';
import { isAppUrl } from './app-url.ts';

/**
 * The window only ever shows the app's own pages: navigation elsewhere, redirects, new windows
 * and <webview> are refused. New windows are denied outright rather than handed to
 * shell.openExternal, so no renderer-supplied URL ever reaches the OS.
 */
export function hardenWebContents(contents: WebContents): void {
  const stayHome = (event: { preventDefault(): void; url: string }): void => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * The console needs no browser permission (camera, notifications, clipboard, USB, ...), and
 * Electron grants them all unless told otherwise, so every request and check is denied.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Applies the same rules to every webContents the app ever creates, not just the main window. */
export function installAppGuards(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
    hardenSession(contents.session);
  });
}
