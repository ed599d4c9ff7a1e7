import type { LiveViewRows } from '../../state/live-filter.ts';

/** Within this distance of the top the list follows new calls; further down it holds still. */
export const followSlackPx = 4;

/**
 * Where to scroll so the row at the top of the screen stays there after the list changed under
 * it (new calls above, old ones dropped below). A row that has left the view keeps the place it
 * would have had, counted from the nearest row above it that is still there.
 */
export function anchoredScrollTop(previous: LiveViewRows, next: LiveViewRows, scrollTop: number, rowHeight: number): number {
  const topIndex = Math.floor(scrollTop / rowHeight);
  const offset = scrollTop - topIndex * rowHeight;
  // The top row may have been dropped since (the oldest go first): anchor on the nearest row above it.
  for (let above = 0; above <= Math.min(topIndex, 2000); above++) {
    const row = previous.at(topIndex - above);
    if (row === undefined) continue;
    let index = next.indexOfSeq(row.seq);
    if (index < 0) index = next.newerThan(row.seq);
    return (index + above) * rowHeight + offset;
  }
  return scrollTop;
}
