import { describe, expect, it } from 'vitest';
import {
  ApprovalCallSchema,
  ApprovalDecideInputSchema,
  ApprovalListInputSchema,
  ApprovalViewSchema,
  RememberedRuleSchema,
  RuleMatchSchema,
  RuleProposalSchema,
  approvalsEvents,
  approvalsRequests,
} from '../contract/approvals.ts';
import { deleteCall } from './test-queue.ts';

// Tests of app/contract/approvals.ts, kept beside the code that relies on it.

const id = '3f2a9c1e-0b7d-4e5f-8a6b-1c2d3e4f5a6b';

describe('approvals contract', () => {
  it('names every channel and event in its area', () => {
    expect(Object.keys(approvalsRequests)).toEqual([
      'approvals.list',
      'approvals.decide',
      'approvals.proposeRule',
      'approvals.rules',
      'approvals.revokeRule',
    ]);
    expect(Object.keys(approvalsEvents)).toEqual(['approvals.requested', 'approvals.decided', 'approvals.expired', 'approvals.rulesChanged', 'approvals.changed']);
  });

  it('takes strict inputs', () => {
    for (const [name, def] of Object.entries(approvalsRequests)) {
      const base: Record<string, unknown> = name === 'approvals.decide' ? { id, decision: 'deny' } : name === 'approvals.list' || name === 'approvals.rules' ? {} : { id };
      expect(def.input.safeParse(base).success, name).toBe(true);
      expect(def.input.safeParse({ ...base, extra: 1 }).success, name).toBe(false);
    }
  });

  it('bounds the list', () => {
    expect(ApprovalListInputSchema.safeParse({ state: 'pending', limit: 500 }).success).toBe(true);
    expect(ApprovalListInputSchema.safeParse({ limit: 0 }).success).toBe(false);
    expect(ApprovalListInputSchema.safeParse({ limit: 501 }).success).toBe(false);
    expect(ApprovalListInputSchema.safeParse({ state: 'approved' }).success).toBe(false);
  });

  it('remembers only approvals, with a scope only when remembering', () => {
    const ok = (input: object) => ApprovalDecideInputSchema.safeParse({ id, ...input }).success;
    expect(ok({ decision: 'approve' })).toBe(true);
    expect(ok({ decision: 'approve', remember: true })).toBe(true);
    expect(ok({ decision: 'approve', remember: true, scope: 'directory' })).toBe(true);
    expect(ok({ decision: 'deny', remember: true })).toBe(false);
    expect(ok({ decision: 'approve', scope: 'exact' })).toBe(false);
    expect(ok({ decision: 'maybe' })).toBe(false);
    expect(ok({ decision: 'approve', id: '../etc' })).toBe(false);
  });

  it('bounds what a card carries', () => {
    const call = deleteCall('call-1');
    expect(ApprovalCallSchema.safeParse(call).success).toBe(true);
    expect(ApprovalCallSchema.safeParse({ ...call, instructionExcerpt: 'x'.repeat(201) }).success).toBe(false);
    expect(ApprovalCallSchema.safeParse({ ...call, recentSteps: Array.from({ length: 21 }, () => 'step') }).success).toBe(false);
    expect(ApprovalCallSchema.safeParse({ ...call, args: { content: 'x'.repeat(1_000_001) } }).success).toBe(false);
    expect(ApprovalCallSchema.safeParse({ ...call, risk: 'harmless' }).success).toBe(false);
    expect(ApprovalCallSchema.safeParse({ ...call, owner: 'x' }).success).toBe(false);
    expect(ApprovalViewSchema.safeParse({ ...call, id, requestedAt: 'yesterday', expiresAt: 'soon', state: 'pending', resolution: null }).success).toBe(false);
  });

  it('cannot express a broad rule', () => {
    const ok = (match: object) => RuleMatchSchema.safeParse(match).success;
    expect(ok({ kind: 'paths', tool: 'delete_path', paths: [{ arg: 'path', path: '/ws/a', prefix: false }], recursive: false })).toBe(true);
    // The whole file system, unnormalized paths, or relative ones.
    expect(ok({ kind: 'paths', tool: 'read_file', paths: [{ arg: 'path', path: '/', prefix: true }], recursive: false })).toBe(false);
    expect(ok({ kind: 'paths', tool: 'read_file', paths: [{ arg: 'path', path: '/ws/../etc', prefix: true }], recursive: false })).toBe(false);
    expect(ok({ kind: 'paths', tool: 'read_file', paths: [{ arg: 'path', path: 'ws', prefix: false }], recursive: false })).toBe(false);
    expect(ok({ kind: 'paths', tool: 'read_file', paths: [], recursive: false })).toBe(false);
    // A path rule for a tool that is not about paths, e.g. run_command by its cwd.
    expect(ok({ kind: 'paths', tool: 'run_command', paths: [{ arg: 'cwd', path: '/ws', prefix: true }], recursive: false })).toBe(false);
    // A program with any arguments.
    expect(ok({ kind: 'argv', tool: 'run_command', argv: [], cwd: null })).toBe(false);
    expect(ok({ kind: 'argv', tool: 'run_command', argv: ['git'], cwd: null, anyArguments: true })).toBe(false);
    expect(ok({ kind: 'request', tool: 'http_request', method: 'ANY', url: 'https://a.example' })).toBe(false);
    expect(ok({ kind: 'request', tool: 'http_request', method: 'GET', url: 'https://a.example', anyPath: true })).toBe(false);
    expect(ok({ kind: 'request', tool: 'run_command', method: 'GET', url: 'https://a.example' })).toBe(false);
  });

  it('describes rules and proposals', () => {
    const match = { kind: 'argv', tool: 'run_command', argv: ['git', 'status'], cwd: '/ws' };
    expect(
      RememberedRuleSchema.safeParse({
        id,
        match,
        description: 'Allow run_command of exactly ["git","status"] in /ws',
        createdBy: { name: 'console session alice', interface: 'cli' },
        createdAt: '2026-03-01T09:00:00.000Z',
        fromApproval: null,
        lastUsedAt: null,
        useCount: 0,
      }).success,
    ).toBe(true);
    expect(RuleProposalSchema.safeParse({ available: true, scope: 'exact', match, description: 'x' }).success).toBe(true);
    expect(RuleProposalSchema.safeParse({ available: false, scope: 'directory', reason: 'why' }).success).toBe(true);
    expect(RuleProposalSchema.safeParse({ available: false, scope: 'exact' }).success).toBe(false);
  });
});
