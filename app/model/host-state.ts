import type { ModelStatus } from '../contract/model.ts';

/** The host's status and its listeners; every update notifies them with the new snapshot. */
export class StatusBroadcaster {
  #current: ModelStatus;
  readonly #listeners = new Set<(status: ModelStatus) => void>();

  constructor(initial: ModelStatus) {
    this.#current = initial;
  }

  get current(): ModelStatus {
    return this.#current;
  }

  update(change: Partial<ModelStatus>): void {
    this.#current = { ...this.#current, ...change };
    for (const listener of this.#listeners) {
      try {
        listener(this.#current);
      } catch {
        // One failing listener must not stop the others or the host.
      }
    }
  }

  subscribe(listener: (status: ModelStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/**
 * Runs tasks one after another, in call order: one model has one context sequence, and a load
 * must wait for the call it aborted to let go of the model.
 */
export function runInOrder(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  };
}
