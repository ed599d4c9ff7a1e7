import { useVirtualizer } from '@tanstack/react-virtual';
import type { KeyboardEvent, RefObject } from 'react';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { Button } from '../../components/button.tsx';
import type { LiveRow as Row } from '../../state/live-buffer.ts';
import type { LiveViewRows } from '../../state/live-filter.ts';
import { gridKey } from '../audit/grid-keys.ts';
import { LiveRow, headerHeight, liveColumns, liveRowId, rowHeight } from './live-row.tsx';
import { anchoredScrollTop, followSlackPx } from './live-scroll.ts';

/**
 * The calls, newest on top, virtualized. At the top the list follows new calls; scrolled away
 * from it (or paused), the rows on screen hold still while calls keep arriving, and a bar counts
 * them with a way back.
 */
export function LiveList({
  view,
  paused,
  openId,
  onOpen,
  onClose,
  onResume,
  gridRef,
}: {
  view: LiveViewRows;
  /** The Pause button is down. */
  paused: boolean;
  openId: string | null;
  onOpen: (id: string) => void;
  onClose: () => void;
  onResume: () => void;
  gridRef: RefObject<HTMLDivElement | null>;
}) {
  const [scrolledAway, setScrolledAway] = useState(false);
  const [activeSeq, setActiveSeq] = useState<number | null>(null);
  const holding = paused || scrolledAway;
  // The newest call on screen when the list began to hold still: what is newer is "new".
  const [heldAt, setHeldAt] = useState<number | null>(null);
  if (holding && heldAt === null) setHeldAt(view.at(0)?.seq ?? 0);
  if (!holding && heldAt !== null) setHeldAt(null);
  const fresh = holding && heldAt !== null ? view.newerThan(heldAt) : 0;

  const previous = useRef<LiveViewRows>(view);
  useLayoutEffect(() => {
    const element = gridRef.current;
    const before = previous.current;
    previous.current = view;
    if (!element || !holding || before === view) return;
    const top = anchoredScrollTop(before, view, element.scrollTop, rowHeight);
    if (Math.abs(top - element.scrollTop) >= 1) element.scrollTop = top;
  }, [view, holding, gridRef]);

  // The console is not built with the React Compiler, so nothing memoizes across the virtualizer's
  // changing functions; the rows themselves are memo'd on plain props.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: view.count,
    getScrollElement: () => gridRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
  });
  const items = virtualizer.getVirtualItems();

  const onScroll = () => {
    const element = gridRef.current;
    if (element) setScrolledAway(element.scrollTop > followSlackPx);
  };

  const resume = () => {
    onResume();
    setScrolledAway(false);
    if (gridRef.current) gridRef.current.scrollTop = 0;
  };

  const activeIndex = activeSeq === null ? -1 : view.indexOfSeq(activeSeq);
  const openIndex = openId === null ? -1 : findIndex(view, openId, activeSeq);

  const moveTo = (index: number) => {
    const row = view.at(index);
    if (!row) return;
    setActiveSeq(row.seq);
    if (openId !== null) onOpen(row.id);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const visible = Math.max(1, Math.floor(((gridRef.current?.clientHeight ?? 0) - headerHeight) / rowHeight));
    const from = activeIndex >= 0 ? activeIndex : openIndex;
    const action = gridKey(event.key, from, view.count, visible);
    if (action === null) return;
    if (action.type === 'close' && openId === null) return;
    event.preventDefault();
    if (action.type === 'move') moveTo(action.index);
    else if (action.type === 'open') {
      const row = view.at(from);
      if (row) onOpen(row.id);
    } else onClose();
  };

  const onPick = useCallback(
    (row: Row) => {
      setActiveSeq(row.seq);
      onOpen(row.id);
      gridRef.current?.focus({ preventScroll: true });
    },
    [onOpen, gridRef],
  );

  const activeRendered = items.some((item) => item.index === activeIndex);
  return (
    <section className="live-list" aria-label="Tool calls">
      {holding && (
        <div className="live-held" role="status" data-testid="live-held">
          {fresh > 0 ? (
            <span>
              <strong className="tabular" data-testid="live-new-count">
                {fresh.toLocaleString('en-US')}
              </strong>{' '}
              new —
            </span>
          ) : (
            <span>{paused ? 'Paused' : 'Holding still'}: new calls are counted here</span>
          )}
          <Button size="sm" variant="primary" onClick={resume} data-testid="live-resume">
            Resume
          </Button>
        </div>
      )}
      <div
        ref={gridRef}
        className="live-grid"
        role="grid"
        aria-label="Tool calls, newest first"
        aria-rowcount={view.count + 1}
        aria-colcount={liveColumns.length}
        aria-activedescendant={activeRendered && activeSeq !== null ? liveRowId(activeSeq) : undefined}
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        data-testid="live-grid"
        data-holding={holding}
      >
        <div role="row" className="live-row live-row--header" aria-rowindex={1}>
          {liveColumns.map((column) => (
            <span key={column} role="columnheader" className="live-cell">
              {column}
            </span>
          ))}
        </div>
        <div role="rowgroup" className="live-grid__body" style={{ height: virtualizer.getTotalSize() }}>
          {/* The rows on screen, in flow inside one moved window: new calls above shift one transform, not every row. */}
          <div className="live-grid__window" style={{ transform: `translateY(${(items[0]?.start ?? headerHeight) - headerHeight}px)` }}>
            {items.map((item) => {
              const row = view.at(item.index);
              if (row === undefined) return null;
              return (
                <LiveRow
                  key={row.seq}
                  row={row}
                  index={item.index}
                  active={item.index === activeIndex}
                  open={row.id === openId}
                  onPick={onPick}
                />
              );
            })}
          </div>
        </div>
        {view.count === 0 && <p className="live-grid__message">No calls to show yet. They appear here the moment they are made.</p>}
      </div>
    </section>
  );
}

/** The open call's index; cheap when it is also the active row. */
function findIndex(view: LiveViewRows, id: string, activeSeq: number | null): number {
  if (activeSeq !== null) {
    const index = view.indexOfSeq(activeSeq);
    if (view.at(index)?.id === id) return index;
  }
  return -1;
}
