import { join } from 'node:path';
import Database from 'better-sqlite3';
import type Sqlite from 'better-sqlite3';
import type { AuditEvent, AuditEventInput } from '../contract/audit.ts';
import { WardenError } from '../contract/result.ts';
import type { ChainMac } from './chain-mac.ts';
import { createChainMac, genesisMac } from './chain-mac.ts';
import { encodeEvent } from './event-body.ts';
import { facetText } from './facets.ts';
import type { AuditKeyProvider } from './key-provider.ts';
import { fileKeyProvider } from './key-provider.ts';
import { migrate } from './migrations.ts';
import { ensurePrivateDir, ensurePrivateFile } from './private-fs.ts';

export interface StoreOptions {
  /** The store's private directory (0700): database, key file, archives, default checkpoint dir. */
  readonly dir: string;
  /** Defaults to the `audit.key` file beside the store (see fileKeyProvider for why it is weaker). */
  readonly keyProvider?: AuditKeyProvider;
  /** The second location for checkpoints; defaults to `<dir>/checkpoints`. Put it elsewhere to gain. */
  readonly checkpointDir?: string;
  /** Milliseconds since the epoch; tests and the benchmark replay time with their own clock. */
  readonly now?: () => number;
  /** Where a throwing `onAppended` listener's error goes; the append itself has committed. */
  readonly onListenerError?: (error: unknown) => void;
}

export interface StorePaths {
  readonly dir: string;
  readonly db: string;
  readonly key: string;
  readonly checkpointDir: string;
  readonly checkpointFile: string;
  readonly archiveDir: string;
}

/** One link of the chain exactly as stored. */
export interface ChainRecord {
  readonly seq: number;
  readonly prevMac: string;
  readonly mac: string;
  /** The event's canonical JSON. */
  readonly body: string;
}

export interface Head {
  readonly seq: number;
  readonly mac: string;
  /** ISO timestamp of the head event, or '' before the first one. */
  readonly ts: string;
}

export interface Store {
  readonly db: Sqlite.Database;
  readonly paths: StorePaths;
  readonly chain: ChainMac;
  /** The MAC key, for a verify worker thread; never written anywhere by the store. */
  readonly macKey: Buffer;
  readonly now: () => number;
  head(): Head;
  /** Highest seq moved to archive files (0 when none). */
  archivedThrough(): number;
  /**
   * Appends events in one transaction and returns them once committed. `within` runs first in that
   * same transaction (archiving uses it so that removing archived rows and recording it are atomic).
   */
  appendBatch(inputs: readonly AuditEventInput[], within?: () => void): AuditEvent[];
  onAppended(listener: (events: readonly AuditEvent[]) => void): () => void;
  /** Stored links with seq > `after`, oldest first. */
  readAfter(after: number, limit: number): ChainRecord[];
  close(): void;
}

type HeadRow = [seq: number, mac: string, ts: string];
type RecordRow = [seq: number, prevMac: string, mac: string, body: string];

function storePaths(options: Pick<StoreOptions, 'dir' | 'checkpointDir'>): StorePaths {
  const checkpointDir = options.checkpointDir ?? join(options.dir, 'checkpoints');
  return {
    dir: options.dir,
    db: join(options.dir, 'audit.db'),
    key: join(options.dir, 'audit.key'),
    checkpointDir,
    checkpointFile: join(checkpointDir, 'audit-checkpoints.jsonl'),
    archiveDir: join(options.dir, 'archive'),
  };
}

