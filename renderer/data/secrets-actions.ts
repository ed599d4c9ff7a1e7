import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type {
  Result,
  SecretInfo,
  SecretRotateInput,
  SecretScopeInput,
  WardenApi,
} from '../../app/contract/index.ts';
import type { SecretSetRequest } from './secrets-types.ts';
import { useBridge } from './bridge-context.tsx';
import { unwrap } from './request-error.ts';
import { secretListKey } from './secrets-queries.ts';

export interface SecretAction<I, O> {
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

/**
 * One secrets request with its pending and error state. Unlike React Query's mutations, this
 * keeps nothing of the input: `set` and `rotate` carry a secret value, and a mutation cache
 * would hold it (as `variables`) for minutes after the form was submitted.
 */
function useSecretAction<I, O>(send: (api: WardenApi, input: I) => Promise<Result<O>>): SecretAction<I, O> {
  const { api } = useBridge();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ActionState>(idle);
  return {
    ...state,
    reset: () => setState(idle),
    run: async (input) => {
      setState({ pending: true, error: null });
      try {
        const value = unwrap(await send(api, input));
        setState(idle);
        void queryClient.invalidateQueries({ queryKey: secretListKey }, { cancelRefetch: false });
        return value;
      } catch (error) {
        setState({ pending: false, error: error instanceof Error ? error : new Error(String(error)) });
        return undefined;
      }
    },
  };
}

export const useAddSecret = (): SecretAction<SecretSetRequest, SecretInfo> =>
  useSecretAction((api, input) => api.secrets.set(input));

export const useRotateSecret = (): SecretAction<SecretRotateInput, SecretInfo> =>
  useSecretAction((api, input) => api.secrets.rotate(input));

export const useRemoveSecret = (): SecretAction<string, { name: string }> =>
  useSecretAction((api, name) => api.secrets.remove({ name }));

export const useUpdateSecretScope = (): SecretAction<SecretScopeInput, SecretInfo> =>
  useSecretAction((api, input) => api.secrets.updateScope(input));
