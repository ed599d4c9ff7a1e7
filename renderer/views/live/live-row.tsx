import { memo } from 'react';
import type { LiveRow as Row } from '../../state/live-buffer.ts';
import { formatClock, formatElapsed, liveStatusLabel } from './live-format.ts';

export const rowHeight = 30;
/** The sticky column header inside the scrolling grid. */
export const headerHeight = 30;
export const liveRowId = (seq: number): string => `live-row-${seq}`;
export const liveColumns = ['Time', 'Status', 'Tool', 'Risk', 'Session', 'Message', 'Duration'] as const;

export function LiveStatusBadge({ status }: { status: Row['status'] }) {
  return (
    <span className={`badge live-status live-status--${status}`} data-testid="live-status">
      {liveStatusLabel(status)}
    </span>
  );
}

/** One call at a fixed height; only the rows on screen exist. Re-renders when its call or its place changed. */
export const LiveRow = memo(function LiveRow({
  row,
  index,
  active,
  open,
  onPick,
}: {
  row: Row;
  index: number;
  active: boolean;
  open: boolean;
  onPick: (row: Row) => void;
}) {
  const classes = ['live-row', `live-row--${row.status}`, active && 'live-row--active', open && 'live-row--open'].filter(Boolean).join(' ');
  return (
    <div
      role="row"
      id={liveRowId(row.seq)}
      className={classes}
      aria-rowindex={index + 2}
      aria-selected={active}
      data-testid="live-row"
      data-call-id={row.id}
      data-state={row.state}
      data-status={row.status}
      onClick={() => onPick(row)}
    >
      <span role="gridcell" className="live-cell live-cell--time tabular">
        {formatClock(row.queuedAt)}
      </span>
      <span role="gridcell" className="live-cell">
        <LiveStatusBadge status={row.status} />
      </span>
      <span role="gridcell" className="live-cell live-cell--mono" title={row.tool}>
        {row.tool}
      </span>
      <span role="gridcell" className="live-cell live-cell--risk">
        {row.risk ?? '—'}
      </span>
      <span role="gridcell" className="live-cell live-cell--mono" title={row.sessionId ?? undefined}>
        {row.sessionId ?? <span className="live-cell__none">—</span>}
      </span>
      <span role="gridcell" className="live-cell live-cell--message" title={row.message}>
        {row.message}
      </span>
      <span role="gridcell" className="live-cell live-cell--duration tabular">
        {formatElapsed(row.durationMs)}
      </span>
    </div>
  );
});
