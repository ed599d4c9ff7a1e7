import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditProblem } from '../contract/audit.ts';
import { openAuditTrail } from './audit-trail.ts';
import { openStore } from './store.ts';
import { syntheticEvent } from './synthetic-events.ts';
import { verifyTrail } from './verify.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A closed store of 200 events with a checkpoint at its head. */
function makeStore(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warden-audit-tamper-'));
  dirs.push(dir);
  const trail = openAuditTrail({ dir });
  trail.appendBatch(Array.from({ length: 200 }, (_, i) => syntheticEvent(i)));
  trail.close();
  return dir;
}

/** What an attacker with write access to the file does: drop the guards, then edit. */
function tamper(dir: string, sql: string): void {
  const db = new Database(join(dir, 'audit.db'));
  db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_delete_archived_only;');
  db.exec(sql);
  db.close();
}

const missingWorker = new URL('./no-such-worker.ts', import.meta.url);

describe.each([
  ['on one thread', { parallelFrom: Number.MAX_SAFE_INTEGER }],
  ['split across two threads', { parallelFrom: 10 }],
  ['split, with a worker that cannot start', { parallelFrom: 10, workerUrl: missingWorker }],
])('verify %s catches tampering', (_mode, options) => {
  async function firstProblem(dir: string): Promise<AuditProblem | null> {
    const store = openStore({ dir });
    try {
      const report = await verifyTrail(store, undefined, options);
      expect(report.ok).toBe(report.problem === null);
      if (report.problem === null) expect(report.checked).toBe(report.headSeq);
      return report.problem;
    } finally {
      store.close();
    }
  }

  it('passes an untouched store', async () => {
    expect(await firstProblem(makeStore())).toBeNull();
  });

  it('refuses updates and deletes while the guards are in place', () => {
    const dir = makeStore();
    const db = new Database(join(dir, 'audit.db'));
    expect(() => db.exec("UPDATE events SET body = '{}' WHERE seq = 5")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM events WHERE seq = 5')).toThrow(/archive file/);
    db.close();
  });

  it('an edited event', async () => {
    const dir = makeStore();
    tamper(dir, "UPDATE events SET body = replace(body, '\"status\":\"', '\"status\":\"x') WHERE seq = 50");
    expect(await firstProblem(dir)).toMatchObject({ kind: 'broken', seq: 50 });
  });

  it('an edited event whose chain was recomputed without the key', async () => {
    const dir = makeStore();
    const db = new Database(join(dir, 'audit.db'));
    db.exec('DROP TRIGGER events_no_update');
    // The attacker rewrites event 120 and rebuilds every later link with the only hash they can compute.
    const rows = db.prepare('SELECT seq, prev_mac, body FROM events WHERE seq >= 120 ORDER BY seq').all() as {
      seq: number;
      prev_mac: string;
      body: string;
    }[];
    let prev = rows[0]?.prev_mac ?? '';
    const update = db.prepare('UPDATE events SET body = ?, prev_mac = ?, mac = ? WHERE seq = ?');
    for (const row of rows) {
      const body = row.seq === 120 ? row.body.replace('"status":"', '"status":"success","x":"') : row.body;
      const mac = createHash('sha256').update(prev + body).digest('hex');
      update.run(body, prev, mac, row.seq);
      prev = mac;
    }
    db.close();
    expect(await firstProblem(dir)).toMatchObject({ kind: 'broken', seq: 120 });
  });

  it('a changed time in the search index column', async () => {
    const dir = makeStore();
    tamper(dir, "UPDATE events SET ts = '2020-01-01T00:00:00.000Z' WHERE seq = 33");
    expect(await firstProblem(dir)).toMatchObject({ kind: 'broken', seq: 33 });
  });

  it('an edited event in the upper half', async () => {
    const dir = makeStore();
    tamper(dir, "UPDATE events SET body = replace(body, '\"status\":\"', '\"status\":\"x') WHERE seq = 170");
    expect(await firstProblem(dir)).toMatchObject({ kind: 'broken', seq: 170 });
  });

  it('the middle event replaced by a copy of another', async () => {
    const dir = makeStore();
    tamper(
      dir,
      `DELETE FROM events WHERE seq = 100;
       INSERT INTO events (seq, ts, body, prev_mac, mac) SELECT 100, ts, body, prev_mac, mac FROM events WHERE seq = 150;`,
    );
    expect(await firstProblem(dir)).toMatchObject({
      kind: 'missing',
      seq: 100,
      message: 'Event 100 is missing (event 150 is stored in its place).',
    });
  });

  it('a deleted event', async () => {
    const dir = makeStore();
    tamper(dir, 'DELETE FROM events WHERE seq = 77');
    expect(await firstProblem(dir)).toMatchObject({ kind: 'missing', seq: 77, message: 'Event 77 is missing.' });
  });

  it('deleted events whose successors were renumbered to close the gap', async () => {
    const dir = makeStore();
    tamper(dir, 'DELETE FROM events WHERE seq BETWEEN 60 AND 64; UPDATE events SET seq = seq - 5 WHERE seq > 64');
    expect(await firstProblem(dir)).toMatchObject({ kind: 'missing', seq: 60, message: 'Event 60 is missing (event 65 is stored in its place).' });
  });

  it('two events swapped', async () => {
    const dir = makeStore();
    tamper(
      dir,
      `UPDATE events SET seq = -1 WHERE seq = 90;
       UPDATE events SET seq = 90 WHERE seq = 91;
       UPDATE events SET seq = 91 WHERE seq = -1;`,
    );
    expect(await firstProblem(dir)).toMatchObject({ kind: 'reordered', seq: 90 });
  });

  it('an event moved to the end', async () => {
    const dir = makeStore();
    tamper(dir, 'UPDATE events SET seq = 1000 WHERE seq = 30');
    expect(await firstProblem(dir)).toMatchObject({ kind: 'reordered', seq: 31 });
  });

  it('the tail cut off after a checkpoint', async () => {
    const dir = makeStore();
    tamper(dir, 'DELETE FROM events WHERE seq > 180');
    expect(await firstProblem(dir)).toMatchObject({ kind: 'truncated', seq: 181 });
  });

  it('every event deleted', async () => {
    const dir = makeStore();
    tamper(dir, 'DELETE FROM events');
    expect(await firstProblem(dir)).toMatchObject({ kind: 'truncated', seq: 1 });
  });

  it('a forged checkpoint', async () => {
    const dir = makeStore();
    const file = join(dir, 'checkpoints', 'audit-checkpoints.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"headSeq":200', '"headSeq":150').replace('"count":200', '"count":150'));
    expect(await firstProblem(dir)).toMatchObject({ kind: 'broken', seq: 150 });
  });
});
