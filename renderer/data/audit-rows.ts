import type { AuditEvent, AuditKind, AuditStatus } from '../../app/contract/index.ts';

/**
 * What the results table keeps of an event: the columns it shows and nothing else. Arguments,
 * details and excerpts are dropped as each page arrives, so 100k results stay light; the detail
 * drawer fetches the whole event with `audit.get`.
 */
export interface AuditRow {
  readonly seq: number;
  readonly ts: string;
  readonly kind: AuditKind;
  readonly status: AuditStatus;
  readonly tool: string | undefined;
  readonly sessionId: string | undefined;
  readonly actor: string;
  readonly summary: string;
}

/** Longest summary kept per row; the cell shows one line and the drawer the whole text. */
export const rowSummaryMax = 240;

export function toRow(event: AuditEvent): AuditRow {
  return {
    seq: event.seq,
    ts: event.ts,
    kind: event.kind,
    status: event.status,
    tool: event.tool,
    sessionId: event.sessionId,
    actor: event.actor,
    summary: event.summary.length > rowSummaryMax ? `${event.summary.slice(0, rowSummaryMax - 1)}…` : event.summary,
  };
}

/** Random access over loaded pages without copying them into one array. */
export interface RowIndex {
  readonly count: number;
  at(index: number): AuditRow | undefined;
  /** Where `seq` is among the loaded rows (newest first, so seqs descend), or -1. */
  indexOf(seq: number): number;
}

export function indexRows(pages: readonly (readonly AuditRow[])[]): RowIndex {
  const starts: number[] = [];
  let count = 0;
  for (const page of pages) {
    starts.push(count);
    count += page.length;
  }
  const pageOf = (index: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const at = (index: number): AuditRow | undefined => {
    if (!Number.isInteger(index) || index < 0 || index >= count) return undefined;
    const page = pageOf(index);
    return pages[page]?.[index - (starts[page] ?? 0)];
  };
  return {
    count,
    at,
    indexOf(seq) {
      let lo = 0;
      let hi = count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const found = at(mid)?.seq ?? 0;
        if (found === seq) return mid;
        if (found > seq) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    },
  };
}
