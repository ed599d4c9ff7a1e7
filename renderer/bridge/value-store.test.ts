import { describe, expect, it } from 'vitest';
import { createValueStore } from './value-store.ts';

describe('createValueStore', () => {
  it('notifies subscribers on change only, until they unsubscribe', () => {
    const store = createValueStore(1);
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.set(1);
    store.set(2);
    unsubscribe();
    store.set(3);
    expect(calls).toBe(1);
    expect(store.get()).toBe(3);
  });
});
