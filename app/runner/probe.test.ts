import { describe, expect, it } from 'vitest';
import type { SandboxKind, SandboxUser } from './launch-plan.ts';
import type { ProbeOptions } from './probe.ts';
import { lookupUser, probeSandbox } from './probe.ts';

/**
 * The macOS branches of the probe, run on any machine: the platform, the console's uid and the
 * sandbox check are given, and `daemon` (uid 1 on Linux and macOS alike) stands in for the
 * dedicated user. The real sandbox-exec runs only in seatbelt.test.ts, on a Mac.
 */
const calls: { kind: SandboxKind; user: SandboxUser | null }[] = [];
const mac = (over: ProbeOptions): ReturnType<typeof probeSandbox> =>
  probeSandbox({
    platform: 'darwin',
    agentUser: 'daemon',
    programs: { sandboxExec: '/bin/sh' },
    sandboxStarts: (kind, user) => {
      calls.push({ kind, user });
      return null;
    },
    ...over,
  });
const daemon = lookupUser('daemon');
const whats = (missing: { what: string }[]): string => missing.map((m) => m.what).join('\n');

describe.skipIf(daemon === null)('probeSandbox on macOS', () => {
  it('as root with the dedicated user: full, dropping to it, inside sandbox-exec, limits through ulimit', () => {
    calls.length = 0;
    const { plan, missing } = mac({ uid: 0 });
    expect(plan).toMatchObject({ level: 'full', via: 'uid-drop', sandbox: 'sandbox-exec', rlimits: 'ulimit', user: { name: 'daemon', ...daemon, dedicated: true } });
    expect(whats(missing)).not.toMatch(/prlimit|bubblewrap|sandbox-exec/);
    // The check runs as the user the sandbox will run as, never as root.
    expect(calls).toEqual([{ kind: 'sandbox-exec', user: plan.user }]);
  });

  it('as root without the dedicated user: partial as nobody, saying how to create the user', () => {
    const { plan, missing } = mac({ uid: 0, agentUser: 'no-such-warden-user' });
    expect(plan).toMatchObject({ level: 'partial', via: 'uid-drop', sandbox: 'sandbox-exec', user: { name: 'nobody', dedicated: false } });
    expect(missing).toContainEqual({ what: 'The dedicated user no-such-warden-user.', fix: expect.stringMatching(/standard macOS user.*Linux-only/) });
  });

  it('not root: partial, sandbox-exec as the console\'s own user; missing says running as root gives full', () => {
    calls.length = 0;
    const { plan, missing } = mac({ uid: 501 });
    expect(plan).toMatchObject({ level: 'partial', via: 'self', sandbox: 'sandbox-exec', rlimits: 'ulimit', user: { uid: 501, dedicated: false } });
    expect(missing).toContainEqual({ what: expect.stringMatching(/dedicated user daemon: on macOS there is no launcher/), fix: expect.stringMatching(/Run the console as root.*full isolation/) });
    expect(whats(missing)).not.toMatch(/setup-sandbox launcher/);
    expect(calls).toEqual([{ kind: 'sandbox-exec', user: null }]);
  });

  it('without sandbox-exec: none for a console that is not root, the dedicated user alone (partial) for root', () => {
    const absent = { programs: { sandboxExec: '/nonexistent/sandbox-exec' } };
    const user = mac({ uid: 501, ...absent });
    expect(user.plan).toMatchObject({ level: 'none', via: 'self', sandbox: null, rlimits: 'ulimit' });
    expect(user.missing).toContainEqual({ what: 'sandbox-exec (/nonexistent/sandbox-exec).', fix: expect.stringMatching(/part of macOS/) });
    expect(mac({ uid: 0, ...absent }).plan).toMatchObject({ level: 'partial', via: 'uid-drop', sandbox: null, user: { name: 'daemon' } });
    expect(mac({ uid: 0, agentUser: 'no-such-warden-user', ...absent }).plan).toMatchObject({ level: 'none', sandbox: null });
  });

  it('when sandbox-exec refuses Warden\'s profile: no sandbox, and the reason', () => {
    const { plan, missing } = mac({ uid: 501, sandboxStarts: () => 'sandbox-exec: unbound variable' });
    expect(plan).toMatchObject({ level: 'none', sandbox: null });
    expect(whats(missing)).toMatch(/sandbox-exec does not run a program with Warden's profile here: sandbox-exec: unbound variable/);
  });

  it('honours maxLevel: partial as root leaves out the dedicated user, none leaves out the sandbox', () => {
    expect(mac({ uid: 0, maxLevel: 'partial' }).plan).toMatchObject({ level: 'partial', sandbox: 'sandbox-exec', user: { name: 'nobody' } });
    expect(mac({ uid: 0, maxLevel: 'none' }).plan).toMatchObject({ level: 'none', sandbox: null, user: { name: 'nobody' } });
  });
});

describe('probeSandbox elsewhere', () => {
  it('on a platform with no OS sandbox: says so, and never runs a sandbox check', () => {
    const { plan, missing } = probeSandbox({ platform: 'win32', uid: 1000, sandboxStarts: () => { throw new Error('not called'); } });
    expect(plan).toMatchObject({ level: 'none', sandbox: null });
    expect(whats(missing)).toMatch(/bubblewrap on Linux and sandbox-exec on macOS, and has none for win32/);
  });

  it('on Linux: bubblewrap is checked, not sandbox-exec', () => {
    const seen: SandboxKind[] = [];
    const { plan } = probeSandbox({ platform: 'linux', uid: 1000, agentUser: 'no-such-warden-user', programs: { bwrap: '/bin/sh' }, sandboxStarts: (kind) => (seen.push(kind), null) });
    expect(seen).toEqual(['bubblewrap']);
    expect(plan.sandbox).toBe('bubblewrap');
  });
});

describe('lookupUser', () => {
  it('finds users through id(1), and not unknown ones', () => {
    expect(lookupUser('root')).toEqual({ uid: 0, gid: 0 });
    expect(lookupUser('no-such-warden-user')).toBeNull();
  });
});
