import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { FacetName } from '../../data/audit-filters.ts';
import { hasAnyFilter, noFilters, resolveFilter, withFacet } from '../../data/audit-filters.ts';
import { auditStatsKey } from '../../data/audit-queries.ts';
import { searchedFilter } from '../../data/audit-search.ts';
import { ViewHeader } from '../view-header.tsx';
import { ChartSection } from './audit-chart.tsx';
import { AuditDetail } from './audit-detail.tsx';
import type { Selection } from './audit-results.tsx';
import { AuditResults } from './audit-results.tsx';
import { FilterBar } from './filter-bar.tsx';
import { FilterChips } from './filter-chips.tsx';
import { OperationButtons, OperationResults } from './operations.tsx';
import { StatsSection } from './stats-line.tsx';
import { setAuditFilters, useAuditFilters } from './use-audit-filters.ts';
import './audit-view.css';
import './status-badge.css';

const closed: Selection = { activeSeq: null, openSeq: null };

/**
 * Search, inspect, verify and export the audit trail. Filters live in the hash (`#/audit?…`); each
 * section fetches its own data, so a new page of results or a move in the grid re-renders only the
 * grid (and the drawer).
 */
export function AuditView() {
  const { filters, key } = useAuditFilters();
  const [generation, setGeneration] = useState(0);
  const [selection, setSelection] = useState<Selection>(closed);
  const [drawerTakesFocus, setDrawerTakesFocus] = useState(false);
  const gridRef = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();

  const refresh = useCallback(() => {
    setGeneration((n) => n + 1);
    void queryClient.invalidateQueries({ queryKey: auditStatsKey });
    gridRef.current?.focus({ preventScroll: true });
  }, [queryClient]);
  const onSelect = useCallback((next: Selection) => {
    setSelection(next);
    setDrawerTakesFocus(false);
  }, []);
  const showEvent = useCallback((seq: number) => {
    setSelection({ activeSeq: seq, openSeq: seq });
    setDrawerTakesFocus(true);
  }, []);
  const focusResults = useCallback(() => gridRef.current?.focus(), []);
  // What an export covers: the filter the list on screen was fetched with.
  const exportFilter = useCallback(
    () => searchedFilter(queryClient, key, generation) ?? resolveFilter(filters, Date.now()),
    [queryClient, key, generation, filters],
  );
  const closeDrawer = () => {
    setSelection((current) => ({ ...current, openSeq: null }));
    gridRef.current?.focus({ preventScroll: true });
  };
  const filterFromDrawer = (name: FacetName, value: string) => {
    setAuditFilters(withFacet(filters, name, value));
    setDrawerTakesFocus(true);
  };

  return (
    <div className="view audit-view" data-testid="view-audit" data-available="true">
      <div className="audit-head">
        <ViewHeader
          title="Audit"
          summary="The tamper-evident record of every tool call, approval, login and policy change: search it, check its hash chain, export it."
        />
        <OperationButtons exportFilter={exportFilter} />
      </div>
      <StatsSection />
      <OperationResults onShowEvent={showEvent} />
      <FilterBar filters={filters} onChange={setAuditFilters} onFocusResults={focusResults} />
      <FilterChips filters={filters} onChange={setAuditFilters} />
      <ChartSection filters={filters} filtersKey={key} generation={generation} />
      <AuditResults
        key={`${key}|${generation}`}
        filters={filters}
        filtersKey={key}
        generation={generation}
        selection={selection}
        onSelect={onSelect}
        onRefresh={refresh}
        onClearFilters={hasAnyFilter(filters) ? () => setAuditFilters(noFilters) : null}
        gridRef={gridRef}
        renderDrawer={(rows, move) => {
          if (selection.openSeq === null) return null;
          const index = rows.indexOf(selection.openSeq);
          return (
            <AuditDetail
              seq={selection.openSeq}
              canMove={{ newer: index > 0, older: index >= 0 && index < rows.count - 1 }}
              onMove={move}
              onClose={closeDrawer}
              onFilter={filterFromDrawer}
              takeFocus={drawerTakesFocus}
            />
          );
        }}
      />
    </div>
  );
}
