import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuditChainStatusSchema,
  AuditEventSchema,
  AuditExportResultSchema,
  AuditHistogramSchema,
  AuditPageSchema,
  AuditStatsSchema,
  AuditVerifyReportSchema,
} from '../contract/audit.ts';
import { openAuditTrail } from './audit-trail.ts';
import { migrations } from './migrations.ts';
import { syntheticEvent } from './synthetic-events.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warden-audit-trail-'));
  dirs.push(dir);
  return dir;
}

describe('append', () => {
  it('numbers events from 1 and stamps times that never go backwards', () => {
    const times = [Date.parse('2025-05-01T12:00:00.000Z'), Date.parse('2025-05-01T11:00:00.000Z')];
    let call = 0;
    const trail = openAuditTrail({ dir: tempDir(), now: () => times[Math.min(call++, 1)] ?? 0 });
    const [first, second] = trail.appendBatch([syntheticEvent(0), syntheticEvent(1)]);
    expect(first).toMatchObject({ seq: 1, ts: '2025-05-01T12:00:00.000Z' });
    expect(second).toMatchObject({ seq: 2, ts: '2025-05-01T12:00:00.000Z' });
    expect(trail.append(syntheticEvent(2)).seq).toBe(3);
    trail.close();
  });

  it('continues one chain when two handles (two processes) append to the same store', async () => {
    const dir = tempDir();
    const a = openAuditTrail({ dir });
    const b = openAuditTrail({ dir });
    for (let i = 0; i < 50; i++) {
      a.append(syntheticEvent(i));
      b.appendBatch([syntheticEvent(i), syntheticEvent(i + 1)]);
    }
    expect(await a.verify()).toMatchObject({ ok: true, checked: 150 });
    a.close();
    b.close();
  });

  it('reports committed events to listeners, and a failing listener does not fail the append', () => {
    const errors: unknown[] = [];
    const trail = openAuditTrail({ dir: tempDir(), onListenerError: (error) => errors.push(error) });
    const seen: number[] = [];
    trail.onAppended(() => {
      throw new Error('listener bug');
    });
    const off = trail.onAppended((events) => seen.push(...events.map((e) => e.seq)));
    trail.appendBatch([syntheticEvent(0), syntheticEvent(1)]);
    off();
    trail.append(syntheticEvent(2));
    expect(seen).toEqual([1, 2]);
    expect(errors).toHaveLength(2);
    trail.close();
  });
});

describe('checkpoints', () => {
  it('writes one on the first append of each day, on demand and on close', () => {
    const dir = tempDir();
    const clock = { now: Date.parse('2025-05-01T23:00:00.000Z') };
    const trail = openAuditTrail({ dir, now: () => clock.now });
    trail.append(syntheticEvent(0));
    trail.append(syntheticEvent(1));
    clock.now += 3_600_000;
    trail.append(syntheticEvent(2));
    trail.checkpoint();
    trail.append(syntheticEvent(3));
    trail.close();
    const lines = readFileSync(join(dir, 'checkpoints', 'audit-checkpoints.jsonl'), 'utf8').trimEnd().split('\n');
    const records = lines.map((l) => JSON.parse(l) as { reason: string; headSeq: number; date: string });
    expect(records.map((r) => [r.reason, r.headSeq, r.date])).toEqual([
      ['daily', 1, '2025-05-01'],
      ['daily', 3, '2025-05-02'],
      ['manual', 3, '2025-05-02'],
      ['close', 4, '2025-05-02'],
    ]);
  });

  it('can live in a second directory', async () => {
    const dir = tempDir();
    const checkpointDir = join(tempDir(), 'elsewhere');
    const trail = openAuditTrail({ dir, checkpointDir });
    trail.append(syntheticEvent(0));
    expect(statSync(join(checkpointDir, 'audit-checkpoints.jsonl')).mode & 0o777).toBe(0o600);
    expect(await trail.verify()).toMatchObject({ ok: true, checkpointsChecked: 1 });
    trail.close();
  });
});

describe('get, stats and histogram', () => {
  it('shows an event with its chain status', () => {
    const trail = openAuditTrail({ dir: tempDir() });
    trail.appendBatch([syntheticEvent(0), syntheticEvent(1)]);
    const entry = trail.get(2);
    expect(entry.event.seq).toBe(2);
    expect(entry.chain).toMatchObject({ macValid: true, linkValid: true, checkpointed: true });
    expect(entry.chain.prevMac).toBe(trail.get(1).chain.mac);
    expect(() => trail.get(3)).toThrow(/no audit event 3/);
    trail.close();
  });

  it('counts by kind and status and buckets per hour by status', () => {
    const clock = { now: Date.parse('2025-05-01T10:15:00.000Z') };
    const trail = openAuditTrail({ dir: tempDir(), now: () => clock.now });
    trail.append({ kind: 'auth', status: 'failure', actor: 'web', summary: 'bad token' });
    trail.append({ kind: 'auth', status: 'success', actor: 'web', summary: 'login' });
    clock.now += 3_600_000;
    trail.append({ kind: 'secret_use', status: 'success', actor: 'runner', summary: 'GITHUB_TOKEN injected' });
    const stats = trail.stats();
    expect(stats).toMatchObject({ total: 3, live: 3, archived: 0, retentionDays: 90, lastTs: '2025-05-01T11:15:00.000Z' });
    expect(stats.byKind).toMatchObject({ auth: 2, secret_use: 1, tool_call: 0 });
    expect(stats.byStatus).toMatchObject({ success: 2, failure: 1, denied: 0 });
    const histogram = trail.histogram({ since: '2025-05-01T10:30:00.000Z', until: '2025-05-01T12:00:00.000Z' });
    expect(histogram.buckets).toEqual([
      { hour: '2025-05-01T10:00:00.000Z', success: 1, failure: 1, blocked: 0, denied: 0, pending: 0 },
      { hour: '2025-05-01T11:00:00.000Z', success: 1, failure: 0, blocked: 0, denied: 0, pending: 0 },
    ]);
    trail.close();
  });
});

