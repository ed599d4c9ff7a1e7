import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAuditTrail } from './audit-trail.ts';
import { createChainMac } from './chain-mac.ts';
import { decodeChainLine } from './chain-line.ts';
import { syntheticEvent } from './synthetic-events.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warden-audit-forward-'));
  dirs.push(dir);
  return dir;
}

function forwardedSeqs(file: string): number[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => decodeChainLine(line)?.seq ?? -1);
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('forwarder', () => {
  it('forwards every new event once, in order, as verifiable chain lines', async () => {
    const dir = tempDir();
    const target = join(tempDir(), 'siem.jsonl');
    const trail = openAuditTrail({ dir });
    trail.appendBatch(Array.from({ length: 30 }, (_, i) => syntheticEvent(i)));
    const forwarder = trail.forward({ target });
    expect(await forwarder.pump()).toBe(30);
    trail.append(syntheticEvent(30));
    trail.append(syntheticEvent(31));
    // The append listener schedules a pump; waiting for ours is enough to see both.
    await forwarder.pump();
    expect(forwardedSeqs(target)).toEqual(range(1, 32));
    const key = readFileSync(join(dir, 'audit.key'));
    const mac = createChainMac(key);
    for (const line of readFileSync(target, 'utf8').trimEnd().split('\n')) {
      const record = decodeChainLine(line);
      expect(record && mac.event(record.prevMac, record.body)).toBe(record?.mac);
    }
    forwarder.stop();
    trail.close();
  });

  it('resumes after a restart without duplicates or gaps', async () => {
    const dir = tempDir();
    const target = join(tempDir(), 'siem.jsonl');
    let trail = openAuditTrail({ dir });
    trail.appendBatch(Array.from({ length: 10 }, (_, i) => syntheticEvent(i)));
    let forwarder = trail.forward({ target });
    await forwarder.pump();
    forwarder.stop();
    trail.close();

    trail = openAuditTrail({ dir });
    trail.appendBatch(Array.from({ length: 5 }, (_, i) => syntheticEvent(10 + i)));
    forwarder = trail.forward({ target });
    expect(forwarder.lastSeq).toBe(10);
    expect(await forwarder.pump()).toBe(5);
    expect(forwardedSeqs(target)).toEqual(range(1, 15));
    forwarder.stop();
    trail.close();
  });

  it('trusts the target over a state file left behind by a crash, and rewrites a torn last line', async () => {
    const dir = tempDir();
    const targetDir = tempDir();
    const trail = openAuditTrail({ dir });
    trail.appendBatch(Array.from({ length: 20 }, (_, i) => syntheticEvent(i)));
    const stateFile = join(dir, 'forwarder-state.json');
    const forwarder = trail.forward({ target: targetDir });
    await forwarder.pump();
    forwarder.stop();
    const target = join(targetDir, 'warden-audit.jsonl');
    // Crash after the lines were written but before the state: the state lags behind the target.
    writeFileSync(stateFile, JSON.stringify({ target, lastSeq: 12 }));
    // And a crash in the middle of a line.
    trail.append(syntheticEvent(20));
    appendFileSync(target, '{"seq":21,"prevMac":"ab');
    const resumed = trail.forward({ target: targetDir });
    expect(resumed.lastSeq).toBe(20);
    await resumed.pump();
    expect(forwardedSeqs(target)).toEqual(range(1, 21));
    resumed.stop();
    trail.close();
  });

  it('catches up from archive files when it fell behind retention', async () => {
    const dir = tempDir();
    const target = join(tempDir(), 'nas.jsonl');
    const clock = { now: Date.parse('2025-01-01T00:00:00.000Z') };
    const trail = openAuditTrail({ dir, retentionDays: 30, now: () => clock.now });
    for (let i = 0; i < 100; i++) {
      trail.append(syntheticEvent(i));
      clock.now += 86_400_000;
    }
    await trail.applyRetention();
    const forwarder = trail.forward({ target });
    await forwarder.pump();
    expect(forwardedSeqs(target)).toEqual(range(1, 101));
    forwarder.stop();
    trail.close();
  });

  it('reports an unreachable target and delivers once it is back', async () => {
    const dir = tempDir();
    const parent = join(tempDir(), 'mount');
    const target = join(parent, 'audit.jsonl');
    const trail = openAuditTrail({ dir });
    const forwarder = trail.forward({ target });
    trail.append(syntheticEvent(0));
    await expect(forwarder.pump()).rejects.toThrow();
    mkdirSync(parent);
    trail.append(syntheticEvent(1));
    await forwarder.pump();
    expect(forwardedSeqs(target)).toEqual([1, 2]);
    forwarder.stop();
    trail.close();
  });
});
