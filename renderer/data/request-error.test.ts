import { describe, expect, it } from 'vitest';
import { RequestError, shouldRetry, unwrap } from './request-error.ts';

describe('unwrap', () => {
  it('returns the value of an ok result', () => {
    expect(unwrap({ ok: true, value: 42 })).toBe(42);
  });

  it('throws a RequestError carrying the code and the message', () => {
    const run = () => unwrap({ ok: false, error: { code: 'timeout', message: 'system.info got no answer within 30 s.' } });
    expect(run).toThrow(RequestError);
    expect(run).toThrow('timeout: system.info got no answer within 30 s.');
    try {
      run();
    } catch (error) {
      expect((error as RequestError).code).toBe('timeout');
    }
  });
});

describe('shouldRetry', () => {
  it('retries transient failures twice and final ones never', () => {
    const transient = new RequestError('unavailable', 'x');
    expect([0, 1, 2].map((n) => shouldRetry(n, transient))).toEqual([true, true, false]);
    expect(shouldRetry(0, new RequestError('unauthorized', 'x'))).toBe(false);
    expect(shouldRetry(0, new RequestError('invalid_input', 'x'))).toBe(false);
    expect(shouldRetry(0, new Error('render bug'))).toBe(true);
  });
});
