import { describe, expect, it } from 'vitest';
import type { RuleProposal, RuleScope } from '../contract/approvals.ts';
import type { JsonObject } from '../contract/tools.ts';
import { describeRule, proposeRule } from './propose-rule.ts';
import type { RuleSubject } from './rule-match.ts';
import { ruleMatches } from './rule-match.ts';

const workspace = '/ws';
const propose = (tool: string, args: JsonObject, scope: RuleScope = 'exact'): RuleProposal => proposeRule({ tool, args }, { scope, workspace });

function available(proposal: RuleProposal): Extract<RuleProposal, { available: true }> {
  if (!proposal.available) throw new Error(`expected a rule, got: ${proposal.reason}`);
  return proposal;
}

describe('proposeRule for file tools', () => {
  it('offers the exact path, in words', () => {
    const rule = available(propose('delete_path', { path: '/ws/tmp/report.txt', recursive: false }));
    expect(rule.match).toEqual({ kind: 'paths', tool: 'delete_path', paths: [{ arg: 'path', path: '/ws/tmp/report.txt', prefix: false }], recursive: false });
    expect(rule.description).toBe('Allow delete_path of /ws/tmp/report.txt exactly');
  });

  it('says so when a delete is recursive, and the rule covers only that', () => {
    const rule = available(propose('delete_path', { path: '/ws/build', recursive: true }));
    expect(rule.description).toBe('Allow delete_path of /ws/build exactly, including everything inside (recursive)');
    expect(rule.match).toMatchObject({ recursive: true });
  });

  it('offers the directory of the file when it lies below the workspace', () => {
    const rule = available(propose('write_file', { path: '/ws/src/lib/a.ts', content: 'x' }, 'directory'));
    expect(rule.match).toEqual({ kind: 'paths', tool: 'write_file', paths: [{ arg: 'path', path: '/ws/src/lib', prefix: true }], recursive: false });
    expect(rule.description).toBe('Allow write_file of anything under /ws/src/lib/');
  });

  it('never offers the workspace itself, a directory outside it, or any directory without a workspace', () => {
    expect(propose('write_file', { path: '/ws/a.ts' }, 'directory')).toMatchObject({ available: false, scope: 'directory' });
    expect(propose('read_file', { path: '/refs/docs/a.md' }, 'directory')).toMatchObject({ available: false });
    expect(propose('read_file', { path: '/wsx/docs/a.md' }, 'directory')).toMatchObject({ available: false });
    expect(proposeRule({ tool: 'write_file', args: { path: '/ws/src/a.ts' } }, { scope: 'directory', workspace: undefined })).toMatchObject({ available: false });
    // An exact rule for a path outside the workspace (a reference file) is still narrow.
    expect(propose('read_file', { path: '/refs/docs/a.md' })).toMatchObject({ available: true });
  });

  it('names both paths of a move', () => {
    const exact = available(propose('move_path', { from: '/ws/in/a.txt', to: '/ws/out/a.txt' }));
    expect(exact.description).toBe('Allow move_path with from /ws/in/a.txt exactly and to /ws/out/a.txt exactly');
    const dirs = available(propose('move_path', { from: '/ws/in/a.txt', to: '/ws/out/a.txt' }, 'directory'));
    expect(dirs.description).toBe('Allow move_path with from anything under /ws/in/ and to anything under /ws/out/');
  });

  it('refuses paths that are not canonical', () => {
    for (const path of ['tmp/report.txt', '/ws/tmp/../x', '/ws/tmp/', '/ws//x', '']) {
      expect(propose('delete_path', { path }), path).toMatchObject({ available: false });
    }
    expect(propose('delete_path', {})).toMatchObject({ available: false });
    expect(propose('move_path', { from: '/ws/a' })).toMatchObject({ available: false });
  });

  it('covers every file tool', () => {
    for (const tool of ['list_dir', 'read_file', 'search_files', 'write_file', 'delete_path']) {
      expect(propose(tool, { path: '/ws/src/x' }), tool).toMatchObject({ available: true });
    }
  });
});

