import { describe, expect, it } from 'vitest';
import type { Policy, PolicyRule, RunnerIsolation, Verdict } from '../contract/policy.ts';
import type { CheckedPath, PreparedCall } from '../tools/prepared-call.ts';
import { findTool } from '../tools/manifests.ts';
import { decide, defaultVerdicts } from './decide.ts';
import { defaultPolicy } from './default-policy.ts';

const allTools = ['list_dir', 'read_file', 'search_files', 'write_file', 'move_path', 'delete_path', 'http_request', 'run_command'];

function policyWith(over: Partial<Policy> = {}): Policy {
  return {
    ...defaultPolicy('/w', new Date(0)),
    enabledTools: allTools,
    commands: ['/usr/bin/git', '/usr/bin/bash'],
    network: { allowHosts: ['api.example.com', '*.cdn.net', '127.0.0.1:8443'] },
    ...over,
  };
}

function call(name: string, args: Record<string, unknown>, extra: Partial<Omit<PreparedCall, 'tool' | 'args'>> = {}): PreparedCall {
  const tool = findTool(name);
  if (tool === undefined) throw new Error(name);
  return { tool, args, paths: [], ...extra };
}
const p = (path: string, access: CheckedPath['access'] = 'read'): CheckedPath => ({ arg: 'path', path, access, exists: true });

const read = call('read_file', { path: '/w/a.txt' }, { paths: [p('/w/a.txt')] });
const write = call('write_file', { path: '/w/notes/a.md' }, { paths: [p('/w/notes/a.md', 'write')] });
const del = call('delete_path', { path: '/w/a.txt' }, { paths: [p('/w/a.txt', 'delete')] });
const move = (from: string, to: string): PreparedCall => call('move_path', { from, to }, { paths: [{ ...p(from, 'delete'), arg: 'from' }, { ...p(to, 'write'), arg: 'to' }] });
const http = (hostname: string, port = 443): PreparedCall =>
  call('http_request', { url: `https://${hostname}:${port}/`, method: 'GET' }, { target: { url: `https://${hostname}:${port}/`, hostname, port, literal: false } });
const cmd = (argv: string[], real = `/usr/bin/${argv[0]}`): PreparedCall =>
  call('run_command', { argv, cwd: '/w' }, { paths: [{ ...p('/w'), arg: 'cwd' }], executable: { path: `/usr/bin/${argv[0]}`, real } });

const full = { isolation: 'full' as const };
const rule = (id: string, verdict: Verdict, over: Partial<PolicyRule> = {}): PolicyRule => ({ id, tool: '*', verdict, ...over });

describe('decide: defaults by risk class when no rule matches', () => {
  it.each([
    ['read', read, 'allow'],
    ['write', write, 'ask'],
    ['destructive', del, 'ask'],
    ['network', http('api.example.com'), 'ask'],
    ['exec', cmd(['git', 'status']), 'ask'],
  ] as const)('%s → %s', (risk, c, verdict) => {
    expect(defaultVerdicts[risk]).toBe(verdict);
    expect(decide(c, policyWith(), full)).toEqual({ verdict, reason: expect.stringMatching(/No rule matches/), rule: null });
  });
});

