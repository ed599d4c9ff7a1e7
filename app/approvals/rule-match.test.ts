import { describe, expect, it } from 'vitest';
import type { RuleMatch } from '../contract/approvals.ts';
import type { JsonObject } from '../contract/tools.ts';
import { isCanonicalPath, isWithin, ruleMatches } from './rule-match.ts';

const exactDelete: RuleMatch = { kind: 'paths', tool: 'delete_path', paths: [{ arg: 'path', path: '/ws/tmp/report.txt', prefix: false }], recursive: false };
const recursiveDelete: RuleMatch = { kind: 'paths', tool: 'delete_path', paths: [{ arg: 'path', path: '/ws/build', prefix: false }], recursive: true };
const writeUnder: RuleMatch = { kind: 'paths', tool: 'write_file', paths: [{ arg: 'path', path: '/ws/a', prefix: true }], recursive: false };
const moveRule: RuleMatch = {
  kind: 'paths',
  tool: 'move_path',
  paths: [
    { arg: 'from', path: '/ws/in/a.txt', prefix: false },
    { arg: 'to', path: '/ws/out', prefix: true },
  ],
  recursive: false,
};
const gitStatus: RuleMatch = { kind: 'argv', tool: 'run_command', argv: ['git', 'status'], cwd: '/ws' };
const lsNoCwd: RuleMatch = { kind: 'argv', tool: 'run_command', argv: ['ls'], cwd: null };
const getApi: RuleMatch = { kind: 'request', tool: 'http_request', method: 'GET', url: 'https://api.example.com/v1/items' };

const matches = (match: RuleMatch, tool: string, args: JsonObject): boolean => ruleMatches({ match }, { tool, args });

describe('isCanonicalPath', () => {
  it.each([
    ['/', true],
    ['/ws', true],
    ['/ws/a/b.txt', true],
    ['/ws/.hidden', true],
    ['/ws/a..b', true],
    ['ws/a', false],
    ['', false],
    ['./ws', false],
    ['/ws/', false],
    ['/ws//a', false],
    ['/ws/./a', false],
    ['/ws/../etc', false],
    ['/ws/..', false],
    ['/ws/a\0b', false],
  ])('%j → %s', (path, expected) => {
    expect(isCanonicalPath(path)).toBe(expected);
  });
});

describe('isWithin respects directory boundaries', () => {
  it.each([
    ['/ws/a', '/ws/a', true],
    ['/ws/a/b', '/ws/a', true],
    ['/ws/a/b/c', '/ws/a', true],
    ['/ws/ab', '/ws/a', false],
    ['/ws/a-b/c', '/ws/a', false],
    ['/ws', '/ws/a', false],
    ['/other/ws/a/b', '/ws/a', false],
  ])('%s within %s → %s', (path, dir, expected) => {
    expect(isWithin(path, dir)).toBe(expected);
  });
});

describe('ruleMatches: exact path rules', () => {
  it.each<[string, string, JsonObject, boolean]>([
    ['the exact path', 'delete_path', { path: '/ws/tmp/report.txt' }, true],
    ['the exact path, recursive false given', 'delete_path', { path: '/ws/tmp/report.txt', recursive: false }, true],
    ['another tool on the same path', 'write_file', { path: '/ws/tmp/report.txt', content: '' }, false],
    ['a recursive delete of the same path', 'delete_path', { path: '/ws/tmp/report.txt', recursive: true }, false],
    ['a sibling', 'delete_path', { path: '/ws/tmp/report.txt2' }, false],
    ['a child', 'delete_path', { path: '/ws/tmp/report.txt/x' }, false],
    ['the parent', 'delete_path', { path: '/ws/tmp' }, false],
    ['a dotted spelling', 'delete_path', { path: '/ws/tmp/./report.txt' }, false],
    ['a .. spelling that lands on it', 'delete_path', { path: '/ws/tmp/x/../report.txt' }, false],
    ['a trailing slash', 'delete_path', { path: '/ws/tmp/report.txt/' }, false],
    ['a relative path', 'delete_path', { path: 'tmp/report.txt' }, false],
    ['no path', 'delete_path', {}, false],
    ['a path that is not a string', 'delete_path', { path: ['/ws/tmp/report.txt'] }, false],
    ['a different case', 'delete_path', { path: '/ws/tmp/Report.txt' }, false],
  ])('%s → %s', (_what, tool, args, expected) => {
    expect(matches(exactDelete, tool, args)).toBe(expected);
  });

  it('a recursive rule matches only the recursive delete of its path', () => {
    expect(matches(recursiveDelete, 'delete_path', { path: '/ws/build', recursive: true })).toBe(true);
    expect(matches(recursiveDelete, 'delete_path', { path: '/ws/build', recursive: false })).toBe(false);
    expect(matches(recursiveDelete, 'delete_path', { path: '/ws/build' })).toBe(false);
    expect(matches(recursiveDelete, 'delete_path', { path: '/ws/build/sub', recursive: true })).toBe(false);
  });

  it('treats anything but true as not recursive', () => {
    expect(matches(exactDelete, 'delete_path', { path: '/ws/tmp/report.txt', recursive: 'true' })).toBe(true);
    expect(matches(recursiveDelete, 'delete_path', { path: '/ws/build', recursive: 'true' })).toBe(false);
  });
});