describe('proposeRule for run_command', () => {
  it('offers the exact argv in the exact directory, never the program alone', () => {
    const rule = available(propose('run_command', { argv: ['git', 'status'], cwd: '/ws' }));
    expect(rule.match).toEqual({ kind: 'argv', tool: 'run_command', argv: ['git', 'status'], cwd: '/ws' });
    expect(rule.description).toBe('Allow run_command of exactly ["git","status"] in /ws, without standard input; other arguments ask again');
    expect(propose('run_command', { argv: ['git', 'status'], cwd: '/ws' }, 'directory')).toMatchObject({ available: false });
  });

  it('refuses a call with standard input or arguments it cannot pin down', () => {
    expect(propose('run_command', { argv: ['python3'], cwd: '/ws', stdin: 'import os' })).toMatchObject({ available: false });
    expect(propose('run_command', { argv: ['ls'], cwd: '/ws', env: {} })).toMatchObject({ available: false });
    expect(propose('run_command', { argv: 'ls -la' })).toMatchObject({ available: false });
    expect(propose('run_command', { argv: [] })).toMatchObject({ available: false });
    expect(propose('run_command', { argv: ['ls'], cwd: 'sub' })).toMatchObject({ available: false });
  });
});

describe('proposeRule for http_request', () => {
  it('offers the exact method and URL only', () => {
    const rule = available(propose('http_request', { url: 'https://api.example.com/v1/items', headers: { A: 'b' } }));
    expect(rule.match).toEqual({ kind: 'request', tool: 'http_request', method: 'GET', url: 'https://api.example.com/v1/items' });
    expect(rule.description).toBe('Allow http_request GET https://api.example.com/v1/items exactly');
    expect(propose('http_request', { url: 'https://api.example.com/v1/items' }, 'directory')).toMatchObject({ available: false });
  });

  it('refuses a method or URL it cannot name', () => {
    expect(propose('http_request', { method: 'get', url: 'https://a.example' })).toMatchObject({ available: false });
    expect(propose('http_request', { method: 'GET' })).toMatchObject({ available: false });
    expect(propose('http_request', { url: `https://a.example/${'x'.repeat(9000)}` })).toMatchObject({ available: false });
  });
});

describe('proposeRule for other tools', () => {
  it('offers nothing', () => {
    expect(propose('send_email', { to: 'a@example.com' })).toEqual({
      available: false,
      scope: 'exact',
      reason: 'No rule can be remembered for send_email: approve it each time.',
    });
  });
});

describe('a proposed rule is as narrow as it says', () => {
  const calls: Array<[RuleSubject, RuleScope, RuleSubject[]]> = [
    [{ tool: 'delete_path', args: { path: '/ws/tmp/a.txt', recursive: false } }, 'exact', [
      { tool: 'delete_path', args: { path: '/ws/tmp/a.txt', recursive: true } },
      { tool: 'delete_path', args: { path: '/ws/tmp/a.txt2' } },
      { tool: 'delete_path', args: { path: '/ws/tmp' } },
      { tool: 'write_file', args: { path: '/ws/tmp/a.txt' } },
    ]],
    [{ tool: 'write_file', args: { path: '/ws/src/a.ts', content: 'x' } }, 'directory', [
      { tool: 'write_file', args: { path: '/ws/srcx/a.ts' } },
      { tool: 'write_file', args: { path: '/ws/a.ts' } },
      { tool: 'delete_path', args: { path: '/ws/src/a.ts' } },
    ]],
    [{ tool: 'run_command', args: { argv: ['make', 'test'], cwd: '/ws' } }, 'exact', [
      { tool: 'run_command', args: { argv: ['make', 'install'], cwd: '/ws' } },
      { tool: 'run_command', args: { argv: ['make'], cwd: '/ws' } },
      { tool: 'run_command', args: { argv: ['make', 'test', '-j8'], cwd: '/ws' } },
      { tool: 'run_command', args: { argv: ['make', 'test'], cwd: '/ws', stdin: 'x' } },
    ]],
    [{ tool: 'http_request', args: { method: 'POST', url: 'https://a.example/x', body: '{}' } }, 'exact', [
      { tool: 'http_request', args: { method: 'PUT', url: 'https://a.example/x' } },
      { tool: 'http_request', args: { method: 'POST', url: 'https://a.example/y' } },
    ]],
  ];

  it.each(calls)('%j (%s) matches itself and none of its neighbours', (call, scope, neighbours) => {
    const rule = available(proposeRule(call, { scope, workspace }));
    expect(ruleMatches(rule, call)).toBe(true);
    for (const other of neighbours) expect(ruleMatches(rule, other), JSON.stringify(other)).toBe(false);
  });

  it('describes a rule the same way whenever it is shown', () => {
    const rule = available(propose('delete_path', { path: '/ws/x' }));
    expect(describeRule(rule.match)).toBe(rule.description);
  });
});
