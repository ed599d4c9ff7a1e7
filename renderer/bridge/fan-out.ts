type Listener = (payload: unknown) => void;

/** Listeners by event name; one throwing listener never stops the others. */
export function createFanOut(onListenerError: (error: unknown) => void) {
  const byName = new Map<string, Set<Listener>>();
  return {
    add(name: string, listener: Listener): () => void {
      let set = byName.get(name);
      if (!set) byName.set(name, (set = new Set()));
      // Wrap so the same function subscribed twice gets two independent subscriptions.
      const entry: Listener = (payload) => listener(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
        if (set.size === 0 && byName.get(name) === set) byName.delete(name);
      };
    },
    emit(name: string, payload: unknown): void {
      const set = byName.get(name);
      if (!set) return;
      for (const listener of [...set]) {
        try {
          listener(payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    count(name: string): number {
      return byName.get(name)?.size ?? 0;
    },
  };
}

export type FanOut = ReturnType<typeof createFanOut>;
