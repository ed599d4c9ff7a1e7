import { z } from 'zod';

/** Error codes a caller can branch on; the message is for people. */
export const errorCodes = [
  'invalid_input',
  'unknown_channel',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'unavailable',
  'not_implemented',
  'timeout',
  'internal',
] as const;

export const ErrorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const WardenErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string().max(2000),
});
export type WardenErrorInfo = z.infer<typeof WardenErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: WardenErrorInfo };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: WardenErrorSchema }),
  ]);
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** Thrown by handlers for an error the caller should see; anything else becomes `internal`. */
export class WardenError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'WardenError';
    this.code = code;
  }
}
