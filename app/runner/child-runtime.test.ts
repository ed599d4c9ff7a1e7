import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childProtocolVersion } from './child-protocol.ts';
import { childModules, installChildRuntime, installedRuntime } from './child-runtime.ts';

describe('the child runtime', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-runtime-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads only the tool implementations: no manifests, no zod, nothing from secrets, policy or audit', () => {
    const modules = childModules();
    expect(modules).toContain('runner/child-entry.ts');
    expect(modules).toContain('tools/read-file.ts');
    expect(modules.filter((m) => !/^(tools|runner\/child-)/.test(m))).toEqual([]);
    expect(modules).not.toContain('tools/manifests.ts');
    for (const module of modules) expect(readFileSync(join(import.meta.dirname, '..', module), 'utf8')).not.toMatch(/from 'zod'/);
  });

  it('installs as plain JavaScript that answers a ping', () => {
    const runtime = installChildRuntime(join(dir, 'runtime'));
    expect(installedRuntime(join(dir, 'runtime'))).toEqual({ runtime });
    expect(statSync(runtime.node).mode & 0o777).toBe(0o755);
    const js = readFileSync(runtime.entry, 'utf8');
    expect(js).not.toMatch(/\.ts['"]/);
    const ping = spawnSync(runtime.node, [runtime.entry], { input: JSON.stringify({ v: childProtocolVersion, mode: 'ping', tool: 'ping', args: {}, context: { workspace: dir, references: [], outputBytes: 1024 } }), encoding: 'utf8', env: {} });
    expect(JSON.parse(ping.stdout)).toMatchObject({ ok: true, value: { node: process.version } });
    expect(ping.stderr).toBe('');
  });

  it('answers a request from another protocol version with what to do', () => {
    const runtime = installedRuntime(join(dir, 'runtime')).runtime;
    if (runtime === null) throw new Error('not installed');
    const reply = spawnSync(runtime.node, [runtime.entry], { input: JSON.stringify({ v: 99, mode: 'ping' }), encoding: 'utf8', env: {} });
    expect(JSON.parse(reply.stdout)).toEqual({ ok: false, error: expect.stringMatching(/re-run sudo warden setup-sandbox/) });
  });

  it('has no installed runtime where there is none', () => {
    expect(installedRuntime(join(dir, 'nothing'))).toEqual({ runtime: null, problem: null });
  });
});
