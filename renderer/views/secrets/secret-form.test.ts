import { describe, expect, it } from 'vitest';
import type { SecretInfo } from '../../../app/contract/index.ts';
import { checkNewSecret, checkRotation, checkScopeChange, parseRotationDays, parseTools, scopeFieldsOf } from './secret-form.ts';

const canary = 'canary-3f9a1c0d77e24b51';
const fields = { name: 'GITHUB_TOKEN', envVar: '', description: '', tools: '', rotationDays: '' };

const secret: SecretInfo = {
  name: 'GITHUB_TOKEN',
  description: 'push access',
  envVar: 'GH_TOKEN',
  tools: ['git_push'],
  createdAt: '2025-01-01T00:00:00.000Z',
  rotatedAt: null,
  lastUsedAt: null,
  rotationDays: 90,
  rotationDueAt: '2025-04-01T00:00:00.000Z',
  status: 'ok',
};

describe('parseTools', () => {
  it('splits on commas and spaces, drops empties and repeats', () => {
    expect(parseTools(' http.fetch, git_push  mail.send,,http.fetch ')).toEqual(['http.fetch', 'git_push', 'mail.send']);
    expect(parseTools('')).toEqual([]);
  });
});

describe('parseRotationDays', () => {
  it('reads empty as no reminder and anything but digits as invalid', () => {
    expect(parseRotationDays(' ')).toBeNull();
    expect(parseRotationDays('90')).toBe(90);
    expect(parseRotationDays('1.5')).toBeNaN();
    expect(parseRotationDays('-3')).toBeNaN();
  });
});

describe('checkNewSecret', () => {
  it('accepts a valid secret and fills the defaults of the contract', () => {
    const checked = checkNewSecret({ ...fields, tools: 'git_push, http.fetch', rotationDays: '30' }, canary);
    expect(checked).toEqual({
      ok: true,
      input: { name: 'GITHUB_TOKEN', description: '', tools: ['git_push', 'http.fetch'], rotationDays: 30, value: canary },
    });
  });

  it('keeps an explicit variable name', () => {
    const checked = checkNewSecret({ ...fields, envVar: 'GH_TOKEN' }, canary);
    expect(checked.ok && checked.input.envVar).toBe('GH_TOKEN');
  });

  it('gives one message per field, from the schema', () => {
    const checked = checkNewSecret({ name: 'github-token', envVar: 'LD_PRELOAD', description: '', tools: 'Bad Tool', rotationDays: '0' }, 'short');
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.name).toMatch(/A–Z first/);
    expect(checked.errors.envVar).toMatch(/reserved/);
    expect(checked.errors.tools).toMatch(/^“Bad”: A tool name/);
    expect(checked.errors.rotationDays).toMatch(/whole number of days from 1 to 3650/);
    expect(checked.errors.value).toMatch(/at least 8 characters/);
  });

  it('refuses a name that cannot be its own variable when no variable is given', () => {
    const checked = checkNewSecret({ ...fields, name: 'PATH' }, canary);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors.envVar).toMatch(/given as PATH.*reserved.*another variable name/s);
    expect(checkNewSecret({ ...fields, name: 'PATH', envVar: 'MY_PATH_TOKEN' }, canary).ok).toBe(true);
  });

  it('explains a value with stray whitespace', () => {
    const checked = checkNewSecret(fields, `${canary}\n`);
    expect(!checked.ok && checked.errors.value).toMatch(/whitespace/);
  });

  it('never quotes the value in a message', () => {
    for (const value of [`${canary} `, canary.slice(0, 6), `${canary}\0`, 'x'.repeat(70_000)]) {
      const checked = checkNewSecret({ ...fields, name: '1' }, value);
      expect(checked.ok).toBe(false);
      expect(JSON.stringify(checked)).not.toContain(value.trim().slice(0, 6));
    }
  });
});

describe('checkRotation', () => {
  it('checks the new value with the contract', () => {
    expect(checkRotation('GITHUB_TOKEN', canary)).toEqual({ ok: true, input: { name: 'GITHUB_TOKEN', value: canary } });
    const short = checkRotation('GITHUB_TOKEN', 'abc');
    expect(!short.ok && short.errors.value).toMatch(/at least 8/);
  });
});

describe('checkScopeChange', () => {
  it('prefills from the secret and sends only what changed', () => {
    const prefilled = scopeFieldsOf(secret);
    expect(prefilled).toEqual({ envVar: 'GH_TOKEN', description: 'push access', tools: 'git_push', rotationDays: '90' });
    expect(checkScopeChange(secret, prefilled)).toEqual({ ok: true, input: { request: { name: 'GITHUB_TOKEN' }, changed: false } });
    expect(checkScopeChange(secret, { ...prefilled, tools: 'git_push, http.fetch', rotationDays: '' })).toEqual({
      ok: true,
      input: { request: { name: 'GITHUB_TOKEN', tools: ['git_push', 'http.fetch'], rotationDays: null }, changed: true },
    });
  });

  it('refuses an empty or reserved variable', () => {
    const empty = checkScopeChange(secret, { ...scopeFieldsOf(secret), envVar: '' });
    expect(!empty.ok && empty.errors.envVar).toMatch(/environment variable name/);
    const reserved = checkScopeChange(secret, { ...scopeFieldsOf(secret), envVar: 'NODE_OPTIONS' });
    expect(!reserved.ok && reserved.errors.envVar).toMatch(/reserved/);
  });
});
