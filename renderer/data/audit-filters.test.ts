import { describe, expect, it } from 'vitest';
import type { AuditAppended } from '../../app/contract/index.ts';
import type { AuditFilters } from './audit-filters.ts';
import { appendedMatch, chartRange, chips, hasAnyFilter, noFilters, rangeProblem, resolveFilter, withFacet, withoutChip } from './audit-filters.ts';

const now = Date.parse('2026-03-10T12:30:00.000Z');
const hour = 3_600_000;
const day = 24 * hour;

describe('resolveFilter', () => {
  it('sends only what is set, text trimmed', () => {
    expect(resolveFilter(noFilters, now)).toEqual({});
    expect(resolveFilter({ ...noFilters, text: '  rm -rf  ' }, now)).toEqual({ text: 'rm -rf' });
    expect(resolveFilter({ ...noFilters, text: '   ' }, now)).toEqual({});
  });

  it('fixes relative ranges at the given moment and passes custom ones through', () => {
    expect(resolveFilter({ ...noFilters, range: { kind: 'preset', preset: '24h' } }, now)).toEqual({
      since: '2026-03-09T12:30:00.000Z',
    });
    const custom: AuditFilters = { ...noFilters, range: { kind: 'custom', until: '2026-03-01T00:00:00.000Z' } };
    expect(resolveFilter(custom, now)).toEqual({ until: '2026-03-01T00:00:00.000Z' });
  });

  it('maps every facet to the contract field', () => {
    let filters = withFacet(noFilters, 'status', 'denied');
    filters = withFacet(filters, 'kind', 'tool_call');
    filters = withFacet(filters, 'tool', ' fs.write ');
    filters = withFacet(filters, 'session', 'sess-1');
    filters = withFacet(filters, 'actor', 'agent 3');
    expect(resolveFilter(filters, now)).toEqual({
      status: 'denied',
      kind: 'tool_call',
      tool: 'fs.write',
      sessionId: 'sess-1',
      actor: 'agent 3',
    });
  });
});

describe('withFacet / withoutChip / chips', () => {
  it('ignores values the contract would refuse', () => {
    expect(withFacet(noFilters, 'status', 'exploded')).toEqual(noFilters);
    expect(withFacet(noFilters, 'tool', '   ')).toEqual(noFilters);
    expect(withFacet(noFilters, 'tool', 'x'.repeat(201))).toEqual(noFilters);
  });

  it('lists chips in a fixed order and removes each one', () => {
    const filters: AuditFilters = {
      text: 'invoice',
      tool: 'fs.read',
      status: 'failure',
      kind: 'auth',
      range: { kind: 'preset', preset: '7d' },
    };
    expect(chips(filters).map((c) => `${c.name}=${c.value}`)).toEqual([
      'status=failure',
      'kind=login',
      'tool=fs.read',
      'range=last 7 days',
    ]);
    expect(withoutChip(filters, 'range').range).toEqual({ kind: 'all' });
    expect(withoutChip(filters, 'tool')).not.toHaveProperty('tool');
    expect(hasAnyFilter(noFilters)).toBe(false);
    expect(hasAnyFilter({ ...noFilters, text: 'x' })).toBe(true);
  });

  it('labels custom ranges', () => {
    const range = { kind: 'custom', since: '2026-03-01T00:00:00.000Z' } as const;
    expect(chips({ ...noFilters, range })[0]).toMatchObject({ name: 'range', value: 'since 2026-03-01T00:00:00.000Z' });
  });
});

describe('chartRange', () => {
  it('uses the preset span up to now', () => {
    const range = chartRange({ ...noFilters, range: { kind: 'preset', preset: '1h' } }, now, null);
    expect(range).toEqual({ since: '2026-03-10T11:30:00.000Z', until: '2026-03-10T12:30:00.000Z' });
  });

  it('starts "all time" at the first searchable event, at most 366 days back', () => {
    expect(chartRange(noFilters, now, '2026-03-08T00:00:00.000Z')?.since).toBe('2026-03-08T00:00:00.000Z');
    expect(chartRange(noFilters, now, null)?.since).toBe(new Date(now - day).toISOString());
    expect(chartRange(noFilters, now, '2026-03-10T12:00:00.000Z')?.since).toBe(new Date(now - day).toISOString());
    const old = chartRange(noFilters, now, '2020-01-01T00:00:00.000Z');
    expect(Date.parse(old?.until ?? '') - Date.parse(old?.since ?? '')).toBe(366 * day);
  });

  it('refuses an empty custom range', () => {
    const range = { kind: 'custom', since: '2026-03-02T00:00:00.000Z', until: '2026-03-01T00:00:00.000Z' } as const;
    expect(rangeProblem(range)).toMatch(/before its end/);
    expect(chartRange({ ...noFilters, range }, now, null)).toBeNull();
  });
});

describe('appendedMatch', () => {
  const event: AuditAppended = {
    seq: 10,
    ts: '2026-03-10T12:31:00.000Z',
    kind: 'tool_call',
    status: 'failure',
    tool: 'fs.write',
    sessionId: 's1',
    summary: 'x',
  };
  it('checks what the short payload carries', () => {
    expect(appendedMatch({}, event)).toBe('yes');
    expect(appendedMatch({ status: 'failure', tool: 'fs.write', sessionId: 's1', kind: 'tool_call' }, event)).toBe('yes');
    expect(appendedMatch({ status: 'success' }, event)).toBe('no');
    expect(appendedMatch({ tool: 'fs.read' }, event)).toBe('no');
    expect(appendedMatch({ until: '2026-03-10T12:31:00.000Z' }, event)).toBe('no');
    expect(appendedMatch({ since: '2026-03-10T12:32:00.000Z' }, event)).toBe('no');
  });
  it('says maybe when text or actor cannot be checked', () => {
    expect(appendedMatch({ text: 'invoice' }, event)).toBe('maybe');
    expect(appendedMatch({ actor: 'ana', status: 'failure' }, event)).toBe('maybe');
    expect(appendedMatch({ actor: 'ana', status: 'success' }, event)).toBe('no');
  });
});
