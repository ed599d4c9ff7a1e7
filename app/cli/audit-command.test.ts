import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCore } from './cli-core.ts';
import { exitCodes } from './exit-codes.ts';
import { runCli } from './run-cli.ts';

let dataDir: string;

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--data-dir', dataDir], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'warden-cli-audit-'));
  await withCore(dataDir, async (warden) => {
    for (let i = 0; i < 120; i++) {
      warden.record({
        kind: 'tool_call',
        status: i % 3 === 0 ? 'denied' : 'success',
        actor: 'session s1',
        sessionId: i % 2 === 0 ? 's1' : 's2',
        tool: i % 4 === 0 ? 'delete_path' : 'read_file',
        summary: `call ${i} on invoice-${i}.pdf`,
        args: { path: `invoice-${i}.pdf` },
      });
    }
  });
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('warden audit', () => {
  it('searches with filters, newest first, and pages', async () => {
    const page = await run(['audit', 'search', 'invoice*', '--tool', 'delete_path', '--status', 'denied', '--json']);
    expect(page.code).toBe(0);
    const { events } = JSON.parse(page.out) as { events: { seq: number; tool: string; status: string }[] };
    expect(events.length).toBe(10); // i % 12 === 0 for i < 120
    expect(events.every((e) => e.tool === 'delete_path' && e.status === 'denied')).toBe(true);
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => b - a));
    const table = await run(['audit', 'search', '--limit', '5']);
    expect(table.out).toMatch(/^SEQ\s+TIME/);
    expect(table.out).toContain('More: add --cursor');
  });

  it('rejects a bad filter with the reason', async () => {
    const bad = await run(['audit', 'search', '--status', 'exploded']);
    expect(bad.code).toBe(exitCodes.failure);
    expect(bad.err).toContain('status');
    expect((await run(['audit', 'search', '--since', 'yesterday'])).code).toBe(exitCodes.usage);
  });

  it('verifies, and fails loudly after tampering', async () => {
    expect((await run(['audit', 'verify'])).out).toMatch(/^OK: 120 events/);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dataDir, 'audit', 'audit.db'));
    // What an attacker with file access does: drop the guard and edit a row.
    for (const { name } of db.prepare("select name from sqlite_master where type = 'trigger'").all() as { name: string }[]) db.exec(`drop trigger ${name}`);
    db.prepare("update events set body = replace(body, 'invoice-7.pdf', 'invoice-8.pdf') where body like '%invoice-7.pdf%'").run();
    db.close();
    const tampered = await run(['audit', 'verify', '--json']);
    expect(tampered.code).toBe(exitCodes.failure);
    expect(JSON.parse(tampered.out)).toMatchObject({ ok: false, problem: { kind: 'broken' } });
  });

  it('exports a search to JSONL and never over an existing file', async () => {
    const out = join(dataDir, 'denied.jsonl');
    const first = await run(['audit', 'export', '--format', 'jsonl', '--out', out, '--status', 'denied']);
    expect(first.code).toBe(0);
    expect(first.out).toBe(`Exported 40 events to ${out}`);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(40);
    const again = await run(['audit', 'export', '--format', 'jsonl', '--out', out]);
    expect(again.code).toBe(exitCodes.failure);
    expect(again.err).toContain('already exists');
  });

  it('prints stats', async () => {
    const stats = await run(['audit', 'stats']);
    expect(stats.out).toMatch(/events\s+120/);
    expect(stats.out).toContain('denied 40');
  });
});
