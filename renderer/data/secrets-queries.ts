import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { KeychainStatus } from '../../app/contract/index.ts';
import { useBridge } from './bridge-context.tsx';
import { unwrap } from './request-error.ts';
import { useEvent } from './use-event.ts';

export const keychainStatusKey = ['secrets.status'] as const;
export const secretListKey = ['secrets.list'] as const;

/**
 * `secrets.status`: whether the OS keychain is usable. Each answer is a probe that writes and
 * deletes an item, and against a locked keyring may raise an unlock prompt on the desktop, so it
 * is never polled: it runs on mount and when a person asks to check again.
 */
export function useKeychainStatus() {
  const { api } = useBridge();
  return useQuery({
    queryKey: keychainStatusKey,
    queryFn: async () => unwrap(await api.secrets.status()),
    staleTime: Infinity,
  });
}

/**
 * `secrets.list`: every secret's metadata and status, never a value. The answer carries the
 * keychain state it was computed under; that becomes the status too, so banner and list agree.
 */
export function useSecretList() {
  const { api } = useBridge();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: secretListKey,
    queryFn: async () => {
      const list = unwrap(await api.secrets.list());
      const known = queryClient.getQueryData<KeychainStatus>(keychainStatusKey);
      if (!known || Date.parse(known.checkedAt) <= Date.parse(list.keychain.checkedAt)) {
        queryClient.setQueryData(keychainStatusKey, list.keychain);
      }
      return list;
    },
    staleTime: 30_000,
  });
}

/** Refetches the list whenever the core says a secret was created, rotated, removed or re-scoped. */
export function useSecretsLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEvent('secrets.changed', () => {
    void queryClient.invalidateQueries({ queryKey: secretListKey }, { cancelRefetch: false });
  });
}
