import type Sqlite from 'better-sqlite3';

/** Time → seq lookups over the live events table. */
export interface TimeRange {
  /** The lowest live seq whose ts is ≥ `ts`, or undefined when there is none. */
  firstAtOrAfter(ts: string): number | undefined;
  /** The highest live seq whose ts is < `ts`, or undefined when there is none. */
  lastBefore(ts: string): number | undefined;
}

type SeqTs = [seq: number, ts: string];

/**
 * The store stamps non-decreasing times (see `write` in store.ts: never earlier than the previous
 * event), so ts is sorted by seq and a time is found by binary search over the rowid: ~20 primary-key
 * seeks (tens of µs at 1M events). That is why there is no index on ts (schema 2 dropped it): keeping
 * one cost every append an extra B-tree insert. Seeks use `seq >= ?`, so gaps in seq are fine.
 */
export function createTimeRange(db: Sqlite.Database): TimeRange {
  const seek = db.prepare<[number], SeqTs>('SELECT seq, ts FROM events WHERE seq >= ? ORDER BY seq LIMIT 1').raw();
  const lowest = db.prepare<[], number>('SELECT seq FROM events ORDER BY seq LIMIT 1').pluck();
  const highest = db.prepare<[], number>('SELECT seq FROM events ORDER BY seq DESC LIMIT 1').pluck();
  const below = db.prepare<[number], number>('SELECT seq FROM events WHERE seq < ? ORDER BY seq DESC LIMIT 1').pluck();

  const firstAtOrAfter = (ts: string): number | undefined => {
    const first = lowest.get();
    const last = highest.get();
    if (first === undefined || last === undefined) return undefined;
    // Invariant: the answer is the first row with seq ≥ lo, and no row with seq ≥ hi is needed.
    let lo = first;
    let hi = last + 1;
    while (lo < hi) {
      const mid = lo + Math.floor((hi - lo) / 2);
      const row = seek.get(mid);
      if (row === undefined || row[1] >= ts) hi = mid;
      else lo = row[0] + 1;
    }
    return seek.get(lo)?.[0];
  };

  return {
    firstAtOrAfter,
    lastBefore(ts) {
      const at = firstAtOrAfter(ts);
      return at === undefined ? highest.get() : below.get(at);
    },
  };
}
