import type { Limits } from '../contract/policy.ts';

/**
 * prlimit options for a run. Soft and hard CPU limits one second apart: at the soft limit the
 * kernel sends SIGXCPU (reported as "CPU limit"), and SIGKILL a second later to a process that
 * ignores it. Core dumps off: a crashing tool must not write its memory (and secrets) to disk.
 */
export function prlimitOptions(limits: Limits): string[] {
  return [
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
    `--fsize=${limits.fileSizeMb * 1024 * 1024}`,
    `--nproc=${limits.maxProcesses}`,
    '--nofile=1024',
    '--core=0',
  ];
}
