import { useQueryClient } from '@tanstack/react-query';
import type {
  Result,
  SecretInfo,
  SecretRotateInput,
  SecretScopeInput,
  WardenApi,
} from '../../app/contract/index.ts';
import type { SecretSetRequest } from './secrets-types.ts';
import type { RequestAction } from './request-action.ts';
import { useRequestAction } from './request-action.ts';
import { secretListKey } from './secrets-queries.ts';

export type SecretAction<I, O> = RequestAction<I, O>;

/** A secrets request; the list is fetched again after each change. */
function useSecretAction<I, O>(send: (api: WardenApi, input: I) => Promise<Result<O>>): SecretAction<I, O> {
  const queryClient = useQueryClient();
  return useRequestAction(send, () => void queryClient.invalidateQueries({ queryKey: secretListKey }, { cancelRefetch: false }));
}

export const useAddSecret = (): SecretAction<SecretSetRequest, SecretInfo> =>
  useSecretAction((api, input) => api.secrets.set(input));

export const useRotateSecret = (): SecretAction<SecretRotateInput, SecretInfo> =>
  useSecretAction((api, input) => api.secrets.rotate(input));

export const useRemoveSecret = (): SecretAction<string, { name: string }> =>
  useSecretAction((api, name) => api.secrets.remove({ name }));

export const useUpdateSecretScope = (): SecretAction<SecretScopeInput, SecretInfo> =>
  useSecretAction((api, input) => api.secrets.updateScope(input));
