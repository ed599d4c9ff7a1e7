import { describe, expect, it } from 'vitest';
import { acceptedWords, argvWords, formatBytes, formatMb, formatMs, orList, ruleMatchWords, ruleWords, sandboxWords } from './policy-words.ts';

describe('rules in words', () => {
  it('says what a rule matches', () => {
    expect(ruleMatchWords({})).toBe('every call');
    expect(ruleMatchWords({ paths: ['src/**', '/srv/x', 'b'] })).toBe('paths matching src/**, /srv/x or b');
    expect(ruleMatchWords({ argv: ['/usr/bin/ls', '-la'] })).toBe('exactly the command /usr/bin/ls -la');
    expect(ruleMatchWords({ hosts: ['api.example.com'], paths: ['a'] })).toBe('a path matching a, with host api.example.com');
  });
  it('quotes arguments that are not plain words', () => {
    expect(argvWords(['echo', 'two words', '', 'a"b'])).toBe('echo "two words" "" "a\\"b"');
  });
  it('says a whole rule on one line', () => {
    expect(ruleWords({ tool: '*', verdict: 'deny', paths: ['**/.env'], note: 'never' })).toBe('deny every tool: a path matching **/.env (never)');
    expect(orList(['a'])).toBe('a');
    expect(orList(['a', 'b'])).toBe('a or b');
  });
  it('names the OS sandbox of either platform', () => {
    expect(sandboxWords.bubblewrap).toMatch(/^bubblewrap: no network/);
    expect(sandboxWords['sandbox-exec']).toMatch(/^sandbox-exec \(macOS Seatbelt\): no network/);
    expect(sandboxWords.none).toBe('none');
  });
  it('says what an accepted level allows', () => {
    expect(acceptedWords('full')).toBe('only under full isolation');
    expect(acceptedWords('none')).toMatch(/any isolation level/);
  });
});

describe('units', () => {
  it('formats bytes, times and megabytes', () => {
    expect(formatBytes(1024 * 1024)).toBe('1 MiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1000)).toBe('1,000 bytes');
    expect(formatMs(60_000)).toBe('60 s');
    expect(formatMs(180_000)).toBe('3 min');
    expect(formatMs(1500)).toBe('1.5 s');
    expect(formatMs(250)).toBe('250 ms');
    expect(formatMb(2048)).toBe('2 GB');
    expect(formatMb(512)).toBe('512 MB');
    expect(formatMs(Number.NaN)).toBe('—');
  });
});
