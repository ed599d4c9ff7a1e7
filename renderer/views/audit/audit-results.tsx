import { useVirtualizer } from '@tanstack/react-virtual';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditAppended } from '../../../app/contract/index.ts';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { appendedMatch } from '../../data/audit-filters.ts';
import type { RowIndex } from '../../data/audit-rows.ts';
import { indexRows } from '../../data/audit-rows.ts';
import type { AuditFilters } from '../../data/audit-filters.ts';
import type { AuditSearchPage } from '../../data/audit-search.ts';
import { useAuditSearch } from '../../data/audit-search.ts';
import { useEvent } from '../../data/use-event.ts';
import { formatCount } from './audit-format.ts';
import { gridKey } from './grid-keys.ts';
import { ResultRow, columns, rowHeight, rowId } from './result-row.tsx';
import './audit-results.css';

const headerHeight = 32;
/** Fetch the next page when the rows on screen come this close to the end of what is loaded. */
const loadAhead = 60;

export interface Selection {
  /** The row the keyboard is on (by seq, so it survives new pages). */
  readonly activeSeq: number | null;
  /** The event shown in the detail drawer. */
  readonly openSeq: number | null;
}

/**
 * The results: a virtualized grid over every loaded page, more pages fetched as it scrolls, and a
 * bar announcing events recorded since the list was fetched (the list itself never jumps).
 */
