import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditHistogram, AuditHistogramInput, AuditKind, AuditStats, AuditStatus } from '../contract/audit.ts';
import { auditKinds, auditStatuses } from '../contract/audit.ts';
import type { Checkpoint } from './checkpoints.ts';
import type { Store } from './store.ts';

export interface StatsOptions {
  readonly retentionDays: number;
  readonly lastCheckpoint: Checkpoint | null;
}

/** Counts come from the hourly table kept in the append transaction: no scan of the events. */
export function auditStats(store: Store, options: StatsOptions): AuditStats {
  const { db } = store;
  const head = store.head();
  const archived = store.archivedThrough();
  const byKind = zeroes<AuditKind>(auditKinds);
  for (const [kind, n] of db.prepare<[], [AuditKind, number]>('SELECT kind, sum(n) FROM hourly GROUP BY kind').raw().all()) {
    byKind[kind] = n;
  }
  const byStatus = zeroes<AuditStatus>(auditStatuses);
  for (const [status, n] of db
    .prepare<[], [AuditStatus, number]>('SELECT status, sum(n) FROM hourly GROUP BY status')
    .raw()
    .all()) {
    byStatus[status] = n;
  }
  const firstLiveTs = db.prepare<[], string>('SELECT ts FROM events ORDER BY seq LIMIT 1').pluck().get() ?? null;
  return {
    total: head.seq,
    live: head.seq - archived,
    archived,
    firstLiveTs,
    lastTs: head.ts === '' ? null : head.ts,
    byKind,
    byStatus,
    storeBytes: storeBytes(store),
    retentionDays: options.retentionDays,
    lastCheckpoint:
      options.lastCheckpoint === null ? null : { at: options.lastCheckpoint.at, headSeq: options.lastCheckpoint.headSeq },
  };
}

/**
 * Events per hour by status, from the hourly table. Buckets are whole hours: the one holding `since`
 * is included, the one holding `until` only if `until` is after its start. Archived events still
 * count, since they were recorded then.
 */
export function auditHistogram(store: Store, range: AuditHistogramInput): AuditHistogram {
  const from = `${range.since.slice(0, 13)}:00:00.000Z`;
  const rows = store.db
    .prepare<[string, string], [string, AuditStatus, number]>(
      'SELECT hour, status, sum(n) FROM hourly WHERE hour >= ? AND hour < ? GROUP BY hour, status ORDER BY hour',
    )
    .raw()
    .all(from, range.until);
  const buckets: AuditHistogram['buckets'] = [];
  for (const [hour, status, n] of rows) {
    let bucket = buckets.at(-1);
    if (bucket?.hour !== hour) {
      bucket = { hour, ...zeroes<AuditStatus>(auditStatuses) };
      buckets.push(bucket);
    }
    bucket[status] = n;
  }
  return { buckets };
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function storeBytes(store: Store): number {
  const { paths } = store;
  const files = [paths.db, `${paths.db}-wal`, `${paths.db}-shm`];
  for (const name of readdirSync(paths.archiveDir)) files.push(join(paths.archiveDir, name));
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += statSync(file).size;
    } catch {
      // -wal/-shm come and go with checkpoints.
    }
  }
  return bytes;
}
