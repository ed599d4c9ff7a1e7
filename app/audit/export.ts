import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { AuditEvent, AuditExportFormat, AuditExportResult, AuditFilter } from '../contract/audit.ts';
import { auditPageMax } from '../contract/audit.ts';
import { WardenError } from '../contract/result.ts';
import { canonicalJson } from './canonical-json.ts';
import { csvRow } from './csv.ts';
import type { Search } from './search.ts';
import type { ProgressFn } from './verify.ts';

export interface ExportOptions {
  readonly format: AuditExportFormat;
  readonly filter?: AuditFilter;
  /** File to write (created 0600, replaced if present). */
  readonly out: string;
  readonly onProgress?: ProgressFn;
}

const csvColumns = [
  'seq', 'ts', 'kind', 'status', 'actor', 'interface', 'sessionId', 'tool', 'decision', 'decidedByKind',
  'decidedByName', 'durationMs', 'summary', 'excerpt', 'args', 'details',
] as const;

function csvLine(e: AuditEvent): string {
  return csvRow([
    e.seq, e.ts, e.kind, e.status, e.actor, e.interface, e.sessionId, e.tool, e.decision, e.decidedBy?.kind,
    e.decidedBy?.name, e.durationMs, e.summary, e.excerpt,
    e.args === undefined ? undefined : canonicalJson(e.args),
    e.details === undefined ? undefined : canonicalJson(e.details),
  ]);
}

/**
 * Streams every event matching the filter to a file, newest first, a page at a time, reporting
 * progress after each page and letting the event loop run between pages. The total is counted first;
 * events appended meanwhile are newer than the first page and so are not part of this export.
 */
export async function exportEvents(search: Search, options: ExportOptions): Promise<AuditExportResult> {
  const filter = options.filter ?? {};
  const total = search.count(filter);
  let fd: number;
  try {
    // Never over an existing file: an export must not destroy what is already there.
    fd = openSync(options.out, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new WardenError('conflict', `${options.out} already exists; choose another file name.`);
    }
    throw error;
  }
  let done = 0;
  try {
    if (options.format === 'csv') writeSync(fd, csvRow(csvColumns));
    let cursor: number | undefined;
    for (;;) {
      const page = search.page({ ...filter, limit: auditPageMax, ...(cursor === undefined ? {} : { cursor }) });
      let text = '';
      for (const event of page.events) text += options.format === 'csv' ? csvLine(event) : `${canonicalJson(event)}\n`;
      writeSync(fd, text);
      done += page.events.length;
      options.onProgress?.(done, Math.max(total, done));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
      await yieldToLoop();
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { path: options.out, count: done, format: options.format };
}