describe('decide: the perimeter comes before any rule', () => {
  it('denies a tool that is not enabled, even with an allow rule', () => {
    const policy = policyWith({ enabledTools: ['list_dir'], rules: [rule('all', 'allow', { tool: 'read_file' })] });
    expect(decide(read, policy, full)).toMatchObject({ verdict: 'deny', reason: expect.stringMatching(/read_file is not enabled/) });
  });

  it('denies a program that is not on the allowlist, even with an exact allow rule', () => {
    const policy = policyWith({ rules: [rule('curl', 'allow', { tool: 'run_command', argv: ['curl', 'x'] })] });
    expect(decide(cmd(['curl', 'x']), policy, full)).toMatchObject({ verdict: 'deny', reason: expect.stringMatching(/\/usr\/bin\/curl is not on the command allowlist/) });
  });

  it('matches the allowlist on the real file the program is', () => {
    expect(decide(cmd(['sh', '-c', 'x'], '/usr/bin/bash'), policyWith(), full).verdict).toBe('ask');
    expect(decide(cmd(['git'], '/usr/bin/git-evil'), policyWith(), full).verdict).toBe('deny');
  });

  it('denies a host or port that is not allowlisted', () => {
    expect(decide(http('evil.example.com'), policyWith(), full)).toMatchObject({ verdict: 'deny', reason: expect.stringMatching(/evil\.example\.com:443 is not on the network allowlist/) });
    expect(decide(http('api.example.com', 8443), policyWith(), full).verdict).toBe('deny');
    expect(decide(http('127.0.0.1', 8443), policyWith(), full).verdict).toBe('ask');
    expect(decide(http('img.cdn.net'), policyWith(), full).verdict).toBe('ask');
    expect(decide(http('cdn.net'), policyWith(), full).verdict).toBe('deny');
  });

  const levels: RunnerIsolation[] = ['full', 'partial', 'none'];
  const rank = (level: RunnerIsolation): number => levels.length - levels.indexOf(level);
  for (const accepted of levels) {
    for (const isolation of levels) {
      it(`at ${isolation} isolation with ${accepted} accepted: exec and destructive ${rank(isolation) >= rank(accepted) ? 'ask' : 'are refused'}, reads and writes unaffected`, () => {
        const policy = policyWith({ acceptedIsolation: accepted });
        const refused = rank(isolation) < rank(accepted);
        for (const c of [cmd(['git', 'status']), del]) {
          const decision = decide(c, policy, { isolation });
          expect(decision.verdict).toBe(refused ? 'deny' : 'ask');
          if (refused) expect(decision.reason).toMatch(/setup-sandbox|accept/);
        }
        expect(decide(read, policy, { isolation }).verdict).toBe('allow');
        expect(decide(write, policy, { isolation }).verdict).toBe('ask');
      });
    }
  }
});

describe('decide: rules, deny > ask > allow', () => {
  const verdictSets: Verdict[][] = [[], ['allow'], ['ask'], ['deny'], ['allow', 'ask'], ['allow', 'deny'], ['ask', 'deny'], ['allow', 'ask', 'deny']];
  const strongest = (set: Verdict[], fallback: Verdict): Verdict =>
    set.includes('deny') ? 'deny' : set.includes('ask') ? 'ask' : set.includes('allow') ? 'allow' : fallback;

  for (const [label, c] of [['read', read], ['write', write], ['network', http('api.example.com')], ['exec', cmd(['git', 'status'])]] as const) {
    for (const set of verdictSets) {
      for (const order of [set, [...set].reverse()]) {
        it(`${label} with matching rules [${order.join(', ')}] → ${strongest(set, defaultVerdicts[c.tool.risk])}`, () => {
          // Half the rules name the tool, half use *; both kinds apply.
          const rules = order.map((verdict, i) => rule(`r${i}`, verdict, i % 2 === 0 ? { tool: c.tool.name } : {}));
          const decision = decide(c, policyWith({ rules }), full);
          expect(decision.verdict).toBe(strongest(set, defaultVerdicts[c.tool.risk]));
          expect(decision.rule === null).toBe(set.length === 0);
        });
      }
    }
  }

  it('ignores rules of other tools', () => {
    expect(decide(read, policyWith({ rules: [rule('w', 'deny', { tool: 'write_file' })] }), full).verdict).toBe('allow');
  });

  it('names the deciding rule and its note', () => {
    const decision = decide(read, policyWith({ rules: [rule('no-env', 'deny', { paths: ['**/a.txt'], note: 'secrets live there' })] }), full);
    expect(decision).toEqual({ verdict: 'deny', reason: 'Rule "no-env" (secrets live there) denies this.', rule: 'no-env' });
  });
});

