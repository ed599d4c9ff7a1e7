import { useSyncExternalStore } from 'react';
import type { ApprovalView } from '../../app/contract/index.ts';

/*
 * Desktop notifications of new approval requests in the web console (the desktop app's main
 * process shows its own). Permission is asked only when the person clicks "Notify me"; after
 * that they can switch them off here without touching the browser's settings.
 */

const preferenceKey = 'warden.approvals.notify';
export type NotifyPermission = NotificationPermission | 'unsupported';

export interface NotifyState {
  readonly permission: NotifyPermission;
  /** The person asked for notifications in this browser (and has not switched them off). */
  readonly wanted: boolean;
}

const listeners = new Set<() => void>();
let snapshot: NotifyState | null = null;

function read(): NotifyState {
  const permission: NotifyPermission = typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
  let wanted = false;
  try {
    wanted = localStorage.getItem(preferenceKey) === 'on';
  } catch {
    // Storage refused (private mode): notifications stay off.
  }
  return { permission, wanted };
}

function current(): NotifyState {
  const next = read();
  if (snapshot === null || snapshot.permission !== next.permission || snapshot.wanted !== next.wanted) snapshot = next;
  return snapshot;
}

function changed(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // The person may change the permission in the browser's site settings while the page is open.
  window.addEventListener('focus', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('focus', listener);
  };
}

function setWanted(on: boolean): void {
  try {
    localStorage.setItem(preferenceKey, on ? 'on' : 'off');
  } catch {
    // Nothing to keep it in; the choice lasts until the page closes at most.
  }
  changed();
}

export function useNotifyState(): NotifyState {
  return useSyncExternalStore(subscribe, current);
}

/** Asks the browser for permission (call it from a click) and switches notifications on if granted. */
export async function enableNotifications(): Promise<NotifyPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  setWanted(permission === 'granted');
  return permission;
}

export function disableNotifications(): void {
  setWanted(false);
}

export const notificationsOn = (): boolean => {
  const state = current();
  return state.permission === 'granted' && state.wanted;
};

/** What a notification says: enough to know whether to go and look, never the full arguments. */
export function notificationText(view: Pick<ApprovalView, 'tool' | 'risk' | 'reason' | 'untrustedSources'>): { title: string; body: string } {
  const untrusted = view.untrustedSources.length > 0 ? ' Untrusted content was involved.' : '';
  const reason = view.reason.length > 160 ? `${view.reason.slice(0, 159)}…` : view.reason;
  return { title: `Approve ${view.tool}? (${view.risk})`, body: `${reason}${untrusted} No answer in time means deny.` };
}
