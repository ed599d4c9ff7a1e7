import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AuditProblem, AuditVerifyReport } from '../contract/audit.ts';
import { readGzipLines, sha256OfFile } from './archive-file.ts';
import { decodeChainLine } from './chain-line.ts';
import type { ChainWalker } from './chain-walker.ts';
import { createChainWalker, truncation } from './chain-walker.ts';
import { readCheckpoints } from './checkpoints.ts';
import { liveExistsLater, walkLive } from './live-walk.ts';
import type { Segment } from './segments.ts';
import { listSegments } from './segments.ts';
import type { Store } from './store.ts';
import type { UpperInput, UpperMessage, UpperOutcome } from './verify-worker.ts';

export type ProgressFn = (done: number, total: number) => void;

export interface VerifyOptions {
  /** From this many live events on, a second thread helps (below, starting it costs more than it saves). */
  readonly parallelFrom?: number;
  /** The worker script; a bundled app points this at its built copy of verify-worker.ts. */
  readonly workerUrl?: URL;
}

/**
 * Verifies the whole trail as one chain: every archive file in order, then the live table, against
 * every checkpoint. Stops at the first problem, in chain order; a problem in the checkpoint file itself
 * comes after any problem in the chain.
 *
 * A large live table is verified on two cores: each MAC depends only on its row (it covers the stored
 * previous MAC), so a worker thread walks the upper half from the stored MAC of the middle row while
 * this thread walks the lower half, and then checks that the lower half really ends on that MAC.
 * If the worker cannot start (e.g. a bundle without its file), this thread walks both halves.
 */
export async function verifyTrail(
  store: Store,
  onProgress?: ProgressFn,
  options: VerifyOptions = {},
): Promise<AuditVerifyReport> {
  const started = performance.now();
  const parallelFrom = options.parallelFrom ?? 200_000;
  const { db, chain } = store;
  const log = readCheckpoints(store.paths.checkpointFile, chain);
  const headSeq = store.head().seq;
  const existsLater = liveExistsLater(db);
  const walker = createChainWalker({ chain, checkpoints: log.checkpoints, existsLater });
  let archivedChecked = 0;
  let upperChecked = 0;
  const report = (problem: AuditProblem | null): AuditVerifyReport => ({
    ok: problem === null,
    checked: walker.checked + upperChecked,
    archivedChecked,
    checkpointsChecked: log.checkpoints.length,
    headSeq,
    problem,
    durationMs: performance.now() - started,
  });
  const progress = (): void => {
    const done = walker.checked + upperChecked;
    onProgress?.(done, Math.max(headSeq, done));
  };

  for (const segment of listSegments(db)) {
    const problem = await walkArchive(store.paths.archiveDir, segment, walker);
    if (problem !== null) return report(problem);
    archivedChecked += segment.count;
    progress();
  }

  const from = walker.lastSeq;
  const mid = from + Math.floor((headSeq - from) / 2);
  const anchor =
    headSeq - from >= parallelFrom
      ? db.prepare<[number], string>('SELECT mac FROM events WHERE seq = ?').pluck().get(mid)
      : undefined;
  if (anchor === undefined) {
    const problem = await walkLive(db, walker, from, Number.MAX_SAFE_INTEGER, progress);
    return report(problem ?? walker.finish() ?? log.problem);
  }

  const upperInput: UpperInput = {
    dbPath: store.paths.db,
    key: store.macKey,
    start: { seq: mid + 1, prevMac: anchor },
    checkpoints: log.checkpoints,
  };
  const workerUrl = options.workerUrl ?? new URL('./verify-worker.ts', import.meta.url);
  const upper = startUpperWorker(workerUrl, upperInput, (checked) => {
    upperChecked = checked;
    progress();
  });
  const lower = await walkLive(db, walker, from, mid, progress);
  if (lower !== null) {
    upper.stop();
    return report(lower);
  }
  if (walker.lastMac !== anchor) {
    upper.stop();
    return report({ kind: 'broken', seq: mid + 1, message: `Event ${mid} changed while it was being verified.` });
  }
  const outcome: UpperOutcome = await upper.result.catch(async () => {
    const here = createChainWalker({ chain, checkpoints: log.checkpoints, start: upperInput.start, existsLater });
    const problem = await walkLive(db, here, mid, Number.MAX_SAFE_INTEGER, () => {
      upperChecked = here.checked;
      progress();
    });
    return { problem, checked: here.checked, lastSeq: here.lastSeq };
  });
  upperChecked = outcome.checked;
  return report(outcome.problem ?? truncation(log.checkpoints, outcome.lastSeq) ?? log.problem);
}

interface UpperRun {
  readonly result: Promise<UpperOutcome>;
  stop(): void;
}

function startUpperWorker(url: URL, input: UpperInput, onProgress: (checked: number) => void): UpperRun {
  let worker: Worker;
  try {
    worker = new Worker(url, { workerData: input });
  } catch (error) {
    return { result: Promise.reject(error), stop: () => undefined };
  }
  const result = new Promise<UpperOutcome>((resolve, reject) => {
    worker.on('message', (message: UpperMessage) => {
      if (message.type === 'progress') onProgress(message.checked);
      else resolve(message.outcome);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the verify worker exited (${code}) without a result`)));
  });
  // Settled once, by whichever comes first; a late exit after the result changes nothing.
  result.catch(() => undefined);
  return { result, stop: () => void worker.terminate() };
}

async function walkArchive(archiveDir: string, segment: Segment, walker: ChainWalker): Promise<AuditProblem | null> {
  const path = join(archiveDir, segment.file);
  if (!existsSync(path)) {
    return {
      kind: 'missing',
      seq: segment.firstSeq,
      message: `Archive file ${segment.file} (events ${segment.firstSeq}–${segment.lastSeq}) is missing.`,
    };
  }
  if ((await sha256OfFile(path)) !== segment.sha256) {
    return { kind: 'broken', seq: segment.firstSeq, message: `Archive file ${segment.file} is not the file that was archived.` };
  }
  for await (const line of readGzipLines(path)) {
    const record = decodeChainLine(line);
    if (record === null) {
      return { kind: 'broken', seq: walker.lastSeq + 1, message: `Archive file ${segment.file} has a line that is not a chain record.` };
    }
    const problem = walker.check(record.seq, record.prevMac, record.mac, record.body);
    if (problem !== null) return { ...problem, message: `${problem.message} (archive file ${segment.file})` };
  }
  if (walker.lastSeq !== segment.lastSeq || walker.lastMac !== segment.lastMac) {
    return {
      kind: 'truncated',
      seq: walker.lastSeq + 1,
      message: `Archive file ${segment.file} ends at event ${walker.lastSeq}; it should end at ${segment.lastSeq}.`,
    };
  }
  return null;
}
