import type { AuditFilters, TimeRange } from '../../data/audit-filters.ts';
import { facetValue, isKind, isPreset, isStatus, noFilters, timestamp, withFacet } from '../../data/audit-filters.ts';

/** `#/audit?q=…&status=…`: the part after `?`, or '' when there is none. */
export function hashQuery(hash: string): string {
  const at = hash.indexOf('?');
  return at === -1 ? '' : hash.slice(at + 1);
}

/** Reads the filters from the hash's query; anything unknown or malformed is ignored. */
export function parseFilters(query: string): AuditFilters {
  const params = new URLSearchParams(query);
  let filters: AuditFilters = { ...noFilters, text: (params.get('q') ?? '').slice(0, 500) };
  const status = params.get('status');
  if (isStatus(status)) filters = { ...filters, status };
  const kind = params.get('kind');
  if (isKind(kind)) filters = { ...filters, kind };
  filters = withFacet(filters, 'tool', facetValue(params.get('tool')));
  filters = withFacet(filters, 'session', facetValue(params.get('session')));
  filters = withFacet(filters, 'actor', facetValue(params.get('actor')));
  return { ...filters, range: parseRange(params) };
}

function parseRange(params: URLSearchParams): TimeRange {
  const range = params.get('range');
  if (isPreset(range)) return { kind: 'preset', preset: range };
  if (range !== 'custom') return { kind: 'all' };
  const since = timestamp(params.get('since'));
  const until = timestamp(params.get('until'));
  if (since === undefined && until === undefined) return { kind: 'all' };
  return { kind: 'custom', ...(since === undefined ? {} : { since }), ...(until === undefined ? {} : { until }) };
}

/** The query string for the filters, keys in a fixed order; '' when nothing is filtered. */
export function serializeFilters(filters: AuditFilters): string {
  const params = new URLSearchParams();
  if (filters.text !== '') params.set('q', filters.text);
  if (filters.status) params.set('status', filters.status);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.tool) params.set('tool', filters.tool);
  if (filters.sessionId) params.set('session', filters.sessionId);
  if (filters.actor) params.set('actor', filters.actor);
  const { range } = filters;
  if (range.kind === 'preset') params.set('range', range.preset);
  if (range.kind === 'custom' && (range.since || range.until)) {
    params.set('range', 'custom');
    if (range.since) params.set('since', range.since);
    if (range.until) params.set('until', range.until);
  }
  return params.toString();
}

export const auditHash = (filters: AuditFilters): string => {
  const query = serializeFilters(filters);
  return query === '' ? '#/audit' : `#/audit?${query}`;
};
