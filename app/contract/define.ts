import type { z } from 'zod';

/** A request a client sends and the core answers with one typed result. */
export interface RequestDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'request';
  readonly input: I;
  readonly output: O;
  readonly summary: string;
}

/** An event the core pushes to every watching client. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
  readonly summary: string;
}

export const request = <I extends z.ZodType, O extends z.ZodType>(
  summary: string,
  input: I,
  output: O,
): RequestDef<I, O> => ({ kind: 'request', input, output, summary });

export const event = <P extends z.ZodType>(summary: string, payload: P): EventDef<P> => ({
  kind: 'event',
  payload,
  summary,
});