export function openStore(options: StoreOptions): Store {
  const paths = storePaths(options);
  ensurePrivateDir(paths.dir);
  ensurePrivateDir(paths.checkpointDir);
  ensurePrivateDir(paths.archiveDir);
  ensurePrivateFile(paths.db);
  const db = new Database(paths.db);
  try {
    // WAL + synchronous=NORMAL: a commit is appended to the WAL with write(2) before append() returns,
    // so it survives the process being killed at any instant (SIGKILL, crash): the kernel has the data.
    // Only an OS crash or power loss can lose the last transactions before the next WAL checkpoint
    // fsyncs them; writing a checkpoint record first forces that fsync (see checkpoints.ts).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    const key = (options.keyProvider ?? fileKeyProvider(paths.key)).getKey();
    const chain = createChainMac(key);
    checkKeyFingerprint(db, chain);
    return createStore(db, paths, chain, key, options);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A stored MAC of a constant tells a replaced or lost key apart from tampering, before any append. */
function checkKeyFingerprint(db: Sqlite.Database, chain: ChainMac): void {
  const fingerprint = chain.text('warden-audit-key-id').slice(0, 16);
  const stored = db.prepare<[], string>("SELECT value FROM meta WHERE key = 'key_id'").pluck().get();
  if (stored === undefined) {
    db.prepare("INSERT INTO meta (key, value) VALUES ('key_id', ?)").run(fingerprint);
  } else if (stored !== fingerprint) {
    throw new WardenError(
      'conflict',
      'The audit key does not match the one this audit store was written with (key file replaced or lost). ' +
        'Restore the original key; appending with another key would break the chain.',
    );
  }
}

function createStore(
  db: Sqlite.Database,
  paths: StorePaths,
  chain: ChainMac,
  macKey: Buffer,
  options: StoreOptions,
): Store {
  const now = options.now ?? Date.now;
  const onListenerError = options.onListenerError ?? ((error: unknown) => console.error('audit listener failed', error));
  const listeners = new Set<(events: readonly AuditEvent[]) => void>();

  const lastEvent = db.prepare<[], HeadRow>('SELECT seq, mac, ts FROM events ORDER BY seq DESC LIMIT 1').raw();
  const lastSegment = db
    .prepare<[], HeadRow>('SELECT last_seq, last_mac, last_ts FROM archive_segments ORDER BY first_seq DESC LIMIT 1')
    .raw();
  const gate = db.prepare<[], number>('SELECT archived_through FROM archive_gate').pluck();
  const insertEvent = db.prepare('INSERT INTO events (seq, ts, body, prev_mac, mac) VALUES (?, ?, ?, ?, ?)');
  const insertFts = db.prepare(
    'INSERT INTO events_fts (rowid, text, facets) VALUES (?, ?, ?)',
  );
  const bumpHourly = db.prepare(
    'INSERT INTO hourly (hour, kind, status, n) VALUES (?, ?, ?, ?) ON CONFLICT (hour, kind, status) DO UPDATE SET n = n + excluded.n',
  );
  const after = db
    .prepare<[number, number], RecordRow>('SELECT seq, prev_mac, mac, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?')
    .raw();

  const head = (): Head => {
    // The live table is empty only before the first event or right after archiving all of it.
    const row = lastEvent.get() ?? lastSegment.get();
    return row === undefined ? { seq: 0, mac: genesisMac, ts: '' } : { seq: row[0], mac: row[1], ts: row[2] };
  };

  const write = db.transaction((inputs: readonly AuditEventInput[], within: (() => void) | undefined) => {
    within?.();
    // The head is read inside the write lock, so another process appending to the same store
    // (e.g. a CLI command while the app runs) continues the chain instead of forking it.
    const start = head();
    let { seq, mac } = start;
    let tsMs = start.ts === '' ? 0 : Date.parse(start.ts);
    let ts = start.ts;
    const events: AuditEvent[] = [];
    const hours = new Map<string, number>();
    for (const input of inputs) {
      seq += 1;
      // Never earlier than the previous event: time then maps to seq ranges (search relies on it),
      // and a clock stepping back cannot make the trail look reordered.
      const t = Math.max(now(), tsMs);
      if (t !== tsMs || ts === '') {
        tsMs = t;
        ts = new Date(t).toISOString();
      }
      const encoded = encodeEvent(input, seq, ts);
      const event = encoded.event;
      const next = chain.event(mac, encoded.body);
      insertEvent.run(seq, ts, encoded.body, mac, next);
      // The ids that tie events together (a call, its approval) are searchable too: "show me this call".
      const ids = [event.details?.['callId'], event.details?.['approvalId']].filter((id) => typeof id === 'string').join(' ');
      const text = `${event.tool ?? ''}\n${encoded.argsJson}\n${event.excerpt ?? ''}\n${event.summary}\n${ids}`;
      insertFts.run(seq, text, facetText(event));
      const bucket = `${ts.slice(0, 13)}:00:00.000Z ${event.kind} ${event.status}`;
      hours.set(bucket, (hours.get(bucket) ?? 0) + 1);
      mac = next;
      events.push(event);
    }
    for (const [bucket, n] of hours) bumpHourly.run(...bucket.split(' '), n);
    return events;
  });

  return {
    db,
    paths,
    chain,
    macKey,
    now,
    head,
    archivedThrough: () => gate.get() ?? 0,
    appendBatch(inputs, within) {
      if (inputs.length === 0 && within === undefined) return [];
      const events = write.immediate(inputs, within);
      for (const listener of listeners) {
        try {
          listener(events);
        } catch (error) {
          onListenerError(error);
        }
      }
      return events;
    },
    onAppended(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    readAfter: (seq, limit) =>
      after.all(seq, limit).map(([s, prevMac, mac, body]) => ({ seq: s, prevMac, mac, body })),
    close() {
      listeners.clear();
      db.close();
    },
  };
}
