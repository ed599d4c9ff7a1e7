import type Sqlite from 'better-sqlite3';

/** An archive file as recorded in the store. */
export interface Segment {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly count: number;
  readonly file: string;
  readonly sha256: string;
  readonly lastMac: string;
  readonly lastTs: string;
  readonly archivedAt: string;
}

type SegmentRow = [number, number, number, string, string, string, string, string];

export function listSegments(db: Sqlite.Database): Segment[] {
  return db
    .prepare<[], SegmentRow>(
      'SELECT first_seq, last_seq, count, file, sha256, last_mac, last_ts, archived_at FROM archive_segments ORDER BY first_seq',
    )
    .raw()
    .all()
    .map(([firstSeq, lastSeq, count, file, sha256, lastMac, lastTs, archivedAt]) => ({
      firstSeq,
      lastSeq,
      count,
      file,
      sha256,
      lastMac,
      lastTs,
      archivedAt,
    }));
}
