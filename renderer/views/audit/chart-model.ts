import type { AuditHistogram, AuditStatus } from '../../../app/contract/index.ts';
import { auditStatuses } from '../../../app/contract/index.ts';

const hourMs = 3_600_000;

/** Bottom to top: the ordinary outcome first, the ones to notice on top where they are seen. */
export const stackOrder: readonly AuditStatus[] = ['success', 'pending', 'denied', 'blocked', 'failure'];

export type StatusCounts = Record<AuditStatus, number>;

export interface ChartBar {
  /** Start and end (exclusive) of the bar's span, ms since the epoch. */
  readonly start: number;
  readonly end: number;
  readonly counts: StatusCounts;
  readonly total: number;
}

export interface ChartModel {
  readonly start: number;
  readonly end: number;
  /** Hours per bar: 1 unless the range has more hours than bars fit. */
  readonly binHours: number;
  readonly bars: readonly ChartBar[];
  readonly max: number;
  readonly totals: StatusCounts;
  readonly total: number;
  readonly busiest: ChartBar | null;
}

export const zeroCounts = (): StatusCounts =>
  Object.fromEntries(auditStatuses.map((status) => [status, 0])) as StatusCounts;

/**
 * Lays the hourly buckets out over the whole range, empty hours included, so the x axis is time.
 * Buckets are whole hours: the first holds `since`, the last holds `until`.
 */
export function buildChart(
  buckets: AuditHistogram['buckets'],
  since: string,
  until: string,
  maxBars = 192,
): ChartModel {
  const start = Math.floor(Date.parse(since) / hourMs) * hourMs;
  const end = Math.max(start + hourMs, Math.ceil(Date.parse(until) / hourMs) * hourMs);
  const hours = Math.round((end - start) / hourMs);
  const binHours = Math.max(1, Math.ceil(hours / maxBars));
  const binMs = binHours * hourMs;
  const count = Math.ceil(hours / binHours);
  const bars = Array.from({ length: count }, (_, index) => ({
    start: start + index * binMs,
    end: Math.min(end, start + (index + 1) * binMs),
    counts: zeroCounts(),
    total: 0,
  }));
  const totals = zeroCounts();
  for (const bucket of buckets) {
    const bar = bars[Math.floor((Date.parse(bucket.hour) - start) / binMs)];
    if (!bar) continue;
    for (const status of auditStatuses) {
      bar.counts[status] += bucket[status];
      bar.total += bucket[status];
      totals[status] += bucket[status];
    }
  }
  let busiest: ChartBar | null = null;
  for (const bar of bars) if (bar.total > 0 && (busiest === null || bar.total > busiest.total)) busiest = bar;
  const total = auditStatuses.reduce((sum, status) => sum + totals[status], 0);
  return { start, end, binHours, bars, max: busiest?.total ?? 0, totals, total, busiest };
}

export interface Segment {
  readonly status: AuditStatus;
  readonly y: number;
  readonly height: number;
}

/**
 * The stacked segments of one bar in a box `height` tall, bottom up; a non-empty status is at least
 * one unit tall so a single failure among thousands of successes stays visible.
 */
export function stack(bar: ChartBar, max: number, height: number): Segment[] {
  if (max <= 0 || bar.total === 0) return [];
  const segments: Segment[] = [];
  let y = height;
  for (const status of stackOrder) {
    const n = bar.counts[status];
    if (n === 0) continue;
    const h = Math.max(1, (n / max) * height);
    y -= h;
    segments.push({ status, y: Math.max(0, y), height: h });
  }
  return segments;
}

const number = new Intl.NumberFormat('en-US');

/** One sentence for assistive technology (and the chart's description). */
export function describeChart(model: ChartModel, formatTime: (ms: number) => string): string {
  const span = `between ${formatTime(model.start)} and ${formatTime(model.end)}`;
  if (model.total === 0) return `No events ${span}.`;
  const parts = stackOrder
    .filter((status) => model.totals[status] > 0)
    .map((status) => `${number.format(model.totals[status])} ${status}`);
  const per = model.binHours === 1 ? 'hour' : `${model.binHours} hours`;
  const busiest = model.busiest
    ? ` The busiest ${per} began ${formatTime(model.busiest.start)}, with ${number.format(model.busiest.total)} events.`
    : '';
  return `${number.format(model.total)} events ${span}: ${parts.join(', ')}.${busiest}`;
}
