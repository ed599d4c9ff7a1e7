/**
 * A stand-in for the parts of Electron that main/ uses, for unit tests only (loaded through
 * `vi.mock('electron', ...)`): the real package would try to download its binary. It records what
 * the code under test configured so the tests can assert each setting and replay events.
 */
import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapper = (...args: never[]): unknown => {
      this.removeListener(event, wrapper);
      return listener(...args);
    };
    return this.on(event, wrapper);
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  emit(event: string, ...args: unknown[]): boolean {
    const listeners = this.listeners.get(event) ?? [];
    for (const listener of listeners) (listener as (...a: unknown[]) => unknown)(...args);
    return listeners.length > 0;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** The event object Electron hands to listeners: preventDefault plus the event's details. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  readonly url: string;
}

export function fakeEvent(url = ''): FakeEvent {
  return {
    defaultPrevented: false,
    url,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
type DevicePermissionHandler = (details: unknown) => boolean;

export class FakeSession extends FakeEmitter {
  readonly partition: string;
  readonly protocol = {
    handlers: new Map<string, ProtocolHandler>(),
    handle(scheme: string, handler: ProtocolHandler): void {
      this.handlers.set(scheme, handler);
    },
  };
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: DevicePermissionHandler | null = null;

  constructor(partition = '') {
    super();
    this.partition = partition;
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: DevicePermissionHandler | null): void {
    this.devicePermissionHandler = handler;
  }

  /** Asks this session's handlers the way Chromium would; true only if something granted it. */
  async requestPermission(permission: string): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return true; // Electron's default is to grant.
    return new Promise((resolve) => handler(null, permission, resolve, {}));
  }
}

export class FakeFrame {
  url: string;
  readonly parent: FakeFrame | null;

  constructor(url: string, parent: FakeFrame | null = null) {
    this.url = url;
    this.parent = parent;
  }
}

type WindowOpenHandler = (details: { url: string }) => { action: string };

export class FakeWebContents extends FakeEmitter {
  readonly session: FakeSession;
  readonly mainFrame = new FakeFrame('app://warden/index.html');
  readonly sent: Array<[channel: string, payload: unknown]> = [];
  destroyed = false;
  windowOpenHandler: WindowOpenHandler | null = null;

  constructor(session = new FakeSession()) {
    super();
    this.session = session;
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** Replays a navigation event and says whether the app let it through. */
  tryNavigate(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    const e = fakeEvent(url);
    this.emit(event, e, url);
    return !e.defaultPrevented;
  }
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

const sessions = new Map<string, FakeSession>();

class FakeApp extends FakeEmitter {
  appPath = '/opt/warden';
  isPackaged = false;
  readonly enableSandbox = vi.fn();
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly whenReady = vi.fn(() => Promise.resolve());
  readonly setBadgeCount = vi.fn((_count: number) => true);

  getAppPath(): string {
    return this.appPath;
  }
}

const app = new FakeApp();

export class FakeBrowserWindow extends FakeEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created.filter((w) => !w.webContents.destroyed);
  }

  readonly options: { webPreferences?: { partition?: string } & Record<string, unknown> } & Record<string, unknown>;
  readonly webContents: FakeWebContents;
  readonly loadedUrls: string[] = [];
  visible = false;

  constructor(options: FakeBrowserWindow['options']) {
    super();
    this.options = options;
    const partition = options.webPreferences?.partition;
    this.webContents = new FakeWebContents(partition ? fakeSession.fromPartition(partition) : fakeSession.defaultSession);
    FakeBrowserWindow.created.push(this);
    // As in Electron, every new webContents is announced on the app.
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }

  show(): void {
    this.visible = true;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}
  focus(): void {}
}

const fakeSession = {
  defaultSession: new FakeSession(''),
  fromPartition(partition: string): FakeSession {
    let found = sessions.get(partition);
    if (!found) {
      found = new FakeSession(partition);
      sessions.set(partition, found);
    }
    return found;
  },
};

const handlers = new Map<string, IpcHandler>();

export class FakeTray extends FakeEmitter {
  static readonly created: FakeTray[] = [];
  tooltip = '';
  title = '';
  destroyed = false;
  readonly image: unknown;
  constructor(image: unknown) {
    super();
    this.image = image;
    FakeTray.created.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setTitle(text: string): void {
    this.title = text;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends FakeEmitter {
  static readonly shown: FakeNotification[] = [];
  static isSupported(): boolean {
    return true;
  }
  readonly options: { title: string; body: string };
  constructor(options: { title: string; body: string }) {
    super();
    this.options = options;
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
}

export const fakeElectron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  session: fakeSession,
  ipcMain: {
    handlers,
    handle: vi.fn((channel: string, handler: IpcHandler) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
    on: vi.fn(),
    once: vi.fn(),
  },
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn(),
  },
  shell: { openExternal: vi.fn() },
  Tray: FakeTray,
  Notification: FakeNotification,
  nativeImage: { createFromPath: vi.fn((path: string) => ({ path })) },
  dialog: { showErrorBox: vi.fn() },
};
