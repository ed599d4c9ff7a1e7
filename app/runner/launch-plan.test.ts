import { describe, expect, it } from 'vitest';
import { defaultLimits } from '../contract/policy.ts';
import { bwrapOptions } from './bwrap-args.ts';
import type { RunSpec, SandboxPlan } from './launch-plan.ts';
import { buildLaunch } from './launch-plan.ts';
import { prlimitOptions, ulimitCommand } from './rlimits.ts';
import { seatbeltArgs } from './seatbelt-profile.ts';

const programs: SandboxPlan['programs'] = {
  bwrap: '/usr/bin/bwrap',
  sandboxExec: '/usr/bin/sandbox-exec',
  prlimit: '/usr/bin/prlimit',
  setpriv: '/usr/bin/setpriv',
  sudo: '/usr/bin/sudo',
  launcher: '/usr/local/libexec/warden/warden-sandbox-launch',
};
const agent = { name: 'warden-agent', uid: 999, gid: 995, dedicated: true };
const plan = (over: Partial<SandboxPlan>): SandboxPlan => ({ level: 'full', via: 'uid-drop', user: agent, sandbox: 'bubblewrap', rlimits: 'prlimit', programs, ...over });
const spec: RunSpec = {
  program: '/usr/bin/git',
  args: ['status'],
  cwd: '/w/sub',
  workspace: '/w',
  references: ['/r'],
  runtime: ['/opt/node/bin', '/usr/local/libexec/warden/runtime'],
  env: { PATH: '/usr/bin:/bin', HOME: '/tmp', API_TOKEN: 'secret-value-123' },
  limits: defaultLimits,
  tmpBytes: 1048576,
  tmpDir: null,
};

describe('bwrapOptions', () => {
  const args = bwrapOptions(spec);
  const pairs = (flag: string): string[][] => args.flatMap((a, i) => (a === flag ? [[args[i + 1] as string, args[i + 2] as string]] : []));

  it('unshares everything, drops capabilities, clears the environment, new session, dies with the console', () => {
    for (const flag of ['--unshare-all', '--disable-userns', '--die-with-parent', '--new-session', '--clearenv']) expect(args).toContain(flag);
    expect(args.join(' ')).toContain('--remount-ro /');
    expect(args.join(' ')).toContain('--cap-drop ALL');
    expect(args).not.toContain('--share-net');
  });

  it('sets exactly the given environment', () => {
    expect(pairs('--setenv')).toEqual([['PATH', '/usr/bin:/bin'], ['HOME', '/tmp'], ['API_TOKEN', 'secret-value-123']]);
  });

  it('mounts only the workspace writable, at its real path, after everything else', () => {
    expect(pairs('--bind')).toEqual([['/w', '/w']]);
    expect(args.indexOf('--bind')).toBeGreaterThan(args.lastIndexOf('--ro-bind'));
    expect(pairs('--ro-bind')).toEqual([['/usr', '/usr'], ['/opt/node/bin', '/opt/node/bin'], ['/r', '/r']]);
    expect(args).not.toContain('--dev-bind');
    expect(args.slice(-2)).toEqual(['--chdir', '/w/sub']);
  });

  it('never mounts /etc wholesale, /home, /root or /run', () => {
    const sources = [...pairs('--ro-bind'), ...pairs('--ro-bind-try'), ...pairs('--bind')].map(([source]) => source);
    for (const source of sources) expect(source).not.toMatch(/^\/(etc|home|root|run|var)$/);
    expect(sources.filter((s) => s?.startsWith('/etc/'))).not.toContain('/etc/shadow');
  });
});

