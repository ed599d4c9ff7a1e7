import { useState } from 'react';
import type { Result, WardenApi } from '../../app/contract/index.ts';
import { useBridge } from './bridge-context.tsx';
import { unwrap } from './request-error.ts';

/**
 * One request with its pending and error state. Unlike React Query's mutations, this keeps nothing
 * of the input: some inputs carry a secret value, and a mutation cache would hold it (as `variables`)
 * for minutes after the form was submitted.
 */
export interface RequestAction<I, O> {
  /** Sends the request; resolves with the answer, or `undefined` when it failed (see `error`). */
  run(input: I): Promise<O | undefined>;
  readonly pending: boolean;
  readonly error: Error | null;
  reset(): void;
}

interface ActionState {
  readonly pending: boolean;
  readonly error: Error | null;
}

const idle: ActionState = { pending: false, error: null };

export function useRequestAction<I, O>(send: (api: WardenApi, input: I) => Promise<Result<O>>, done?: (value: O) => void): RequestAction<I, O> {
  const { api } = useBridge();
  const [state, setState] = useState<ActionState>(idle);
  return {
    ...state,
    reset: () => setState(idle),
    run: async (input) => {
      setState({ pending: true, error: null });
      try {
        const value = unwrap(await send(api, input));
        setState(idle);
        done?.(value);
        return value;
      } catch (error) {
        setState({ pending: false, error: error instanceof Error ? error : new Error(String(error)) });
        return undefined;
      }
    },
  };
}
