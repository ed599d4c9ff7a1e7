import { describe, expect, it } from 'vitest';
import { PolicySchema } from '../contract/policy.ts';
import { defaultPolicy } from './default-policy.ts';
import { policyWarnings, refusedRisks } from './policy-checks.ts';
import { policyView } from './policy-view.ts';

const base = defaultPolicy('/w', new Date(0));

describe('the policy schema', () => {
  it('accepts the default policy', () => {
    expect(PolicySchema.safeParse(base).success).toBe(true);
  });

  it.each([
    ['a relative workspace', { workspace: 'w' }],
    ['a workspace with ..', { workspace: '/w/../etc' }],
    ['a workspace with a trailing slash', { workspace: '/w/' }],
    ['the root as workspace', { workspace: '/' }],
    ['a reference above the workspace', { references: ['/'] }],
    ['a program in the workspace', { commands: ['/w/bin/tool'] }],
    ['a bad host', { network: { allowHosts: ['http://x.com'] } }],
    ['a host with a port past 65535', { network: { allowHosts: ['x.com:70000'] } }],
    ['an upper-case host', { network: { allowHosts: ['X.com'] } }],
    ['a pattern with ..', { rules: [{ id: 'a', tool: '*', verdict: 'deny', paths: ['../x'] }] }],
    ['duplicate rule ids', { rules: [{ id: 'a', tool: '*', verdict: 'deny' }, { id: 'a', tool: '*', verdict: 'ask' }] }],
    ['a limit out of range', { limits: { ...base.limits, memoryMb: 1 } }],
    ['an unknown field', { extra: 1 }],
    ['another version', { version: 2 }],
  ])('refuses %s', (_label, change) => {
    expect(PolicySchema.safeParse({ ...base, ...change }).success).toBe(false);
  });

  it('accepts host patterns with ports, wildcards and IP literals', () => {
    expect(PolicySchema.safeParse({ ...base, network: { allowHosts: ['api.example.com', '*.example.com', '127.0.0.1:8443', '[::1]:8443'] } }).success).toBe(true);
  });
});

describe('policyWarnings', () => {
  it('warns about interpreters on the allowlist and blanket allow rules', () => {
    const warnings = policyWarnings({
      ...base,
      enabledTools: ['run_command', 'http_request'],
      commands: ['/usr/bin/bash', '/usr/bin/python3.11', '/usr/bin/ls'],
      rules: [{ id: 'all', tool: '*', verdict: 'allow' }, { id: 'cmd', tool: 'run_command', verdict: 'allow' }],
      acceptedIsolation: 'none',
    });
    expect(warnings.join('\n')).toMatch(/\/usr\/bin\/bash can run other programs/);
    expect(warnings.join('\n')).toMatch(/python3\.11 can run other programs/);
    expect(warnings.join('\n')).not.toMatch(/\/usr\/bin\/ls/);
    expect(warnings.join('\n')).toMatch(/"all" allows every call/);
    expect(warnings.join('\n')).toMatch(/"cmd" allows run_command with any arguments/);
    expect(warnings.join('\n')).toMatch(/at none isolation/);
    expect(warnings.join('\n')).toMatch(/no host is on the network allowlist/);
  });

  it('has nothing to say about the default policy', () => {
    expect(policyWarnings(base)).toEqual([]);
  });
});

describe('policyView', () => {
  it('lists the refused risk classes for the isolation level', () => {
    const isolation = { level: 'partial' as const, user: { name: 'nobody', uid: 65534, dedicated: false }, via: 'uid-drop' as const, sandbox: 'bubblewrap' as const, missing: [], checkedAt: new Date(0).toISOString() };
    expect(policyView(base, isolation, '/d/policy.json').refusedRisks).toEqual(['exec', 'destructive']);
    expect(refusedRisks({ ...base, acceptedIsolation: 'partial' }, 'partial')).toEqual([]);
    expect(refusedRisks(base, 'full')).toEqual([]);
  });
});
