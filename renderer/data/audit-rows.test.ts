import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../app/contract/index.ts';
import type { AuditRow } from './audit-rows.ts';
import { indexRows, rowSummaryMax, toRow } from './audit-rows.ts';

const row = (seq: number): AuditRow => ({
  seq,
  ts: '2026-03-10T12:00:00.000Z',
  kind: 'tool_call',
  status: 'success',
  tool: undefined,
  sessionId: undefined,
  actor: 'a',
  summary: '',
});

describe('toRow', () => {
  it('keeps only the columns and cuts long summaries', () => {
    const event: AuditEvent = {
      seq: 7,
      ts: '2026-03-10T12:00:00.000Z',
      kind: 'tool_call',
      status: 'denied',
      actor: 'agent',
      summary: 'y'.repeat(1000),
      tool: 'fs.write',
      args: { path: '/x' },
      excerpt: 'do it',
    };
    const r = toRow(event);
    expect(Object.keys(r).sort()).toEqual(['actor', 'kind', 'seq', 'sessionId', 'status', 'summary', 'tool', 'ts']);
    expect(r.summary).toHaveLength(rowSummaryMax);
    expect(r.summary.endsWith('…')).toBe(true);
  });
});

describe('indexRows', () => {
  // Pages of uneven length, seqs descending as the search returns them.
  const pages = [[row(100), row(99), row(97)], [row(90)], [], [row(50), row(10)]];
  const index = indexRows(pages);

  it('reads across pages by position', () => {
    expect(index.count).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((i) => index.at(i)?.seq)).toEqual([100, 99, 97, 90, 50, 10]);
    expect(index.at(6)).toBeUndefined();
    expect(index.at(-1)).toBeUndefined();
  });

  it('finds a seq by binary search', () => {
    expect(index.indexOf(90)).toBe(3);
    expect(index.indexOf(10)).toBe(5);
    expect(index.indexOf(98)).toBe(-1);
    expect(indexRows([]).indexOf(1)).toBe(-1);
  });

  it('stays fast over 100k rows', () => {
    const big = Array.from({ length: 500 }, (_, p) => Array.from({ length: 200 }, (_, i) => row(100_000 - (p * 200 + i))));
    const started = performance.now();
    const large = indexRows(big);
    for (let i = 0; i < 10_000; i++) large.indexOf(1 + ((i * 7919) % 100_000));
    expect(large.at(99_999)?.seq).toBe(1);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
