/** The smallest observable value, shaped for React's `useSyncExternalStore`. */
export interface ValueStore<T> {
  readonly get: () => T;
  readonly subscribe: (listener: () => void) => () => void;
}

export interface WritableValueStore<T> extends ValueStore<T> {
  readonly set: (value: T) => void;
}

export function createValueStore<T>(initial: T): WritableValueStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
