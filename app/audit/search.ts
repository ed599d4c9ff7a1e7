import type { AuditEvent, AuditFilter, AuditPage, AuditQuery } from '../contract/audit.ts';
import { auditPageMax } from '../contract/audit.ts';
import { WardenError } from '../contract/result.ts';
import { decodeBody } from './event-body.ts';
import { matchExpression } from './fts-query.ts';
import type { Store } from './store.ts';
import { createTimeRange } from './time-range.ts';

export interface Search {
  /** One page, newest first; pass `nextCursor` back as `cursor` for the next one. */
  page(query: AuditQuery): AuditPage;
  /** How many events match (for export progress). */
  count(filter: AuditFilter): number;
}

const defaultPageSize = 100;
const maxSeq = Number.MAX_SAFE_INTEGER;

/**
 * Every query becomes a seq range plus, when there is text or a filter, one FTS5 MATCH. Because the
 * store stamps non-decreasing times, a time range is a seq range (two binary searches over seq). FTS5
 * then yields matching rowids already in descending order within that range and stops at the limit,
 * so a page costs the same at 1M events as at 1k; nothing sorts all matches.
 */
export function createSearch(store: Store): Search {
  const { db } = store;
  const times = createTimeRange(db);
  const matchIds = db
    .prepare<[string, number, number, number], number>(
      'SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?',
    )
    .pluck();
  const rangeIds = db
    .prepare<[number, number, number], number>(
      'SELECT seq FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq DESC LIMIT ?',
    )
    .pluck();
  const countMatch = db
    .prepare<[string, number, number], number>(
      'SELECT count(*) FROM events_fts WHERE events_fts MATCH ? AND rowid BETWEEN ? AND ?',
    )
    .pluck();
  const countRange = db
    .prepare<[number, number], number>('SELECT count(*) FROM events WHERE seq BETWEEN ? AND ?')
    .pluck();
  const bodyOf = db.prepare<[number], string>('SELECT body FROM events WHERE seq = ?').pluck();

  const seqRange = (filter: AuditFilter): [number, number] => {
    const lo = filter.since === undefined ? 1 : (times.firstAtOrAfter(filter.since) ?? maxSeq);
    const hi = filter.until === undefined ? maxSeq : (times.lastBefore(filter.until) ?? 0);
    return [lo, hi];
  };

  const run = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      // Terms are quoted, so FTS5 syntax errors should not happen; if one does, say so plainly.
      if (error instanceof Error && /fts5|MATCH/i.test(error.message)) {
        throw new WardenError('invalid_input', `The search could not be run: ${error.message}`);
      }
      throw error;
    }
  };

  return {
    page(query) {
      const limit = query.limit ?? defaultPageSize;
      if (!Number.isInteger(limit) || limit < 1 || limit > auditPageMax) {
        throw new WardenError('invalid_input', `limit must be between 1 and ${auditPageMax}.`);
      }
      const [lo, upper] = seqRange(query);
      const hi = query.cursor === undefined ? upper : Math.min(upper, query.cursor - 1);
      if (lo > hi) return { events: [], nextCursor: null };
      const match = matchExpression(query);
      // One extra row says whether another page exists without a second query.
      const ids = run(() => (match === null ? rangeIds.all(lo, hi, limit + 1) : matchIds.all(match, lo, hi, limit + 1)));
      const more = ids.length > limit;
      const events: AuditEvent[] = [];
      for (const seq of more ? ids.slice(0, limit) : ids) {
        const body = bodyOf.get(seq);
        if (body !== undefined) events.push(decodeBody(body));
      }
      return { events, nextCursor: more ? (ids[limit - 1] ?? null) : null };
    },
    count(filter) {
      const [lo, hi] = seqRange(filter);
      if (lo > hi) return 0;
      const match = matchExpression(filter);
      return run(() => (match === null ? (countRange.get(lo, hi) ?? 0) : (countMatch.get(match, lo, hi) ?? 0)));
    },
  };
}
