import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { maskedPreview, scanForPlaintextCredentials } from './plaintext-scan.ts';
import { createRedactor } from './redactor.ts';

const stored = 'st0red-Value-9a8b7c6d';
const ghp = `ghp_${'k3'.repeat(16)}9f3a`;
const redactor = createRedactor([{ name: 'DB_PASSWORD', value: stored }]);

const bases: string[] = [];
afterAll(() => {
  for (const base of bases) rmSync(base, { recursive: true, force: true });
});

function tree() {
  const base = mkdtempSync(join(tmpdir(), 'warden-scan-'));
  bases.push(base);
  const workspace = join(base, 'workspace');
  const data = join(base, 'data');
  const outside = join(base, 'outside');
  for (const dir of [workspace, data, outside, join(workspace, 'node_modules', 'lib'), join(workspace, 'src')]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(workspace, '.env'), `# local settings\nGITHUB_TOKEN=${ghp}\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nDEBUG=1\n`);
  writeFileSync(join(workspace, '.env.production'), 'DATABASE_PASSWORD=Pr0dPassw0rd2024\nMAX_TOKENS=4096\n');
  writeFileSync(join(workspace, 'src', 'config.json'), JSON.stringify({ db: { password: stored } }, null, 2));
  writeFileSync(join(workspace, 'src', 'clean.ts'), 'export const id = "550e8400-e29b-41d4-a716-446655440000"; // 9fceb02d0ae598e95dc970b74767f19372d61af8\n');
  writeFileSync(join(workspace, 'node_modules', 'lib', 'fixture.js'), `const example = "${ghp}";\n`);
  writeFileSync(join(workspace, 'image.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from(ghp)]));
  writeFileSync(join(workspace, 'big.log'), `${'x'.repeat(64 * 1024)}\n${ghp}\n`);
  writeFileSync(join(outside, 'leak.txt'), `token ${ghp}\n`);
  symlinkSync(outside, join(workspace, 'link-out'));
  symlinkSync(join(workspace, 'src'), join(workspace, 'link-in'));
  symlinkSync(workspace, join(workspace, 'src', 'loop'));
  writeFileSync(join(data, 'policy.yaml'), `tools:\n  http.fetch:\n    headers:\n      Authorization: Bearer abcdef0123456789\n`);
  const db = new Database(join(data, 'audit.db'));
  db.exec('CREATE TABLE log (line TEXT)');
  db.prepare('INSERT INTO log VALUES (?)').run(`tool printed ${stored}`);
  db.close();
  return { base, workspace, data, outside };
}

describe('scanForPlaintextCredentials', () => {
  it('finds credential shapes and stored values in the roots, with file, line and kind only', async () => {
    const { workspace, data } = tree();
    const report = await scanForPlaintextCredentials({ roots: [workspace, data], redactor, maxFileBytes: 32 * 1024 });
    const rel = (file: string): string => file.slice(file.indexOf('/workspace') >= 0 ? file.indexOf('/workspace') + 1 : file.indexOf('/data') + 1);
    expect(report.findings.map((f) => [rel(f.file), f.line, f.kind, f.secret, f.preview]).sort()).toEqual(
      [
        ['data/audit.db', null, 'stored-secret', 'DB_PASSWORD', null],
        ['data/policy.yaml', 4, 'bearer-token', null, null],
        ['workspace/.env', 2, 'github-token', null, 'ghp_…9f3a'],
        ['workspace/.env', 3, 'aws-access-key-id', null, 'AKIA…MPLE'],
        ['workspace/.env.production', 1, 'assigned-credential', null, null],
        ['workspace/src/config.json', 3, 'stored-secret', 'DB_PASSWORD', null],
      ].sort(),
    );
    expect(report.complete).toBe(true);
    expect(JSON.stringify(report)).not.toContain(stored);
    expect(JSON.stringify(report)).not.toContain(ghp);
    expect(JSON.stringify(report)).not.toContain('Pr0dPassw0rd2024');
  });

  it('skips binaries, big files and symlinks leaving the roots; skips node_modules; survives a loop', async () => {
    const { workspace } = tree();
    const report = await scanForPlaintextCredentials({ roots: [workspace], redactor, maxFileBytes: 32 * 1024 });
    const skipped = report.skipped.map((s) => [s.file.slice(workspace.length + 1), s.reason]).sort();
    expect(skipped).toEqual([
      ['big.log', 'too-large'],
      ['image.png', 'binary'],
      ['link-out', 'symlink-outside-roots'],
    ]);
    expect(report.findings.some((f) => f.file.includes('node_modules') || f.file.includes('leak.txt'))).toBe(false);
    // link-in points at src, which is scanned once whichever path reaches it first.
    expect(report.findings.filter((f) => f.file.endsWith('config.json'))).toHaveLength(1);
  });

  it('stops when its time budget is spent and says it did not finish', async () => {
    const { workspace } = tree();
    const report = await scanForPlaintextCredentials({ roots: [workspace], redactor, timeBudgetMs: -1 });
    expect(report).toMatchObject({ complete: false, filesScanned: 0 });
  });

  it('scans a hostile file in bounded time', async () => {
    const { base } = tree();
    const hostile = join(base, 'hostile');
    mkdirSync(hostile);
    writeFileSync(join(hostile, 'x.env'), ` ${'token'.repeat(200_000)}\n ${'a'.repeat(40)}secret${'b'.repeat(100_000)}\n`);
    const started = performance.now();
    const report = await scanForPlaintextCredentials({ roots: [hostile], redactor });
    expect(report.filesScanned).toBe(1);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reports a root that does not exist', async () => {
    const report = await scanForPlaintextCredentials({ roots: ['/nonexistent/warden-root'], redactor });
    expect(report.skipped).toEqual([{ file: '/nonexistent/warden-root', reason: 'not-found' }]);
  });
});

describe('maskedPreview', () => {
  it('shows a public prefix and the last 4 characters of long prefixed tokens only', () => {
    expect(maskedPreview(ghp)).toBe('ghp_…9f3a');
    expect(maskedPreview('xoxb-123456789012-abcdefgh')).toBe('xoxb-…efgh');
    expect(maskedPreview('sk-proj-Abc123Def456Ghi789')).toBe('sk-proj-…i789');
    expect(maskedPreview('ghp_short')).toBeNull();
    expect(maskedPreview('Pr0dPassw0rd2024-and-more-text')).toBeNull();
  });
});
