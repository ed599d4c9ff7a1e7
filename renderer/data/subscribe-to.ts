import type { EventName, PayloadOf, Unsubscribe, WardenApi } from '../../app/contract/index.ts';
import { splitName, subscriberKey } from '../../app/contract/index.ts';

/** Subscribes to a contract event by name, e.g. `system.ping` → `api.system.onPing(listener)`. */
export function subscribeTo<N extends EventName>(
  api: WardenApi,
  name: N,
  listener: (payload: PayloadOf<N>) => void,
): Unsubscribe {
  const [area, action] = splitName(name);
  const group: unknown = (api as unknown as Record<string, unknown>)[area];
  const subscribe: unknown =
    typeof group === 'object' && group !== null ? (group as Record<string, unknown>)[subscriberKey(action)] : undefined;
  if (typeof subscribe !== 'function') {
    // A preload built from an older contract: say so once, do not crash the window.
    console.warn(`Warden: this bridge has no subscription for ${name}.`);
    return () => {};
  }
  return (subscribe as (fn: (payload: PayloadOf<N>) => void) => Unsubscribe)(listener);
}