describe('the contract', () => {
  it('every answer parses with its audit.* schema', async () => {
    const dir = tempDir();
    const trail = openAuditTrail({ dir });
    trail.appendBatch(Array.from({ length: 50 }, (_, i) => syntheticEvent(i)));
    trail.append({ kind: 'policy_change', status: 'success', actor: 'ana', interface: 'desktop', summary: 'x', details: { before: null, after: [1, 'a'] } });
    const page = trail.search({ limit: 500 });
    expect(AuditPageSchema.parse(page)).toEqual(page);
    const entry = trail.get(51);
    expect(AuditEventSchema.parse(entry.event)).toEqual(entry.event);
    expect(AuditChainStatusSchema.parse(entry.chain)).toEqual(entry.chain);
    const stats = trail.stats();
    expect(AuditStatsSchema.parse(stats)).toEqual(stats);
    const histogram = trail.histogram({ since: '2000-01-01T00:00:00.000Z', until: '2000-12-01T00:00:00.000Z' });
    expect(AuditHistogramSchema.parse(histogram)).toEqual(histogram);
    const report = await trail.verify();
    expect(AuditVerifyReportSchema.parse(report)).toEqual(report);
    const exported = await trail.exportTo({ format: 'csv', out: join(dir, 'x.csv') });
    expect(AuditExportResultSchema.parse(exported)).toEqual(exported);
    trail.close();
  });
});

describe('the store on disk', () => {
  it('is private: 0700 directories, 0600 files, and says so when that changes', () => {
    const dir = tempDir();
    const trail = openAuditTrail({ dir });
    trail.append(syntheticEvent(0));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'audit.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'audit.db-wal')).mode & 0o777).toBe(0o600);
    expect(trail.checkSeparation()).toEqual({ ok: true, problems: [] });
    chmodSync(join(dir, 'audit.db'), 0o644);
    chmodSync(join(dir, 'archive'), 0o755);
    const report = trail.checkSeparation();
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.path).sort()).toEqual([join(dir, 'archive'), join(dir, 'audit.db')]);
    trail.close();
  });

  it('refuses a key that is not the one the store was written with', () => {
    const dir = tempDir();
    openAuditTrail({ dir }).close();
    writeFileSync(join(dir, 'audit.key'), Buffer.alloc(32, 7), { mode: 0o600 });
    expect(() => openAuditTrail({ dir })).toThrow(/does not match/);
  });

  it('refuses a key file others can read', () => {
    const dir = tempDir();
    openAuditTrail({ dir }).close();
    chmodSync(join(dir, 'audit.key'), 0o644);
    expect(() => openAuditTrail({ dir })).toThrow(/readable by other users/);
  });

  it('records its schema version and refuses one from a newer Warden', () => {
    const dir = tempDir();
    openAuditTrail({ dir }).close();
    const db = new Database(join(dir, 'audit.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openAuditTrail({ dir })).toThrow(/schema version 99/);
  });

  it('upgrades a schema 1 store in place: same search results, still verifies, archives and appends', async () => {
    const dir = tempDir();
    const start = Date.parse('2025-03-01T00:00:00.000Z');
    let clock = start;
    const now = (): number => (clock += 60_000);
    const trail = openAuditTrail({ dir, now });
    trail.appendBatch(Array.from({ length: 600 }, (_, i) => syntheticEvent(i)));
    trail.close();

    // Put the file back exactly into the shape schema 1 left it in, and check that it is that shape.
    const schemaOf = (db: Database.Database): unknown =>
      db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
    const reference = new Database(':memory:');
    reference.exec(migrations[0] ?? '');
    const old = new Database(join(dir, 'audit.db'));
    old.exec("CREATE INDEX events_ts ON events (ts); INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 8);");
    old.pragma('user_version = 1');
    expect(schemaOf(old)).toEqual(schemaOf(reference));
    const config = (db: Database.Database): unknown =>
      db.prepare("SELECT v FROM events_fts_config WHERE k = 'automerge'").pluck().get();
    expect(config(old)).toBe(config(reference));
    reference.close();
    old.close();

    const upgraded = openAuditTrail({ dir, now });
    const db = new Database(join(dir, 'audit.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'events_ts'").get()).toBeUndefined();
    expect(config(db)).toBe(16);
    db.close();

    const since = new Date(start + 100 * 60_000).toISOString();
    const until = new Date(start + 200 * 60_000).toISOString();
    expect(upgraded.search({ since, until, limit: 500 }).events.map((e) => e.seq)).toEqual(
      Array.from({ length: 100 }, (_, i) => 199 - i),
    );
    expect(upgraded.search({ text: 'chargeback', limit: 10 }).events.map((e) => e.seq)).toEqual([1]);
    const added = upgraded.append({ ...syntheticEvent(600), summary: 'after the upgrade: zebra' });
    expect(upgraded.search({ text: 'zebra' }).events.map((e) => e.seq)).toEqual([added.seq]);
    expect((await upgraded.verify()).ok).toBe(true);

    const archived = await upgraded.archive(new Date(start + 300 * 60_000), 'test');
    expect(archived).toMatchObject({ firstSeq: 1, lastSeq: 299 });
    expect(upgraded.search({ until: since }).events).toEqual([]);
    expect(upgraded.search({ text: 'zebra' }).events.map((e) => e.seq)).toEqual([added.seq]);
    expect(await upgraded.verify()).toMatchObject({ ok: true, archivedChecked: 299 });
    upgraded.close();
  });
});