describe('ruleMatches: directory prefix rules', () => {
  it.each<[string, JsonObject, boolean]>([
    ['a file directly inside', { path: '/ws/a/x.txt' }, true],
    ['a file deeper inside', { path: '/ws/a/b/c/x.txt' }, true],
    ['the directory itself', { path: '/ws/a' }, true],
    ['a sibling sharing the first characters', { path: '/ws/ab' }, false],
    ['a file in that sibling', { path: '/ws/ab/x.txt' }, false],
    ['a sibling with a dash', { path: '/ws/a-b/x.txt' }, false],
    ['the parent', { path: '/ws' }, false],
    ['a file next to it', { path: '/ws/x.txt' }, false],
    ['a .. escape', { path: '/ws/a/../b/x.txt' }, false],
    ['a relative spelling', { path: 'a/x.txt' }, false],
    ['a double slash', { path: '/ws/a//x.txt' }, false],
    ['the same tail elsewhere', { path: '/other/ws/a/x.txt' }, false],
  ])('%s → %s', (_what, args, expected) => {
    expect(matches(writeUnder, 'write_file', { content: 'x', ...args })).toBe(expected);
  });

  it('never lets a prefix of / match anything', () => {
    const everything: RuleMatch = { kind: 'paths', tool: 'read_file', paths: [{ arg: 'path', path: '/', prefix: true }], recursive: false };
    expect(matches(everything, 'read_file', { path: '/etc/passwd' })).toBe(false);
    expect(matches(everything, 'read_file', { path: '/' })).toBe(false);
  });

  it('checks every path of a move', () => {
    expect(matches(moveRule, 'move_path', { from: '/ws/in/a.txt', to: '/ws/out/a.txt' })).toBe(true);
    expect(matches(moveRule, 'move_path', { from: '/ws/in/a.txt', to: '/ws/out/deep/a.txt' })).toBe(true);
    expect(matches(moveRule, 'move_path', { from: '/ws/in/b.txt', to: '/ws/out/a.txt' })).toBe(false);
    expect(matches(moveRule, 'move_path', { from: '/ws/in/a.txt', to: '/ws/outside/a.txt' })).toBe(false);
    expect(matches(moveRule, 'move_path', { from: '/ws/in/a.txt' })).toBe(false);
    expect(matches(moveRule, 'move_path', { to: '/ws/out/a.txt' })).toBe(false);
  });
});

describe('ruleMatches: run_command rules are the exact argv', () => {
  it.each<[string, JsonObject, boolean]>([
    ['the same argv and cwd', { argv: ['git', 'status'], cwd: '/ws' }, true],
    ['an extra argument', { argv: ['git', 'status', '--short'], cwd: '/ws' }, false],
    ['a different argument', { argv: ['git', 'push'], cwd: '/ws' }, false],
    ['the program alone', { argv: ['git'], cwd: '/ws' }, false],
    ['arguments in another order', { argv: ['status', 'git'], cwd: '/ws' }, false],
    ['the arguments joined into one', { argv: ['git status'], cwd: '/ws' }, false],
    ['another working directory', { argv: ['git', 'status'], cwd: '/ws/sub' }, false],
    ['no working directory', { argv: ['git', 'status'] }, false],
    ['standard input given', { argv: ['git', 'status'], cwd: '/ws', stdin: 'x' }, false],
    ['an argument the rule does not know', { argv: ['git', 'status'], cwd: '/ws', env: { A: '1' } }, false],
    ['argv as a string', { argv: 'git status', cwd: '/ws' }, false],
    ['argv with a non-string', { argv: ['git', 1], cwd: '/ws' }, false],
  ])('%s → %s', (_what, args, expected) => {
    expect(matches(gitStatus, 'run_command', args)).toBe(expected);
  });

  it('a rule without cwd matches only calls without one', () => {
    expect(matches(lsNoCwd, 'run_command', { argv: ['ls'] })).toBe(true);
    expect(matches(lsNoCwd, 'run_command', { argv: ['ls'], cwd: '/ws' })).toBe(false);
  });

  it('is about run_command only', () => {
    expect(matches(gitStatus, 'other_tool', { argv: ['git', 'status'], cwd: '/ws' })).toBe(false);
  });
});

describe('ruleMatches: http_request rules are the exact method and URL', () => {
  it.each<[string, JsonObject, boolean]>([
    ['the same method and URL', { method: 'GET', url: 'https://api.example.com/v1/items' }, true],
    ['GET by default', { url: 'https://api.example.com/v1/items' }, true],
    ['the same URL with other headers', { method: 'GET', url: 'https://api.example.com/v1/items', headers: { Accept: 'text/plain' } }, true],
    ['another method', { method: 'POST', url: 'https://api.example.com/v1/items' }, false],
    ['a lower-case method', { method: 'get', url: 'https://api.example.com/v1/items' }, false],
    ['a longer path', { method: 'GET', url: 'https://api.example.com/v1/items/1' }, false],
    ['a query added', { method: 'GET', url: 'https://api.example.com/v1/items?all=1' }, false],
    ['a trailing slash', { method: 'GET', url: 'https://api.example.com/v1/items/' }, false],
    ['another host', { method: 'GET', url: 'https://api.example.com.evil.test/v1/items' }, false],
    ['plain http', { method: 'GET', url: 'http://api.example.com/v1/items' }, false],
    ['no URL', { method: 'GET' }, false],
  ])('%s → %s', (_what, args, expected) => {
    expect(matches(getApi, 'http_request', args)).toBe(expected);
  });
});
