import { describe, expect, it } from 'vitest';
import type { AuditHistogram } from '../../../app/contract/index.ts';
import { buildChart, describeChart, stack } from './chart-model.ts';

const bucket = (hour: string, counts: Partial<Record<'success' | 'failure' | 'blocked' | 'denied' | 'pending', number>>) =>
  ({ hour, success: 0, failure: 0, blocked: 0, denied: 0, pending: 0, ...counts }) satisfies AuditHistogram['buckets'][number];

describe('buildChart', () => {
  it('lays buckets over every hour of the range, empty hours included', () => {
    const model = buildChart(
      [bucket('2026-03-10T10:00:00.000Z', { success: 3, failure: 1 }), bucket('2026-03-10T12:00:00.000Z', { denied: 2 })],
      '2026-03-10T09:30:00.000Z',
      '2026-03-10T12:30:00.000Z',
    );
    expect(model.binHours).toBe(1);
    expect(model.bars.map((bar) => bar.total)).toEqual([0, 4, 0, 2]);
    expect(model.totals).toMatchObject({ success: 3, failure: 1, denied: 2 });
    expect(model.total).toBe(6);
    expect(model.max).toBe(4);
    expect(model.busiest?.start).toBe(Date.parse('2026-03-10T10:00:00.000Z'));
  });

  it('groups hours when the range has more of them than bars', () => {
    const since = '2026-01-01T00:00:00.000Z';
    const until = '2026-01-31T00:00:00.000Z';
    const model = buildChart([bucket('2026-01-01T05:00:00.000Z', { success: 1 }), bucket('2026-01-01T03:00:00.000Z', { success: 1 })], since, until);
    expect(model.binHours).toBe(4);
    expect(model.bars).toHaveLength(180);
    expect(model.bars[0]?.total).toBe(1);
    expect(model.bars[1]?.total).toBe(1);
  });

  it('ignores buckets outside the range', () => {
    const model = buildChart([bucket('2025-01-01T00:00:00.000Z', { success: 9 })], '2026-03-10T09:00:00.000Z', '2026-03-10T10:00:00.000Z');
    expect(model.total).toBe(0);
    expect(model.busiest).toBeNull();
    expect(describeChart(model, (ms) => new Date(ms).toISOString())).toMatch(/^No events between/);
  });
});

describe('stack', () => {
  it('stacks bottom up and keeps one failure among thousands visible', () => {
    const model = buildChart([bucket('2026-03-10T10:00:00.000Z', { success: 5000, failure: 1 })], '2026-03-10T10:00:00.000Z', '2026-03-10T11:00:00.000Z');
    const bar = model.bars[0];
    if (!bar) throw new Error('no bar');
    const segments = stack(bar, model.max, 100);
    expect(segments.map((s) => s.status)).toEqual(['success', 'failure']);
    expect(segments[1]?.height).toBeGreaterThanOrEqual(1);
    expect(segments[0]?.y).toBeGreaterThan(segments[1]?.y ?? Infinity);
  });
});

describe('describeChart', () => {
  it('says the totals and the busiest hour', () => {
    const model = buildChart(
      [bucket('2026-03-10T10:00:00.000Z', { success: 1200, failure: 3 }), bucket('2026-03-10T11:00:00.000Z', { blocked: 1 })],
      '2026-03-10T10:00:00.000Z',
      '2026-03-10T12:00:00.000Z',
    );
    const text = describeChart(model, (ms) => new Date(ms).toISOString().slice(11, 16));
    expect(text).toBe('1,204 events between 10:00 and 12:00: 1,200 success, 1 blocked, 3 failure. The busiest hour began 10:00, with 1,203 events.');
  });
});
