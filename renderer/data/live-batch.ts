/** How a batch waits for its flush: the next animation frame, with a timer for hidden windows. */
export interface BatchScheduler {
  /** Runs `flush` once, soon; returns what cancels it. */
  schedule(flush: () => void): () => void;
}

/**
 * The next frame, or `fallbackMs` at most: a hidden tab gets no animation frames, and events must
 * not pile up there until it is shown again.
 */
export function frameScheduler(fallbackMs = 250): BatchScheduler {
  return {
    schedule(flush) {
      let done = false;
      const run = () => {
        if (done) return;
        done = true;
        cancelAnimationFrame(frame);
        clearTimeout(timer);
        flush();
      };
      const frame = requestAnimationFrame(run);
      const timer = setTimeout(run, fallbackMs);
      return () => {
        done = true;
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      };
    },
  };
}

export interface Batcher<T> {
  push(item: T): void;
  /** Delivers what is waiting now. */
  flush(): void;
  /** Drops what is waiting and stops. */
  dispose(): void;
}

/**
 * Collects items and hands them over in one batch per flush: at 1,000 events a second the store
 * changes (and React renders) once per frame, not once per event.
 */
export function createBatcher<T>(deliver: (batch: T[]) => void, scheduler: BatchScheduler): Batcher<T> {
  let waiting: T[] = [];
  let cancel: (() => void) | null = null;
  let disposed = false;
  const flush = () => {
    cancel?.();
    cancel = null;
    if (waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    deliver(batch);
  };
  return {
    push(item) {
      if (disposed) return;
      waiting.push(item);
      cancel ??= scheduler.schedule(flush);
    },
    flush,
    dispose() {
      disposed = true;
      cancel?.();
      cancel = null;
      waiting = [];
    },
  };
}
