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

/**
 * The same limits where there is no prlimit (macOS): a POSIX shell sets them and then execs the
 * command. The script is fixed text; the numbers and the command come in as its arguments, never
 * inside it. A limit that cannot be set stops the run (exit 126) rather than running without it.
 * POSIX counts `ulimit -f` in 512-byte blocks. The shell adds PWD and SHLVL to the environment of
 * what it execs; env takes them out again, so the command gets exactly the environment it was
 * spawned with (a secret named OLDPWD, SHLVL or _ would be dropped with them).
 */
const ulimitScript =
  'ulimit -S -t "$1" && ulimit -H -t "$2" && ulimit -f "$3" && ulimit -u "$4" && ulimit -n 1024 && ulimit -c 0 || exit 126; ' +
  'shift 4; exec /usr/bin/env -u PWD -u OLDPWD -u SHLVL -u _ "$@"';

export function ulimitCommand(limits: Limits, command: readonly string[]): string[] {
  const [program] = command;
  // env would read NAME=VALUE as a variable to set, and run the next argument instead.
  if (program === undefined || !program.startsWith('/') || program.includes('=')) {
    throw new Error(`Cannot apply limits to ${JSON.stringify(program ?? '')}: the program must be an absolute path without "=".`);
  }
  const blocks = Math.ceil((limits.fileSizeMb * 1024 * 1024) / 512);
  return ['/bin/sh', '-c', ulimitScript, 'sh', String(limits.cpuSeconds), String(limits.cpuSeconds + 1), String(blocks), String(limits.maxProcesses), ...command];
}
