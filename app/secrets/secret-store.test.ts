import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WardenError } from '../contract/result.ts';
import type { SecretChanged } from '../contract/secrets.ts';
import { SecretInfoSchema, SecretListSchema } from '../contract/secrets.ts';
import type { SecretAuditEvent } from './audit-sink.ts';
import type { SecretMetadataStore } from './metadata-store.ts';
import { openSecretMetadata } from './metadata-store.ts';
import { createSecretStore } from './secret-store.ts';
import { createTestVault } from './test-vault.ts';

const value = (): string => `val-${randomBytes(12).toString('hex')}`;

let metadata: SecretMetadataStore | undefined;
afterEach(() => metadata?.close());

function setup(start = '2026-03-01T00:00:00.000Z') {
  let clock = new Date(start);
  const events: SecretAuditEvent[] = [];
  const changes: SecretChanged[] = [];
  const vault = createTestVault();
  metadata = openSecretMetadata(':memory:');
  const store = createSecretStore({
    vault,
    metadata,
    audit: { record: (event) => events.push(event) },
    onChange: (change) => changes.push(change),
    now: () => clock,
  });
  const advanceDays = (days: number): void => {
    clock = new Date(clock.getTime() + days * 86_400_000);
  };
  return { store, vault, metadata, events, changes, advanceDays };
}

async function rejection(promise: Promise<unknown>): Promise<WardenError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WardenError) return error;
    throw error;
  }
  throw new Error('expected a WardenError');
}

