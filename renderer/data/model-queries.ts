import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ModelStatus } from '../../app/contract/index.ts';
import { useBridge } from './bridge-context.tsx';
import { unwrap } from './request-error.ts';
import { useEvent } from './use-event.ts';

export const modelStatusKey = ['model.status'] as const;

/** `model.status`: what is loaded, memory, the last tokens/s; kept current by `model.changed`, never polled. */
export function useModelStatus() {
  const { api } = useBridge();
  return useQuery({
    queryKey: modelStatusKey,
    queryFn: async () => unwrap(await api.model.status()),
    staleTime: Infinity,
  });
}

/** Every `model.changed` replaces the status: loading, ready, unloaded, failed, a new tokens/s figure. */
export function useModelLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEvent('model.changed', (status) => queryClient.setQueryData<ModelStatus>(modelStatusKey, status));
}
