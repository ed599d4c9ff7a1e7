import type { AuditAppended, AuditFilter, AuditKind, AuditStatus } from '../../app/contract/index.ts';
import { auditKinds, auditStatuses } from '../../app/contract/index.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** Relative time ranges, measured back from the moment the search runs. */
export const rangePresets = ['1h', '24h', '7d', '30d'] as const;
export type RangePreset = (typeof rangePresets)[number];
export const presetMs: Record<RangePreset, number> = { '1h': hourMs, '24h': dayMs, '7d': 7 * dayMs, '30d': 30 * dayMs };

export type TimeRange =
  | { readonly kind: 'all' }
  | { readonly kind: 'preset'; readonly preset: RangePreset }
  /** ISO timestamps; `since` inclusive, `until` exclusive, either may be left open. */
  | { readonly kind: 'custom'; readonly since?: string; readonly until?: string };

/** What a person asked for in the Audit view; `resolveFilter` turns it into the contract's filter. */
export interface AuditFilters {
  readonly text: string;
  readonly status?: AuditStatus;
  readonly kind?: AuditKind;
  readonly tool?: string;
  readonly sessionId?: string;
  readonly actor?: string;
  readonly range: TimeRange;
}

export const noFilters: AuditFilters = { text: '', range: { kind: 'all' } };

/** The removable conditions, each shown as a chip (`audit-filter-<name>`). */
export const chipNames = ['status', 'kind', 'tool', 'session', 'actor', 'range'] as const;
export type ChipName = (typeof chipNames)[number];
export type FacetName = Exclude<ChipName, 'range'>;

export const isStatus = (value: unknown): value is AuditStatus =>
  typeof value === 'string' && (auditStatuses as readonly string[]).includes(value);
export const isKind = (value: unknown): value is AuditKind =>
  typeof value === 'string' && (auditKinds as readonly string[]).includes(value);
export const isPreset = (value: unknown): value is RangePreset =>
  typeof value === 'string' && (rangePresets as readonly string[]).includes(value);

/** The contract's limits for free-text filter values: 1..200 characters. */
export const facetValue = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= 200 ? trimmed : undefined;
};

const isoMs = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** An ISO timestamp in the contract's exact form, or undefined. */
export const timestamp = (value: string | null | undefined): string | undefined =>
  value && isoMs.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Copies `filters` with one facet set, or cleared when `value` is undefined or not valid for it. */
export function withFacet(filters: AuditFilters, name: FacetName, value: string | undefined): AuditFilters {
  const next: Mutable<AuditFilters> = { ...filters };
  if (name === 'status') {
    if (isStatus(value)) next.status = value;
    else delete next.status;
  } else if (name === 'kind') {
    if (isKind(value)) next.kind = value;
    else delete next.kind;
  } else {
    const clean = facetValue(value);
    if (name === 'tool') {
      if (clean === undefined) delete next.tool;
      else next.tool = clean;
    } else if (name === 'session') {
      if (clean === undefined) delete next.sessionId;
      else next.sessionId = clean;
    } else if (clean === undefined) delete next.actor;
    else next.actor = clean;
  }
  return next;
}

export function withoutChip(filters: AuditFilters, name: ChipName): AuditFilters {
  return name === 'range' ? { ...filters, range: { kind: 'all' } } : withFacet(filters, name, undefined);
}

export const hasAnyFilter = (filters: AuditFilters): boolean =>
  filters.text.trim() !== '' || chips(filters).length > 0;

export interface Chip {
  readonly name: ChipName;
  readonly label: string;
  readonly value: string;
}

const presetLabels: Record<RangePreset, string> = {
  '1h': 'last hour',
  '24h': 'last 24 hours',
  '7d': 'last 7 days',
  '30d': 'last 30 days',
};

/** The active conditions as chips, in a fixed order; the search text has its own box. */
export function chips(filters: AuditFilters, formatTime: (iso: string) => string = (iso) => iso): Chip[] {
  const list: Chip[] = [];
  if (filters.status) list.push({ name: 'status', label: 'Status', value: filters.status });
  if (filters.kind) list.push({ name: 'kind', label: 'Kind', value: kindLabel(filters.kind) });
  if (filters.tool) list.push({ name: 'tool', label: 'Tool', value: filters.tool });
  if (filters.sessionId) list.push({ name: 'session', label: 'Session', value: filters.sessionId });
  if (filters.actor) list.push({ name: 'actor', label: 'Actor', value: filters.actor });
  const range = rangeLabel(filters.range, formatTime);
  if (range !== null) list.push({ name: 'range', label: 'Time', value: range });
  return list;
}

