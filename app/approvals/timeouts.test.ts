import { describe, expect, it } from 'vitest';
import { checkTimeouts, defaultApprovalTimeoutMs, describeDuration, timeoutFor } from './timeouts.ts';

describe('approval timeouts', () => {
  it('default to 5 minutes, then the configured default, then the risk class', () => {
    expect(defaultApprovalTimeoutMs).toBe(300_000);
    expect(timeoutFor('destructive', {})).toBe(300_000);
    expect(timeoutFor('destructive', { default: 60_000 })).toBe(60_000);
    expect(timeoutFor('destructive', { default: 60_000, destructive: 30_000 })).toBe(30_000);
    expect(timeoutFor('write', { destructive: 30_000 })).toBe(300_000);
  });

  it('are whole milliseconds from a second to a day', () => {
    expect(() => checkTimeouts({ default: 1_000, exec: 86_400_000 })).not.toThrow();
    for (const ms of [999, 86_400_001, 1_500.5, Number.NaN, -1]) expect(() => checkTimeouts({ write: ms }), String(ms)).toThrow(/approval timeout for write/);
  });

  it('read as people say them', () => {
    expect(describeDuration(300_000)).toBe('5 minutes');
    expect(describeDuration(60_000)).toBe('1 minute');
    expect(describeDuration(5_400_000)).toBe('1 hour 30 minutes');
    expect(describeDuration(90_500)).toBe('1 minute 30 seconds');
    expect(describeDuration(1_000)).toBe('1 second');
    expect(describeDuration(500)).toBe('500 ms');
  });
});
