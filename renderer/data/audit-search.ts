import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditFilter } from '../../app/contract/index.ts';
import type { AuditFilters } from './audit-filters.ts';
import { resolveFilter } from './audit-filters.ts';
import type { AuditRow } from './audit-rows.ts';
import { toRow } from './audit-rows.ts';
import { useBridge } from './bridge-context.tsx';
import { unwrap } from './request-error.ts';

export const auditSearchPageSize = 200;

export interface AuditSearchPage {
  readonly rows: readonly AuditRow[];
  readonly nextCursor: number | null;
  /** The filter this whole result list was fetched with: relative ranges fixed at the first page. */
  readonly filter: AuditFilter;
}

export const auditSearchKey = (filtersKey: string, generation: number) => ['audit.search', filtersKey, generation] as const;

/** The filter the list on screen was fetched with (relative ranges as fixed then), if it has loaded. */
export function searchedFilter(queryClient: QueryClient, filtersKey: string, generation: number): AuditFilter | undefined {
  return queryClient.getQueryData<InfiniteData<AuditSearchPage>>(auditSearchKey(filtersKey, generation))?.pages[0]?.filter;
}

type PageParam = { readonly cursor: number; readonly filter: AuditFilter } | null;

/**
 * `audit.search`, one keyset page after another (`nextCursor`), newest first. The list is a
 * snapshot: it never refetches by itself (new events are announced, not inserted; see the view),
 * a new `generation` starts a fresh one, and it is dropped as soon as nobody shows it.
 */
export function useAuditSearch(filters: AuditFilters, filtersKey: string, generation: number) {
  const { api } = useBridge();
  return useInfiniteQuery({
    queryKey: auditSearchKey(filtersKey, generation),
    queryFn: async ({ pageParam }: { pageParam: PageParam }): Promise<AuditSearchPage> => {
      const filter = pageParam?.filter ?? resolveFilter(filters, Date.now());
      const query = { ...filter, limit: auditSearchPageSize, ...(pageParam ? { cursor: pageParam.cursor } : {}) };
      const page = unwrap(await api.audit.search(query));
      return { rows: page.events.map(toRow), nextCursor: page.nextCursor, filter };
    },
    initialPageParam: null as PageParam,
    getNextPageParam: (last: AuditSearchPage): PageParam =>
      last.nextCursor === null ? null : { cursor: last.nextCursor, filter: last.filter },
    staleTime: Infinity,
    gcTime: 0,
    // Pages never change once fetched; comparing 100k rows on every new page would be wasted work.
    structuralSharing: false,
    refetchOnReconnect: false,
  });
}
