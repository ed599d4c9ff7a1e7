import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { CappedOutput } from './capped-output.ts';
import { diskUse } from './disk-use.ts';
import { processTree, processesWithEnv } from './process-tree.ts';

/** One process to start, exactly: what the launch plan produced. */
export interface Launch {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Set when the console runs as root: the child drops to this user before it runs anything. */
  readonly uid?: number;
  readonly gid?: number;
  /** Handed to the child on file descriptor 3 (bubblewrap's options, read with `--args 3`). */
  readonly fd3?: Buffer;
  /** Written to standard input before `stdin` (the launcher's environment block). */
  readonly stdinPrefix?: Buffer;
  /**
   * Set where no PID namespace ends what a run leaves behind: the value of `WARDEN_RUN` in `env`,
   * by which leftovers are found and killed when the main process exits.
   */
  readonly runTag?: string;
}

export const runTagVariable = 'WARDEN_RUN';

export interface SuperviseOptions {
  stdin?: string | Buffer;
  outputBytes: number;
  memoryBytes: number;
  wallTimeoutMs: number;
  signal?: AbortSignal;
  /** Between SIGTERM and SIGKILL. */
  killGraceMs: number;
  /** How often resident memory (and disk) is measured. */
  watchdogIntervalMs: number;
  /**
   * The run is ended once it has written more than `bytes` to disk: counted per process where the
   * kernel tells (Linux, processes this console may inspect), else as the fall in free space of the
   * disks holding `paths`, which also counts what others write meanwhile.
   */
  disk?: { readonly paths: readonly string[]; readonly bytes: number };
}

export type EndReason = 'exit' | 'timeout' | 'memory' | 'disk' | 'cancelled' | 'spawn';

export interface Supervised {
  readonly reason: EndReason;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: CappedOutput;
  readonly stderr: CappedOutput;
  readonly peakResidentBytes: number;
  readonly durationMs: number;
  /** For `spawn`: why the process could not start. */
  readonly error?: string;
}

/** Streams may stay open after the process exits (a leftover holds them); this long at most. */
const drainAfterExitMs = 500;

async function signalAll(pid: number, signal: NodeJS.Signals): Promise<void> {
  // The process group first (everything that did not call setsid), then each descendant by pid
  // (everything that did, such as the command inside bwrap --new-session). The tree is looked up
  // before any signal: once the group is gone, children that called setsid are out of reach.
  const { pids } = await processTree(pid);
  for (const target of [-pid, ...pids]) {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone, or not ours to signal (the launcher path relies on sudo relaying it).
    }
  }
}

function killAll(targets: readonly number[]): void {
  for (const target of targets) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Kills what carries the run's tag, now and a few times after: a process caught mid-exec shows no environment. */
function sweepTagged(tag: string): void {
  const sweep = (): void => killAll(processesWithEnv(runTagVariable, tag));
  sweep();
  for (const delayMs of [50, 250, 1000, 3000]) setTimeout(sweep, delayMs).unref();
}

function writeAndEnd(stream: Writable | null | undefined, data: Buffer | undefined): void {
  if (stream === null || stream === undefined) return;
  // A child that exits without reading its input must not crash the console with EPIPE.
  stream.on('error', () => undefined);
  if (data !== undefined && data.length > 0) stream.end(data);
  else stream.end();
}

/**
 * Starts one process in its own process group and watches it: output kept up to the limit,
 * resident memory of the whole tree and the disk it fills polled against their limits, a
 * wall-clock timeout, cancellation by AbortSignal. Ending a run means SIGTERM to the group and every descendant, then SIGKILL
 * after the grace period for whatever ignored it; leftovers are killed when the process exits.
 */
export function supervise(launch: Launch, options: SuperviseOptions): Promise<Supervised> {
  const started = performance.now();
  const stdout = new CappedOutput(options.outputBytes);
  const stderr = new CappedOutput(options.outputBytes);
  return new Promise((resolve) => {
    let reason: EndReason = 'exit';
    let peak = 0;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (result: Omit<Supervised, 'stdout' | 'stderr' | 'peakResidentBytes' | 'durationMs'>): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      clearInterval(watchdog);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ ...result, stdout, stderr, peakResidentBytes: peak, durationMs: performance.now() - started });
    };

    const child = spawn(launch.file, [...launch.args], {
      cwd: launch.cwd,
      env: { ...launch.env },
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe', launch.fd3 === undefined ? 'ignore' : 'pipe'],
      ...(launch.uid === undefined ? {} : { uid: launch.uid }),
      ...(launch.gid === undefined ? {} : { gid: launch.gid }),
    });
    const pid = child.pid;

    const end = (why: EndReason): void => {
      if (reason !== 'exit' || pid === undefined || settled) return;
      reason = why;
      void signalAll(pid, 'SIGTERM');
      timers.push(setTimeout(() => void signalAll(pid, 'SIGKILL'), options.killGraceMs));
    };
    const onAbort = (): void => end('cancelled');

    const { disk } = options;
    const freeSpaceFall = disk === undefined ? null : diskUse(disk.paths);
    let written = 0;
    // One measurement at a time: on macOS each one waits for ps.
    let measuring = false;
    const watchdog = setInterval(() => {
      if (pid === undefined || measuring) return;
      measuring = true;
      void processTree(pid).then(({ residentBytes, writtenBytes }) => {
        measuring = false;
        if (settled) return;
        peak = Math.max(peak, residentBytes);
        if (residentBytes > options.memoryBytes) end('memory');
        if (disk === undefined || freeSpaceFall === null) return;
        // The most seen: a write count drops when an orphan that wrote is reaped by init.
        written = Math.max(written, writtenBytes ?? freeSpaceFall());
        if (written > disk.bytes) end('disk');
      });
    }, options.watchdogIntervalMs);

    child.on('error', (error) => finish({ reason: 'spawn', exitCode: null, signal: null, error: error.message }));
    if (pid === undefined) return;

    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    writeAndEnd(child.stdio[3] as Writable | null, launch.fd3);
    const input = typeof options.stdin === 'string' ? Buffer.from(options.stdin) : options.stdin;
    const stdinData = launch.stdinPrefix === undefined ? input : Buffer.concat([launch.stdinPrefix, input ?? Buffer.alloc(0)]);
    writeAndEnd(child.stdin, stdinData);

    timers.push(setTimeout(() => end('timeout'), options.wallTimeoutMs));
    if (options.signal?.aborted === true) end('cancelled');
    else options.signal?.addEventListener('abort', onAbort, { once: true });

    child.on('exit', (exitCode, signal) => {
      // Whatever the main process left in its group ends with it. Its other descendants were
      // reparented when it exited: inside bubblewrap the kernel ends them with the namespace;
      // elsewhere on Linux they still carry the run's tag in their environment (unless they
      // cleared it), while under sandbox-exec they are out of reach by then.
      killAll([-pid]);
      if (launch.runTag !== undefined) sweepTagged(launch.runTag);
      const done = (): void => finish({ reason, exitCode, signal });
      if (child.stdout?.readableEnded !== false && child.stderr?.readableEnded !== false) return done();
      child.on('close', done);
      timers.push(
        setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          done();
        }, drainAfterExitMs),
      );
    });
  });
}