describe('buildLaunch', () => {
  it('as root: drops to the user, applies rlimits, and gives bwrap an empty environment and its options on fd 3', () => {
    const launch = buildLaunch(plan({}), spec);
    expect(launch).toMatchObject({ file: '/usr/bin/prlimit', uid: 999, gid: 995, env: {}, cwd: '/' });
    expect(launch.args).toEqual([...prlimitOptions(defaultLimits), '--', '/usr/bin/bwrap', '--args', '3', '--', '/usr/bin/git', 'status']);
    expect(launch.fd3?.toString()).toBe(`${bwrapOptions(spec).join('\0')}\0`);
    // The secret is on fd 3 only, never in a command line.
    expect(launch.args.join(' ')).not.toContain('secret-value-123');
  });

  it('without bubblewrap: no-new-privs and rlimits, the child environment, the real cwd', () => {
    const launch = buildLaunch(plan({ sandbox: null, level: 'partial' }), spec);
    expect(launch).toMatchObject({ file: '/usr/bin/setpriv', uid: 999, cwd: '/w/sub', env: spec.env });
    expect(launch.args).toEqual(['--no-new-privs', '--', '/usr/bin/prlimit', ...prlimitOptions(defaultLimits), '--', '/usr/bin/git', 'status']);
  });

  it('as the console user: no uid change', () => {
    const launch = buildLaunch(plan({ via: 'self', user: { ...agent, dedicated: false }, level: 'partial' }), spec);
    expect(launch.uid).toBeUndefined();
    expect(launch.gid).toBeUndefined();
  });

  it('through the launcher: sudo -n with the fixed shape; the environment on stdin', () => {
    const launch = buildLaunch(plan({ via: 'launcher' }), spec);
    expect(launch.file).toBe('/usr/bin/sudo');
    expect(launch.args).toEqual([
      '-n', '--', programs.launcher, 'v1', '30', String(100 * 1024 * 1024), '256', '1048576', '61', '/w', '/w/sub',
      '1', '/r', '2', '/opt/node/bin', '/usr/local/libexec/warden/runtime', '--', '/usr/bin/git', 'status',
    ]);
    expect(launch.stdinPrefix?.toString()).toBe('PATH=/usr/bin:/bin\0HOME=/tmp\0API_TOKEN=secret-value-123\0\0');
    expect(launch.env).toEqual({});
  });

  it('without prlimit: the program directly (the report says limits are missing)', () => {
    const launch = buildLaunch(plan({ sandbox: null, rlimits: null, programs: { ...programs, setpriv: null } }), spec);
    expect(launch).toMatchObject({ file: '/usr/bin/git', args: ['status'] });
  });
});

describe('buildLaunch with sandbox-exec (macOS)', () => {
  const mac = plan({ sandbox: 'sandbox-exec', rlimits: 'ulimit', programs: { ...programs, setpriv: null } });
  const macSpec: RunSpec = { ...spec, tmpDir: '/private/tmp/warden-run-abc' };
  const seatbelt = seatbeltArgs({ workspace: '/w', references: ['/r'], runtime: macSpec.runtime, tmpDir: '/private/tmp/warden-run-abc' });

  it('as root: drops to the user, sets the limits with the ulimit wrapper, then sandbox-exec with the profile and its parameters', () => {
    const launch = buildLaunch(mac, macSpec);
    expect(launch).toMatchObject({ file: '/bin/sh', uid: 999, gid: 995, cwd: '/w/sub' });
    expect([launch.file, ...launch.args]).toEqual(ulimitCommand(defaultLimits, ['/usr/bin/sandbox-exec', ...seatbelt, '--', '/usr/bin/git', 'status']));
    expect(launch.fd3).toBeUndefined();
    expect(launch.stdinPrefix).toBeUndefined();
  });

  it('spawns with exactly the child environment: sandbox-exec passes its own on, and secrets stay off the command line', () => {
    const launch = buildLaunch(mac, macSpec);
    expect(launch.env).toEqual(spec.env);
    expect(launch.args.join(' ')).not.toContain('secret-value-123');
  });

  it('as the console user: no uid change', () => {
    const launch = buildLaunch({ ...mac, via: 'self', level: 'partial', user: { ...agent, dedicated: false } }, macSpec);
    expect(launch.uid).toBeUndefined();
    expect(launch.args).toContain('/usr/bin/sandbox-exec');
  });

  it('hands macOS\'s nobody (uid 4294967294) to spawn as the int32 it takes', () => {
    const launch = buildLaunch({ ...mac, level: 'partial', user: { name: 'nobody', uid: 4294967294, gid: 4294967294, dedicated: false } }, macSpec);
    expect(launch).toMatchObject({ uid: -2, gid: -2 });
  });

  it('refuses to run without the run\'s own temporary directory', () => {
    expect(() => buildLaunch(mac, spec)).toThrow(/temporary directory/);
  });

  it('without an OS sandbox on macOS: still the limits, no setpriv', () => {
    const launch = buildLaunch({ ...mac, sandbox: null, level: 'none' }, macSpec);
    expect([launch.file, ...launch.args]).toEqual(ulimitCommand(defaultLimits, ['/usr/bin/git', 'status']));
    expect(launch.env).toEqual(spec.env);
  });
});

describe('prlimitOptions', () => {
  it('sets CPU soft/hard a second apart, file size, processes, no core dumps', () => {
    expect(prlimitOptions({ ...defaultLimits, cpuSeconds: 5, fileSizeMb: 2, maxProcesses: 64 })).toEqual(['--cpu=5:6', '--fsize=2097152', '--nproc=64', '--nofile=1024', '--core=0']);
  });
});
