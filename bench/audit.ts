/**
 * Audit trail benchmark (issue 3): append throughput, search latency and verify time on synthetic
 * tool-call events, against two baselines measured in the same run: the same appends into a bare
 * table (no MAC, no FTS, no index) and the same questions answered by scanning a JSONL file.
 *
 *   node bench/audit.ts                          1,000,000 events (a few minutes on 2 cores)
 *   AUDIT_BENCH_EVENTS=100000 node bench/audit.ts  a quicker run
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditEventInput, AuditQuery } from '../app/contract/audit.ts';
import { openAuditTrail } from '../app/audit/index.ts';
import { syntheticEvent } from '../app/audit/synthetic-events.ts';

const total = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const batchSize = 1_000;
const singleSample = Math.min(5_000, total);
const searchRuns = 40;
const scanRuns = 3;
const start = Date.parse('2025-01-01T00:00:00.000Z');
const stepMs = 10_000; // 1M events span ~116 days

if (!Number.isInteger(total) || total < batchSize) throw new Error(`AUDIT_BENCH_EVENTS must be an integer ≥ ${batchSize}.`);

const dir = mkdtempSync(join(tmpdir(), 'warden-bench-audit-'));
const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const rate = (events: number, elapsedMs: number): number => Math.round((events / elapsedMs) * 1000);
const fmt = (n: number): string => n.toLocaleString('en-US');
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const batchOf = (from: number): AuditEventInput[] => Array.from({ length: batchSize }, (_, i) => syntheticEvent(from + i));

try {
  console.log(`Audit trail benchmark: ${fmt(total)} synthetic events, node ${process.versions.node}, temp dir ${dir}\n`);

  // 1. The real store: MAC chain + FTS + ts index + hourly counts, 1,000 events per transaction.
  let clock = start;
  const trail = openAuditTrail({ dir: join(dir, 'store'), now: () => (clock += stepMs) });
  let batchedMs = 0;
  for (let from = 0; from < total; from += batchSize) {
    const batch = batchOf(from);
    const t0 = performance.now();
    trail.appendBatch(batch);
    batchedMs += performance.now() - t0;
  }

  // One event per transaction, on a smaller sample, into the same (full) store.
  let singleMs = 0;
  for (let i = 0; i < singleSample; i++) {
    const input = syntheticEvent(total + i);
    const t0 = performance.now();
    trail.append(input);
    singleMs += performance.now() - t0;
  }

  // 2. Baseline: the same events as plain JSON rows, no MAC, no FTS, no secondary index.
  const bare = new Database(join(dir, 'bare.db'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = NORMAL');
  bare.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, ts TEXT NOT NULL, body TEXT NOT NULL) STRICT');
  const insertBare = bare.prepare('INSERT INTO events (seq, ts, body) VALUES (?, ?, ?)');
  let bareClock = start;
  const bareBatch = bare.transaction((seq0: number, batch: AuditEventInput[]) => {
    batch.forEach((input, i) => {
      const ts = new Date((bareClock += stepMs)).toISOString();
      insertBare.run(seq0 + i, ts, JSON.stringify({ ...input, seq: seq0 + i, ts }));
    });
  });
  let bareMs = 0;
  for (let from = 0; from < total; from += batchSize) {
    const batch = batchOf(from);
    const t0 = performance.now();
    bareBatch(from + 1, batch);
    bareMs += performance.now() - t0;
  }
  let bareSingleMs = 0;
  for (let i = 0; i < singleSample; i++) {
    const batch = [syntheticEvent(total + i)];
    const t0 = performance.now();
    bareBatch(total + i + 1, batch);
    bareSingleMs += performance.now() - t0;
  }
  bare.close();

  // The log-file baseline gets the very same events, one JSON object per line, as stored.
  const jsonl = join(dir, 'events.jsonl');
  const jsonlFd = openSync(jsonl, 'w');
  let bodyBytes = 0;
  for (let after = 0; ; ) {
    const links = await trail.readChain(after, 10_000);
    const last = links.at(-1);
    if (last === undefined) break;
    const text = `${links.map((l) => l.body).join('\n')}\n`;
    bodyBytes += text.length;
    writeSync(jsonlFd, text);
    after = last.seq;
  }
  closeSync(jsonlFd);

  // 3. Search: five questions a person asks, answered as the UI asks them (first page of 100).
  const span = total * stepMs;
  const week = 7 * 86_400_000;
  const sessions = Math.floor(total / 64);
  const iso = (t: number): string => new Date(t).toISOString();
  interface Question {
    readonly name: string;
    readonly query: (run: number) => AuditQuery;
    /** The same question for a log-file audit: does this JSONL line match? */
    readonly line: (run: number) => (line: string) => boolean;
  }
  const questions: Question[] = [
    {
      name: 'text: "quarterly report"',
      query: () => ({ text: 'quarterly report' }),
      line: () => (l) => l.includes('quarterly') && l.includes('report'),
    },
    {
      name: 'rare word: "chargeback"',
      query: () => ({ text: 'chargeback' }),
      line: () => (l) => l.includes('chargeback'),
    },
    {
      name: 'filters: shell.exec + denied',
      query: () => ({ tool: 'shell.exec', status: 'denied' }),
      line: () => (l) => l.includes('"tool":"shell.exec"') && l.includes('"status":"denied"'),
    },
    {
      name: '"invoice" + failure + 7 days',
      query: (run) => {
        const since = start + ((run * 7919) % Math.max(1, span - week));
        return { text: 'invoice', status: 'failure', since: iso(since), until: iso(since + week) };
      },
      line: (run) => {
        const since = iso(start + ((run * 7919) % Math.max(1, span - week)));
        const until = iso(start + ((run * 7919) % Math.max(1, span - week)) + week);
        return (l) => {
          if (!l.includes('invoice') || !l.includes('"status":"failure"')) return false;
          const ts = l.slice(l.lastIndexOf('"ts":"') + 6, l.lastIndexOf('"ts":"') + 30);
          return ts >= since && ts < until;
        };
      },
    },
    {
      name: 'one session',
      query: (run) => ({ sessionId: `sess-${((run * 104_729) % sessions).toString(36)}` }),
      line: (run) => {
        const needle = `"sessionId":"sess-${((run * 104_729) % sessions).toString(36)}"`;
        return (l) => l.includes(needle);
      },
    },
  ];

  const searchRows = questions.map((q) => {
    const times: number[] = [];
    let hits = 0;
    for (let run = 0; run < searchRuns; run++) {
      const t0 = performance.now();
      hits = trail.search({ ...q.query(run), limit: 100 }).events.length;
      times.push(performance.now() - t0);
    }
    const scans: number[] = [];
    let scanHits = 0;
    for (let run = 0; run < scanRuns; run++) {
      const t0 = performance.now();
      scanHits = scanJsonl(jsonl, q.line(run), 100).length;
      scans.push(performance.now() - t0);
    }
    return { name: q.name, p50: percentile(times, 50), p95: percentile(times, 95), hits, scan: percentile(scans, 50), scanHits };
  });

  // 4. Verify the whole chain.
  const report = await trail.verify();
  const storeBytes = trail.stats().storeBytes;
  trail.close();
  if (!report.ok) throw new Error(`verify failed: ${JSON.stringify(report.problem)}`);

  // Report.
  const batchedRate = rate(total, batchedMs);
  const bareRate = rate(total, bareMs);
  const overhead = batchedMs / bareMs;
  const worstP95 = Math.max(...searchRows.map((r) => r.p95));
  const worstRatio = Math.min(...searchRows.map((r) => r.scan / r.p95));
  console.log('Append (time inside append calls; event generation excluded)');
  console.table([
    { case: 'batched 1,000/tx, MAC + FTS (Warden)', events: fmt(total), 'events/s': fmt(batchedRate) },
    { case: 'batched 1,000/tx, bare table (baseline)', events: fmt(total), 'events/s': fmt(bareRate) },
    { case: `one per tx, MAC + FTS (sample of ${fmt(singleSample)})`, events: fmt(singleSample), 'events/s': fmt(rate(singleSample, singleMs)) },
    { case: `one per tx, bare table (sample of ${fmt(singleSample)})`, events: fmt(singleSample), 'events/s': fmt(rate(singleSample, bareSingleMs)) },
  ]);
  console.log(`average event as JSON: ${Math.round(bodyBytes / (total + singleSample))} bytes; store on disk: ${fmt(Math.round(storeBytes / 1e6))} MB\n`);
  console.log(`Search: first page of 100, ${searchRuns} runs each; JSONL scan: median of ${scanRuns} full-file scans`);
  console.table(
    searchRows.map((r) => ({
      question: r.name,
      hits: r.hits,
      p50: ms(r.p50),
      p95: ms(r.p95),
      'JSONL scan': ms(r.scan),
      'scan / p95': `${(r.scan / r.p95).toFixed(0)}×`,
      same: r.hits === r.scanHits ? 'yes' : `no (${r.scanHits})`,
    })),
  );
  console.log(`Verify: ${fmt(report.checked)} events, ${report.checkpointsChecked} checkpoints in ${ms(report.durationMs)}\n`);

  const scale = total / 1_000_000;
  const verifyTarget = 3_000 * scale;
  const check = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  console.log(total === 1_000_000 ? 'Targets (issue 3)' : `Targets (issue 3; verify target scaled to ${fmt(total)} events)`);
  console.table([
    { target: 'batched append ≥ 50,000 events/s with MAC + FTS', measured: `${fmt(batchedRate)} events/s`, result: check(batchedRate >= 50_000) },
    { target: 'search p95 ≤ 25 ms (worst of five)', measured: ms(worstP95), result: check(worstP95 <= 25) },
    { target: 'search ≥ 20× faster than the JSONL scan (worst of five)', measured: `${worstRatio.toFixed(0)}×`, result: check(worstRatio >= 20) },
    { target: `verify ≤ ${ms(verifyTarget)}`, measured: ms(report.durationMs), result: check(report.durationMs <= verifyTarget) },
    { target: 'chain + FTS ≤ 2× the bare append', measured: `${overhead.toFixed(2)}×`, result: check(overhead <= 2) },
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** What a log-file audit does: read the whole file, test every line, keep the newest `limit` matches. */
function scanJsonl(path: string, matches: (line: string) => boolean, limit: number): string[] {
  const fd = openSync(path, 'r');
  const chunk = Buffer.alloc(16 << 20);
  const found: string[] = [];
  let carry = '';
  try {
    for (let position = 0, size = statSync(path).size; position < size; ) {
      const read = readSync(fd, chunk, 0, chunk.length, position);
      position += read;
      const text = carry + chunk.toString('utf8', 0, read);
      const end = text.lastIndexOf('\n');
      carry = text.slice(end + 1);
      for (const line of text.slice(0, end).split('\n')) {
        if (!matches(line)) continue;
        found.push(line);
        if (found.length > limit) found.shift();
      }
    }
  } finally {
    closeSync(fd);
  }
  return found.reverse();
}
