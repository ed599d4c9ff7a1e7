import type Sqlite from 'better-sqlite3';
import { WardenError } from '../contract/result.ts';

/**
 * The store's schema, one entry per version; `PRAGMA user_version` records the last one applied.
 * Never edit a shipped entry: add the next one.
 */
export const migrations: readonly string[] = [
  // 1: the event table, its search index, aggregates, and the guarded archive path.
  `
  -- body is the event's canonical JSON, the bytes the MAC covers; the other columns only index it.
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    body TEXT NOT NULL,
    prev_mac TEXT NOT NULL,
    mac TEXT NOT NULL
  ) STRICT;
  CREATE INDEX events_ts ON events (ts);

  -- Contentless with contentless_delete: the text lives once, in events.body, and archiving can drop
  -- rows by rowid. (An external-content table would need the exact old column values to delete, or it
  -- silently corrupts.) "text" is tool, args, excerpt and summary in one column (one column instead of
  -- four makes appends ~10% faster and the index smaller; the search box searches all four anyway).
  -- "facets" holds one token per filter value, so every filter is an index lookup.
  CREATE VIRTUAL TABLE events_fts USING fts5 (
    text, facets,
    content = '', contentless_delete = 1, tokenize = 'unicode61'
  );
  -- Fewer, larger merges while appending; searches still read few segments.
  INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 8);

  -- Counts per hour, kind and status, kept in the append transaction for stats and the chart.
  CREATE TABLE hourly (
    hour TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (hour, kind, status)
  ) WITHOUT ROWID, STRICT;

  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

  -- Archive files, contiguous from seq 1; a row here is the only thing that lets events be removed.
  CREATE TABLE archive_segments (
    first_seq INTEGER PRIMARY KEY,
    last_seq INTEGER NOT NULL,
    count INTEGER NOT NULL,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    last_mac TEXT NOT NULL,
    last_ts TEXT NOT NULL,
    archived_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE archive_gate (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    archived_through INTEGER NOT NULL
  ) STRICT;
  INSERT INTO archive_gate VALUES (1, 0);

  -- Append-only from the core's side. These guard against our own bugs; an attacker with the file
  -- can drop them, which is what the hash chain and the checkpoints are for.
  CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
  CREATE TRIGGER events_delete_archived_only BEFORE DELETE ON events
  WHEN old.seq > (SELECT archived_through FROM archive_gate)
  BEGIN SELECT RAISE(ABORT, 'only events already written to an archive file can be removed'); END;

  CREATE TRIGGER archive_segments_contiguous BEFORE INSERT ON archive_segments
  WHEN new.first_seq <> (SELECT archived_through FROM archive_gate) + 1
    OR new.last_seq < new.first_seq
    OR new.count <> new.last_seq - new.first_seq + 1
    OR new.last_mac <> (SELECT mac FROM events WHERE seq = new.last_seq)
  BEGIN SELECT RAISE(ABORT, 'an archive segment must continue the archived range and end on a stored event'); END;
  CREATE TRIGGER archive_segments_no_update BEFORE UPDATE ON archive_segments
  BEGIN SELECT RAISE(ABORT, 'archive segments are append-only'); END;
  CREATE TRIGGER archive_segments_no_delete BEFORE DELETE ON archive_segments
  BEGIN SELECT RAISE(ABORT, 'archive segments are append-only'); END;

  -- The gate only moves forward, and only to the end of a recorded segment.
  CREATE TRIGGER archive_gate_forward_only BEFORE UPDATE ON archive_gate
  WHEN new.archived_through <= old.archived_through
    OR NOT EXISTS (SELECT 1 FROM archive_segments
                   WHERE first_seq = old.archived_through + 1 AND last_seq = new.archived_through)
  BEGIN SELECT RAISE(ABORT, 'the archive gate moves only to the end of a recorded archive segment'); END;
  CREATE TRIGGER archive_gate_no_delete BEFORE DELETE ON archive_gate
  BEGIN SELECT RAISE(ABORT, 'the archive gate cannot be removed'); END;
  `,
  // 2: cheaper appends (issue 3's benchmark), same search results.
  `
  -- The store stamps non-decreasing times, so ts is sorted by seq and time-range lookups are binary
  -- searches over the primary key (time-range.ts); this index only cost every append a B-tree insert.
  DROP INDEX events_ts;
  -- Merge 16 segments of a level at a time instead of 8: each indexed token is rewritten fewer times
  -- while appending (~1 µs an event at 1M events), at the price of a few more segments to read.
  INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 16);
  `,
];

/** Brings the store to the latest schema, one transaction per version. */
export function migrate(db: Sqlite.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new WardenError(
      'conflict',
      `The audit store has schema version ${current}; this Warden knows up to ${migrations.length}. Update Warden.`,
    );
  }
  for (let version = current + 1; version <= migrations.length; version++) {
    const sql = migrations[version - 1] ?? '';
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
