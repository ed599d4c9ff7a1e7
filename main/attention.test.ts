import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalView } from '../app/contract/index.ts';
import { EventHub } from '../app/core/event-hub.ts';
import { FakeBrowserWindow, FakeNotification, FakeTray, fakeElectron } from './fake-electron.ts';
import { watchForAttention } from './attention.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const card = {
  id: 'apr_1',
  tool: 'delete_path',
  reason: 'delete_path is destructive: a person decides every such call',
} as unknown as ApprovalView;

describe('attention in the desktop app', () => {
  let events: EventHub;
  let window: FakeBrowserWindow;
  beforeEach(() => {
    events = new EventHub();
    vi.spyOn(events, 'emit');
    window = new FakeBrowserWindow({});
  });

  it('puts the pending count on the dock/taskbar badge and the tray tooltip', () => {
    const received: Array<(name: string, payload: unknown) => void> = [];
    vi.spyOn(events, 'subscribe').mockImplementation((listener) => {
      received.push(listener as (name: string, payload: unknown) => void);
      return () => undefined;
    });
    const stop = watchForAttention({ events, window: () => window as never, trayIconPath: '/opt/warden/assets/tray.png' });
    const tray = FakeTray.created.at(-1);
    expect(fakeElectron.nativeImage.createFromPath).toHaveBeenCalledWith('/opt/warden/assets/tray.png');
    received[0]?.('approvals.changed', { pending: 3 });
    expect(fakeElectron.app.setBadgeCount).toHaveBeenLastCalledWith(3);
    expect(tray?.tooltip).toBe('Warden: 3 calls waiting for approval');
    received[0]?.('approvals.changed', { pending: 0 });
    expect(tray?.tooltip).toBe('Warden: nothing waiting');
    stop();
    expect(tray?.destroyed).toBe(true);
    expect(fakeElectron.app.setBadgeCount).toHaveBeenLastCalledWith(0);
  });

  it('notifies on a new request; a click opens the approvals view and never answers it', () => {
    const received: Array<(name: string, payload: unknown) => void> = [];
    vi.spyOn(events, 'subscribe').mockImplementation((listener) => {
      received.push(listener as (name: string, payload: unknown) => void);
      return () => undefined;
    });
    watchForAttention({ events, window: () => window as never, trayIconPath: 'tray.png' });
    received[0]?.('approvals.requested', card);
    const notification = FakeNotification.shown.at(-1);
    expect(notification?.options).toMatchObject({ title: 'Approve delete_path?', body: card.reason });
    for (const listener of notification?.listeners.get('click') ?? []) listener();
    expect(window.loadedUrls.at(-1)).toBe('app://warden/index.html#/approvals');
    expect(events.emit).not.toHaveBeenCalled();
  });
});
