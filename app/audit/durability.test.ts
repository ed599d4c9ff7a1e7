import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openAuditTrail } from './audit-trail.ts';

const fixture = fileURLToPath(new URL('./kill-test-appender.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'warden-audit-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the appender until it has printed `lines` seqs, then SIGKILLs it; returns every seq it printed. */
function appendUntilKilled(lines: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [fixture, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.split('\n').length > lines) child.kill('SIGKILL');
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the appender exited by itself: ${err}`));
      // Only complete lines count: a seq cut mid-line was never fully reported.
      resolve(out.split('\n').slice(0, -1).map(Number));
    });
  });
}

describe('durability', () => {
  it('keeps every append that returned, and a verifying chain, across 20 SIGKILLs', async () => {
    let head = 0;
    for (let round = 0; round < 20; round++) {
      // Different amounts of work per round, so the kill lands at different points of an append.
      const printed = await appendUntilKilled(50 + ((round * 137) % 400));
      expect(printed.length).toBeGreaterThan(0);
      // Each run continues the chain where the last one's committed appends ended.
      expect(printed[0]).toBe(head + 1);
      const trail = openAuditTrail({ dir });
      try {
        const report = await trail.verify();
        expect(report.problem).toBeNull();
        head = report.headSeq;
        const last = printed.at(-1) ?? 0;
        expect(head).toBeGreaterThanOrEqual(last);
        for (const seq of printed) expect(trail.get(seq).event.seq).toBe(seq);
      } finally {
        trail.close();
      }
    }
  }, 120_000);
});