describe('set', () => {
  it('stores the value in the vault only and answers with metadata that matches the contract', async () => {
    const { store, vault, events, changes } = setup();
    const secret = value();
    const info = await store.set({ name: 'GITHUB_TOKEN', description: 'push access', tools: ['git.push'], rotationDays: 30, value: secret }, 'console user');
    expect(SecretInfoSchema.parse(info)).toEqual({
      name: 'GITHUB_TOKEN',
      description: 'push access',
      envVar: 'GITHUB_TOKEN',
      tools: ['git.push'],
      createdAt: '2026-03-01T00:00:00.000Z',
      rotatedAt: null,
      lastUsedAt: null,
      rotationDays: 30,
      rotationDueAt: '2026-03-31T00:00:00.000Z',
      status: 'ok',
    });
    expect(JSON.stringify(info)).not.toContain(secret);
    expect(vault.values.get('GITHUB_TOKEN')).toBe(secret);
    expect(events).toEqual([
      { action: 'created', name: 'GITHUB_TOKEN', envVar: 'GITHUB_TOKEN', tools: ['git.push'], actor: 'console user', at: '2026-03-01T00:00:00.000Z' },
    ]);
    expect(changes).toEqual([{ name: 'GITHUB_TOKEN', change: 'created', at: '2026-03-01T00:00:00.000Z' }]);
    expect(store.redactor.redact(`x ${secret}`)).toBe('x [secret:GITHUB_TOKEN]');
  });

  it.each([
    ['a value shorter than 8 characters', { name: 'PIN', value: '1234' }, /at least 8 characters.*replace ordinary text/],
    ['a value with a trailing newline', { name: 'TOKEN', value: 'abcdefgh12\n' }, /stray newline/],
    ['a lower-case name', { name: 'token', value: 'abcdefgh12' }, /A–Z first/],
    ['a reserved variable', { name: 'TOKEN', envVar: 'LD_PRELOAD', value: 'abcdefgh12' }, /reserved/],
    ['a name that would be a reserved variable', { name: 'PATH', value: 'abcdefgh12' }, /PATH cannot be its own variable name/],
    ['an unknown field', { name: 'TOKEN', value: 'abcdefgh12', extra: 1 }, /Unrecognized key/],
    ['a value over 64 KiB', { name: 'TOKEN', value: 'x'.repeat(65_537) }, /at most 65536/],
  ])('refuses %s with a reason that does not repeat the value', async (_, input, reason) => {
    const { store, vault, metadata } = setup();
    const error = await rejection(store.set(input as Parameters<typeof store.set>[0], 'me'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(reason);
    expect(error.message).not.toContain(String(input.value).slice(0, 8));
    expect(vault.values.size).toBe(0);
    expect(metadata.list()).toEqual([]);
  });

  it('refuses a second secret of the same name without touching the stored value', async () => {
    const { store, vault } = setup();
    const first = value();
    await store.set({ name: 'A_TOKEN', value: first }, 'me');
    const error = await rejection(store.set({ name: 'A_TOKEN', value: value() }, 'me'));
    expect(error.code).toBe('conflict');
    expect(vault.values.get('A_TOKEN')).toBe(first);
  });

  it('serialises concurrent sets of one name: one wins, the other conflicts', async () => {
    const { store, vault } = setup();
    const [a, b] = [value(), value()];
    const results = await Promise.allSettled([store.set({ name: 'RACE', value: a }, 'x'), store.set({ name: 'RACE', value: b }, 'y')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(vault.values.get('RACE')).toBe(a);
  });

  it('claims nothing when the keychain refuses the write', async () => {
    const { store, vault, metadata, events } = setup();
    vault.setState('locked');
    const error = await rejection(store.set({ name: 'A_TOKEN', value: value() }, 'me'));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('unlock your login keyring');
    expect(metadata.list()).toEqual([]);
    expect(events).toEqual([]);
  });
});

describe('list', () => {
  it('computes ok, missing-in-keychain and rotation-due, and validates against the contract', async () => {
    const { store, vault, advanceDays } = setup();
    await store.set({ name: 'FRESH', rotationDays: 90, value: value() }, 'me');
    await store.set({ name: 'OLD', rotationDays: 10, value: value() }, 'me');
    await store.set({ name: 'GONE', value: value() }, 'me');
    vault.drop('GONE');
    advanceDays(10);
    const list = SecretListSchema.parse(await store.list());
    expect(list.keychain.state).toBe('available');
    expect(list.secrets.map((s) => [s.name, s.status])).toEqual([
      ['FRESH', 'ok'],
      ['GONE', 'missing-in-keychain'],
      ['OLD', 'rotation-due'],
    ]);
  });

  it('says "unknown", not "missing", while the keyring is locked', async () => {
    const { store, vault } = setup();
    await store.set({ name: 'A_TOKEN', value: value() }, 'me');
    vault.setState('locked');
    const list = await store.list();
    expect(list.keychain.state).toBe('locked');
    expect(list.secrets.map((s) => s.status)).toEqual(['unknown']);
  });

  it('primes the redactor with values stored before this process started', async () => {
    const { store, vault, metadata } = setup();
    const earlier = value();
    metadata.insert({ name: 'EARLIER', description: '', envVar: 'EARLIER', tools: [], createdAt: '2026-01-01T00:00:00.000Z', rotatedAt: null, lastUsedAt: null, rotationDays: null });
    await vault.write('EARLIER', earlier);
    expect(store.redactor.redact(earlier)).toBe(earlier);
    await store.list();
    expect(store.redactor.redact(earlier)).toBe('[secret:EARLIER]');
  });
});

describe('rotate, remove, editScope', () => {
  it('rotates: new value stored, reminder restarts, old value still redacted', async () => {
    const { store, vault, events, advanceDays } = setup();
    const [first, second] = [value(), value()];
    await store.set({ name: 'A_TOKEN', rotationDays: 5, value: first }, 'me');
    advanceDays(6);
    expect((await store.list()).secrets[0]?.status).toBe('rotation-due');
    const info = await store.rotate({ name: 'A_TOKEN', value: second }, 'me');
    expect(info).toMatchObject({ rotatedAt: '2026-03-07T00:00:00.000Z', rotationDueAt: '2026-03-12T00:00:00.000Z', status: 'ok' });
    expect(vault.values.get('A_TOKEN')).toBe(second);
    expect(store.redactor.redact(`${first}|${second}`)).toBe('[secret:A_TOKEN]|[secret:A_TOKEN]');
    expect(events.map((e) => e.action)).toEqual(['created', 'rotated']);
    expect((await rejection(store.rotate({ name: 'NOPE', value: value() }, 'me'))).code).toBe('not_found');
  });

  it('removes from keychain and metadata, but not while the keychain is locked', async () => {
    const { store, vault, metadata, changes } = setup();
    await store.set({ name: 'A_TOKEN', value: value() }, 'me');
    vault.setState('locked');
    const error = await rejection(store.remove('A_TOKEN', 'me'));
    expect(error.code).toBe('unavailable');
    expect(metadata.get('A_TOKEN')).toBeDefined();
    vault.setState('available');
    await store.remove('A_TOKEN', 'me');
    expect(vault.values.size).toBe(0);
    expect(metadata.list()).toEqual([]);
    expect(changes.map((c) => c.change)).toEqual(['created', 'removed']);
    expect((await rejection(store.remove('A_TOKEN', 'me'))).code).toBe('not_found');
  });

  it('edits the scope and reports the result with its status', async () => {
    const { store, events } = setup();
    await store.set({ name: 'A_TOKEN', tools: ['one'], value: value() }, 'me');
    await store.set({ name: 'B_TOKEN', value: value() }, 'me');
    const info = await store.editScope({ name: 'A_TOKEN', tools: ['two'], envVar: 'A_VAR' }, 'admin');
    expect(info).toMatchObject({ tools: ['two'], envVar: 'A_VAR', status: 'ok' });
    expect(events.at(-1)).toEqual({ action: 'scope-changed', name: 'A_TOKEN', envVar: 'A_VAR', tools: ['two'], actor: 'admin', at: '2026-03-01T00:00:00.000Z' });
    expect((await rejection(store.editScope({ name: 'A_TOKEN', envVar: 'B_TOKEN' }, 'admin'))).code).toBe('conflict');
    expect((await rejection(store.editScope({ name: 'A_TOKEN', envVar: 'NODE_OPTIONS' }, 'admin'))).code).toBe('invalid_input');
  });
});
