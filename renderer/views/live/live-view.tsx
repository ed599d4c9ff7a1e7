import { memo, useCallback, useMemo, useRef } from 'react';
import { useConnection } from '../../data/use-connection.ts';
import { liveBuffer, useLiveStore } from '../../state/live-store.ts';
import { liveView } from '../../state/live-filter.ts';
import { ViewHeader } from '../view-header.tsx';
import { LiveDetail } from './live-detail.tsx';
import { LiveList } from './live-list.tsx';
import { LiveToolbar } from './live-toolbar.tsx';
import { useThrottled } from './use-throttled.ts';
import '../../components/badge.css';
import './live-view.css';

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The Live view: every tool call as its events arrive (queued, asked, approved or denied, running,
 * finished), from the window's one subscription; filters, pause, and a detail panel.
 */
export function LiveView() {
  const version = useLiveStore((state) => state.version);
  const filters = useLiveStore((state) => state.filters);
  const openId = useLiveStore((state) => state.selectedId);
  const paused = useLiveStore((state) => state.paused);
  const setFilters = useLiveStore((state) => state.setFilters);
  const select = useLiveStore((state) => state.select);
  const setPaused = useLiveStore((state) => state.setPaused);
  const clear = useLiveStore((state) => state.clear);
  const connection = useConnection();
  const gridRef = useRef<HTMLDivElement>(null);

  // A new object per applied batch (the buffer mutates in place): this is what makes the list re-render.
  const view = useMemo(() => liveView(liveBuffer, filters), [version, filters]); // eslint-disable-line react-hooks/exhaustive-deps
  const open = openId === null ? undefined : liveBuffer.get(openId);
  // Counters and filter menus: a few times a second is plenty, and spares the page at high rates.
  const countsTick = useThrottled(version, 400);

  const onOpen = useCallback(
    (id: string) => select(id),
    [select],
  );
  const onClose = useCallback(() => {
    select(null);
    gridRef.current?.focus({ preventScroll: true });
  }, [select]);
  const changeFilters = useCallback(
    (next: typeof filters) => {
      setFilters(next);
      if (gridRef.current) gridRef.current.scrollTop = 0;
    },
    [setFilters],
  );
  const shown = useThrottled(view.count, 400);

  return (
    <div className={`view live-view${openId === null ? '' : ' live-view--detail'}`} data-testid="view-live" data-available="true">
      <ViewHeader
        title="Live"
        summary="Every tool call as it happens, from whichever interface or agent session made it. Newest on top; scroll down and the list holds still."
        status={<LiveCounts tick={countsTick} shown={shown} />}
      />
      {connection.state !== 'open' && (
        <p className="live-banner" role="status" data-testid="live-disconnected">
          Not connected to Warden: calls made until it reconnects are not shown here (the audit trail records them).
        </p>
      )}
      {liveBuffer.evicted > 0 && (
        <p className="live-note">
          Holding the latest {fmt(liveBuffer.max)} calls; {fmt(liveBuffer.evicted)} older ones were let go (the audit trail keeps them).
        </p>
      )}
      <LiveToolbar
        tick={countsTick}
        filters={filters}
        counts={liveBuffer.counts}
        paused={paused}
        onFilters={changeFilters}
        onPause={setPaused}
        onClear={clear}
      />
      <div className="live-main">
        <LiveList
          // A new filter starts a fresh list at the top (nothing to hold still against).
          key={JSON.stringify(filters)}
          view={view}
          paused={paused}
          openId={openId}
          onOpen={onOpen}
          onClose={onClose}
          onResume={() => setPaused(false)}
          gridRef={gridRef}
        />
        {openId !== null && <LiveDetail row={open} missingId={openId} onClose={onClose} takeFocus={false} />}
      </div>
      <p className="live-keys">↑↓ move · Enter details · Esc close · scroll down to hold the list still</p>
    </div>
  );
}

/** "1,234 calls · 3,702 events": as of `tick` (the buffer's version, throttled). */
const LiveCounts = memo(function LiveCounts({ tick, shown }: { tick: number; shown: number }) {
  return (
    <span className="live-counts tabular" data-testid="live-counts" data-tick={tick} data-calls={liveBuffer.size} data-events={liveBuffer.events}>
      {fmt(liveBuffer.size)} {liveBuffer.size === 1 ? 'call' : 'calls'} · {fmt(liveBuffer.events)} events
      {shown !== liveBuffer.size && ` · ${fmt(shown)} shown`}
    </span>
  );
});
