import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTagVariable, supervise } from './supervise.ts';
import type { Launch, SuperviseOptions } from './supervise.ts';

// The supervisor alone, on plain processes (no sandbox needed): how runs end.
const options: SuperviseOptions = { outputBytes: 1024, memoryBytes: 256 * 1024 * 1024, wallTimeoutMs: 20_000, killGraceMs: 300, watchdogIntervalMs: 20 };
const bash = (script: string): Launch => ({ file: '/bin/bash', args: ['-c', script], env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent' }, cwd: '/' });
/** Running, not a zombie waiting for init to reap it (this machine's init is slow at that). */
const alive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

/** Polls for up to a second: a killed process takes a moment to become a zombie. */
async function until(condition: () => boolean): Promise<boolean> {
  for (let i = 0; i < 50 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
}

describe('supervise', () => {
  it('collects output and the exit code', async () => {
    const run = await supervise(bash('echo out; echo err >&2; exit 3'), options);
    expect(run).toMatchObject({ reason: 'exit', exitCode: 3, signal: null });
    expect(run.stdout.text()).toBe('out\n');
    expect(run.stderr.text()).toBe('err\n');
  });

  it('passes standard input', async () => {
    const run = await supervise(bash('cat'), { ...options, stdin: 'given' });
    expect(run.stdout.text()).toBe('given');
  });

  it('keeps output up to the limit and marks the rest as dropped', async () => {
    const run = await supervise(bash('head -c 5000 /dev/zero | tr "\\0" x'), options);
    expect(run.stdout.truncated).toBe(true);
    expect(run.stdout.totalBytes).toBe(5000);
    expect(run.stdout.text()).toMatch(/^x{1024}\n\[… Warden dropped 3976 bytes of output beyond the 1024-byte limit\]$/);
  });

  it('ends a run that fills the disk with many files, each small', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-disk-'));
    try {
      const launch = { ...bash('for i in $(seq 100); do head -c 4000000 /dev/zero > f$i || exit 1; done'), cwd: dir };
      const run = await supervise(launch, { ...options, disk: { paths: [dir], bytes: 16 * 1024 * 1024 } });
      expect(run.reason).toBe('disk');
      // Stopped within a few watchdog ticks of the limit, far from the 400 MB it meant to write.
      expect(readdirSync(dir).length).toBeLessThan(100);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts only what the run writes, not what others write to the same disk meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-disk-'));
    try {
      const pending = supervise({ ...bash('sleep 1'), cwd: dir }, { ...options, disk: { paths: [dir], bytes: 8 * 1024 * 1024 } });
      for (let i = 0; i < 8; i++) writeFileSync(join(dir, `other-${i}`), Buffer.alloc(8 * 1024 * 1024, 1));
      expect(await pending).toMatchObject({ reason: 'exit', exitCode: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets a run that stays under the disk limit finish', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-disk-'));
    try {
      const run = await supervise({ ...bash('head -c 1000000 /dev/zero > f && sync f'), cwd: dir }, { ...options, disk: { paths: [dir], bytes: 256 * 1024 * 1024 } });
      expect(run).toMatchObject({ reason: 'exit', exitCode: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ends a sleeping process at the wall-clock limit', async () => {
    const run = await supervise(bash('sleep 30'), { ...options, wallTimeoutMs: 200 });
    expect(run.reason).toBe('timeout');
  });

  it('kills a process that ignores SIGTERM, and its children, after the grace period', async () => {
    const run = await supervise(bash('trap "" TERM; sleep 30 & echo $!; while true; do sleep 0.05; done'), { ...options, wallTimeoutMs: 300 });
    expect(run.reason).toBe('timeout');
    expect(run.signal).toBe('SIGKILL');
    const child = Number(run.stdout.text().trim());
    expect(alive(child)).toBe(false);
  });

  it('kills a child that left the process group (setsid) when the run ends', async () => {
    const run = await supervise(bash('setsid sleep 30 & echo $!; sleep 30'), { ...options, wallTimeoutMs: 300 });
    expect(run.reason).toBe('timeout');
    expect(alive(Number(run.stdout.text().trim()))).toBe(false);
  });

  it('kills what a run left behind, found by its tag, when its main process exits (no sandbox)', async () => {
    // A daemon in its own session, settled before the main process exits (so the group kill misses it).
    const daemon = `setsid bash -c 'sleep 30' > /dev/null 2>&1 < /dev/null & sleep 0.3; echo $!`;
    const tagged = (tag: string): Launch => ({ ...bash(daemon), env: { PATH: '/usr/bin:/bin', [runTagVariable]: tag }, runTag: tag });
    const run = await supervise(tagged(randomUUID()), options);
    expect(run).toMatchObject({ reason: 'exit', exitCode: 0 });
    const pid = Number(run.stdout.text().trim());
    expect(await until(() => !alive(pid))).toBe(true);

    // Without the tag the same daemon outlives its run: the case the tag is for.
    const untagged = await supervise(bash(daemon), options);
    const survivor = Number(untagged.stdout.text().trim());
    try {
      expect(alive(survivor)).toBe(true);
    } finally {
      process.kill(survivor, 'SIGKILL');
    }
  });

  it('ends a run whose processes outgrow the memory limit', async () => {
    const hog = `const a = []; for (;;) { a.push(Buffer.alloc(8 * 1024 * 1024, 1)); await new Promise((r) => setTimeout(r, 5)); }`;
    const run = await supervise({ file: process.execPath, args: ['--input-type=module', '-e', hog], env: {}, cwd: '/' }, { ...options, memoryBytes: 96 * 1024 * 1024 });
    expect(run.reason).toBe('memory');
    expect(run.peakResidentBytes).toBeGreaterThan(96 * 1024 * 1024);
  });

  it('ends a run when cancelled', async () => {
    const controller = new AbortController();
    const pending = supervise(bash('sleep 30'), { ...options, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await pending).reason).toBe('cancelled');
  });

  it('reports a program that cannot start', async () => {
    const run = await supervise({ file: '/nonexistent/program', args: [], env: {}, cwd: '/' }, options);
    expect(run.reason).toBe('spawn');
    expect(run.error).toMatch(/ENOENT/);
  });

  it('hands file descriptor 3 its data', async () => {
    const run = await supervise({ ...bash('cat <&3'), fd3: Buffer.from('on fd 3') }, options);
    expect(run.stdout.text()).toBe('on fd 3');
  });
});
