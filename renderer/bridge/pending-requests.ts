import type { Result, WardenErrorInfo } from '../../app/contract/index.ts';

interface Entry {
  readonly id: number;
  readonly name: string;
  /** The serialised request, kept until it has been handed to an open socket. */
  readonly message: string;
  sent: boolean;
  readonly resolve: (result: Result<unknown>) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * Requests waiting for an answer, by id. Every request settles exactly once: with the server's
 * answer, with a timeout, or with the error given when the connection gives up on it.
 */
export function createPendingRequests(timeoutMs: number) {
  const entries = new Map<number, Entry>();
  let nextId = 1;

  function settle(id: number, result: Result<unknown>): boolean {
    const entry = entries.get(id);
    if (!entry) return false;
    entries.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
    return true;
  }

  return {
    /** Registers a request; `serialise` receives the id to put in the message. */
    add(name: string, serialise: (id: number) => string): { id: number; result: Promise<Result<unknown>> } {
      const id = nextId++;
      const result = new Promise<Result<unknown>>((resolve) => {
        const timer = setTimeout(() => {
          settle(id, {
            ok: false,
            error: { code: 'timeout', message: `${name} got no answer within ${Math.round(timeoutMs / 1000)} s.` },
          });
        }, timeoutMs);
        entries.set(id, { id, name, message: serialise(id), sent: false, resolve, timer });
      });
      return { id, result };
    },
    nameOf: (id: number): string | undefined => entries.get(id)?.name,
    settle,
    /** Requests not yet handed to a socket, oldest first. */
    unsent(): { id: number; message: string }[] {
      return [...entries.values()].filter((e) => !e.sent).map(({ id, message }) => ({ id, message }));
    },
    markSent(id: number): void {
      const entry = entries.get(id);
      if (entry) entry.sent = true;
    },
    /** Fails the requests a lost connection can no longer answer (`sentOnly`), or all of them. */
    failAll(error: WardenErrorInfo, sentOnly: boolean): number {
      let count = 0;
      for (const entry of [...entries.values()]) {
        if (sentOnly && !entry.sent) continue;
        if (settle(entry.id, { ok: false, error })) count++;
      }
      return count;
    },
    get size(): number {
      return entries.size;
    },
  };
}

export type PendingRequests = ReturnType<typeof createPendingRequests>;
