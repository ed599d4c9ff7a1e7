import { join } from 'node:path';
import { rmSync, renameSync } from 'node:fs';
import type { AuditEventInput } from '../contract/audit.ts';
import { WardenError } from '../contract/result.ts';
import { readGzipLines, sha256OfFile, writeGzipFile } from './archive-file.ts';
import { genesisMac } from './chain-mac.ts';
import { decodeChainLine, encodeChainLine } from './chain-line.ts';
import { createChainWalker } from './chain-walker.ts';
import { listSegments } from './segments.ts';
import type { ChainRecord, Store } from './store.ts';
import { createTimeRange } from './time-range.ts';

export interface ArchiveResult {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly count: number;
  /** File name inside the store's `archive/` directory. */
  readonly file: string;
  readonly sha256: string;
  /** The seq of the lifecycle event that records this archiving. */
  readonly recordedAs: number;
}

const readChunk = 5_000;

/**
 * Moves every event recorded before `before` out of the searchable store into a gzip JSONL file in
 * `archive/`, keeping seq, prevMac and MAC so the file still verifies as part of the chain.
 *
 * The only way events leave the table, and it is never silent:
 * 1. write the file (to a temporary name), fsync, read it back and verify it link by link;
 * 2. rename it into place;
 * 3. in one transaction: record the segment (file name, sha256, last MAC), move the archive gate to its
 *    end, remove those rows from the search index and the table, and append a lifecycle event that
 *    says what was archived where. The delete trigger refuses any row above the gate, and the gate's
 *    own triggers let it move only forward and only to the end of a recorded segment, so no code path
 *    can remove an event that is not already in a verified file.
 * A crash before step 3 leaves at most an unreferenced file; the events stay in the table.
 */
export async function archiveBefore(store: Store, before: Date, actor: string): Promise<ArchiveResult | null> {
  const { db } = store;
  const lo = store.archivedThrough() + 1;
  const hi = createTimeRange(db).lastBefore(before.toISOString()) ?? 0;
  if (hi < lo) return null;

  const previous = listSegments(db).at(-1);
  const start = { seq: lo, prevMac: previous?.lastMac ?? genesisMac };
  const range = db
    .prepare<[number, number, number], [number, string, string, string]>(
      'SELECT seq, prev_mac, mac, body FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    )
    .raw();
  function* lines(): Generator<string> {
    for (let after = lo - 1; after < hi; ) {
      let chunk = '';
      for (const [seq, prevMac, mac, body] of range.iterate(after, hi, readChunk)) {
        chunk += `${encodeChainLine({ seq, prevMac, mac, body })}\n`;
        after = seq;
      }
      if (chunk === '') break;
      yield chunk;
    }
  }

  const file = `audit-${pad(lo)}-${pad(hi)}.jsonl.gz`;
  const path = join(store.paths.archiveDir, file);
  const tmp = `${path}.partial`;
  await writeGzipFile(tmp, lines());
  const written = await checkArchiveFile(store, tmp, start, hi);
  if (written.problem !== null) {
    rmSync(tmp, { force: true });
    throw new WardenError('internal', `Archiving stopped: the written file did not verify (${written.problem}). Nothing was removed.`);
  }
  const sha256 = await sha256OfFile(tmp);
  renameSync(tmp, path);

  const count = hi - lo + 1;
  const cutoff = before.toISOString();
  const record: AuditEventInput = {
    kind: 'lifecycle',
    status: 'success',
    actor,
    summary: `Archived ${count} events (seq ${lo}–${hi}, recorded before ${cutoff}) to ${file}.`,
    details: { action: 'archive', firstSeq: lo, lastSeq: hi, count, file, sha256, before: cutoff },
  };
  const insertSegment = db.prepare(
    'INSERT INTO archive_segments (first_seq, last_seq, count, file, sha256, last_mac, last_ts, archived_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const raiseGate = db.prepare('UPDATE archive_gate SET archived_through = ? WHERE id = 1');
  const dropFromIndex = db.prepare('DELETE FROM events_fts WHERE rowid BETWEEN ? AND ?');
  const dropEvents = db.prepare('DELETE FROM events WHERE seq BETWEEN ? AND ?');
  const [event] = store.appendBatch([record], () => {
    const archivedAt = new Date(store.now()).toISOString();
    insertSegment.run(lo, hi, count, file, sha256, written.lastMac, written.lastTs, archivedAt);
    raiseGate.run(hi);
    dropFromIndex.run(lo, hi);
    const removed = dropEvents.run(lo, hi).changes;
    if (removed !== count) throw new WardenError('conflict', `Expected to archive ${count} events, found ${removed}.`);
  });
  return { firstSeq: lo, lastSeq: hi, count, file, sha256, recordedAs: event?.seq ?? 0 };
}

interface FileCheck {
  readonly problem: string | null;
  readonly lastMac: string;
  readonly lastTs: string;
}

async function checkArchiveFile(
  store: Store,
  path: string,
  start: { seq: number; prevMac: string },
  hi: number,
): Promise<FileCheck> {
  const walker = createChainWalker({ chain: store.chain, start });
  let lastBody = '';
  for await (const line of readGzipLines(path)) {
    const record = decodeChainLine(line);
    if (record === null) return { problem: 'a line is not a chain record', lastMac: '', lastTs: '' };
    const problem = walker.check(record.seq, record.prevMac, record.mac, record.body);
    if (problem !== null) return { problem: problem.message, lastMac: '', lastTs: '' };
    lastBody = record.body;
  }
  if (walker.lastSeq !== hi) return { problem: `it ends at ${walker.lastSeq}, not ${hi}`, lastMac: '', lastTs: '' };
  const ts = (JSON.parse(lastBody) as { ts: string }).ts;
  return { problem: null, lastMac: walker.lastMac, lastTs: ts };
}

/** Records with seq > `after` from the archive files (for a forwarder that fell behind), oldest first. */
export async function readArchived(store: Store, after: number, limit: number): Promise<ChainRecord[]> {
  const segment = listSegments(store.db).find((s) => s.lastSeq > after && s.firstSeq <= after + 1);
  if (segment === undefined) return [];
  const records: ChainRecord[] = [];
  for await (const line of readGzipLines(join(store.paths.archiveDir, segment.file))) {
    const record = decodeChainLine(line);
    if (record === null || record.seq <= after) continue;
    records.push(record);
    if (records.length >= limit) break;
  }
  return records;
}

const pad = (seq: number): string => String(seq).padStart(12, '0');
