import { useEffect, useEffectEvent } from 'react';
import type { ShortcutAction, ShortcutState } from './shortcuts.ts';
import { handleShortcutKey, initialShortcutState } from './shortcuts.ts';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'range', 'reset', 'submit', 'color', 'file', 'image'].includes(target.type);
  }
  return false;
}

/** Listens for the global shortcuts on the document while mounted. */
export function useShortcuts(onAction: (action: ShortcutAction) => void): void {
  const run = useEffectEvent(onAction);
  useEffect(() => {
    let state: ShortcutState = initialShortcutState;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      // While a modal dialog is open, its keys are its own.
      if (document.querySelector('dialog[open]')) return;
      const step = handleShortcutKey(
        state,
        {
          key: event.key,
          code: event.code,
          altKey: event.altKey,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          repeat: event.repeat,
          inEditable: isEditable(event.target),
        },
        event.timeStamp,
      );
      state = step.state;
      if (step.handled) event.preventDefault();
      if (step.action) run(step.action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
