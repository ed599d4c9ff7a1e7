import { describe, expect, it } from 'vitest';
import { defaultPolicy } from './default-policy.ts';
import { fakeInspector } from './test-inspector.ts';
import { judgeCall } from './judge.ts';
import { resolveProgram } from './resolve-program.ts';
import { validateCall } from './validate-call.ts';

const fs = fakeInspector({
  '/w': { type: 'dir' },
  '/w/a.txt': { type: 'file' },
  '/w/sub': { type: 'dir' },
  '/w/tool.sh': { type: 'file' },
  '/r': { type: 'dir' },
  '/usr': { type: 'dir' },
  '/usr/bin': { type: 'dir' },
  '/usr/bin/git': { type: 'file' },
  '/usr/bin/awk': { type: 'symlink', target: '/etc/alternatives/awk' },
  '/usr/bin/mawk': { type: 'file' },
  '/usr/bin/dirlike': { type: 'dir' },
  '/usr/local': { type: 'dir' },
  '/usr/local/bin': { type: 'dir' },
  '/usr/local/bin/git': { type: 'file' },
  '/bin': { type: 'symlink', target: 'usr/bin' },
  '/etc': { type: 'dir' },
  '/etc/alternatives': { type: 'dir' },
  '/etc/alternatives/awk': { type: 'symlink', target: '/usr/bin/mawk' },
});
const perimeter = { workspace: '/w', references: ['/r'] };

describe('resolveProgram', () => {
  it('looks a bare name up in the fixed search path, in order', () => {
    expect(resolveProgram('git', fs)).toEqual({ ok: true, path: '/usr/local/bin/git', real: '/usr/local/bin/git' });
    expect(resolveProgram('awk', fs)).toEqual({ ok: true, path: '/usr/bin/awk', real: '/usr/bin/mawk' });
  });

  it('takes an absolute path as it is and resolves its real file', () => {
    expect(resolveProgram('/bin/git', fs)).toEqual({ ok: true, path: '/bin/git', real: '/usr/bin/git' });
  });

  it.each([
    ['./tool.sh', /relative path/],
    ['sub/tool', /relative path/],
    ['nope', /No program "nope"/],
    ['/usr/bin/nope', /does not exist/],
    ['dirlike', /No program/],
    ['', /must name a program/],
  ])('refuses %j', (name, reason) => {
    const result = resolveProgram(name, fs);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('validateCall', () => {
  it('refuses an unknown tool', () => {
    expect(validateCall('exec_anything', {}, perimeter, fs)).toEqual({ ok: false, tool: undefined, reason: 'There is no tool named "exec_anything".' });
  });

  it.each([
    ['read_file', {}, /path/],
    ['read_file', { path: 1 }, /path/],
    ['read_file', { path: 'a.txt', extra: true }, /extra/],
    ['read_file', 'a.txt', /object/],
    ['run_command', { argv: 'git status' }, /argv/],
    ['run_command', { argv: [] }, /as a list/],
    ['run_command', { argv: ['git', 'a\0b'] }, /NUL/],
    ['http_request', { url: 'https://x', method: 'TRACE' }, /method/],
    ['http_request', { url: 'https://x', headers: { 'bad header': 'v' } }, /Invalid key/],
    ['http_request', { url: 'https://x', headers: { X: 'a\r\nInjected: 1' } }, /line breaks/],
  ])('refuses %s with %j by its schema', (tool, args, reason) => {
    const result = validateCall(tool, args, perimeter, fs);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('fills defaults and replaces paths with their canonical form', () => {
    const result = validateCall('search_files', { query: 'x' }, perimeter, fs);
    expect(result).toMatchObject({ ok: true, call: { args: { query: 'x', path: '/w', caseSensitive: false, maxResults: 200 }, paths: [{ arg: 'path', path: '/w', access: 'read', exists: true }] } });
  });

  it('checks every path of a move', () => {
    expect(validateCall('move_path', { from: 'a.txt', to: 'b.txt' }, perimeter, fs)).toMatchObject({ ok: true, call: { args: { from: '/w/a.txt', to: '/w/b.txt' } } });
    expect(validateCall('move_path', { from: 'a.txt', to: '/r/b.txt' }, perimeter, fs)).toMatchObject({ ok: false, reason: expect.stringMatching(/^to: .*read-only/) });
    expect(validateCall('move_path', { from: 'a.txt', to: 'a.txt' }, perimeter, fs)).toMatchObject({ ok: false, reason: expect.stringMatching(/already exists/) });
  });

  it('resolves run_command programs and checks its cwd', () => {
    expect(validateCall('run_command', { argv: ['awk', '1'] }, perimeter, fs)).toMatchObject({ ok: true, call: { executable: { path: '/usr/bin/awk', real: '/usr/bin/mawk' }, args: { cwd: '/w' } } });
    expect(validateCall('run_command', { argv: ['./tool.sh'] }, perimeter, fs)).toMatchObject({ ok: false, reason: expect.stringMatching(/relative path/) });
    expect(validateCall('run_command', { argv: ['git'], cwd: '/etc' }, perimeter, fs)).toMatchObject({ ok: false, reason: expect.stringMatching(/^cwd: .*outside/) });
    expect(validateCall('run_command', { argv: ['git'], cwd: '/r' }, perimeter, fs)).toMatchObject({ ok: true });
  });

  it('parses the http_request target and refuses plain HTTP', () => {
    expect(validateCall('http_request', { url: 'https://api.example.com/x' }, perimeter, fs)).toMatchObject({ ok: true, call: { target: { hostname: 'api.example.com', port: 443 } } });
    expect(validateCall('http_request', { url: 'http://api.example.com/x' }, perimeter, fs)).toMatchObject({ ok: false, reason: expect.stringMatching(/Only https/) });
  });
});

describe('judgeCall', () => {
  const policy = { ...defaultPolicy('/w', new Date(0)), references: ['/r'] };

  it('validates first, then decides', () => {
    expect(judgeCall({ tool: 'read_file', args: { path: 'a.txt' } }, policy, { isolation: 'full' }, fs)).toMatchObject({ ok: true, decision: { verdict: 'allow' } });
    expect(judgeCall({ tool: 'read_file', args: { path: '../x' } }, policy, { isolation: 'full' }, fs)).toMatchObject({ ok: false });
    expect(judgeCall({ tool: 'run_command', args: { argv: ['git'] } }, policy, { isolation: 'full' }, fs)).toMatchObject({ ok: true, decision: { verdict: 'deny', reason: expect.stringMatching(/not enabled/) } });
  });
});
