import { describe, expect, it } from 'vitest';
import type { PolicyBody, RiskClass } from '../../../app/contract/index.ts';
import { defaultLimits } from '../../../app/contract/index.ts';
import { diffPolicy } from './policy-diff.ts';

const before: PolicyBody = {
  workspace: '/srv/work',
  references: ['/srv/docs', '/srv/old'],
  enabledTools: ['read_file', 'write_file'],
  rules: [
    { id: 'a', tool: 'write_file', verdict: 'ask', paths: ['src/**'] },
    { id: 'b', tool: '*', verdict: 'deny', paths: ['**/.env'] },
  ],
  commands: [],
  network: { allowHosts: [] },
  limits: { ...defaultLimits },
};

describe('diffPolicy', () => {
  it('says nothing when nothing changes', () => {
    expect(diffPolicy(before, structuredClone(before))).toEqual([]);
  });

  it('lists every change, section by section, in page order', () => {
    const risks = new Map<string, RiskClass>([['run_command', 'exec']]);
    const after: PolicyBody = {
      ...before,
      workspace: '/srv/work2',
      references: ['/srv/docs', '/srv/new'],
      enabledTools: ['read_file', 'run_command'],
      rules: [
        { id: 'a', tool: 'write_file', verdict: 'deny', paths: ['src/**'] },
        { id: 'c', tool: 'run_command', verdict: 'deny', argv: ['rm', '-rf', 'my dir'], note: 'no deletes' },
      ],
      commands: ['/usr/bin/ls'],
      network: { allowHosts: ['api.example.com'] },
      limits: { ...defaultLimits, cpuSeconds: 60, wallTimeoutMs: Number.NaN },
    };
    expect(diffPolicy(before, after, risks)).toEqual([
      { section: 'Workspace', kind: 'changed', text: '/srv/work → /srv/work2' },
      { section: 'Reference directories', kind: 'removed', text: '/srv/old' },
      { section: 'Reference directories', kind: 'added', text: '/srv/new' },
      { section: 'Network hosts', kind: 'added', text: 'api.example.com' },
      { section: 'Command allowlist', kind: 'added', text: '/usr/bin/ls' },
      { section: 'Enabled tools', kind: 'removed', text: 'write_file' },
      { section: 'Enabled tools', kind: 'added', text: 'run_command (exec)' },
      { section: 'Rules', kind: 'removed', text: 'b: deny every tool: a path matching **/.env' },
      { section: 'Rules', kind: 'changed', text: 'a: ask write_file: a path matching src/** → deny write_file: a path matching src/**' },
      { section: 'Rules', kind: 'added', text: 'c: deny run_command: exactly the command rm -rf "my dir" (no deletes)' },
      { section: 'Limits', kind: 'changed', text: 'CPU time: 30 s → 60 s' },
      { section: 'Limits', kind: 'changed', text: 'Wall timeout: 60 s → not a number' },
    ]);
  });
});
