import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyringRun, KeyringScenario } from './test-keyring.ts';
import { runInKeyring, scratchHome } from './test-keyring.ts';

// The real keytar against a real gnome-keyring, each scenario in its own D-Bus session and HOME
// (see test-keyring.ts). No mock: these are the calls Warden makes in production.
const fixture = fileURLToPath(new URL('./fixtures/keychain-scenario.ts', import.meta.url));

async function scenario(name: KeyringScenario, mode: string, home?: string): Promise<Record<string, unknown>> {
  const run: KeyringRun = await runInKeyring(name, fixture, { args: [mode], ...(home === undefined ? {} : { home }) });
  // The fixture prints no values, so its stderr is safe to show when it failed.
  if (run.exitCode !== 0 || typeof run.result !== 'object' || run.result === null) {
    throw new Error(`fixture ${mode} in ${name} exited ${String(run.exitCode ?? run.signal)}:\n${run.stderr.slice(-3000)}`);
  }
  return run.result as Record<string, unknown>;
}

const homes: string[] = [];
afterAll(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

beforeAll(() => {
  // CI installs these (.ci/run); a machine without them must fail here, not skip quietly.
  for (const tool of ['dbus-run-session', 'gnome-keyring-daemon', 'dbus-send']) {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  }
});

describe('keychain: unlocked gnome-keyring', () => {
  it('stores values only in the keychain and runs set, list, inject, rotate, remove end to end', async () => {
    const result = await scenario('unlocked', 'lifecycle');
    expect(result).toMatchObject({
      state: 'available',
      concurrentProbes: ['available'],
      createdStatus: 'ok',
      storedWhere: { keytarDirect: true, accounts: ['GITHUB_TOKEN'], plaintextFiles: [], dbMode: '600' },
      listed: [{ name: 'GITHUB_TOKEN', status: 'ok', tools: ['git.push'] }],
      scoped: { envVars: ['GITHUB_TOKEN'], valueCorrect: true, withheld: [{ name: 'NOT_STORED', reason: 'not-stored' }] },
      unscoped: { envVars: [], withheld: [{ name: 'GITHUB_TOKEN', reason: 'not-scoped' }] },
      afterRotate: { readsNew: true },
      redactedBoth: true,
      duplicate: { code: 'conflict' },
      afterRemove: { keychainEmpty: true, metadataEmpty: true },
      eventActions: ['created', 'used', 'withheld', 'withheld', 'rotated', 'removed'],
      eventsHoldValue: false,
    });
  });
});

describe('keychain: locked', () => {
  it('tells a keyring locked under a running Warden apart from a missing value, and refuses every change', async () => {
    const result = await scenario('unlocked', 'lock-transition');
    expect(result).toMatchObject({
      before: 'available',
      state: 'locked',
      detail: 'Cannot create an item in a locked collection',
      // keytar's read answers null exactly as for a missing value; only the probe tells them apart.
      readReturnsNull: true,
      listed: { keychain: 'locked', statuses: ['unknown'] },
      inject: { code: 'unavailable', mentionsUnlock: true },
      set: { code: 'unavailable', mentionsUnlock: true },
      newRowRolledBack: true,
      rotate: { code: 'unavailable', mentionsUnlock: true },
      remove: { code: 'unavailable', mentionsUnlock: true },
      rowKept: true,
      eventActions: ['created'],
      plaintextFiles: [],
    });
    expect(result['message']).toContain('gnome-keyring-daemon --unlock');
  });

  it('reports a keyring that exists but was not unlocked at login as locked', async () => {
    const home = scratchHome();
    homes.push(home);
    expect(await scenario('unlocked', 'seed', home)).toEqual({ state: 'available' });
    const result = await scenario('locked-at-start', 'after-restart', home);
    expect(result).toMatchObject({
      state: 'locked',
      readReturnsNull: true,
      listed: [{ name: 'DEPLOY_KEY', status: 'unknown' }],
      inject: { code: 'unavailable', mentionsUnlock: true },
    });
  });

  it('treats a keyring daemon without a login keyring yet as locked (unlocking creates it)', async () => {
    const result = await scenario('no-collection', 'refuse-writes');
    expect(result).toMatchObject({ state: 'locked', setErrorHoldsValue: false, rowRolledBack: true, plaintextFiles: [] });
    expect(result['setError']).toMatch(/^unavailable: The keyring is locked/);
  });
});

describe('keychain: missing', () => {
  it.each<[KeyringScenario, string]>([
    ['no-bus', 'Cannot autolaunch D-Bus without X11 $DISPLAY'],
    ['dead-bus', 'Could not connect'],
    ['no-secret-service', 'not provided by any .service files'],
  ])('%s: says how to get a Secret Service and stores nothing anywhere', async (name, detail) => {
    const result = await scenario(name, 'refuse-writes');
    expect(result).toMatchObject({ state: 'missing', setErrorHoldsValue: false, rowRolledBack: true, plaintextFiles: [] });
    expect(result['detail']).toContain(detail);
    expect(result['message']).toContain('No Secret Service on the session bus');
    expect(result['setError']).toMatch(/^unavailable: No Secret Service/);
  });
});