export function AuditResults({
  filters,
  filtersKey,
  generation,
  selection,
  onSelect,
  onRefresh,
  onClearFilters,
  gridRef,
  renderDrawer,
}: {
  filters: AuditFilters;
  filtersKey: string;
  generation: number;
  selection: Selection;
  onSelect: (next: Selection) => void;
  onRefresh: () => void;
  onClearFilters: (() => void) | null;
  gridRef: RefObject<HTMLDivElement | null>;
  renderDrawer: (rows: RowIndex, move: (delta: number) => void) => ReactNode;
}) {
  const search = useAuditSearch(filters, filtersKey, generation);
  const { data, error, hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError, refetch } = search;
  const pages = data?.pages;
  const rows = useMemo(() => indexRows(pages?.map((page) => page.rows) ?? []), [pages]);
  const count = rows.count + (hasNextPage || isFetchNextPageError ? 1 : 0);

  // The console is not built with the React Compiler, so nothing memoizes across the virtualizer's
  // changing functions; the rows themselves are memo'd on plain props.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => gridRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError && lastIndex >= rows.count - loadAhead) {
      void fetchNextPage();
    }
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, lastIndex, rows.count, fetchNextPage]);

  const fresh = useFreshEvents(pages);
  const activeIndex = selection.activeSeq === null ? -1 : rows.indexOf(selection.activeSeq);

  const moveTo = (index: number) => {
    const row = rows.at(index);
    if (!row) return;
    onSelect({ activeSeq: row.seq, openSeq: selection.openSeq === null ? null : row.seq });
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };
  const move = (delta: number) => {
    const from = selection.openSeq === null ? activeIndex : rows.indexOf(selection.openSeq);
    if (from >= 0) moveTo(from + delta);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const visible = Math.max(1, Math.floor(((gridRef.current?.clientHeight ?? 0) - headerHeight) / rowHeight));
    const action = gridKey(event.key, activeIndex, rows.count, visible);
    if (action === null) return;
    if (action.type === 'close' && selection.openSeq === null) return;
    event.preventDefault();
    if (action.type === 'move') moveTo(action.index);
    else if (action.type === 'open') onSelect({ ...selection, openSeq: selection.activeSeq });
    else onSelect({ ...selection, openSeq: null });
  };

  const onPick = useCallback(
    (seq: number) => {
      onSelect({ activeSeq: seq, openSeq: seq });
      gridRef.current?.focus({ preventScroll: true });
    },
    [onSelect, gridRef],
  );

  const activeRendered = items.some((item) => item.index === activeIndex);
  const loaded = pages !== undefined;
  const empty = loaded && rows.count === 0;

  return (
    <section className="audit-results" aria-label="Results">
      {fresh.count > 0 && (
        <div className="audit-fresh" role="status" data-testid="audit-new-events">
          <span>
            {formatCount(fresh.count)} new {fresh.count === 1 ? 'event' : 'events'}
            {fresh.maybe ? ' recorded (not all may match the search)' : ''}
          </span>
          <Button size="sm" variant="primary" onClick={onRefresh} data-testid="audit-new-events-show">
            Show
          </Button>
        </div>
      )}
      <div
        ref={gridRef}
        className="audit-grid"
        role="grid"
        aria-label="Audit events, newest first"
        aria-rowcount={hasNextPage ? -1 : rows.count + 1}
        aria-colcount={columns.length}
        aria-busy={!loaded || isFetchingNextPage}
        aria-activedescendant={activeRendered && selection.activeSeq !== null ? rowId(selection.activeSeq) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="audit-grid"
      >
        <div role="row" className="audit-row audit-row--header" aria-rowindex={1}>
          {columns.map((column) => (
            <span key={column} role="columnheader" className="audit-cell">
              {column}
            </span>
          ))}
        </div>
        <div role="rowgroup" className="audit-grid__body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const top = item.start - headerHeight;
            const row = rows.at(item.index);
            if (row === undefined) {
              return (
                <div key="loader" role="row" className="audit-row audit-row--loader" style={{ transform: `translateY(${top}px)` }}>
                  <span role="gridcell" className="audit-cell">
                    {isFetchNextPageError ? (
                      <>
                        Could not load more events.{' '}
                        <button type="button" className="link-button" onClick={() => void fetchNextPage()}>
                          Try again
                        </button>
                      </>
                    ) : (
                      'Loading more…'
                    )}
                  </span>
                </div>
              );
            }
            return (
              <ResultRow
                key={row.seq}
                row={row}
                index={item.index}
                top={top}
                active={item.index === activeIndex}
                open={row.seq === selection.openSeq}
                onPick={onPick}
              />
            );
          })}
        </div>
        {!loaded && !error && <p className="audit-grid__message">Searching…</p>}
        {!loaded && error && (
          <div className="audit-grid__message">
            <ErrorState error={error} onRetry={() => void refetch()} testId="audit-search-error" />
          </div>
        )}
        {empty && (
          <div className="audit-grid__message" data-testid="audit-empty">
            <p>No events match.</p>
            {onClearFilters && (
              <Button size="sm" onClick={onClearFilters}>
                Clear the search and filters
              </Button>
            )}
          </div>
        )}
      </div>
      <p className="audit-results__status tabular" aria-live="polite" data-testid="audit-results-status">
        {resultsStatus(loaded, rows.count, hasNextPage, isFetchingNextPage)}
        <span className="audit-results__keys">↑↓ move · Enter details · Esc close</span>
      </p>
      {renderDrawer(rows, move)}
    </section>
  );
}

function resultsStatus(loaded: boolean, count: number, more: boolean, fetching: boolean): string {
  if (!loaded) return 'Searching…';
  if (count === 0) return 'No matching events';
  if (!more) return `${formatCount(count)} matching ${count === 1 ? 'event' : 'events'}, newest first`;
  return `${formatCount(count)} loaded, newest first${fetching ? ' · loading more…' : ' · more load as you scroll'}`;
}

/** Events appended since the list was fetched that belong to it (or may), counted, never inserted. */
function useFreshEvents(pages: readonly AuditSearchPage[] | undefined): { count: number; maybe: boolean } {
  const [fresh, setFresh] = useState({ count: 0, maybe: false });
  const first = pages?.[0];
  const topSeq = first?.rows[0]?.seq ?? 0;
  useEvent('audit.appended', (event: AuditAppended) => {
    if (first === undefined || event.seq <= topSeq) return;
    const match = appendedMatch(first.filter, event);
    if (match === 'no') return;
    setFresh((state) => ({ count: state.count + 1, maybe: state.maybe || match === 'maybe' }));
  });
  return fresh;
}
