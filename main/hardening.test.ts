import type { App, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { FakeSession, FakeWebContents, fakeElectron, fakeEvent } from './fake-electron.ts';
import { hardenSession, hardenWebContents, installAppGuards } from './hardening.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const asContents = (c: FakeWebContents) => c as unknown as WebContents;

function hardened(): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(asContents(contents));
  return contents;
}

const foreign = [
  'https://example.com/',
  'http://127.0.0.1:5173/',
  'file:///etc/passwd',
  'app://evil/index.html',
  'app://warden.evil/index.html',
  'app://user@warden/index.html',
  'javascript:alert(1)',
  'data:text/html,hi',
  'not a url',
];

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)(
    '%s: stays on app://warden, everything else is prevented',
    (event) => {
      const contents = hardened();
      expect(contents.tryNavigate(event, 'app://warden/index.html')).toBe(true);
      expect(contents.tryNavigate(event, 'app://warden/other.html#x')).toBe(true);
      for (const url of foreign) expect(contents.tryNavigate(event, url), url).toBe(false);
    },
  );

  it('prevents every <webview> from attaching', () => {
    const contents = hardened();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, { nodeIntegration: false }, { src: 'app://warden/index.html' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies every new window and never opens anything externally', () => {
    const contents = hardened();
    const handler = contents.windowOpenHandler;
    expect(handler).not.toBeNull();
    for (const url of ['https://example.com/', 'app://warden/index.html', ...foreign]) {
      expect(handler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(fakeElectron.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('hardenSession', () => {
  const session = new FakeSession('persist:warden');
  hardenSession(session as unknown as Session);

  it.each(['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown'])(
    'denies the %s permission request',
    async (permission) => {
      expect(await session.requestPermission(permission)).toBe(false);
    },
  );

  it('answers every permission check and device request with no', () => {
    for (const permission of ['media', 'hid', 'serial', 'usb', 'notifications']) {
      expect(session.permissionCheckHandler?.(null, permission, 'app://warden', {})).toBe(false);
    }
    expect(session.devicePermissionHandler?.({ deviceType: 'usb', origin: 'app://warden' })).toBe(false);
  });
});

describe('installAppGuards', () => {
  it('hardens every webContents the app creates, and its session', async () => {
    installAppGuards(fakeElectron.app as unknown as App);
    const contents = new FakeWebContents(new FakeSession('other'));
    fakeElectron.app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.tryNavigate('will-navigate', 'https://example.com/')).toBe(false);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    expect(await contents.session.requestPermission('media')).toBe(false);
    expect(contents.session.devicePermissionHandler).not.toBeNull();
  });
});
