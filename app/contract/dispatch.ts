import { z } from 'zod';
import type { Caller } from './caller.ts';
import type { InputOf, OutputOf, RequestName } from './contract.ts';
import { isRequestName, requests } from './contract.ts';
import type { Result } from './result.ts';
import { WardenError, fail, ok } from './result.ts';

export type Handler<N extends RequestName> = (
  input: InputOf<N>,
  caller: Caller,
) => Promise<OutputOf<N>> | OutputOf<N>;
export type Handlers = { [N in RequestName]: Handler<N> };

export type Dispatch = (name: string, input: unknown, caller: Caller) => Promise<Result<unknown>>;

/**
 * The one place a request is answered: the name must be in the contract, the input must
 * parse, the handler's output must parse too, and any failure becomes a typed error,
 * never a stack. Both transports call this after checking who sent the message.
 */
export function createDispatcher(
  handlers: Handlers,
  onInternalError: (name: string, error: unknown) => void,
  /** Applied to every answer that leaves the core (the redactor). */
  outgoing: (value: unknown) => unknown = (value) => value,
): Dispatch {
  return async (name, input, caller) => {
    if (!isRequestName(name)) return fail('unknown_channel', `There is no request named "${String(name).slice(0, 80)}".`);
    const def = requests[name];
    const parsed = def.input.safeParse(input);
    if (!parsed.success) return fail('invalid_input', `${name}: ${z.prettifyError(parsed.error)}`);
    try {
      const handler = handlers[name] as (input: unknown, caller: Caller) => unknown;
      const value = await handler(parsed.data, caller);
      const checked = def.output.safeParse(value);
      if (!checked.success) {
        onInternalError(name, checked.error);
        return fail('internal', `${name} produced an answer that does not match the contract; see the console log.`);
      }
      return ok(outgoing(checked.data));
    } catch (error) {
      if (error instanceof WardenError) return fail(error.code, error.message);
      onInternalError(name, error);
      return fail('internal', `${name} failed unexpectedly; see the console log.`);
    }
  };
}
