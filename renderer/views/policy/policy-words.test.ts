import { describe, expect, it } from 'vitest';
import type { IsolationReport } from '../../../app/contract/index.ts';
import { acceptedWords, argvWords, formatBytes, formatMb, formatMs, orList, recheckWords, ruleMatchWords, ruleWords, sandboxWords } from './policy-words.ts';

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

describe('a re-check in words', () => {
  const partial: IsolationReport = {
    level: 'partial',
    user: { name: 'nobody', uid: 65534, dedicated: false },
    via: 'uid-drop',
    sandbox: 'bubblewrap',
    missing: [{ what: 'The dedicated user warden-agent.', fix: 'Run sudo warden setup-sandbox.' }],
    checkedAt: '2025-01-01T10:00:00.000Z',
  };
  const later = { ...partial, checkedAt: '2025-01-01T10:05:00.000Z' };

  it('says what changed, and that nothing did when only the time moved', () => {
    expect(recheckWords(partial, { ...later, level: 'full', user: { name: 'warden-agent', uid: 990, dedicated: true }, missing: [] })).toBe(
      'Isolation is full now (it was partial): calls started from now on run at it.',
    );
    expect(recheckWords(partial, later)).toBe('Still partial: nothing changed.');
    expect(recheckWords(partial, { ...later, missing: [] })).toBe('Still partial, but what the check found changed: see below.');
  });
});
