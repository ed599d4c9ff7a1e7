import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readGzipLines } from './archive-file.ts';
import type { AuditTrail } from './audit-trail.ts';
import { openAuditTrail } from './audit-trail.ts';
import { syntheticEvent } from './synthetic-events.ts';

const day = 86_400_000;
const start = Date.parse('2025-01-01T00:00:00.000Z');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** 300 events, one every 12 hours (150 days), with a clock the test can move. */
function makeTrail(retentionDays = 90): { trail: AuditTrail; dir: string; clock: { now: number } } {
  const dir = mkdtempSync(join(tmpdir(), 'warden-audit-archive-'));
  dirs.push(dir);
  const clock = { now: start };
  const trail = openAuditTrail({ dir, retentionDays, now: () => clock.now });
  for (let i = 0; i < 300; i++) {
    trail.append(syntheticEvent(i));
    clock.now += day / 2;
  }
  return { trail, dir, clock };
}

describe('retention', () => {
  it('archives what is older than the retention period, records it, and still verifies as one chain', async () => {
    const { trail, dir } = makeTrail(90);
    const result = await trail.applyRetention('nightly job');
    // The clock stands at day 150: events of days 0–59 (seq 1–120) are older than 90 days.
    expect(result).toMatchObject({ firstSeq: 1, lastSeq: 120, count: 120, recordedAs: 301 });
    const stats = trail.stats();
    expect(stats).toMatchObject({ total: 301, live: 181, archived: 120 });
    expect(trail.search({ limit: 500 }).events.at(-1)?.seq).toBe(121);

    const record = trail.get(301).event;
    expect(record).toMatchObject({ kind: 'lifecycle', actor: 'nightly job', details: { action: 'archive', firstSeq: 1, lastSeq: 120 } });
    expect(() => trail.get(5)).toThrow(/archived to audit-000000000001-000000000120\.jsonl\.gz/);

    const lines: string[] = [];
    for await (const line of readGzipLines(join(dir, 'archive', result?.file ?? ''))) lines.push(line);
    expect(lines).toHaveLength(120);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ seq: 1, event: { seq: 1, kind: 'tool_call' } });

    const report = await trail.verify();
    expect(report).toMatchObject({ ok: true, checked: 301, archivedChecked: 120 });
    trail.close();
  });

  it('archives again from where it stopped, and does nothing when nothing is old enough', async () => {
    const { trail, clock } = makeTrail(90);
    await trail.applyRetention();
    expect(await trail.applyRetention()).toBeNull();
    clock.now += 10 * day;
    expect(await trail.applyRetention()).toMatchObject({ firstSeq: 121, lastSeq: 140 });
    expect(await trail.verify()).toMatchObject({ ok: true, archivedChecked: 140 });
    // The forwarder's view reads across archives and the live table without a gap.
    const links = [...(await trail.readChain(0, 1000)), ...(await trail.readChain(120, 1000)), ...(await trail.readChain(140, 1000))];
    expect(links.map((l) => l.seq)).toEqual(Array.from({ length: 302 }, (_, i) => i + 1));
    trail.close();
  });

  it('detects a missing or altered archive file', async () => {
    const { trail, dir } = makeTrail(90);
    const result = await trail.applyRetention();
    const file = join(dir, 'archive', result?.file ?? '');
    writeFileSync(file, 'not gzip');
    expect((await trail.verify()).problem).toMatchObject({ kind: 'broken', seq: 1 });
    rmSync(file);
    expect((await trail.verify()).problem).toMatchObject({ kind: 'missing', seq: 1 });
    trail.close();
  });

  it('lets only archived rows go, and the gate only forward, to the end of a recorded segment', async () => {
    const { trail, dir } = makeTrail(90);
    await trail.applyRetention();
    trail.close();
    const db = new Database(join(dir, 'audit.db'));
    expect(() => db.exec('DELETE FROM events WHERE seq = 121')).toThrow(/archive file/);
    expect(() => db.exec('UPDATE archive_gate SET archived_through = 200')).toThrow(/archive gate/);
    expect(() => db.exec('UPDATE archive_gate SET archived_through = 0')).toThrow(/archive gate/);
    expect(() => db.exec('DELETE FROM archive_segments')).toThrow(/append-only/);
    // A segment must continue the archived range and end on a stored event with its real MAC.
    const insert = db.prepare(
      "INSERT INTO archive_segments VALUES (?, ?, ?, 'x.gz', 'h', ?, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')",
    );
    expect(() => insert.run(150, 160, 11, 'f'.repeat(64))).toThrow(/archive segment/);
    expect(() => insert.run(121, 130, 10, 'f'.repeat(64))).toThrow(/archive segment/);
    db.close();
    expect(readdirSync(join(dir, 'archive'))).toHaveLength(1);
  });
});
