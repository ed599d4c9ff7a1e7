import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { ipcMain } from 'electron';
import type { Caller, Dispatch, Result } from '../app/contract/index.ts';
import { fail, ipcEventChannel, ipcRequestChannel, requestNames } from '../app/contract/index.ts';
import type { EventHub } from '../app/core/event-hub.ts';
import { isAppUrl } from './app-url.ts';

const DESKTOP_CALLER: Caller = { interface: 'desktop', actor: 'desktop user' };

/**
 * Only the top frame of a page served from app://warden may call the core. A subframe, a page
 * that got navigated elsewhere, or a frame already gone (senderFrame null) is refused.
 */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  let frame: IpcMainInvokeEvent['senderFrame'];
  try {
    frame = event.senderFrame;
  } catch {
    return false;
  }
  if (!frame || frame.parent !== null || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}

/**
 * The one wrapper every contract request goes through: sender check, then the core's dispatcher
 * (which validates the input against the contract's schema). It answers with a Result, never a throw.
 */
function handle(name: string, dispatch: Dispatch): void {
  ipcMain.handle(ipcRequestChannel(name), async (event, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) {
      return fail('forbidden', `${name}: only the Warden window may call this.`);
    }
    try {
      return await dispatch(name, input, DESKTOP_CALLER);
    } catch {
      // The dispatcher already turns failures into results; this only keeps a stack off the wire.
      return fail('internal', `${name} failed unexpectedly; see the console log.`);
    }
  });
}

/** Registers one channel per contract request and nothing else; returns the undo. */
export function registerIpc(dispatch: Dispatch): () => void {
  for (const name of requestNames) handle(name, dispatch);
  return () => {
    for (const name of requestNames) ipcMain.removeHandler(ipcRequestChannel(name));
  };
}

/** Pushes every core event to the window while it shows the app; returns the unsubscribe. */
export function forwardEvents(events: Pick<EventHub, 'subscribe'>, contents: WebContents): () => void {
  return events.subscribe((name, payload) => {
    if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    contents.send(ipcEventChannel(name), payload);
  });
}
