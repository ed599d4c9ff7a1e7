import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WardenError } from '../contract/result.ts';
import type { SecretAuditEvent } from './audit-sink.ts';
import type { SecretMetadataStore } from './metadata-store.ts';
import { openSecretMetadata } from './metadata-store.ts';
import { createSecretStore } from './secret-store.ts';
import { createTestVault } from './test-vault.ts';

const value = (): string => `val-${randomBytes(12).toString('hex')}`;
let metadata: SecretMetadataStore | undefined;
afterEach(() => metadata?.close());

async function setup() {
  const events: SecretAuditEvent[] = [];
  const vault = createTestVault();
  metadata = openSecretMetadata(':memory:');
  const at = new Date('2026-04-01T12:00:00.000Z');
  const store = createSecretStore({ vault, metadata, audit: { record: (e) => events.push(e) }, now: () => at });
  const values = { GITHUB_TOKEN: value(), NPM_TOKEN: value(), DB_PASSWORD: value() };
  await store.set({ name: 'GITHUB_TOKEN', tools: ['git.push', 'gh.cli'], value: values.GITHUB_TOKEN }, 'admin');
  await store.set({ name: 'NPM_TOKEN', envVar: 'NODE_AUTH_TOKEN', tools: ['npm.publish'], value: values.NPM_TOKEN }, 'admin');
  await store.set({ name: 'DB_PASSWORD', tools: ['git.push'], value: values.DB_PASSWORD }, 'admin');
  events.length = 0;
  return { store, vault, metadata, events, values };
}

describe('secretsForTool', () => {
  it('gives only what the tool both declares and is scoped to, under each secret\'s variable', async () => {
    const { store, values } = await setup();
    // git.push is scoped to DB_PASSWORD too, but does not declare it: it does not get it.
    const result = await store.secretsForTool({ tool: 'git.push', declared: ['GITHUB_TOKEN', 'NPM_TOKEN'], actor: 'session 1' });
    expect(result.env).toEqual({ GITHUB_TOKEN: values.GITHUB_TOKEN });
    expect(result.withheld).toEqual([{ name: 'NPM_TOKEN', reason: 'not-scoped' }]);
    const npm = await store.secretsForTool({ tool: 'npm.publish', declared: ['NPM_TOKEN', 'NPM_TOKEN'], actor: 'session 1' });
    expect(npm.env).toEqual({ NODE_AUTH_TOKEN: values.NPM_TOKEN });
  });

  it('records each use and each withheld secret by name, and marks use', async () => {
    const { store, metadata, events, values } = await setup();
    await store.secretsForTool({ tool: 'git.push', declared: ['GITHUB_TOKEN', 'UNKNOWN_ONE'], actor: 'session 2' });
    expect(events).toEqual([
      { action: 'used', name: 'GITHUB_TOKEN', tool: 'git.push', actor: 'session 2', at: '2026-04-01T12:00:00.000Z' },
      { action: 'withheld', name: 'UNKNOWN_ONE', tool: 'git.push', reason: 'not-stored', actor: 'session 2', at: '2026-04-01T12:00:00.000Z' },
    ]);
    expect(JSON.stringify(events)).not.toContain(values.GITHUB_TOKEN);
    expect(metadata.get('GITHUB_TOKEN')?.lastUsedAt).toBe('2026-04-01T12:00:00.000Z');
    expect(metadata.get('DB_PASSWORD')?.lastUsedAt).toBeNull();
  });

  it('gives nothing to a tool that declares nothing', async () => {
    const { store, events } = await setup();
    expect(await store.secretsForTool({ tool: 'git.push', declared: [], actor: 'a' })).toEqual({ env: {}, withheld: [] });
    expect(events).toEqual([]);
  });

  it('reports a value deleted from the keychain as missing when the keychain is usable', async () => {
    const { store, vault } = await setup();
    vault.drop('GITHUB_TOKEN');
    const result = await store.secretsForTool({ tool: 'git.push', declared: ['GITHUB_TOKEN'], actor: 'a' });
    expect(result).toEqual({ env: {}, withheld: [{ name: 'GITHUB_TOKEN', reason: 'missing-in-keychain' }] });
  });

  it('refuses to run the tool without its secrets when the keyring is locked', async () => {
    const { store, vault, events } = await setup();
    vault.setState('locked');
    const attempt = store.secretsForTool({ tool: 'git.push', declared: ['GITHUB_TOKEN'], actor: 'a' });
    await expect(attempt).rejects.toThrow(WardenError);
    await expect(attempt).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('unlock') });
    expect(events).toEqual([]);
  });

  it('teaches the redactor every value it hands out', async () => {
    const { vault, metadata, values } = await setup();
    // A second store: a fresh process whose redactor has not listed the secrets yet.
    const fresh = createSecretStore({ vault, metadata, audit: { record: () => undefined } });
    expect(fresh.redactor.redact(values.GITHUB_TOKEN)).toBe(values.GITHUB_TOKEN);
    await fresh.secretsForTool({ tool: 'gh.cli', declared: ['GITHUB_TOKEN'], actor: 'a' });
    expect(fresh.redactor.redact(`out: ${values.GITHUB_TOKEN}`)).toBe('out: [secret:GITHUB_TOKEN]');
  });
});
