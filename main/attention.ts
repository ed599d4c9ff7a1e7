import type { BrowserWindow } from 'electron';
import { Notification, Tray, app, nativeImage } from 'electron';
import type { ApprovalView } from '../app/contract/index.ts';
import type { EventHub } from '../app/core/event-hub.ts';
import { APP_ENTRY_URL } from './app-url.ts';

export interface AttentionOptions {
  events: EventHub;
  /** The window to bring forward when the person clicks a notification or the tray icon. */
  window: () => BrowserWindow | null;
  trayIconPath: string;
}

const approvalsUrl = `${APP_ENTRY_URL}#/approvals`;

/**
 * Draws a person's attention to calls waiting for them: a desktop notification per request, and
 * the pending count on the dock/taskbar badge and the tray icon. Returns a function that undoes it.
 */
export function watchForAttention(options: AttentionOptions): () => void {
  const tray = new Tray(nativeImage.createFromPath(options.trayIconPath));
  const showApprovals = () => {
    const window = options.window();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    void window.loadURL(approvalsUrl);
  };
  const setPending = (pending: number) => {
    app.setBadgeCount(pending);
    tray.setToolTip(pending === 0 ? 'Warden: nothing waiting' : `Warden: ${pending} call${pending === 1 ? '' : 's'} waiting for approval`);
    // Only macOS shows text beside the tray icon.
    if (process.platform === 'darwin') tray.setTitle(pending === 0 ? '' : String(pending));
  };
  tray.on('click', showApprovals);
  setPending(0);

  const unsubscribe = options.events.subscribe((name, payload) => {
    if (name === 'approvals.changed') setPending((payload as { pending: number }).pending);
    if (name === 'approvals.requested' && Notification.isSupported()) {
      const request = payload as ApprovalView;
      const notification = new Notification({
        title: `Approve ${request.tool}?`,
        body: request.reason,
        // Deny by default stays the rule: the notification only opens the card, it never answers.
        silent: false,
      });
      notification.on('click', showApprovals);
      notification.show();
    }
  });
  return () => {
    unsubscribe();
    tray.destroy();
    app.setBadgeCount(0);
  };
}
