import { join } from 'node:path';
import type {
  AuditChainStatus,
  AuditEvent,
  AuditEventInput,
  AuditExportResult,
  AuditHistogram,
  AuditHistogramInput,
  AuditPage,
  AuditQuery,
  AuditStats,
  AuditVerifyReport,
} from '../contract/audit.ts';
import { WardenError } from '../contract/result.ts';
import type { ArchiveResult } from './archive.ts';
import { archiveBefore, readArchived } from './archive.ts';
import { genesisMac } from './chain-mac.ts';
import type { Checkpoint, CheckpointReason } from './checkpoints.ts';
import { appendCheckpoint, readCheckpoints } from './checkpoints.ts';
import { decodeBody } from './event-body.ts';
import type { ExportOptions } from './export.ts';
import { exportEvents } from './export.ts';
import type { Forwarder, ForwarderOptions } from './forwarder.ts';
import { createForwarder } from './forwarder.ts';
import { createSearch } from './search.ts';
import { listSegments } from './segments.ts';
import type { SeparationReport } from './separation.ts';
import { checkStoreSeparation } from './separation.ts';
import { auditHistogram, auditStats } from './stats.ts';
import type { ChainRecord, StoreOptions } from './store.ts';
import { openStore } from './store.ts';
import type { ProgressFn } from './verify.ts';
import { verifyTrail } from './verify.ts';

export interface AuditTrailOptions extends StoreOptions {
  /** Days of events kept searchable before `applyRetention` archives them (default 90). */
  readonly retentionDays?: number;
  /** Where verify's worker script is, when bundling moved it (see verify.ts). */
  readonly verifyWorkerUrl?: URL;
}

export interface AuditEntry {
  readonly event: AuditEvent;
  readonly chain: AuditChainStatus;
}

/** The audit trail: append-only from here (no update or delete), searchable, verifiable. */
export interface AuditTrail {
  readonly dir: string;
  /** Records one event; returns it (with seq and ts) once committed. */
  append(event: AuditEventInput): AuditEvent;
  /** Records events in one transaction; returns them once committed. */
  appendBatch(events: readonly AuditEventInput[]): AuditEvent[];
  search(query: AuditQuery): AuditPage;
  /** One live event and its chain status; `not_found` for unknown or archived seqs. */
  get(seq: number): AuditEntry;
  verify(onProgress?: ProgressFn): Promise<AuditVerifyReport>;
  stats(): AuditStats;
  histogram(range: AuditHistogramInput): AuditHistogram;
  exportTo(options: ExportOptions): Promise<AuditExportResult>;
  /** Moves events recorded before `before` to an archive file, recording that it did (see archive.ts). */
  archive(before: Date, actor: string): Promise<ArchiveResult | null>;
  /** Archives what is older than the retention period; call it daily. */
  applyRetention(actor?: string): Promise<ArchiveResult | null>;
  /** Writes a checkpoint of the current head to the second location now. */
  checkpoint(reason?: CheckpointReason): Checkpoint | null;
  /** Links after `after`, from archives when needed, oldest first (the forwarder reads with this). */
  readChain(after: number, limit: number): Promise<ChainRecord[]>;
  /** Starts forwarding every event to an external file or directory. */
  forward(options: Omit<ForwarderOptions, 'stateFile'> & { stateFile?: string }): Forwarder;
  onAppended(listener: (events: readonly AuditEvent[]) => void): () => void;
  /** Modes and owners of the store's directories and files. */
  checkSeparation(): SeparationReport;
  /** Writes a closing checkpoint and closes the store. */
  close(): void;
}

const dayMs = 86_400_000;

