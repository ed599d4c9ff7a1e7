import { describe, expect, it } from 'vitest';
import { formatAgo, formatDuration, formatTimestamp } from './time.ts';

describe('formatAgo', () => {
  it('is short and coarse', () => {
    expect(formatAgo(-5)).toBe('just now');
    expect(formatAgo(999)).toBe('just now');
    expect(formatAgo(2_400)).toBe('2 s ago');
    expect(formatAgo(59_999)).toBe('59 s ago');
    expect(formatAgo(60_000)).toBe('1 min ago');
    expect(formatAgo(3 * 3_600_000 + 120_000)).toBe('3 h ago');
    expect(formatAgo(50 * 3_600_000)).toBe('2 d ago');
  });
});

describe('formatDuration', () => {
  it('shows two units from hours up', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(185_000)).toBe('3 min');
    expect(formatDuration(3_600_000 + 5 * 60_000)).toBe('1 h 5 min');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(26 * 3_600_000)).toBe('1 d 2 h');
  });
});

describe('formatTimestamp', () => {
  it('formats a valid timestamp in local time and passes junk through', () => {
    expect(formatTimestamp('2025-01-31T14:05:09.000Z')).toMatch(/^2025-01-3[01] \d\d:\d\d:09$/);
    expect(formatTimestamp('soon')).toBe('soon');
  });
});
