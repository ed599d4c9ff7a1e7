import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createTimeRange } from './time-range.ts';

describe('time range', () => {
  it('finds the same seqs as a scan, with equal times, gaps in seq and an empty table', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, ts TEXT NOT NULL)');
    const range = createTimeRange(db);
    expect(range.firstAtOrAfter('2025-01-01T00:00:00.000Z')).toBeUndefined();
    expect(range.lastBefore('2025-01-01T00:00:00.000Z')).toBeUndefined();

    const rows: [number, string][] = [];
    let minute = 0;
    for (let seq = 41; seq < 700; seq += seq % 7 === 0 ? 3 : 1) {
      if (seq % 5 !== 0) minute += 1; // every fifth event shares the previous one's time
      rows.push([seq, new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString()]);
    }
    const insert = db.prepare('INSERT INTO events (seq, ts) VALUES (?, ?)');
    for (const row of rows) insert.run(...row);

    for (let m = -2; m <= minute + 2; m++) {
      for (const s of [0, 30]) {
        const ts = new Date(Date.UTC(2025, 0, 1, 0, m, s)).toISOString();
        expect(range.firstAtOrAfter(ts), ts).toBe(rows.find(([, t]) => t >= ts)?.[0]);
        expect(range.lastBefore(ts), ts).toBe(rows.findLast(([, t]) => t < ts)?.[0]);
      }
    }
    db.close();
  });
});
