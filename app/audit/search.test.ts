import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditQuery } from '../contract/audit.ts';
import type { AuditTrail } from './audit-trail.ts';
import { openAuditTrail } from './audit-trail.ts';
import { syntheticEvent } from './synthetic-events.ts';

const start = Date.parse('2025-02-01T00:00:00.000Z');
const minute = 60_000;
let dir: string;
let trail: AuditTrail;
let all: AuditEvent[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-audit-search-'));
  let tick = 0;
  // One event per minute, so times map to seqs in an obvious way.
  trail = openAuditTrail({ dir, now: () => start + tick++ * minute });
  all = trail.appendBatch(Array.from({ length: 3000 }, (_, i) => syntheticEvent(i)));
  all.push(
    trail.append({
      kind: 'auth',
      status: 'failure',
      actor: 'web console',
      interface: 'web',
      summary: 'login failed: wrong token from 127.0.0.1 (he said "admin" OR 1=1)',
    }),
  );
});

afterAll(() => {
  trail.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every event matching, walking the pages. */
function collect(query: AuditQuery): AuditEvent[] {
  const events: AuditEvent[] = [];
  let cursor: number | undefined;
  for (;;) {
    const page = trail.search({ ...query, ...(cursor === undefined ? {} : { cursor }) });
    events.push(...page.events);
    if (page.nextCursor === null) return events;
    cursor = page.nextCursor;
  }
}

const newestFirst = (events: AuditEvent[]): AuditEvent[] => [...events].sort((a, b) => b.seq - a.seq);

describe('search', () => {
  it('returns the newest events first, a page at a time', () => {
    const page = trail.search({ limit: 10 });
    expect(page.events.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 3001 - i));
    expect(page.nextCursor).toBe(2992);
    const next = trail.search({ limit: 10, cursor: 2992 });
    expect(next.events[0]?.seq).toBe(2991);
  });

  it('pages through every match exactly once with keyset cursors', () => {
    const pages = collect({ text: 'report', limit: 37 });
    const expected = newestFirst(all.filter((e) => JSON.stringify([e.tool, e.args, e.excerpt, e.summary]).includes('report')));
    expect(pages.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    expect(new Set(pages.map((e) => e.seq)).size).toBe(pages.length);
    const lastFive = trail.search({ text: 'report', limit: 5, cursor: (pages.at(-5)?.seq ?? 0) + 1 });
    expect(lastFive.events).toEqual(pages.slice(-5));
    expect(lastFive.nextCursor).toBeNull();
  });

  it('filters by tool, status, session, actor and kind, alone and together', () => {
    const cases: [AuditQuery, (e: AuditEvent) => boolean][] = [
      [{ tool: 'shell.exec' }, (e) => e.tool === 'shell.exec'],
      [{ status: 'denied' }, (e) => e.status === 'denied'],
      [{ sessionId: 'sess-a' }, (e) => e.sessionId === 'sess-a'],
      [{ actor: 'agent 7' }, (e) => e.actor === 'agent 7'],
      [{ kind: 'auth' }, (e) => e.kind === 'auth'],
      [{ tool: 'fs.write', status: 'blocked', text: 'invoice' }, (e) => e.tool === 'fs.write' && e.status === 'blocked' && JSON.stringify([e.args, e.excerpt, e.summary]).includes('invoice')],
    ];
    for (const [query, predicate] of cases) {
      const expected = newestFirst(all.filter(predicate)).map((e) => e.seq);
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
      expect(collect({ ...query, limit: 500 }).map((e) => e.seq), JSON.stringify(query)).toEqual(expected);
    }
  });

  it('does not confuse a filter value with a similar one', () => {
    expect(collect({ actor: 'agent 7' }).every((e) => e.actor === 'agent 7')).toBe(true);
    expect(collect({ tool: 'fs' })).toEqual([]);
  });

  it('limits by time: since inclusive, until exclusive', () => {
    const since = new Date(start + 100 * minute).toISOString();
    const until = new Date(start + 200 * minute).toISOString();
    const events = collect({ since, until, limit: 500 });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 200 - i));
    expect(collect({ since, until, status: 'success' }).every((e) => e.ts >= since && e.ts < until)).toBe(true);
    expect(collect({ since: until, until: since })).toEqual([]);
    expect(collect({ since: '2030-01-01T00:00:00.000Z' })).toEqual([]);
  });

  it('finds rare words, prefixes and dotted tool names', () => {
    const rare = newestFirst(all.filter((e) => e.summary.startsWith('chargeback'))).map((e) => e.seq);
    expect(rare.length).toBeGreaterThan(1);
    expect(collect({ text: 'chargeback dispute' }).map((e) => e.seq)).toEqual(rare);
    expect(collect({ text: 'charge*' }).map((e) => e.seq)).toEqual(rare);
    expect(collect({ text: 'pay*', limit: 500 }).length).toBeGreaterThan(100);
    expect(collect({ text: 'calendar.create' }).every((e) => e.tool === 'calendar.create')).toBe(true);
  });

  it('treats FTS syntax in the search text as words, never as an error', () => {
    for (const text of ['"admin" OR 1=1', 'NEAR(a b', 'tool:x', '*', '"', 'a AND', '^x', '(((', 'NOT', "'; DROP TABLE events; --"]) {
      expect(() => trail.search({ text }), text).not.toThrow();
    }
    expect(collect({ text: '"admin" OR 1=1' }).map((e) => e.kind)).toEqual(['auth']);
  });

  it('answers bad input with a clear invalid_input error', () => {
    expect(() => trail.search({ limit: 501 })).toThrow(/limit/);
    expect(() => trail.search({ text: Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ') })).toThrow(/at most 16 words/);
  });
});
