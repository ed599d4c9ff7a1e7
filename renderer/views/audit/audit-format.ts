import type { AuditDecider, AuditDecision } from '../../../app/contract/index.ts';

const integer = new Intl.NumberFormat('en-US');
export const formatCount = (n: number): string => integer.format(n);

/** "850 ms", "1.24 s", "2 min 5 s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms - minutes * 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

const deciderKinds: Record<AuditDecider['kind'], string> = {
  rule: 'rule',
  person: 'person',
  timeout: 'approval timeout',
  policy: 'policy',
  system: 'Warden',
};

/** "deny — by person ana", "allow — by rule read-only-docs". */
export function describeDecision(decision: AuditDecision | undefined, decidedBy: AuditDecider | undefined): string | null {
  if (decision === undefined && decidedBy === undefined) return null;
  const by = decidedBy ? `by ${deciderKinds[decidedBy.kind]} ${decidedBy.name}` : null;
  if (decision === undefined) return by;
  return by === null ? decision : `${decision} — ${by}`;
}

/** The file name at the end of a path the core returned (POSIX or Windows). */
export const basename = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** Local time for chart labels: "Nov 21, 14:00". */
export function formatHour(ms: number): string {
  const date = new Date(ms);
  const month = date.toLocaleString('en-US', { month: 'short' });
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${month} ${date.getDate()}, ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value a `datetime-local` input shows for an ISO timestamp, in local time. */
export function toLocalInput(iso: string | undefined): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (local time) as the contract's ISO timestamp, or undefined. */
export function fromLocalInput(value: string): string | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Pretty JSON for the detail drawer. */
export const prettyJson = (value: unknown): string => JSON.stringify(value, null, 2);
