import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditPage } from '../contract/index.ts';
import { createTestVault } from '../secrets/test-vault.ts';
import { createWarden, defaultDataDir, loadConfig } from './index.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-core-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('config', () => {
  it('prefers the explicit data dir, then WARDEN_DATA_DIR, and makes it private (0700)', () => {
    const base = tempDir();
    const explicit = loadConfig({ shell: 'headless', dataDir: join(base, 'a'), env: { WARDEN_DATA_DIR: join(base, 'b') } });
    expect(explicit.dataDir).toBe(join(base, 'a'));
    const fromEnv = loadConfig({ shell: 'headless', env: { WARDEN_DATA_DIR: join(base, 'b') } });
    expect(fromEnv.dataDir).toBe(join(base, 'b'));
    expect(statSync(fromEnv.dataDir).mode & 0o777).toBe(0o700);
  });

  it('chooses the OS convention when nothing is given', () => {
    expect(defaultDataDir({ HOME: '/home/u' }, 'linux')).toBe('/home/u/.local/share/warden');
    expect(defaultDataDir({ HOME: '/home/u', XDG_DATA_HOME: '/x' }, 'linux')).toBe('/x/warden');
    expect(defaultDataDir({ HOME: '/Users/u' }, 'darwin')).toBe('/Users/u/Library/Application Support/Warden');
  });
});

describe('createWarden', () => {
  it('answers system.info with the isolation level the runner probed', async () => {
    const warden = await createWarden(loadConfig({ shell: 'desktop', dataDir: tempDir() }), { vault: createTestVault() });
    const result = await warden.dispatch('system.info', {}, { interface: 'desktop', actor: 'test' });
    expect(result).toMatchObject({ ok: true, value: { name: 'Warden', isolation: warden.runner.isolation.level, shell: 'desktop' } });
    expect(['full', 'partial', 'none']).toContain(warden.runner.isolation.level);
    await warden.close();
  });

  it('emits system.ping with increasing sequence numbers', async () => {
    const warden = await createWarden(loadConfig({ shell: 'headless', dataDir: tempDir(), pingIntervalMs: 5 }), { vault: createTestVault() });
    const seqs: number[] = [];
    await new Promise<void>((resolve) => {
      warden.events.subscribe((name, payload) => {
        if (name === 'system.ping') seqs.push((payload as { seq: number }).seq);
        if (seqs.length === 3) resolve();
      });
    });
    await warden.close();
    expect(seqs).toEqual([0, 1, 2]);
  });
});

describe('what leaves the core', () => {
  const caller = { interface: 'cli' as const, actor: 'test' };

  it('passes the redactor: audit records, answers, events and logs never carry a stored value', async () => {
    const logged: string[] = [];
    const warden = await createWarden(loadConfig({ shell: 'headless', dataDir: tempDir() }), {
      vault: createTestVault(),
      logError: (message, error) => logged.push(`${message} ${String(error)}`),
    });
    const value = 'wv_canary_0123456789abcdef';
    const set = await warden.dispatch('secrets.set', { name: 'CANARY', value, tools: ['read_file'] }, caller);
    expect(set.ok).toBe(true);
    const pushed: string[] = [];
    warden.events.subscribe((_name, payload) => pushed.push(JSON.stringify(payload)));
    warden.record({ kind: 'tool_call', status: 'success', actor: 'session s', tool: 'read_file', summary: `read token ${value}`, args: { header: `Bearer ${value}` } });
    const page = await warden.dispatch('audit.search', { text: 'token' }, caller);
    const text = JSON.stringify(page);
    expect(text).toContain('[secret:CANARY]');
    expect(text).not.toContain(value);
    expect(pushed.join()).not.toContain(value);
    await warden.close();
    expect(logged.join()).not.toContain(value);
  });

  it('forwards every event to an external file when asked to', async () => {
    const dir = tempDir();
    const target = join(dir, 'siem.jsonl');
    const config = { ...loadConfig({ shell: 'headless', dataDir: join(dir, 'data') }), auditForwardTo: target };
    const warden = await createWarden(config, { vault: createTestVault() });
    warden.record({ kind: 'alert', status: 'success', actor: 'monitor', summary: 'forward me' });
    await warden.close();
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(target, 'utf8').trim().split('\n');
    expect(lines.length).toBe(3); // started, the alert, stopped
    expect(lines[1]).toContain('forward me');
  });

  it('finds every event of one tool call by its id', async () => {
    const warden = await createWarden(loadConfig({ shell: 'headless', dataDir: tempDir() }), { vault: createTestVault() });
    const callId = 'call_7f3a9c2e-41d8';
    warden.record({ kind: 'tool_call', status: 'pending', actor: 'session s', tool: 'delete_path', summary: 'waiting', details: { callId } });
    warden.record({ kind: 'approval', status: 'denied', actor: 'console session a', tool: 'delete_path', summary: 'denied', details: { callId, approvalId: 'apr_1' } });
    warden.record({ kind: 'tool_call', status: 'denied', actor: 'session s', tool: 'delete_path', summary: 'other call', details: { callId: 'call_other' } });
    const page = await warden.dispatch('audit.search', { text: callId }, { interface: 'web', actor: 'test' });
    expect(page.ok && (page.value as AuditPage).events.map((e) => e.summary)).toEqual(['denied', 'waiting']);
    await warden.close();
  });

  it('downloads a model only over HTTPS, refusing before any network access', async () => {
    const warden = await createWarden(loadConfig({ shell: 'headless', dataDir: tempDir() }), { vault: createTestVault() });
    const caller = { interface: 'web' as const, actor: 'test' };
    const plain = await warden.dispatch('model.download', { url: 'http://models.example/m.gguf' }, caller);
    expect(plain).toMatchObject({ ok: false, error: { message: expect.stringContaining('HTTPS only') } });
    const withPassword = await warden.dispatch('model.download', { url: 'https://u:p@models.example/m.gguf' }, caller);
    expect(withPassword).toMatchObject({ ok: false, error: { message: expect.stringContaining('user name or password') } });
    const badSum = await warden.dispatch('model.download', { url: 'https://models.example/m.gguf', sha256: 'abc' }, caller);
    expect(badSum).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await warden.close();
  });
});
