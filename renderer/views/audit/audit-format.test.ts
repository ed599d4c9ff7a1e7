import { describe, expect, it } from 'vitest';
import { basename, describeDecision, formatCount, formatMs, fromLocalInput, toLocalInput } from './audit-format.ts';

describe('audit formatting', () => {
  it('formats counts and durations', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatMs(850)).toBe('850 ms');
    expect(formatMs(1240)).toBe('1.24 s');
    expect(formatMs(12_400)).toBe('12.4 s');
    expect(formatMs(125_000)).toBe('2 min 5 s');
    expect(formatMs(120_000)).toBe('2 min');
  });

  it('says who decided', () => {
    expect(describeDecision('deny', { kind: 'person', name: 'ana' })).toBe('deny — by person ana');
    expect(describeDecision('deny', { kind: 'timeout', name: '120 s' })).toBe('deny — by approval timeout 120 s');
    expect(describeDecision('allow', undefined)).toBe('allow');
    expect(describeDecision(undefined, undefined)).toBeNull();
  });

  it('takes the file name from either kind of path', () => {
    expect(basename('/home/ana/.warden/exports/audit-1.csv')).toBe('audit-1.csv');
    expect(basename('C:\\Users\\ana\\exports\\audit-1.jsonl')).toBe('audit-1.jsonl');
  });

  it('converts datetime-local values both ways in local time', () => {
    const iso = fromLocalInput('2026-03-10T12:30');
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
    expect(toLocalInput(iso)).toBe('2026-03-10T12:30');
    expect(fromLocalInput('')).toBeUndefined();
    expect(toLocalInput(undefined)).toBe('');
  });
});
