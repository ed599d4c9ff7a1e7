import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PolicyBody } from '../contract/policy.ts';
import { PolicySchema } from '../contract/policy.ts';
import { WardenError } from '../contract/result.ts';
import { editableBody, openPolicyStore } from './policy-store.ts';

let root: string;
let dataDir: string;
let ws: string;
beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'warden-policy-')));
  dataDir = join(root, 'data');
  ws = join(root, 'ws');
  mkdirSync(dataDir, { mode: 0o700 });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const bodyOf = (store: ReturnType<typeof openPolicyStore>): PolicyBody => editableBody(store.current());

function errorOf(fn: () => unknown): WardenError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WardenError) return error;
    throw error;
  }
  throw new Error('expected a WardenError');
}

describe('openPolicyStore', () => {
  it('creates the default policy (0600) and the workspace on first use', () => {
    const store = openPolicyStore({ dataDir, defaultWorkspace: ws, now: () => new Date('2025-01-01T00:00:00.000Z') });
    expect(store.file).toBe(join(dataDir, 'policy.json'));
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(statSync(ws).isDirectory()).toBe(true);
    const onDisk = PolicySchema.parse(JSON.parse(readFileSync(store.file, 'utf8')));
    expect(onDisk).toEqual(store.current());
    expect(onDisk).toMatchObject({ version: 1, revision: 0, workspace: ws, acceptedIsolation: 'full', rules: [], commands: [] });
    expect(Object.isFrozen(store.current().limits)).toBe(true);
  });

  it('applies a valid change at once and on disk, and returns before and after', () => {
    const store = openPolicyStore({ dataDir, defaultWorkspace: ws });
    const change = store.update({ expectedRevision: 0, policy: { ...bodyOf(store), rules: [{ id: 'no-env', tool: '*', verdict: 'deny', paths: ['**/.env'] }] } });
    expect(change.before.revision).toBe(0);
    expect(change.after.revision).toBe(1);
    expect(change.changed).toEqual(['rules']);
    expect(store.current()).toBe(change.after);
    expect(JSON.parse(readFileSync(store.file, 'utf8')).rules).toHaveLength(1);
    expect(openPolicyStore({ dataDir, defaultWorkspace: ws }).current()).toEqual(change.after);
    // Nothing left behind by the atomic write.
    expect(readdirSync(dataDir)).toEqual(['policy.json']);
  });

  it('refuses an edit made on an older revision', () => {
    const store = openPolicyStore({ dataDir, defaultWorkspace: ws });
    store.update({ expectedRevision: 0, policy: bodyOf(store) });
    const error = errorOf(() => store.update({ expectedRevision: 0, policy: bodyOf(store) }));
    expect(error.code).toBe('conflict');
  });

  it('stores real paths: symlinks resolved, programs too', () => {
    const store = openPolicyStore({ dataDir, defaultWorkspace: ws });
    mkdirSync(join(root, 'ref'));
    symlinkSync(join(root, 'ref'), join(root, 'ref-link'));
    const change = store.update({ expectedRevision: 0, policy: { ...bodyOf(store), references: [join(root, 'ref-link')], commands: ['/bin/sh'] } });
    expect(change.after.references).toEqual([join(root, 'ref')]);
    expect(change.after.commands).toEqual([realpathSync('/bin/sh')]);
  });

  it.each([
    ['a missing workspace', (b: PolicyBody, r: string) => ({ ...b, workspace: join(r, 'nope') }), /does not exist/],
    ['a reference inside the workspace', (b: PolicyBody) => ({ ...b, references: [b.workspace] }), /overlaps the workspace/],
    ['a workspace holding the data dir', (b: PolicyBody, r: string) => ({ ...b, workspace: r }), /data directory/],
    ['an unknown tool', (b: PolicyBody) => ({ ...b, enabledTools: ['exec_anything'] }), /no tool named "exec_anything"/],
    ['an allow rule for a destructive tool', (b: PolicyBody) => ({ ...b, rules: [{ id: 'x', tool: 'delete_path', verdict: 'allow' as const }] }), /always asks/],
    ['argv on a file tool', (b: PolicyBody) => ({ ...b, rules: [{ id: 'x', tool: 'read_file', verdict: 'deny' as const, argv: ['x'] }] }), /argv applies to run_command/],
    ['a missing program', (b: PolicyBody) => ({ ...b, commands: ['/usr/bin/definitely-not-here'] }), /does not exist/],
  ])('refuses %s and keeps the old policy', (_label, edit, message) => {
    const store = openPolicyStore({ dataDir, defaultWorkspace: ws });
    const before = store.current();
    const text = readFileSync(store.file, 'utf8');
    const error = errorOf(() => store.update({ expectedRevision: 0, policy: edit(bodyOf(store), root) }));
    expect(error.message).toMatch(message);
    expect(store.current()).toBe(before);
    expect(readFileSync(store.file, 'utf8')).toBe(text);
  });

  it('changes acceptedIsolation only through acceptIsolation', () => {
    const store = openPolicyStore({ dataDir, defaultWorkspace: ws });
    const change = store.acceptIsolation('partial');
    expect(change.changed).toEqual(['acceptedIsolation']);
    expect(store.current().acceptedIsolation).toBe('partial');
    expect(store.update({ expectedRevision: 1, policy: bodyOf(store) }).after.acceptedIsolation).toBe('partial');
  });

  it('refuses to start from an invalid or hand-broken file, saying what to do', () => {
    openPolicyStore({ dataDir, defaultWorkspace: ws });
    const file = join(dataDir, 'policy.json');
    writeFileSync(file, '{ not json');
    expect(errorOf(() => openPolicyStore({ dataDir, defaultWorkspace: ws })).message).toMatch(/not valid JSON: fix it, or delete it/);
    writeFileSync(file, JSON.stringify({ version: 2 }));
    expect(() => openPolicyStore({ dataDir, defaultWorkspace: ws })).toThrow(WardenError);
  });

  it('tightens a policy file others could read', () => {
    const store = openPolicyStore({ dataDir, defaultWorkspace: ws });
    chmodSync(store.file, 0o644);
    openPolicyStore({ dataDir, defaultWorkspace: ws });
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
  });

  it('opens a policy file from before the disk limit existed, with the default disk limit', () => {
    const store = openPolicyStore({ dataDir, defaultWorkspace: ws });
    const { diskMb, ...olderLimits } = store.current().limits;
    writeFileSync(store.file, JSON.stringify({ ...store.current(), limits: olderLimits }));
    expect(openPolicyStore({ dataDir, defaultWorkspace: ws }).current().limits).toEqual({ ...olderLimits, diskMb });
    expect(diskMb).toBe(1024);
  });

  it('reloads a valid hand edit', () => {
    const store = openPolicyStore({ dataDir, defaultWorkspace: ws });
    const edited = { ...store.current(), enabledTools: ['list_dir'] };
    writeFileSync(store.file, JSON.stringify(edited));
    expect(store.reload().changed).toEqual(['enabledTools']);
    expect(store.current().enabledTools).toEqual(['list_dir']);
  });
});
