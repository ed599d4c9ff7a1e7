import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type Sqlite from 'better-sqlite3';
import type { AuditProblem } from '../contract/audit.ts';
import type { ChainWalker } from './chain-walker.ts';

/** Rows per read; between chunks the event loop runs, so a long verify never freezes the console. */
const chunkRows = 20_000;

type LiveRow = [seq: number, ts: string, prevMac: string, mac: string, body: string];

/**
 * Walks the live table's rows with `after < seq <= through` through the walker, in seq order, reading
 * raw rows (arrays of strings, no objects) a chunk at a time. Besides the chain, it checks that the
 * indexed `ts` column (which steers time-range searches) is the MAC-covered time: the canonical body
 * always ends with `"ts":"…"}` since ts sorts last among an event's keys.
 */
export async function walkLive(
  db: Sqlite.Database,
  walker: ChainWalker,
  after: number,
  through: number,
  onChunk?: () => void,
): Promise<AuditProblem | null> {
  const rows = db
    .prepare<[number, number, number], LiveRow>(
      'SELECT seq, ts, prev_mac, mac, body FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    )
    .raw();
  for (let from = after; ; ) {
    let read = 0;
    for (const [seq, ts, prevMac, mac, body] of rows.iterate(from, through, chunkRows)) {
      const problem = walker.check(seq, prevMac, mac, body);
      if (problem !== null) return problem;
      if (body.slice(-26, -2) !== ts) {
        return { kind: 'broken', seq, message: `Event ${seq}'s indexed time was changed to ${ts.slice(0, 40)}.` };
      }
      from = seq;
      read++;
    }
    onChunk?.();
    if (read < chunkRows) return null;
    await yieldToLoop();
  }
}

/** Whether an event with this seq in its (MAC-covered) body is stored anywhere: tells reordered from missing. */
export function liveExistsLater(db: Sqlite.Database): (seq: number) => boolean {
  const find = db.prepare<[number], number>("SELECT 1 FROM events WHERE json_extract(body, '$.seq') = ? LIMIT 1").pluck();
  return (seq) => find.get(seq) !== undefined;
}
