import type { EventName, PayloadOf } from '../contract/index.ts';
import { events } from '../contract/index.ts';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Fans pushed events out to every transport; a payload that breaks the contract is never sent. */
export class EventHub {
  readonly #listeners = new Set<EventListener>();

  emit<N extends EventName>(name: N, payload: PayloadOf<N>): void {
    const checked = events[name].payload.parse(payload);
    for (const listener of this.#listeners) listener(name, checked);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
