import { describe, expect, it } from 'vitest';
import type { ToolPreview } from '../../app/contract/index.ts';
import { t0, update } from './live-fixtures.ts';
import { LiveBuffer, argsJsonMax, historyMax, historySteps, previewJsonMax } from './live-buffer.ts';

describe('LiveBuffer', () => {
  it('keeps one row per call, the latest event winning, in order of first sight', () => {
    const buffer = new LiveBuffer(10);
    expect(buffer.apply([update('a'), update('b'), update('a', { state: 'running', message: 'Running.' }, 5)])).toBe(2);
    expect(buffer.rows.map((r) => r.id)).toEqual(['a', 'b']);
    const a = buffer.get('a');
    expect(a).toMatchObject({ seq: 1, state: 'running', status: 'running', message: 'Running.', events: 2, queuedAt: t0, updatedAt: t0 + 5 });
    expect(historySteps(a ?? { history: [] })).toEqual([
      { state: 'queued', at: t0 },
      { state: 'running', at: t0 + 5 },
    ]);
    expect(buffer.events).toBe(3);
  });

  it('replaces a row on update and leaves the others as they were', () => {
    const buffer = new LiveBuffer(10);
    buffer.apply([update('a'), update('b')]);
    const [a, b] = buffer.rows;
    buffer.apply([update('a', { state: 'finished', status: 'success', durationMs: 12 }, 20)]);
    expect(buffer.rows[0]).not.toBe(a);
    expect(buffer.rows[1]).toBe(b);
    expect(buffer.rows[0]).toMatchObject({ status: 'success', durationMs: 12 });
  });

  it('drops the oldest calls past its bound, and keeps the counts right', () => {
    const buffer = new LiveBuffer(3);
    buffer.apply([update('a', { tool: 'x' }), update('b'), update('c', { sessionId: null })]);
    buffer.apply([update('d'), update('e')]);
    expect(buffer.rows.map((r) => r.id)).toEqual(['c', 'd', 'e']);
    expect(buffer.get('a')).toBeUndefined();
    expect(buffer.evicted).toBe(2);
    expect([...buffer.counts.tools]).toEqual([['write_file', 3]]);
    expect(buffer.counts.sessions.get(null)).toBe(1);
    expect(buffer.counts.sessions.get('s1')).toBe(2);
    expect(buffer.counts.statuses.queued).toBe(3);
    // An update for a dropped call comes back as a new row at the top.
    buffer.apply([update('a', { state: 'finished', status: 'failure' })]);
    expect(buffer.rows.at(-1)).toMatchObject({ id: 'a', status: 'failure', seq: 6 });
    expect(buffer.positionOf(6)).toBe(2);
    expect(buffer.positionOf(1)).toBe(-1);
  });

  it('counts statuses as calls move', () => {
    const buffer = new LiveBuffer(10);
    buffer.apply([update('a'), update('b'), update('a', { state: 'asked' }), update('a', { state: 'denied' })]);
    buffer.apply([update('a', { state: 'finished', status: 'denied' }), update('b', { state: 'finished', status: 'blocked' })]);
    const { statuses } = buffer.counts;
    expect(statuses.denied).toBe(1);
    expect(statuses.blocked).toBe(1);
    expect(statuses.queued + statuses.asked).toBe(0);
  });

  it('bounds the history, keeping the first step and the latest ones', () => {
    const buffer = new LiveBuffer(10);
    buffer.apply([update('a')]);
    for (let i = 1; i <= 20; i++) buffer.apply([update('a', { state: i % 2 === 0 ? 'running' : 'asked' }, i)]);
    const steps = historySteps(buffer.get('a') ?? { history: [] });
    expect(steps).toHaveLength(historyMax);
    expect(steps[0]).toEqual({ state: 'queued', at: t0 });
    expect(steps.at(-1)).toEqual({ state: 'running', at: t0 + 20 });
    // The same state twice in a row is one step.
    buffer.apply([update('a', { state: 'running', message: 'still' }, 30)]);
    expect(historySteps(buffer.get('a') ?? { history: [] })).toHaveLength(historyMax);
  });

  it('cuts long arguments and keeps no huge preview', () => {
    const buffer = new LiveBuffer(10);
    const big = 'x'.repeat(argsJsonMax + 10);
    const diff = { kind: 'diff', path: '/w/a', created: false, diff: 'y'.repeat(previewJsonMax), truncated: false } as const;
    buffer.apply([update('a', { args: { content: big }, preview: diff, state: 'asked' })]);
    const row = buffer.get('a');
    expect(row?.argsJson).toHaveLength(argsJsonMax);
    expect(row?.argsTruncated).toBe(true);
    expect(row?.preview).toBeNull();
    expect(row?.previewDropped).toBe(true);
    const small: ToolPreview = { kind: 'delete', entries: [], totalEntries: 0, totalBytes: 0, truncated: false };
    buffer.apply([update('b', { preview: small, state: 'asked' }), update('b', { preview: small, state: 'approved' })]);
    expect(buffer.get('b')?.preview).toEqual(small);
  });

  it('shares repeated strings and decisions between rows', () => {
    const buffer = new LiveBuffer(10);
    const decision = { verdict: 'ask', reason: 'destructive', rule: null } as const;
    buffer.apply([update('a', { decision, tool: ['write', 'file'].join('_') }), update('b', { decision: { ...decision }, tool: 'write_file' })]);
    const [a, b] = buffer.rows;
    expect(a?.decision).toBe(b?.decision);
    expect(a?.tool).toBe(b?.tool);
  });

  it('clears everything', () => {
    const buffer = new LiveBuffer(10);
    buffer.apply([update('a')]);
    buffer.clear();
    expect(buffer.size).toBe(0);
    expect(buffer.events).toBe(0);
    expect(buffer.counts.tools.size).toBe(0);
  });
});