export function rangeLabel(range: TimeRange, formatTime: (iso: string) => string = (iso) => iso): string | null {
  if (range.kind === 'all') return null;
  if (range.kind === 'preset') return presetLabels[range.preset];
  if (range.since && range.until) return `${formatTime(range.since)} – ${formatTime(range.until)}`;
  if (range.since) return `since ${formatTime(range.since)}`;
  if (range.until) return `before ${formatTime(range.until)}`;
  return null;
}

const kindLabels: Record<AuditKind, string> = {
  tool_call: 'tool call',
  approval: 'approval',
  auth: 'login',
  secret_use: 'secret use',
  policy_change: 'policy change',
  alert: 'alert',
  lifecycle: 'lifecycle',
};
export const kindLabel = (kind: AuditKind): string => kindLabels[kind];

/** A custom range that cannot match anything, said in words; null when the range is fine. */
export function rangeProblem(range: TimeRange): string | null {
  if (range.kind === 'custom' && range.since && range.until && range.since >= range.until) {
    return 'The start of the time range must be before its end.';
  }
  return null;
}

/** The contract's filter for these conditions, with relative ranges fixed at `now`. */
export function resolveFilter(filters: AuditFilters, now: number): AuditFilter {
  const filter: Mutable<AuditFilter> = {};
  const text = filters.text.trim();
  if (text !== '') filter.text = text.slice(0, 500);
  if (filters.status) filter.status = filters.status;
  if (filters.kind) filter.kind = filters.kind;
  if (filters.tool) filter.tool = filters.tool;
  if (filters.sessionId) filter.sessionId = filters.sessionId;
  if (filters.actor) filter.actor = filters.actor;
  const { range } = filters;
  if (range.kind === 'preset') filter.since = new Date(now - presetMs[range.preset]).toISOString();
  if (range.kind === 'custom') {
    if (range.since) filter.since = range.since;
    if (range.until) filter.until = range.until;
  }
  return filter;
}

const maxChartMs = 366 * dayMs;

/**
 * The span the chart covers: the chosen range, or for "all time" from the first searchable event
 * (at least a day, at most 366 days back: the histogram's limit) to now. Null when the range is empty.
 */
export function chartRange(
  filters: AuditFilters,
  now: number,
  firstTs: string | null,
): { readonly since: string; readonly until: string } | null {
  if (rangeProblem(filters.range) !== null) return null;
  const first = firstTs === null ? Number.NaN : Date.parse(firstTs);
  const { range } = filters;
  let until = now;
  let since: number;
  if (range.kind === 'preset') since = now - presetMs[range.preset];
  else if (range.kind === 'custom') {
    if (range.until) until = Date.parse(range.until);
    since = range.since ? Date.parse(range.since) : Number.isNaN(first) ? until - dayMs : first;
  } else since = Number.isNaN(first) ? now - dayMs : Math.min(first, now - dayMs);
  if (since >= until) since = until - hourMs;
  if (until - since > maxChartMs) since = until - maxChartMs;
  return { since: new Date(since).toISOString(), until: new Date(until).toISOString() };
}

/**
 * Whether a freshly appended event belongs to a search: `maybe` when it passes every condition the
 * short `audit.appended` payload can show, but the search also has text or an actor it cannot.
 */
export function appendedMatch(filter: AuditFilter, event: AuditAppended): 'yes' | 'no' | 'maybe' {
  if (filter.status !== undefined && filter.status !== event.status) return 'no';
  if (filter.kind !== undefined && filter.kind !== event.kind) return 'no';
  if (filter.tool !== undefined && filter.tool !== event.tool) return 'no';
  if (filter.sessionId !== undefined && filter.sessionId !== event.sessionId) return 'no';
  if (filter.since !== undefined && event.ts < filter.since) return 'no';
  if (filter.until !== undefined && event.ts >= filter.until) return 'no';
  return filter.text !== undefined || filter.actor !== undefined ? 'maybe' : 'yes';
}
