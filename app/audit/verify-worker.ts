import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { AuditProblem } from '../contract/audit.ts';
import { createChainMac } from './chain-mac.ts';
import { createChainWalker } from './chain-walker.ts';
import type { Checkpoint } from './checkpoints.ts';
import { liveExistsLater, walkLive } from './live-walk.ts';

/** The upper part of the live table to verify on a second core. */
export interface UpperInput {
  readonly dbPath: string;
  readonly key: Uint8Array;
  /** First seq to check and the (stored) MAC it must link to; the caller checks that anchor. */
  readonly start: { readonly seq: number; readonly prevMac: string };
  readonly checkpoints: readonly Checkpoint[];
}

export interface UpperOutcome {
  readonly problem: AuditProblem | null;
  readonly checked: number;
  readonly lastSeq: number;
}

export type UpperMessage = { type: 'progress'; checked: number } | { type: 'done'; outcome: UpperOutcome };

const port = parentPort;
if (port !== null) {
  // Sent by verify.ts, which built it from the types above.
  const input = workerData as UpperInput;
  const db = new Database(input.dbPath, { readonly: true, fileMustExist: true });
  try {
    const walker = createChainWalker({
      chain: createChainMac(Buffer.from(input.key)),
      checkpoints: input.checkpoints,
      start: input.start,
      existsLater: liveExistsLater(db),
    });
    const send = (message: UpperMessage): void => port.postMessage(message);
    const problem = await walkLive(db, walker, input.start.seq - 1, Number.MAX_SAFE_INTEGER, () =>
      send({ type: 'progress', checked: walker.checked }),
    );
    send({ type: 'done', outcome: { problem, checked: walker.checked, lastSeq: walker.lastSeq } });
  } finally {
    db.close();
  }
}
