import type { LiveRow, LiveStatus } from './live-buffer.ts';
import { isLiveStatus } from './live-buffer.ts';

/** `active`: every call that has not finished yet. */
export type LiveStatusFilter = LiveStatus | 'active';

export interface LiveFilters {
  /** A session id, `null` for calls made outside any session, undefined for all. */
  readonly session?: string | null;
  readonly tool?: string;
  readonly status?: LiveStatusFilter;
}

export const noLiveFilters: LiveFilters = {};

export const isStatusFilter = (value: unknown): value is LiveStatusFilter => value === 'active' || isLiveStatus(value);

export const hasLiveFilter = (filters: LiveFilters): boolean =>
  filters.session !== undefined || filters.tool !== undefined || filters.status !== undefined;

export function matchesLive(filters: LiveFilters, row: LiveRow): boolean {
  if (filters.session !== undefined && row.sessionId !== filters.session) return false;
  if (filters.tool !== undefined && row.tool !== filters.tool) return false;
  if (filters.status === 'active') return row.state !== 'finished';
  if (filters.status !== undefined && row.status !== filters.status) return false;
  return true;
}

/**
 * What the list shows: rows newest first. Index 0 is the newest call. The unfiltered view reads
 * the buffer's array in place; a filtered one is a fresh array per version.
 */
export interface LiveViewRows {
  readonly count: number;
  at(index: number): LiveRow | undefined;
  /** Index of the row with this seq, or -1 when it is not in the view. */
  indexOfSeq(seq: number): number;
  /** How many rows in the view are newer than `seq` (= where a row with that seq would go). */
  newerThan(seq: number): number;
}

/** What a view reads: the buffer's rows (ascending by seq) and how many it has removed from their front. */
export interface LiveSource {
  readonly rows: readonly LiveRow[];
  readonly dropped: number;
}

/**
 * The view of `source` under `filters`. It stays valid after the buffer changes: rows added or
 * replaced since are not in it, and rows dropped since read as undefined.
 */
export function liveView(source: LiveSource, filters: LiveFilters): LiveViewRows {
  if (!hasLiveFilter(filters)) return descendingView(source);
  const { rows } = source;
  const kept: LiveRow[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i] as LiveRow;
    if (matchesLive(filters, row)) kept.push(row);
  }
  return {
    count: kept.length,
    at: (index) => kept[index],
    indexOfSeq: (seq) => {
      const at = firstAtOrBelow(kept.length, (i) => (kept[i] as LiveRow).seq, seq);
      return kept[at]?.seq === seq ? at : -1;
    },
    newerThan: (seq) => firstAtOrBelow(kept.length, (i) => (kept[i] as LiveRow).seq, seq),
  };
}

function descendingView(source: LiveSource): LiveViewRows {
  const count = source.rows.length;
  const droppedAt = source.dropped;
  // Index in the buffer's live array of this view's row `index`, as it is now.
  const at = (index: number): LiveRow | undefined => {
    if (index < 0 || index >= count) return undefined;
    return source.rows[count - 1 - index - (source.dropped - droppedAt)];
  };
  const seqAt = (i: number) => at(i)?.seq ?? -1;
  return {
    count,
    at,
    indexOfSeq: (seq) => {
      const at = firstAtOrBelow(count, seqAt, seq);
      return at < count && seqAt(at) === seq ? at : -1;
    },
    newerThan: (seq) => firstAtOrBelow(count, seqAt, seq),
  };
}

/** In a list of seqs sorted descending, the first index whose seq is ≤ `seq` (count when none is). */
function firstAtOrBelow(count: number, seqAt: (index: number) => number, seq: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (seqAt(mid) > seq) low = mid + 1;
    else high = mid;
  }
  return low;
}
