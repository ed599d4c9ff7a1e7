import { describe, expect, it } from 'vitest';
import { auditHrefFor, formatClock, formatElapsed, prettyArgsJson } from './live-format.ts';
import { hashQuery, parseFilters } from '../audit/filter-hash.ts';

describe('live formats', () => {
  it('shows times to the millisecond and durations briefly', () => {
    const at = new Date(2026, 2, 10, 14, 5, 9, 7).getTime();
    expect(formatClock(at)).toBe('14:05:09.007');
    expect(formatElapsed(12.4)).toBe('12 ms');
    expect(formatElapsed(1450)).toBe('1.4 s');
    expect(formatElapsed(125_000)).toBe('2 min 5 s');
    expect(formatElapsed(null)).toBe('—');
  });

  it('pretty-prints whole arguments and leaves cut ones alone', () => {
    expect(prettyArgsJson('{"a":1}', false)).toBe('{\n  "a": 1\n}');
    expect(prettyArgsJson('{"a":', true)).toBe('{"a":');
  });

  it('links to an audit search the Audit view reads back as the same call', () => {
    const href = auditHrefFor({ id: 'call_7f3a-41d8' });
    expect(parseFilters(hashQuery(href))).toMatchObject({ text: 'call_7f3a-41d8', range: { kind: 'all' } });
  });
});
