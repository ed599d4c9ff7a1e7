import { memo } from 'react';
import type { AuditRow } from '../../data/audit-rows.ts';
import { kindLabel } from '../../data/audit-filters.ts';
import { formatTimestamp } from '../../format/time.ts';
import { StatusBadge } from './status-badge.tsx';

export const rowHeight = 32;
export const rowId = (seq: number): string => `audit-row-${seq}`;

export const columns = ['Time', 'Kind', 'Status', 'Tool', 'Session', 'Actor', 'Summary'] as const;

/** One results row at a fixed height; only the rows on screen (plus a few) exist at any time. */
export const ResultRow = memo(function ResultRow({
  row,
  index,
  top,
  active,
  open,
  onPick,
}: {
  row: AuditRow;
  index: number;
  top: number;
  active: boolean;
  open: boolean;
  onPick: (seq: number) => void;
}) {
  const classes = ['audit-row', active && 'audit-row--active', open && 'audit-row--open'].filter(Boolean).join(' ');
  return (
    <div
      role="row"
      id={rowId(row.seq)}
      className={classes}
      aria-rowindex={index + 2}
      aria-selected={active}
      data-testid="audit-row"
      data-seq={row.seq}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onPick(row.seq)}
    >
      <span role="gridcell" className="audit-cell audit-cell--time tabular">
        <time dateTime={row.ts} title={row.ts}>
          {formatTimestamp(row.ts)}
        </time>
      </span>
      <span role="gridcell" className="audit-cell audit-cell--kind">
        {kindLabel(row.kind)}
      </span>
      <span role="gridcell" className="audit-cell">
        <StatusBadge status={row.status} />
      </span>
      <span role="gridcell" className="audit-cell audit-cell--mono" title={row.tool}>
        {row.tool ?? <span className="audit-cell__none">—</span>}
      </span>
      <span role="gridcell" className="audit-cell audit-cell--mono" title={row.sessionId}>
        {row.sessionId ?? <span className="audit-cell__none">—</span>}
      </span>
      <span role="gridcell" className="audit-cell" title={row.actor}>
        {row.actor}
      </span>
      <span role="gridcell" className="audit-cell audit-cell--summary" title={row.summary}>
        {row.summary}
      </span>
    </div>
  );
});
