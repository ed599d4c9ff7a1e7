import { describe, expect, it } from 'vitest';
import { argsSummary, formatCountdown, outcomeLabel, resolutionSentence } from './approval-format.ts';

describe('formatCountdown', () => {
  it('counts down in minutes and seconds, hours when needed, never below zero', () => {
    expect(formatCountdown(245_000)).toBe('4:05');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(400)).toBe('0:01');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});

describe('outcome words', () => {
  const at = '2026-03-10T12:00:00.000Z';
  it('says who answered and from where', () => {
    const view = {
      tool: 'delete_path',
      state: 'decided',
      resolution: { decision: 'deny', by: { kind: 'person', name: 'console session 3f2a9c' }, at, interface: 'web', ruleId: null },
    } as const;
    expect(outcomeLabel(view)).toBe('Denied');
    expect(resolutionSentence(view)).toBe('delete_path denied by console session 3f2a9c (person, web console).');
  });
  it('tells a timeout from a restart', () => {
    const expired = (kind: 'timeout' | 'restart') =>
      ({ state: 'expired', resolution: { decision: 'deny', by: { kind, name: 'x' }, at, interface: null, ruleId: null } }) as const;
    expect(outcomeLabel(expired('timeout'))).toBe('Expired (timeout)');
    expect(outcomeLabel(expired('restart'))).toBe('Expired (restart)');
  });
  it('summarises arguments by their path, URL or argv', () => {
    expect(argsSummary({ path: '/w/a.txt', recursive: true })).toBe('/w/a.txt');
    expect(argsSummary({ argv: ['git', 'status'] })).toBe('git status');
    expect(argsSummary({ n: 1 })).toBe('{"n":1}');
  });
});
