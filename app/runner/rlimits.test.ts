import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Limits } from '../contract/policy.ts';
import { defaultLimits } from '../contract/policy.ts';
import { ulimitCommand } from './rlimits.ts';

const limits: Limits = { ...defaultLimits, cpuSeconds: 5, fileSizeMb: 2, maxProcesses: 300 };

/**
 * Runs the wrapper with `shell` in place of /bin/sh, named sh as macOS's /bin/sh runs it: bash,
 * which then acts as a POSIX sh. This Linux's /bin/sh is dash, which has no `ulimit -u`.
 */
function runWith(shell: string, command: readonly string[], env: Record<string, string>) {
  const [, ...args] = ulimitCommand(limits, command);
  return spawnSync(shell, args, { encoding: 'utf8', env: { HOME: '/nonexistent', ...env }, cwd: '/', argv0: 'sh' });
}

describe('ulimitCommand', () => {
  it('is a fixed script; the numbers and the command are its arguments', () => {
    const command = ulimitCommand(limits, ['/usr/bin/git', 'status', '$(touch /tmp/x)', '"; exit 0']);
    expect(command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(command[2]).toBe(ulimitCommand(defaultLimits, ['/bin/true'])[2]);
    expect(command[2]).not.toMatch(/git|status/);
    // 2 MB in POSIX's 512-byte blocks; CPU soft and hard a second apart.
    expect(command.slice(3)).toEqual(['sh', '5', '6', '4096', '300', '/usr/bin/git', 'status', '$(touch /tmp/x)', '"; exit 0']);
  });

  it('refuses a program env would read as a variable, or a relative one', () => {
    expect(() => ulimitCommand(limits, ['/opt/a=b/tool'])).toThrow(/without "="/);
    expect(() => ulimitCommand(limits, ['git'])).toThrow(/absolute path/);
    expect(() => ulimitCommand(limits, [])).toThrow(/absolute path/);
  });

  it.skipIf(!existsSync('/bin/bash'))('sets every limit in a POSIX shell, then runs the command with its arguments untouched', () => {
    const run = runWith('/bin/bash', ['/bin/bash', '-c', 'ulimit -S -t; ulimit -H -t; ulimit -f; ulimit -u; ulimit -n; ulimit -c; printf "[%s]" "$@"', 'x', 'a b', '$(id)'], { PATH: '/usr/bin:/bin' });
    expect(run.stderr).toBe('');
    // The inner bash is not in POSIX mode: it counts -f in KiB.
    expect(run.stdout).toBe('5\n6\n2048\n300\n1024\n0\n[a b][$(id)]');
  });

  it.skipIf(!existsSync('/bin/bash'))('gives the command exactly the environment it was spawned with', () => {
    const env = { PATH: '/usr/bin:/bin', HOME: '/tmp/run', API_TOKEN: 'secret value; $(x)', LANG: 'C.UTF-8' };
    const run = runWith('/bin/bash', ['/usr/bin/env'], env);
    expect(run.stdout.trim().split('\n').sort()).toEqual(Object.entries(env).map(([name, value]) => `${name}=${value}`).sort());
  });

  it.skipIf(!existsSync('/bin/dash'))('stops with 126, before the command, when a limit cannot be set', () => {
    const run = runWith('/bin/dash', ['/usr/bin/touch', '/nonexistent-dir/never'], { PATH: '/usr/bin:/bin' });
    expect(run.status).toBe(126);
    expect(run.stderr).toMatch(/ulimit/);
  });
});
