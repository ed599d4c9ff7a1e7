import type { Limits } from '../contract/policy.ts';
import type { RunFailureReason } from '../contract/tools.ts';
import type { Supervised } from './supervise.ts';

/** bubblewrap and the launcher report a child killed by signal N as exit code 128 + N. */
const signalExits: Readonly<Record<number, NodeJS.Signals>> = { 137: 'SIGKILL', 152: 'SIGXCPU', 153: 'SIGXFSZ' };
/** The launcher's own refusals (bad arguments) exit 126 with a line naming it. */
const launcherRefusal = /^warden-sandbox-launch: .*/m;

/**
 * Why a run ended, when it was not simply the program exiting on its own: a limit, a timeout,
 * cancellation, a launch failure. null means the exit code is the program's own answer.
 */
export function describeEnd(run: Supervised, limits: Limits): { failure: RunFailureReason; message: string } | null {
  switch (run.reason) {
    case 'timeout':
      return { failure: 'timeout', message: `Stopped after the wall-clock limit of ${limits.wallTimeoutMs} ms.` };
    case 'memory':
      return { failure: 'memory', message: `Stopped: its processes used more than the memory limit of ${limits.memoryMb} MB.` };
    case 'disk':
      return { failure: 'disk', message: `Stopped: it wrote more than the disk limit of ${limits.diskMb} MB (all files together).` };
    case 'cancelled':
      return { failure: 'cancelled', message: 'Cancelled.' };
    case 'spawn':
      return { failure: 'spawn', message: `The sandbox could not start: ${run.error ?? 'unknown error'}.` };
    case 'exit':
      break;
  }
  const signal = run.signal ?? (run.exitCode === null ? null : signalExits[run.exitCode] ?? null);
  if (signal === 'SIGXCPU') return { failure: 'cpu', message: `Stopped at the CPU limit of ${limits.cpuSeconds} s.` };
  if (signal === 'SIGXFSZ') return { failure: 'file-size', message: `Stopped: it tried to write a file larger than the limit of ${limits.fileSizeMb} MB.` };
  if (signal === 'SIGKILL') return { failure: 'cpu', message: `Killed (SIGKILL): past the hard CPU limit of ${limits.cpuSeconds + 1} s, or killed by the kernel.` };
  if (run.exitCode === 126) {
    const refusal = launcherRefusal.exec(run.stderr.text());
    if (refusal !== null) return { failure: 'spawn', message: refusal[0] };
  }
  return null;
}
