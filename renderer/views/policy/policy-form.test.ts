import { describe, expect, it } from 'vitest';
import type { PolicyBody, RiskClass } from '../../../app/contract/index.ts';
import { defaultLimits } from '../../../app/contract/index.ts';
import {
  bodyOf,
  checkPolicy,
  editableBody,
  fieldsOf,
  firstErrorField,
  newRule,
  nextRuleId,
  parseWhole,
  ruleErrors,
  ruleScope,
  sameBody,
  splitArgv,
  splitLines,
} from './policy-form.ts';

const risks = new Map<string, RiskClass>([
  ['read_file', 'read'],
  ['write_file', 'write'],
  ['delete_path', 'destructive'],
  ['http_request', 'network'],
  ['run_command', 'exec'],
]);

const body: PolicyBody = {
  workspace: '/srv/work',
  references: ['/srv/docs'],
  enabledTools: ['read_file', 'write_file'],
  rules: [{ id: 'no-secrets', tool: '*', verdict: 'deny', paths: ['**/.env'], note: 'never' }],
  commands: [],
  network: { allowHosts: ['api.example.com'] },
  limits: { ...defaultLimits },
};

describe('lines', () => {
  it('splits lists on lines, trimmed, without empty ones', () => {
    expect(splitLines(' /a \n\n/b\r\n  ')).toEqual(['/a', '/b']);
    expect(splitLines('')).toEqual([]);
  });
  it('keeps arguments as typed, dropping only empty lines', () => {
    expect(splitArgv('/usr/bin/ls\n -la \n\nmy file')).toEqual(['/usr/bin/ls', ' -la ', 'my file']);
  });
  it('reads whole numbers only', () => {
    expect(parseWhole(' 30 ')).toBe(30);
    expect(parseWhole('1.5')).toBeNaN();
    expect(parseWhole('')).toBeNaN();
    expect(parseWhole('-1')).toBeNaN();
  });
});

describe('fieldsOf and bodyOf', () => {
  it('round-trip a policy body unchanged', () => {
    expect(bodyOf(fieldsOf(body), risks)).toEqual(body);
  });
  it('drops match fields the tool cannot have and empty notes', () => {
    const fields = fieldsOf(body);
    const rule = { ...newRule(fields.rules), tool: 'http_request', paths: 'src/**', argv: 'ls', hosts: 'api.example.com', note: '  ' };
    const out = bodyOf({ ...fields, rules: [rule] }, risks).rules[0];
    expect(out).toEqual({ id: 'rule-2', tool: 'http_request', verdict: 'ask', hosts: ['api.example.com'] });
  });
});

describe('ruleScope', () => {
  it('gives argv to run_command, hosts to network tools, paths to the others, everything to *', () => {
    expect(ruleScope('*', undefined)).toEqual({ paths: true, argv: true, hosts: true });
    expect(ruleScope('run_command', 'exec')).toEqual({ paths: true, argv: true, hosts: false });
    expect(ruleScope('http_request', 'network')).toEqual({ paths: false, argv: false, hosts: true });
    expect(ruleScope('write_file', 'write')).toEqual({ paths: true, argv: false, hosts: false });
  });
});

describe('checkPolicy', () => {
  it('accepts the form of a valid policy as a policy.update input with the expected revision', () => {
    const checked = checkPolicy(fieldsOf(body), 7, risks);
    expect(checked).toEqual({ ok: true, input: { policy: body, expectedRevision: 7 } });
  });

  it('refuses what the contract refuses, one message per field, naming the entry', () => {
    const fields = fieldsOf(body);
    const checked = checkPolicy(
      {
        ...fields,
        workspace: 'relative/dir',
        commands: '/usr/bin/ls\n/usr/bin/',
        hosts: 'HTTP://Example.com',
        limits: { ...fields.limits, cpuSeconds: 'lots', memoryMb: '8' },
      },
      0,
      risks,
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors['workspace']).toBe('Give an absolute path (starting with /).');
    expect(checked.errors['commands']).toMatch(/^“\/usr\/bin\/”: Give a normalized path/);
    expect(checked.errors['hosts']).toMatch(/^“HTTP:\/\/Example.com”: A host is/);
    expect(checked.errors['limits.cpuSeconds']).toBe('A whole number from 1 to 3,600 (s).');
    expect(checked.errors['limits.memoryMb']).toBe('A whole number from 32 to 65,536 (MB).');
  });

  it('reports the whole-body checks once the shape is right (overlaps, repeated ids)', () => {
    const fields = fieldsOf(body);
    const twin = { ...newRule(fields.rules), id: 'no-secrets' };
    const checked = checkPolicy({ ...fields, references: '/srv/work/docs', rules: [...fields.rules, twin] }, 0, risks);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors['references']).toMatch(/overlaps the workspace/);
    expect(checked.errors['references']).not.toMatch(/^“/);
    expect(checked.errors[`rules.${twin.key}.id`]).toBe('Rule id "no-secrets" is used twice.');
  });

  it('keys rule errors by the rule, not its position, and refuses allow on a destructive tool', () => {
    const fields = fieldsOf(body);
    const bad = { ...newRule(fields.rules), id: 'Bad Id', tool: 'delete_path', verdict: 'allow' as const, paths: 'a/../b' };
    const checked = checkPolicy({ ...fields, rules: [...fields.rules, bad] }, 0, risks);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(ruleErrors(checked.errors, bad.key)).toEqual({
      id: 'A rule id is 1–64 characters of a–z, 0–9 and -.',
      paths: expect.stringMatching(/^“a\/\.\.\/b”: A pattern may not contain/) as unknown as string,
      verdict: 'delete_path is destructive and always asks a person; use ask or deny.',
    });
    expect(firstErrorField(checked.errors, { ...fields, rules: [...fields.rules, bad] })).toBe(`rules.${bad.key}.id`);
  });
});

describe('rule ids', () => {
  it('picks the first free rule-N', () => {
    const fields = fieldsOf(body);
    expect(nextRuleId(fields.rules)).toBe('rule-2');
    const second = { ...newRule(fields.rules), id: 'rule-2' };
    expect(nextRuleId([...fields.rules, second])).toBe('rule-3');
  });
  it('gives every new rule its own key', () => {
    expect(newRule([]).key).not.toBe(newRule([]).key);
  });
});

describe('sameBody', () => {
  it('ignores what is not editable (revision, accepted isolation)', () => {
    const policy = { ...body, version: 1 as const, revision: 3, updatedAt: '2025-01-01T00:00:00.000Z', acceptedIsolation: 'partial' as const };
    expect(editableBody(policy)).toEqual(body);
    expect(sameBody(policy, body)).toBe(true);
    expect(sameBody({ ...body, commands: ['/usr/bin/ls'] }, body)).toBe(false);
  });
});
