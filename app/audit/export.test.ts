import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditTrail } from './audit-trail.ts';
import { openAuditTrail } from './audit-trail.ts';
import { syntheticEvent } from './synthetic-events.ts';

let dir: string;
let trail: AuditTrail;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-audit-export-'));
  trail = openAuditTrail({ dir });
  trail.appendBatch(Array.from({ length: 1200 }, (_, i) => syntheticEvent(i)));
  trail.append({
    kind: 'tool_call',
    status: 'failure',
    actor: 'agent 1',
    tool: 'sheet.write',
    args: { cell: '=HYPERLINK("http://evil","click")', note: 'a, "quoted"\nline' },
    summary: '@SUM(A1:A9) -1+2',
    excerpt: '+cmd|/C calc',
  });
});

afterAll(() => {
  trail.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('export', () => {
  it('writes JSONL of a search, newest first, with progress up to the total', async () => {
    const out = join(dir, 'denied.jsonl');
    const progress: [number, number][] = [];
    const result = await trail.exportTo({ format: 'jsonl', filter: { status: 'denied' }, out, onProgress: (d, t) => progress.push([d, t]) });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { seq: number; status: string });
    expect(result).toEqual({ path: out, count: lines.length, format: 'jsonl' });
    expect(lines.every((e) => e.status === 'denied')).toBe(true);
    expect(lines.map((e) => e.seq)).toEqual([...lines.map((e) => e.seq)].sort((a, b) => b - a));
    expect(progress.at(-1)).toEqual([lines.length, lines.length]);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('streams every event across pages', async () => {
    const out = join(dir, 'all.jsonl');
    const progress: number[] = [];
    const result = await trail.exportTo({ format: 'jsonl', out, onProgress: (done) => progress.push(done) });
    expect(result.count).toBe(1201);
    expect(progress).toEqual([500, 1000, 1201]);
  });

  it('writes CSV that a spreadsheet reads as text, not formulas', async () => {
    const out = join(dir, 'sheet.csv');
    await trail.exportTo({ format: 'csv', filter: { tool: 'sheet.write' }, out });
    const text = readFileSync(out, 'utf8');
    const [header, row] = text.split('\r\n');
    expect(header).toBe('seq,ts,kind,status,actor,interface,sessionId,tool,decision,decidedByKind,decidedByName,durationMs,summary,excerpt,args,details');
    expect(row).toContain(",'@SUM(A1:A9) -1+2,'+cmd|/C calc,");
    // The args cell is JSON, quoted because it holds quotes, commas and a line break.
    expect(text).toContain('"{""cell"":""=HYPERLINK(\\""http://evil\\"",\\""click\\"")"",""note"":""a, \\""quoted\\""\\nline""}"');
    expect(text.endsWith('\r\n')).toBe(true);
  });
});
