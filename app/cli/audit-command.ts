import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditFilter, AuditVerifyReport } from '../contract/index.ts';
import type { Warden } from '../core/index.ts';
import { request, withCore } from './cli-core.ts';
import { CliError, exitCodes } from './exit-codes.ts';
import { progressBar } from './progress-bar.ts';
import { textTable } from './text-table.ts';
import { parseTimeArg } from './time-arg.ts';

const filterOptions = {
  tool: { type: 'string' },
  status: { type: 'string' },
  session: { type: 'string' },
  actor: { type: 'string' },
  kind: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
} as const;

type FilterValues = { [K in keyof typeof filterOptions]?: string | undefined };

function filterFrom(values: FilterValues, text: string | undefined): AuditFilter {
  const filter: Record<string, string> = {};
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') filter[key] = value;
  };
  set('text', text);
  set('tool', values.tool);
  set('status', values.status);
  set('sessionId', values.session);
  set('actor', values.actor);
  set('kind', values.kind);
  set('since', parseTimeArg('--since', values.since));
  set('until', parseTimeArg('--until', values.until));
  // The dispatcher validates the values (status and kind names, lengths) against the contract.
  return filter as AuditFilter;
}

export interface AuditCommandIo {
  out: (line: string) => void;
}

/** `warden audit search | verify | export | stats`. */
export async function auditCommand(args: readonly string[], dataDir: string | undefined, io: AuditCommandIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'search':
      return search(rest, dataDir, io);
    case 'verify':
      return verify(rest, dataDir, io);
    case 'export':
      return exportEvents(rest, dataDir, io);
    case 'stats':
      return stats(rest, dataDir, io);
    default:
      throw new CliError(
        `warden audit needs one of: search QUERY, verify, export --format jsonl|csv --out FILE, stats${sub ? ` (not "${sub}")` : ''}.`,
        exitCodes.usage,
      );
  }
}

async function search(args: readonly string[], dataDir: string | undefined, io: AuditCommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { ...filterOptions, json: { type: 'boolean' }, limit: { type: 'string' }, cursor: { type: 'string' } },
    allowPositionals: true,
  });
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  const query = {
    ...filterFrom(values, positionals.join(' ') || undefined),
    limit,
    ...(values.cursor === undefined ? {} : { cursor: Number(values.cursor) }),
  };
  const page = await withCore(dataDir, (warden) => request(warden, 'audit.search', query));
  if (values.json) {
    io.out(JSON.stringify(page, null, 2));
    return exitCodes.ok;
  }
  if (page.events.length === 0) {
    io.out('No events match.');
    return exitCodes.ok;
  }
  io.out(
    textTable(
      ['SEQ', 'TIME (UTC)', 'KIND', 'STATUS', 'TOOL', 'ACTOR', 'SUMMARY'],
      page.events.map((e) => [String(e.seq), e.ts.replace('T', ' ').replace('Z', ''), e.kind, e.status, e.tool ?? '', e.actor, e.summary]),
    ),
  );
  if (page.nextCursor !== null) io.out(`More: add --cursor ${page.nextCursor}`);
  return exitCodes.ok;
}

function describeVerify(report: AuditVerifyReport): string {
  if (report.ok) {
    return `OK: ${report.checked.toLocaleString('en-US')} events (${report.archivedChecked.toLocaleString('en-US')} archived) and ${report.checkpointsChecked} checkpoints verify; head seq ${report.headSeq}; ${Math.round(report.durationMs)} ms.`;
  }
  const problem = report.problem;
  return `TAMPERING OR DAMAGE: ${problem ? `${problem.kind} at seq ${problem.seq}: ${problem.message}` : 'verification failed'}`;
}

async function verify(args: readonly string[], dataDir: string | undefined, io: AuditCommandIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean' } } });
  const bar = values.json ? undefined : progressBar('verifying');
  const report = await withCore(dataDir, async (warden) => {
    const stop = watchProgress(warden, 'verify', bar);
    try {
      return await request(warden, 'audit.verify', {});
    } finally {
      stop();
    }
  });
  io.out(values.json ? JSON.stringify(report, null, 2) : describeVerify(report));
  return report.ok ? exitCodes.ok : exitCodes.failure;
}

async function exportEvents(args: readonly string[], dataDir: string | undefined, io: AuditCommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { ...filterOptions, format: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  const format = values.format;
  if (format !== 'jsonl' && format !== 'csv') throw new CliError('export needs --format jsonl or --format csv.', exitCodes.usage);
  if (!values.out) throw new CliError('export needs --out FILE (the file is created; an existing one is not overwritten).', exitCodes.usage);
  const out = resolve(values.out);
  const filter = filterFrom(values, positionals.join(' ') || undefined);
  const bar = progressBar('exporting');
  const result = await withCore(dataDir, async (warden) => {
    // The CLI user names the file; the consoles' clients never do (the core picks theirs).
    try {
      return await warden.audit.exportTo({ format, filter, out, onProgress: (done, total) => bar.update(done, total) });
    } finally {
      bar.finish();
    }
  });
  io.out(`Exported ${result.count.toLocaleString('en-US')} events to ${result.path}`);
  return exitCodes.ok;
}

async function stats(args: readonly string[], dataDir: string | undefined, io: AuditCommandIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean' } } });
  const result = await withCore(dataDir, async (warden) => ({ stats: await request(warden, 'audit.stats', {}), key: warden.auditKeySource }));
  if (values.json) {
    io.out(JSON.stringify({ ...result.stats, keySource: result.key }, null, 2));
    return exitCodes.ok;
  }
  const s = result.stats;
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n.toLocaleString('en-US')}`)
      .join(', ') || 'none';
  io.out(
    [
      `events      ${s.total.toLocaleString('en-US')} (${s.live.toLocaleString('en-US')} searchable, ${s.archived.toLocaleString('en-US')} archived)`,
      `range       ${s.firstLiveTs ?? '-'} .. ${s.lastTs ?? '-'}`,
      `by kind     ${counts(s.byKind)}`,
      `by status   ${counts(s.byStatus)}`,
      `store       ${(s.storeBytes / 1024 / 1024).toFixed(1)} MB, ${s.retentionDays} days searchable`,
      `checkpoint  ${s.lastCheckpoint ? `${s.lastCheckpoint.at} (head seq ${s.lastCheckpoint.headSeq})` : 'none yet'}`,
      `key         ${result.key === 'keychain' ? 'OS keychain' : 'key file (weaker fallback: the OS keychain was not available when the trail was created)'}`,
    ].join('\n'),
  );
  return exitCodes.ok;
}

/** Drives the bar from the core's `audit.progress` events (verify reports progress only that way). */
function watchProgress(warden: Warden, operation: 'verify', bar: ReturnType<typeof progressBar> | undefined): () => void {
  if (!bar) return () => undefined;
  const unsubscribe = warden.events.subscribe((name, payload) => {
    if (name !== 'audit.progress') return;
    const progress = payload as { operation: string; done: number; total: number };
    if (progress.operation === operation) bar.update(progress.done, progress.total);
  });
  return () => {
    unsubscribe();
    bar.finish();
  };
}
