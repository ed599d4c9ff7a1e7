import { describe, expect, it } from 'vitest';
import { formatEvery, formatPast, formatRelative } from './relative-time.ts';

const now = Date.parse('2025-06-01T12:00:00.000Z');

describe('formatRelative', () => {
  it('says past and future times, and never for none', () => {
    expect(formatRelative(null, now)).toBe('never');
    expect(formatRelative('2025-06-01T11:57:00.000Z', now)).toBe('3 min ago');
    expect(formatRelative('2025-06-01T12:00:00.000Z', now)).toBe('just now');
    expect(formatRelative('2025-06-05T15:00:00.000Z', now)).toBe('in 4 d');
    expect(formatRelative('2025-06-01T14:30:00.000Z', now)).toBe('in 2 h');
    expect(formatRelative('not a date', now)).toBe('not a date');
  });
});

describe('formatPast', () => {
  it('never says a past moment is in the future', () => {
    expect(formatPast('2025-06-01T12:00:03.000Z', now)).toBe('just now');
    expect(formatPast('2025-06-01T10:00:00.000Z', now)).toBe('2 h ago');
    expect(formatPast(null, now)).toBe('never');
  });
});

describe('formatEvery', () => {
  it('says the reminder period', () => {
    expect(formatEvery(1)).toBe('every day');
    expect(formatEvery(90)).toBe('every 90 days');
  });
});
