import { describe, expect, it } from 'vitest';
import type { BatchScheduler } from './live-batch.ts';
import { createBatcher } from './live-batch.ts';

function manualScheduler() {
  const queued: Array<() => void> = [];
  let cancelled = 0;
  const scheduler: BatchScheduler = {
    schedule(flush) {
      queued.push(flush);
      return () => {
        cancelled++;
      };
    },
  };
  return { scheduler, run: () => queued.splice(0).forEach((flush) => flush()), queued, cancelled: () => cancelled };
}

describe('createBatcher', () => {
  it('delivers everything pushed before a flush as one batch, scheduling once', () => {
    const manual = manualScheduler();
    const batches: number[][] = [];
    const batcher = createBatcher<number>((batch) => batches.push(batch), manual.scheduler);
    batcher.push(1);
    batcher.push(2);
    batcher.push(3);
    expect(manual.queued).toHaveLength(1);
    manual.run();
    batcher.push(4);
    manual.run();
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('flushes on demand and drops everything once disposed', () => {
    const manual = manualScheduler();
    const batches: number[][] = [];
    const batcher = createBatcher<number>((batch) => batches.push(batch), manual.scheduler);
    batcher.push(1);
    batcher.flush();
    expect(batches).toEqual([[1]]);
    expect(manual.cancelled()).toBe(1);
    batcher.push(2);
    batcher.dispose();
    batcher.push(3);
    manual.run();
    expect(batches).toEqual([[1]]);
  });
});
