import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEvent } from '../contract/audit.ts';
import { decodeChainLine, encodeChainLine } from './chain-line.ts';
import { appendDurably, writeFileAtomically } from './private-fs.ts';
import type { ChainRecord } from './store.ts';

/** What the forwarder needs from the trail. */
export interface ForwardSource {
  readChain(after: number, limit: number): Promise<ChainRecord[]>;
  onAppended(listener: (events: readonly AuditEvent[]) => void): () => void;
}

export interface ForwarderOptions {
  /** A file to append to, or a directory (then `warden-audit.jsonl` inside it): a NAS, a SIEM agent's inbox. */
  readonly target: string;
  /** Remembers the last forwarded seq. */
  readonly stateFile: string;
  /** A failed write (target unreachable) is retried on the next append or pump. */
  readonly onError?: (error: unknown) => void;
}

export interface Forwarder {
  /** Forwards everything not yet forwarded; resolves with the number of events written. */
  pump(): Promise<number>;
  /** The last seq known to be in the target. */
  readonly lastSeq: number;
  stop(): void;
}

const batch = 1_000;
const tailWindow = 1 << 20;

/**
 * Appends every event, as a chain line (seq, prevMac, MAC, event), to an external file, in order,
 * each exactly once. The position is kept in a state file written after the lines are fsynced; on
 * start the target's own last line is read too, so a crash between the two writes resumes after what
 * the target already has (no duplicate), and a line torn by a crash is cut off and written again.
 */
export function createForwarder(source: ForwardSource, options: ForwarderOptions): Forwarder {
  const file = isDirectory(options.target) ? join(options.target, 'warden-audit.jsonl') : options.target;
  let lastSeq = Math.max(readState(options.stateFile, file), lastSeqInTarget(file));
  let queue: Promise<number> = Promise.resolve(0);
  let scheduled = false;

  const drain = async (): Promise<number> => {
    let written = 0;
    for (;;) {
      const records = await source.readChain(lastSeq, batch);
      const first = records[0];
      const last = records.at(-1);
      if (first === undefined || last === undefined) return written;
      if (first.seq !== lastSeq + 1) {
        throw new Error(`Events ${lastSeq + 1}–${first.seq - 1} are in neither the store nor its archives; not forwarding past the gap.`);
      }
      appendDurably(file, `${records.map(encodeChainLine).join('\n')}\n`);
      lastSeq = last.seq;
      writeFileAtomically(options.stateFile, `${JSON.stringify({ target: file, lastSeq })}\n`);
      written += records.length;
    }
  };
  const pump = (): Promise<number> => {
    queue = queue.catch(() => 0).then(drain);
    return queue;
  };
  let stopped = false;
  const unsubscribe = source.onAppended(() => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      // The trail may close right after stop(); a pump scheduled before that must not touch it.
      if (stopped) return;
      pump().catch((error: unknown) => options.onError?.(error));
    });
  });
  return {
    pump,
    get lastSeq() {
      return lastSeq;
    },
    stop: () => {
      stopped = true;
      unsubscribe();
    },
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readState(stateFile: string, target: string): number {
  try {
    const state: unknown = JSON.parse(readFileSync(stateFile, 'utf8'));
    if (typeof state !== 'object' || state === null || !('target' in state) || !('lastSeq' in state)) return 0;
    // A state written for another target says nothing about this one.
    return state.target === target && typeof state.lastSeq === 'number' ? state.lastSeq : 0;
  } catch {
    return 0;
  }
}

/** The seq on the target's last complete line; a torn last line is removed so the next write starts clean. */
function lastSeqInTarget(file: string): number {
  let fd: number;
  try {
    fd = openSync(file, 'r+');
  } catch {
    return 0;
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, tailWindow);
    const tail = Buffer.alloc(length);
    readSync(fd, tail, 0, length, size - length);
    const end = tail.lastIndexOf(0x0a);
    if (end + 1 < length) ftruncateSync(fd, size - (length - end - 1));
    if (end < 0) return 0;
    const start = end === 0 ? 0 : tail.lastIndexOf(0x0a, end - 1) + 1;
    return decodeChainLine(tail.toString('utf8', start, end))?.seq ?? 0;
  } finally {
    closeSync(fd);
  }
}