describe('decide: what a rule matches', () => {
  it('allows only when every path of the call matches the allow rule', () => {
    const policy = policyWith({ rules: [rule('notes', 'allow', { tool: 'move_path', paths: ['notes/**'] })] });
    expect(decide(move('/w/notes/a', '/w/notes/b'), policy, full).verdict).toBe('allow');
    expect(decide(move('/w/notes/a', '/w/src/a'), policy, full).verdict).toBe('ask');
    expect(decide(move('/w/src/a', '/w/notes/a'), policy, full).verdict).toBe('ask');
  });

  it('denies or asks when any path matches', () => {
    const deny = policyWith({ rules: [rule('src', 'deny', { paths: ['src/**'] })] });
    expect(decide(move('/w/notes/a', '/w/src/a'), deny, full).verdict).toBe('deny');
    const ask = policyWith({ rules: [rule('notes', 'allow', { paths: ['**'] }), rule('src', 'ask', { paths: ['src/**'] })] });
    expect(decide(call('read_file', {}, { paths: [p('/w/src/x')] }), ask, full).verdict).toBe('ask');
  });

  it('matches absolute patterns on canonical paths, in reference directories too', () => {
    const policy = policyWith({ rules: [rule('ref', 'deny', { paths: ['/r/private/**'] })] });
    expect(decide(call('read_file', {}, { paths: [p('/r/private/x')] }), policy, full).verdict).toBe('deny');
    expect(decide(call('read_file', {}, { paths: [p('/r/public/x')] }), policy, full).verdict).toBe('allow');
  });

  it('does not apply a path rule to a call without paths', () => {
    expect(decide(http('api.example.com'), policyWith({ rules: [rule('all', 'deny', { paths: ['**'] })] }), full).verdict).toBe('ask');
  });

  it('matches run_command argv exactly, not as a prefix', () => {
    const policy = policyWith({ rules: [rule('st', 'allow', { tool: 'run_command', argv: ['git', 'status'] }), rule('push', 'deny', { argv: ['git', 'push'] })] });
    expect(decide(cmd(['git', 'status']), policy, full)).toMatchObject({ verdict: 'allow', rule: 'st' });
    expect(decide(cmd(['git', 'status', '--short']), policy, full).verdict).toBe('ask');
    expect(decide(cmd(['git']), policy, full).verdict).toBe('ask');
    expect(decide(cmd(['git', 'push']), policy, full)).toMatchObject({ verdict: 'deny', rule: 'push' });
    expect(decide(cmd(['bash', '-c', 'git status']), policy, full).verdict).toBe('ask');
    // An argv rule never matches another tool.
    expect(decide(read, policyWith({ rules: [rule('x', 'deny', { argv: ['git'] })] }), full).verdict).toBe('allow');
  });

  it('matches host rules on host and port', () => {
    const policy = policyWith({ rules: [rule('api', 'allow', { tool: 'http_request', hosts: ['api.example.com'] })] });
    expect(decide(http('api.example.com'), policy, full)).toMatchObject({ verdict: 'allow', rule: 'api' });
    expect(decide(http('x.cdn.net'), policy, full).verdict).toBe('ask');
  });
});

describe('decide: floors that no rule lowers', () => {
  it('keeps destructive calls at ask even under an allow-everything rule', () => {
    const decision = decide(del, policyWith({ rules: [rule('all', 'allow')] }), full);
    expect(decision).toEqual({ verdict: 'ask', reason: 'Destructive calls always ask a person.', rule: 'all' });
  });

  it('raises network, exec and destructive calls of a tainted session to ask, not reads or writes', () => {
    const policy = policyWith({ rules: [rule('all', 'allow')] });
    const tainted = { isolation: 'full' as const, tainted: true };
    expect(decide(http('api.example.com'), policy, tainted).verdict).toBe('ask');
    expect(decide(cmd(['git', 'status']), policy, tainted).verdict).toBe('ask');
    expect(decide(del, policy, tainted).verdict).toBe('ask');
    expect(decide(read, policy, tainted).verdict).toBe('allow');
    expect(decide(write, policy, tainted).verdict).toBe('allow');
    expect(decide(http('api.example.com'), policy, full).verdict).toBe('allow');
  });

  it('still denies in a tainted session', () => {
    expect(decide(http('api.example.com'), policyWith({ rules: [rule('no', 'deny')] }), { isolation: 'full', tainted: true }).verdict).toBe('deny');
  });
});

describe('decide is pure', () => {
  it('gives the same answer for the same inputs and changes nothing', () => {
    const policy = Object.freeze(policyWith({ rules: [rule('a', 'ask', { paths: ['**/*.txt'] })] }));
    const snapshot = JSON.stringify(policy);
    const first = decide(read, policy, full);
    for (let i = 0; i < 100; i++) expect(decide(read, policy, full)).toEqual(first);
    expect(JSON.stringify(policy)).toBe(snapshot);
  });

  it('sees a new policy object at once (no stale compiled rules)', () => {
    const allow = policyWith();
    const deny = { ...allow, rules: [rule('d', 'deny')] };
    expect(decide(read, allow, full).verdict).toBe('allow');
    expect(decide(read, deny, full).verdict).toBe('deny');
  });
});
