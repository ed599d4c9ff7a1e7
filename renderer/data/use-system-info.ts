import { useQuery } from '@tanstack/react-query';
import { useBridge } from './bridge-context.tsx';
import { unwrap } from './request-error.ts';

export const systemInfoKey = ['system.info'] as const;

/** `system.info`: what this Warden is and where it keeps its data. */
export function useSystemInfo() {
  const { api } = useBridge();
  return useQuery({
    queryKey: systemInfoKey,
    queryFn: async () => unwrap(await api.system.info()),
    staleTime: 60_000,
  });
}
