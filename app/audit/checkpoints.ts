import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AuditProblem } from '../contract/audit.ts';
import { AuditTimestampSchema } from '../contract/audit.ts';
import { canonicalJson } from './canonical-json.ts';
import type { ChainMac } from './chain-mac.ts';
import { appendDurably } from './private-fs.ts';

/**
 * A checkpoint is a keyed record of the chain's head written outside the SQLite file (one JSON line,
 * append-only). Cutting the tail off the database leaves an older head that no longer reaches the
 * checkpointed one, which verify reports as truncation; forging a checkpoint needs the key.
 */
const CheckpointSchema = z.object({
  at: AuditTimestampSchema,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  count: z.number().int().nonnegative(),
  headSeq: z.number().int().nonnegative(),
  headMac: z.string().regex(/^[0-9a-f]{64}$/),
  reason: z.enum(['daily', 'close', 'manual', 'archive']),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;
export type CheckpointReason = Checkpoint['reason'];

function checkpointMac(chain: ChainMac, fields: Omit<Checkpoint, 'mac'>): string {
  // The prefix separates checkpoint MACs from event MACs (whose input starts with 64 hex digits).
  return chain.text(`warden-audit-checkpoint\n${canonicalJson(fields)}`);
}

export interface CheckpointInput {
  readonly at: string;
  readonly headSeq: number;
  readonly headMac: string;
  readonly reason: CheckpointReason;
}

/** Appends and fsyncs one checkpoint; the caller has made the database durable up to `headSeq` first. */
export function appendCheckpoint(file: string, chain: ChainMac, input: CheckpointInput): Checkpoint {
  const fields = {
    at: input.at,
    date: input.at.slice(0, 10),
    count: input.headSeq,
    headSeq: input.headSeq,
    headMac: input.headMac,
    reason: input.reason,
  };
  const checkpoint: Checkpoint = { ...fields, mac: checkpointMac(chain, fields) };
  appendDurably(file, `${canonicalJson(checkpoint)}\n`);
  return checkpoint;
}

export interface CheckpointLog {
  /** Valid checkpoints in file order. */
  readonly checkpoints: readonly Checkpoint[];
  /** The first line that is not a valid checkpoint: reported by verify as a break. */
  readonly problem: AuditProblem | null;
}

export function readCheckpoints(file: string, chain: ChainMac): CheckpointLog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], problem: null };
    throw error;
  }
  const lines = text.split('\n');
  // A last line without its newline is a write torn by a crash, not a record: it is ignored.
  lines.pop();
  const checkpoints: Checkpoint[] = [];
  for (const [index, line] of lines.entries()) {
    const parsed = CheckpointSchema.safeParse(parseJson(line));
    const bad = (why: string): CheckpointLog => ({
      checkpoints,
      problem: { kind: 'broken', seq: parsed.data?.headSeq ?? 0, message: `Checkpoint line ${index + 1} of ${file} ${why}.` },
    });
    if (!parsed.success) return bad('is not a checkpoint record');
    const { mac, ...fields } = parsed.data;
    if (checkpointMac(chain, fields) !== mac) return bad('has a MAC that does not match (edited, or written with another key)');
    if (fields.count !== fields.headSeq) return bad('counts a different number of events than its head seq');
    checkpoints.push(parsed.data);
  }
  return { checkpoints, problem: null };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
