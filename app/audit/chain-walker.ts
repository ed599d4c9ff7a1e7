import type { AuditProblem } from '../contract/audit.ts';
import type { ChainMac } from './chain-mac.ts';
import { genesisMac } from './chain-mac.ts';
import type { Checkpoint } from './checkpoints.ts';

export interface ChainWalker {
  /** Checks the next stored link; returns the first problem, after which the walk stops. */
  check(seq: number, prevMac: string, mac: string, body: string): AuditProblem | null;
  /** After the last link: a checkpoint beyond it means the tail was cut off. */
  finish(): AuditProblem | null;
  readonly checked: number;
  readonly lastSeq: number;
  readonly lastMac: string;
}

export interface WalkerOptions {
  readonly chain: ChainMac;
  /** Checkpoints (any order); each one's head MAC must appear at its seq. */
  readonly checkpoints?: readonly Checkpoint[];
  /** Where the walk starts, for checking a piece of the chain (one archive file). */
  readonly start?: { readonly seq: number; readonly prevMac: string };
  /** Whether the event with this seq is stored somewhere later (tells reordered from missing). */
  readonly existsLater?: (seq: number) => boolean;
}

/**
 * Walks links in stored order. The hot path is one HMAC and two comparisons per event, on the strings
 * the database hands out (no parsing, no re-encoding, no objects); a link only gets parsed once it has
 * already failed, to say how.
 */
export function createChainWalker(options: WalkerOptions): ChainWalker {
  const { chain } = options;
  const existsLater = options.existsLater ?? (() => false);
  const checkpoints = [...(options.checkpoints ?? [])].filter((c) => c.headSeq > 0).sort((a, b) => a.headSeq - b.headSeq);
  let expected = options.start?.seq ?? 1;
  let lastMac = options.start?.prevMac ?? genesisMac;
  let checked = 0;
  let next = 0;
  while (next < checkpoints.length && (checkpoints[next]?.headSeq ?? 0) < expected) next++;
  let nextCheckpointSeq = checkpoints[next]?.headSeq ?? -1;

  const linkProblem = (seq: number, body: string): AuditProblem => {
    const bodySeq = seqOf(body);
    if (bodySeq === null) return { kind: 'broken', seq, message: `Event ${seq} is not a well-formed event.` };
    if (bodySeq > expected) {
      if (existsLater(expected)) {
        return { kind: 'reordered', seq, message: `Event ${bodySeq} is stored where event ${expected} belongs; event ${expected} comes later.` };
      }
      if (seq !== bodySeq) {
        return { kind: 'missing', seq: expected, message: `Event ${expected} is missing (event ${bodySeq} is stored in its place).` };
      }
      const to = bodySeq - 1;
      return {
        kind: 'missing',
        seq: expected,
        message: to === expected ? `Event ${expected} is missing.` : `Events ${expected}–${to} are missing.`,
      };
    }
    if (bodySeq < expected) {
      return { kind: 'reordered', seq, message: `Event ${bodySeq} appears again after event ${expected - 1}.` };
    }
    if (seq !== bodySeq) {
      return { kind: 'reordered', seq, message: `Event ${bodySeq} is stored under seq ${seq}.` };
    }
    return { kind: 'broken', seq, message: `Event ${seq} does not link to the event before it.` };
  };

  return {
    check(seq, prevMac, mac, body) {
      if (chain.event(prevMac, body) !== mac) {
        return { kind: 'broken', seq, message: `Event ${seq} was altered: its MAC does not match its content.` };
      }
      if (seq !== expected || prevMac !== lastMac) return linkProblem(seq, body);
      while (seq === nextCheckpointSeq) {
        const checkpoint = checkpoints[next];
        if (checkpoint !== undefined && checkpoint.headMac !== mac) {
          return {
            kind: 'broken',
            seq,
            message: `The checkpoint of ${checkpoint.at} recorded a different MAC for event ${seq}: the chain was rewritten from here back.`,
          };
        }
        next++;
        nextCheckpointSeq = checkpoints[next]?.headSeq ?? -1;
      }
      checked++;
      expected = seq + 1;
      lastMac = mac;
      return null;
    },
    finish: () => truncation(checkpoints, expected - 1),
    get checked() {
      return checked;
    },
    get lastSeq() {
      return expected - 1;
    },
    get lastMac() {
      return lastMac;
    },
  };
}

function seqOf(body: string): number | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'seq' in parsed && typeof parsed.seq === 'number') return parsed.seq;
  } catch {
    // falls through: not JSON
  }
  return null;
}

/** A checkpoint beyond the last stored event means the tail was cut off. */
export function truncation(checkpoints: readonly Checkpoint[], lastSeq: number): AuditProblem | null {
  const beyond = checkpoints.reduce<Checkpoint | null>((max, c) => (c.headSeq > (max?.headSeq ?? 0) ? c : max), null);
  if (beyond === null || beyond.headSeq <= lastSeq) return null;
  return {
    kind: 'truncated',
    seq: lastSeq + 1,
    message: `The checkpoint of ${beyond.at} saw events up to ${beyond.headSeq}, but the trail ends at ${lastSeq}.`,
  };
}
