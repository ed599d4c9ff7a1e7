import { describe, expect, it } from 'vitest';
import type { AuditFilters } from '../../data/audit-filters.ts';
import { noFilters } from '../../data/audit-filters.ts';
import { parseHash } from '../../routing/hash-route.ts';
import { auditHash, hashQuery, parseFilters, serializeFilters } from './filter-hash.ts';

describe('filters in the hash', () => {
  it('round-trips every field and stays on the audit route', () => {
    const filters: AuditFilters = {
      text: 'rm -rf & "quotes"',
      status: 'blocked',
      kind: 'tool_call',
      tool: 'shell.exec',
      sessionId: 'sess 1',
      actor: 'console (ana)',
      range: { kind: 'custom', since: '2026-03-01T00:00:00.000Z', until: '2026-03-02T00:00:00.000Z' },
    };
    const hash = auditHash(filters);
    expect(parseHash(hash)).toEqual({ view: 'audit' });
    expect(parseFilters(hashQuery(hash))).toEqual(filters);
  });

  it('writes nothing for no filters and keeps a fixed key order', () => {
    expect(auditHash(noFilters)).toBe('#/audit');
    expect(serializeFilters({ ...noFilters, range: { kind: 'preset', preset: '24h' }, status: 'failure' })).toBe(
      'status=failure&range=24h',
    );
  });

  it('drops anything malformed', () => {
    const parsed = parseFilters('status=exploded&kind=nope&tool=&range=custom&since=yesterday&until=2026-13-01');
    expect(parsed).toEqual(noFilters);
    expect(parseFilters('range=90d').range).toEqual({ kind: 'all' });
    expect(hashQuery('#/audit')).toBe('');
  });
});
