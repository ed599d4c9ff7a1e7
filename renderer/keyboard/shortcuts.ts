import type { ViewId } from '../routing/views.ts';
import { views } from '../routing/views.ts';

/** The parts of a keydown event the shortcuts look at. */
export interface KeyInput {
  readonly key: string;
  readonly code: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly repeat: boolean;
  /** Focus is in a text field, select or contenteditable: keys belong to it. */
  readonly inEditable: boolean;
}

export type ShortcutAction = { readonly type: 'navigate'; readonly view: ViewId } | { readonly type: 'help' };

export interface ShortcutState {
  /** When `g` was pressed, while waiting for the second key. */
  readonly pendingSince: number | null;
}

export const initialShortcutState: ShortcutState = { pendingSince: null };
export const sequenceTimeoutMs = 1500;

export interface ShortcutStep {
  readonly state: ShortcutState;
  readonly action: ShortcutAction | null;
  /** The key was used by a shortcut (call preventDefault). */
  readonly handled: boolean;
}

const idle = (handled = false, action: ShortcutAction | null = null): ShortcutStep => ({
  state: initialShortcutState,
  action,
  handled,
});

/** `g` then a view's letter, Alt+1..9 in navigation order, `?` for the list. Pure: state in, state out. */
export function handleShortcutKey(state: ShortcutState, input: KeyInput, now: number): ShortcutStep {
  if (input.inEditable || input.ctrlKey || input.metaKey) return idle();
  if (input.altKey) {
    const digit = /^Digit([1-9])$/.exec(input.code)?.[1];
    const view = digit === undefined ? undefined : views[Number(digit) - 1];
    return view && !input.repeat ? idle(true, { type: 'navigate', view: view.id }) : idle();
  }
  if (input.repeat) return { state, action: null, handled: false };
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (state.pendingSince !== null && now - state.pendingSince <= sequenceTimeoutMs) {
    const view = views.find((v) => v.key === key);
    return view ? idle(true, { type: 'navigate', view: view.id }) : idle();
  }
  if (input.key === 'g') return { state: { pendingSince: now }, action: null, handled: true };
  if (input.key === '?') return idle(true, { type: 'help' });
  return idle();
}

/** Human-readable list for the help dialog, in navigation order. */
export const shortcutList = views.map((view, index) => ({
  view: view.id,
  title: view.title,
  sequence: ['g', view.key] as const,
  alt: String(index + 1),
}));
