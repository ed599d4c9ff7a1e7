import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from './backoff.ts';

describe('backoffDelay', () => {
  const opts = { baseMs: 100, maxMs: 1_000, factor: 2, jitter: 0 };

  it('doubles from the base and stops at the ceiling', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n, opts))).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('keeps jittered delays between (1 - jitter) and 1 times the ceiling', () => {
    const jittered = { ...opts, jitter: 0.5 };
    expect(backoffDelay(2, jittered, () => 0)).toBe(200);
    expect(backoffDelay(2, jittered, () => 1)).toBe(400);
    expect(backoffDelay(2, jittered, () => 0.5)).toBe(300);
  });

  it('never exceeds the default maximum and treats negative attempts as the first', () => {
    expect(backoffDelay(1_000, defaultBackoff, () => 1)).toBe(defaultBackoff.maxMs);
    expect(backoffDelay(-3, opts)).toBe(100);
  });
});