export function openAuditTrail(options: AuditTrailOptions): AuditTrail {
  const retentionDays = options.retentionDays ?? 90;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new RangeError('retentionDays must be a whole number ≥ 1.');
  const store = openStore(options);
  const { db, chain, paths } = store;
  const search = createSearch(store);
  let lastCheckpoint = readCheckpoints(paths.checkpointFile, chain).checkpoints.at(-1) ?? null;
  // Verify and archive both walk the chain; one at a time, so neither sees the other's half-work.
  let exclusive: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const run = exclusive.catch(() => undefined).then(work);
    exclusive = run;
    return run;
  };

  const checkpoint = (reason: CheckpointReason = 'manual'): Checkpoint | null => {
    const head = store.head();
    if (head.seq === 0 || (reason !== 'manual' && lastCheckpoint?.headSeq === head.seq)) return lastCheckpoint;
    // Make the database durable up to the head first (fsyncs the WAL and copies it into the file),
    // so an OS crash cannot leave a checkpoint that claims more than the database kept.
    db.pragma('wal_checkpoint(PASSIVE)');
    lastCheckpoint = appendCheckpoint(paths.checkpointFile, chain, {
      at: new Date(store.now()).toISOString(),
      headSeq: head.seq,
      headMac: head.mac,
      reason,
    });
    return lastCheckpoint;
  };

  const appendBatch = (events: readonly AuditEventInput[]): AuditEvent[] => {
    const appended = store.appendBatch(events);
    const day = appended.at(-1)?.ts.slice(0, 10);
    if (day !== undefined && day !== lastCheckpoint?.date) checkpoint('daily');
    return appended;
  };

  const recordOf = db.prepare<[number], [string, string, string]>('SELECT prev_mac, mac, body FROM events WHERE seq = ?').raw();
  const macOf = db.prepare<[number], string>('SELECT mac FROM events WHERE seq = ?').pluck();

  const archive = (before: Date, actor: string): Promise<ArchiveResult | null> =>
    serialized(async () => {
      const result = await archiveBefore(store, before, actor);
      if (result !== null) checkpoint('archive');
      return result;
    });

  const trail: AuditTrail = {
    dir: paths.dir,
    append: (event) => {
      const [appended] = appendBatch([event]);
      if (appended === undefined) throw new WardenError('internal', 'The append returned no event.');
      return appended;
    },
    appendBatch,
    search: (query) => search.page(query),
    get(seq) {
      const row = recordOf.get(seq);
      if (row === undefined) {
        const segment = listSegments(db).find((s) => s.firstSeq <= seq && seq <= s.lastSeq);
        throw new WardenError(
          'not_found',
          segment === undefined ? `There is no audit event ${seq}.` : `Audit event ${seq} has been archived to ${segment.file}.`,
        );
      }
      const [prevMac, mac, body] = row;
      const expectedPrev =
        seq === 1
          ? genesisMac
          : (macOf.get(seq - 1) ?? listSegments(db).find((s) => s.lastSeq === seq - 1)?.lastMac ?? null);
      return {
        event: decodeBody(body),
        chain: {
          mac,
          prevMac,
          macValid: chain.event(prevMac, body) === mac,
          linkValid: expectedPrev === prevMac,
          checkpointed: (lastCheckpoint?.headSeq ?? 0) >= seq,
        },
      };
    },
    verify: (onProgress) =>
      serialized(() =>
        verifyTrail(store, onProgress, options.verifyWorkerUrl === undefined ? {} : { workerUrl: options.verifyWorkerUrl }),
      ),
    stats: () => auditStats(store, { retentionDays, lastCheckpoint }),
    histogram: (range) => auditHistogram(store, range),
    exportTo: (exportOptions) => exportEvents(search, exportOptions),
    archive,
    applyRetention: (actor = 'retention') => archive(new Date(store.now() - retentionDays * dayMs), actor),
    checkpoint,
    async readChain(after, limit) {
      if (after < store.archivedThrough()) return readArchived(store, after, limit);
      return store.readAfter(after, limit);
    },
    forward(forwardOptions) {
      return createForwarder(trail, {
        ...forwardOptions,
        stateFile: forwardOptions.stateFile ?? join(paths.dir, 'forwarder-state.json'),
      });
    },
    onAppended: (listener) => store.onAppended(listener),
    checkSeparation: () => checkStoreSeparation([paths.dir, paths.checkpointDir]),
    close() {
      checkpoint('close');
      store.close();
    },
  };
  return trail;
}
