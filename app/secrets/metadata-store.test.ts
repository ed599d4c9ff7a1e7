import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WardenError } from '../contract/result.ts';
import type { SecretMetadataStore, SecretRecord } from './metadata-store.ts';
import { openSecretMetadata } from './metadata-store.ts';

const record = (name: string, envVar = name, tools: string[] = []): SecretRecord => ({
  name,
  description: `${name} for tests`,
  envVar,
  tools,
  createdAt: '2026-01-01T00:00:00.000Z',
  rotatedAt: null,
  lastUsedAt: null,
  rotationDays: 90,
});

let opened: SecretMetadataStore | undefined;
const dirs: string[] = [];
afterEach(() => {
  opened?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(): { store: SecretMetadataStore; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'warden-meta-'));
  dirs.push(dir);
  const path = join(dir, 'data', 'secrets.db');
  opened = openSecretMetadata(path);
  return { store: opened, path };
}

describe('secret metadata', () => {
  it('creates its database readable by the owner only, -wal included', () => {
    const { store, path } = open();
    store.insert(record('A_TOKEN'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
  });

  it('round-trips records with their tools, sorted by name', () => {
    const { store } = open();
    store.insert(record('B_TOKEN', 'B_VAR', ['web.fetch', 'git.push', 'git.push']));
    store.insert(record('A_TOKEN'));
    expect(store.list().map((r) => [r.name, r.envVar, r.tools])).toEqual([
      ['A_TOKEN', 'A_TOKEN', []],
      ['B_TOKEN', 'B_VAR', ['git.push', 'web.fetch']],
    ]);
    expect(store.get('B_TOKEN')).toMatchObject({ description: 'B_TOKEN for tests', rotationDays: 90, rotatedAt: null });
    expect(store.get('NOPE')).toBeUndefined();
  });

  it('refuses a second secret with the same name or the same variable', () => {
    const { store } = open();
    store.insert(record('A_TOKEN', 'SHARED'));
    expect(() => store.insert(record('A_TOKEN', 'OTHER'))).toThrow(/already exists; rotate it/);
    expect(() => store.insert(record('B_TOKEN', 'SHARED'))).toThrow(/already injected as SHARED/);
    expect(store.list()).toHaveLength(1);
  });

  it('changes only the scope fields it is given', () => {
    const { store } = open();
    store.insert(record('A_TOKEN', 'A_TOKEN', ['one']));
    store.insert(record('B_TOKEN'));
    expect(store.updateScope('A_TOKEN', { tools: ['two', 'three'] })).toMatchObject({ tools: ['three', 'two'], envVar: 'A_TOKEN', rotationDays: 90 });
    expect(store.updateScope('A_TOKEN', { rotationDays: null, description: 'd' })).toMatchObject({ tools: ['three', 'two'], rotationDays: null, description: 'd' });
    expect(() => store.updateScope('A_TOKEN', { envVar: 'B_TOKEN' })).toThrow(WardenError);
    expect(() => store.updateScope('MISSING', { tools: [] })).toThrow(/no secret named MISSING/);
  });

  it('records rotation and use, and deletes with the tools', () => {
    const { store } = open();
    store.insert(record('A_TOKEN', 'A_TOKEN', ['t']));
    store.markRotated('A_TOKEN', '2026-02-01T00:00:00.000Z');
    store.markUsed(['A_TOKEN', 'UNKNOWN'], '2026-02-02T00:00:00.000Z');
    expect(store.get('A_TOKEN')).toMatchObject({ rotatedAt: '2026-02-01T00:00:00.000Z', lastUsedAt: '2026-02-02T00:00:00.000Z' });
    expect(store.delete('A_TOKEN')).toBe(true);
    expect(store.delete('A_TOKEN')).toBe(false);
    store.insert(record('A_TOKEN'));
    expect(store.get('A_TOKEN')?.tools).toEqual([]);
  });
});
