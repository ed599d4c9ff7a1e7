import type { EventName, PayloadOf } from '../contract/index.ts';
import { events } from '../contract/index.ts';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Fans pushed events out to every transport; a payload that breaks the contract is never sent. */
export class EventHub {
  readonly #listeners = new Set<EventListener>();
  readonly #outgoing: (payload: unknown) => unknown;

  /** `outgoing` is applied to every payload before any listener sees it (the redactor). */
  constructor(outgoing: (payload: unknown) => unknown = (payload) => payload) {
    this.#outgoing = outgoing;
  }

  emit<N extends EventName>(name: N, payload: PayloadOf<N>): void {
    const checked = this.#outgoing(events[name].payload.parse(payload));
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
