import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestVault } from '../secrets/test-vault.ts';
import { createWarden, loadConfig } from './index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the kill switch (system.panic)', () => {
  it('disables every tool, denies what is pending, and records who pulled it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-panic-'));
    dirs.push(dir);
    const warden = await createWarden(loadConfig({ shell: 'headless', dataDir: dir }), { vault: createTestVault() });
    const caller = { interface: 'web' as const, actor: 'console session abc' };
    // A call that waits for a person: delete_path always asks.
    const victim = join(warden.policy.current().workspace, `panic-${Date.now()}.txt`);
    writeFileSync(victim, 'keep me');
    const pending = warden.dispatch('tools.call', { name: 'delete_path', args: { path: victim } }, caller);
    await expect.poll(() => warden.approvals?.pendingCount()).toBe(1);
    const result = await warden.dispatch('system.panic', { reason: 'agent misbehaving' }, caller);
    expect(result).toMatchObject({ ok: true, value: { toolsLocked: true } });
    expect(warden.policy.current().enabledTools).toEqual([]);
    const outcome = await pending;
    expect(outcome).toMatchObject({ ok: true, value: { status: 'denied', decidedBy: { kind: 'system' } } });
    expect(JSON.stringify(outcome)).toContain('kill switch');
    expect(existsSync(victim)).toBe(true);
    // Locked tools stay locked: a new call is refused by the policy.
    const after = await warden.dispatch('tools.call', { name: 'read_file', args: { path: 'x.txt' } }, caller);
    expect(after).toMatchObject({ ok: true, value: { status: 'blocked' } });
    const { events } = warden.audit.search({ text: 'kill switch' });
    const pulled = events.filter((e) => e.kind === 'lifecycle' || e.kind === 'policy_change');
    expect(pulled.map((e) => e.summary)).toEqual(['Kill switch pulled: agent misbehaving', 'Kill switch: every tool disabled']);
    expect(pulled.every((e) => e.actor === 'console session abc')).toBe(true);
    // The pending call's denial is on record too.
    expect(events.some((e) => e.kind === 'tool_call' && e.status === 'denied')).toBe(true);
    await warden.close();
  });
});
