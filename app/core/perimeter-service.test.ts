import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, PolicyChanged, PolicyView, SystemInfo } from '../contract/index.ts';
import type { Scratch } from '../runner/test-sandbox.ts';
import { canSandbox, ensureAgentUser, makeScratch, removeUser, uniqueUserName } from '../runner/test-sandbox.ts';
import { createTestVault } from '../secrets/test-vault.ts';
import type { Warden } from './index.ts';
import { createWarden, loadConfig } from './index.ts';
import type { WardenOptions } from './warden.ts';

const caller = { interface: 'web' as const, actor: 'web admin' };
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-recheck-'));
  dirs.push(dir);
  return dir;
};
const wardens: Warden[] = [];
afterEach(async () => {
  for (const warden of wardens.splice(0)) await warden.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A console core with its `policy.changed` events, and what a client would ask it. */
async function openConsole(runner: WardenOptions['runner'] = {}) {
  const warden = await createWarden(loadConfig({ shell: 'headless', dataDir: tempDir(), workspace: tempDir() }), { vault: createTestVault(), runner });
  wardens.push(warden);
  const changes: PolicyChanged[] = [];
  warden.events.subscribe((name, payload) => {
    if (name === 'policy.changed') changes.push(payload as PolicyChanged);
  });
  const ask = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await warden.dispatch(name, input, caller);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  };
  const rechecks = async () => (await ask<AuditPage>('audit.search', { kind: 'policy_change', text: 're-checked' })).events;
  return { warden, changes, ask, rechecks };
}

describe('policy.recheckIsolation', () => {
  it('takes no input', async () => {
    const { warden } = await openConsole();
    expect(await warden.dispatch('policy.recheckIsolation', { level: 'full' }, caller)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('probes again and answers the policy view; the same isolation again is no news: nothing audited, nothing announced', async () => {
    const { warden, changes, ask, rechecks } = await openConsole({ probe: { maxLevel: 'none' } });
    const before = warden.runner.isolation;
    const view = await ask<PolicyView>('policy.recheckIsolation', {});
    expect(view.isolation).toEqual({ ...before, checkedAt: view.isolation.checkedAt });
    expect(Date.parse(view.isolation.checkedAt)).toBeGreaterThanOrEqual(Date.parse(before.checkedAt));
    expect(warden.runner.isolation).toEqual(view.isolation);
    expect(await rechecks()).toEqual([]);
    expect(changes).toEqual([]);
  });
});

describe.skipIf(!canSandbox)('policy.recheckIsolation after the machine changed (as root)', () => {
  const agent = uniqueUserName('core');
  let scratch: Scratch;
  beforeAll(() => {
    removeUser(agent);
    scratch = makeScratch();
  });
  afterAll(() => {
    removeUser(agent);
    scratch.cleanup();
  });

  it('adopts the new level, audits the change once for concurrent callers, announces it, and system.info and the refusals follow', async () => {
    const { changes, ask, rechecks } = await openConsole({ runtime: scratch.runtime, probe: { agentUser: agent } });
    expect((await ask<SystemInfo>('system.info', {})).isolation).toBe('partial');
    const before = await ask<PolicyView>('policy.get', {});
    expect(before.refusedRisks).toEqual(['exec', 'destructive']);

    ensureAgentUser(agent);
    const [first, second] = await Promise.all([ask<PolicyView>('policy.recheckIsolation', {}), ask<PolicyView>('policy.recheckIsolation', {})]);
    expect(first.isolation).toMatchObject({ level: 'full', user: { name: agent, dedicated: true }, missing: [] });
    expect(second.isolation).toEqual(first.isolation);
    expect(first.refusedRisks).toEqual([]);
    expect((await ask<SystemInfo>('system.info', {})).isolation).toBe('full');
    expect((await ask<PolicyView>('policy.get', {})).isolation).toEqual(first.isolation);

    const recorded = await rechecks();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      kind: 'policy_change',
      actor: 'web admin',
      interface: 'web',
      summary: 'Isolation re-checked: partial → full',
      details: { before: { level: 'partial', user: { name: 'nobody' } }, after: { level: 'full', user: { name: agent } } },
    });
    expect(changes).toEqual([{ revision: before.policy.revision, updatedAt: before.policy.updatedAt, changed: ['isolation'] }]);
  });
});
