import type { LiveRow, LiveStatus } from '../../state/live-buffer.ts';

/** "14:05:09.123", local time: calls a few milliseconds apart must be told apart. */
export function formatClock(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '—';
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** "12 ms", "1.4 s", "2 min 5 s". */
export function formatElapsed(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

const statusLabels: Record<LiveStatus, string> = {
  queued: 'queued',
  asked: 'waiting for a person',
  approved: 'approved',
  running: 'running',
  success: 'success',
  failure: 'failure',
  blocked: 'blocked',
  denied: 'denied',
};
export const liveStatusLabel = (status: LiveStatus): string => statusLabels[status];

/** The Audit view's search for one call: every event that carries its id (the request, approval, outcome). */
export function auditHrefFor(row: Pick<LiveRow, 'id'>): string {
  return `#/audit?${new URLSearchParams({ q: row.id }).toString()}`;
}

/** The arguments, pretty-printed when they are whole JSON; as kept when cut. */
export function prettyArgsJson(json: string, truncated: boolean): string {
  if (truncated) return json;
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/** A one-line view of the arguments for the list. */
export function argsLine(json: string): string {
  return json.length > 300 ? `${json.slice(0, 299)}…` : json;
}
