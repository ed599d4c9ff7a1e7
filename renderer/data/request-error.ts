import type { ErrorCode, Result } from '../../app/contract/index.ts';

/** A failed request as React Query sees it: the contract's error code plus its message for people. */
export class RequestError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'RequestError';
    this.code = code;
  }
}

/** The value of an `ok` result; anything else is thrown so the UI shows its code and message. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new RequestError(result.error.code, result.error.message);
}

const final: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'invalid_input',
  'unknown_channel',
  'unauthorized',
  'forbidden',
  'not_found',
  'not_implemented',
]);

/** React Query's retry policy: never retry an answer that will not change, at most twice otherwise. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof RequestError && final.has(error.code)) return false;
  return failureCount < 2;
}
