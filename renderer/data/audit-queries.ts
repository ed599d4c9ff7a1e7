import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditStats } from '../../app/contract/index.ts';
import type { AuditFilters } from './audit-filters.ts';
import { chartRange } from './audit-filters.ts';
import { useBridge } from './bridge-context.tsx';
import { unwrap } from './request-error.ts';

export const auditStatsKey = ['audit.stats'] as const;

/** `audit.stats`: counts, the searchable range and the last checkpoint. */
export function useAuditStats() {
  const { api } = useBridge();
  return useQuery({
    queryKey: auditStatsKey,
    queryFn: async () => unwrap(await api.audit.stats()),
    staleTime: 10_000,
  });
}

/**
 * `audit.histogram` over the chart's range, resolved when it is fetched (relative ranges end now;
 * "all time" starts at the first searchable event, which needs the stats first).
 */
export function useAuditHistogram(filters: AuditFilters, filtersKey: string, generation: number) {
  const { api } = useBridge();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['audit.histogram', filtersKey, generation] as const,
    queryFn: async () => {
      const stats = await queryClient.ensureQueryData<AuditStats>({
        queryKey: auditStatsKey,
        queryFn: async () => unwrap(await api.audit.stats()),
      });
      const range = chartRange(filters, Date.now(), stats.firstLiveTs);
      if (range === null) return null;
      const histogram = unwrap(await api.audit.histogram(range));
      return { ...range, buckets: histogram.buckets };
    },
    staleTime: Infinity,
    gcTime: 30_000,
    placeholderData: keepPreviousData,
    refetchOnReconnect: false,
  });
}

/** `audit.get`: one whole event and the state of its link in the hash chain. */
export function useAuditEvent(seq: number | null) {
  const { api } = useBridge();
  return useQuery({
    queryKey: ['audit.get', seq] as const,
    queryFn: async () => unwrap(await api.audit.get({ seq: seq ?? 0 })),
    enabled: seq !== null,
    staleTime: 5_000,
  });
}
