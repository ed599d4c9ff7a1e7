import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalResolution } from '../contract/approvals.ts';
import { ApprovalViewSchema } from '../contract/approvals.ts';
import type { Caller } from '../contract/caller.ts';
import { WardenError } from '../contract/result.ts';
import { openApprovals } from './approval-queue.ts';
import { deleteCall, testQueue } from './test-queue.ts';

const alice: Caller = { interface: 'web', actor: 'console session alice' };
const bob: Caller = { interface: 'desktop', actor: 'console session bob' };

const harnesses: Array<ReturnType<typeof testQueue>> = [];
afterEach(() => {
  for (const h of harnesses.splice(0)) h.cleanup();
});
function setup(options: Parameters<typeof testQueue>[0] = {}) {
  const h = testQueue(options);
  harnesses.push(h);
  return h;
}

/** Lets the promise callbacks run; no time passes. */
const settled = async <T>(promise: Promise<T>): Promise<{ done: boolean; value?: T }> => {
  let result: { done: boolean; value?: T } = { done: false };
  void promise.then((value) => (result = { done: true, value }));
  await new Promise((resolve) => setImmediate(resolve));
  return result;
};

function expectWardenError(run: () => unknown, code: string, message?: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WardenError);
    expect((error as WardenError).code).toBe(code);
    if (message) expect((error as WardenError).message).toMatch(message);
    return;
  }
  throw new Error(`expected a ${code} error`);
}

const pendingId = (h: ReturnType<typeof testQueue>): string => {
  const [view] = h.queue.list({ state: 'pending' });
  if (view === undefined) throw new Error('nothing pending');
  return view.id;
};

describe('a request waits for a person', () => {
  it('resolves with the first answer, who gave it, when and from where', async () => {
    const h = setup();
    const answer = h.queue.request(deleteCall('call-1'));
    expect((await settled(answer)).done).toBe(false);
    expect(h.queue.pendingCount()).toBe(1);

    const id = pendingId(h);
    h.clock.advance(30_000);
    const result = h.queue.decide(id, { decision: 'approve' }, alice);
    const expected: ApprovalResolution = {
      decision: 'approve',
      by: { kind: 'person', name: 'console session alice' },
      at: '2026-03-01T09:00:30.000Z',
      interface: 'web',
      ruleId: null,
    };
    expect(result).toEqual({ request: expect.objectContaining({ id, state: 'decided', resolution: expected }), rule: null });
    await expect(answer).resolves.toEqual(expected);
    expect(h.queue.pendingCount()).toBe(0);
  });

  it('keeps the whole card, as the contract describes it', async () => {
    const h = setup();
    void h.queue.request(deleteCall('call-1', '/ws/tmp/report.txt', { instructionExcerpt: `${'x'.repeat(300)}then delete the report` }));
    const [view] = h.queue.list();
    expect(ApprovalViewSchema.parse(view)).toEqual(view);
    expect(view).toMatchObject({
      callId: 'call-1',
      tool: 'delete_path',
      risk: 'destructive',
      args: { path: '/ws/tmp/report.txt', recursive: false },
      preview: { kind: 'delete', totalBytes: 120 },
      recentSteps: ['list_dir /ws/tmp'],
      untrustedSources: [],
      requestedAt: '2026-03-01T09:00:00.000Z',
      expiresAt: '2026-03-01T09:05:00.000Z',
      state: 'pending',
      resolution: null,
    });
    // The end of the instruction is what led to the call.
    expect(view?.instructionExcerpt).toHaveLength(200);
    expect(view?.instructionExcerpt.endsWith('then delete the report')).toBe(true);
  });

  it('lets the first answer win and tells later ones who answered and when', async () => {
    const h = setup();
    const answer = h.queue.request(deleteCall('call-1'));
    const id = pendingId(h);
    h.queue.decide(id, { decision: 'deny' }, bob);
    expectWardenError(
      () => h.queue.decide(id, { decision: 'approve' }, alice),
      'conflict',
      /^Already decided: denied by console session bob \(person, desktop\) at 2026-03-01T09:00:00\.000Z\.$/,
    );
    await expect(answer).resolves.toMatchObject({ decision: 'deny', by: { kind: 'person', name: 'console session bob' } });
    // The timer of a decided request does nothing.
    const recorded = h.audit.length;
    h.clock.advance(10 * 60_000);
    expect(h.audit).toHaveLength(recorded);
    expect(h.queue.list()[0]?.resolution?.decision).toBe('deny');
  });

  it('answers not_found for an unknown request and conflict for a call asked twice', async () => {
    const h = setup();
    expectWardenError(() => h.queue.decide('nope', { decision: 'approve' }, alice), 'not_found');
    void h.queue.request(deleteCall('call-1'));
    await expect(h.queue.request(deleteCall('call-1'))).rejects.toMatchObject({ code: 'conflict' });
    expect(h.queue.pendingCount()).toBe(1);
  });

  it('refuses a malformed request without asking anybody', async () => {
    const h = setup();
    await expect(h.queue.request(deleteCall('bad id with spaces'))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(h.queue.request(deleteCall('call-1', '/ws/x', { reason: '' }))).rejects.toMatchObject({ code: 'invalid_input' });
    expect(h.queue.list()).toEqual([]);
    expect(h.audit).toEqual([]);
  });

  it('lists newest first, by state, with a limit', async () => {
    const h = setup();
    for (const n of [1, 2, 3]) {
      void h.queue.request(deleteCall(`call-${n}`, `/ws/${n}`));
      h.clock.advance(1000);
    }
    const first = h.queue.list().find((v) => v.callId === 'call-1');
    h.queue.decide(first?.id ?? '', { decision: 'deny' }, alice);
    expect(h.queue.list().map((v) => v.callId)).toEqual(['call-3', 'call-2', 'call-1']);
    expect(h.queue.list({ state: 'pending' }).map((v) => v.callId)).toEqual(['call-3', 'call-2']);
    expect(h.queue.list({ state: 'decided' }).map((v) => v.callId)).toEqual(['call-1']);
    expect(h.queue.list({ limit: 1 }).map((v) => v.callId)).toEqual(['call-3']);
    expect(h.queue.list({ limit: -1 }).map((v) => v.callId)).toEqual(['call-3']);
  });
});

describe('timeouts', () => {
  it('deny by the timeout after 5 minutes by default, and the request shows as expired', async () => {
    const h = setup();
    const answer = h.queue.request(deleteCall('call-1'));
    h.clock.advance(5 * 60_000 - 1);
    expect((await settled(answer)).done).toBe(false);
    h.clock.advance(1);
    await expect(answer).resolves.toEqual({
      decision: 'deny',
      by: { kind: 'timeout', name: 'the approval timeout (5 minutes)' },
      at: '2026-03-01T09:05:00.000Z',
      interface: null,
      ruleId: null,
    });
    expect(h.queue.list({ state: 'expired' })).toHaveLength(1);
    expectWardenError(() => h.queue.decide(h.queue.list()[0]?.id ?? '', { decision: 'approve' }, alice), 'conflict', /denied by the approval timeout/);
    expect(h.changes.map((c) => c.name)).toEqual(['approvals.requested', 'approvals.changed', 'approvals.expired', 'approvals.changed']);
  });

  it('are configurable per risk class, with a default for the rest', async () => {
    const h = setup({ timeouts: { destructive: 60_000, write: 10 * 60_000, default: 2 * 60_000 } });
    const destructive = h.queue.request(deleteCall('call-d'));
    const write = h.queue.request({ ...deleteCall('call-w'), tool: 'write_file', risk: 'write', args: { path: '/ws/a.txt', content: 'x' }, preview: null });
    const exec = h.queue.request({ ...deleteCall('call-x'), tool: 'run_command', risk: 'exec', args: { argv: ['make'], cwd: '/ws' }, preview: null });
    expect(h.queue.list().map((v) => [v.callId, v.expiresAt])).toEqual(
      expect.arrayContaining([
        ['call-d', '2026-03-01T09:01:00.000Z'],
        ['call-w', '2026-03-01T09:10:00.000Z'],
        ['call-x', '2026-03-01T09:02:00.000Z'],
      ]),
    );
    h.clock.advance(60_000);
    expect((await settled(destructive)).value).toMatchObject({ decision: 'deny', by: { name: 'the approval timeout (1 minute)' } });
    expect((await settled(exec)).done).toBe(false);
    h.clock.advance(60_000);
    expect((await settled(exec)).value).toMatchObject({ by: { kind: 'timeout', name: 'the approval timeout (2 minutes)' } });
    expect((await settled(write)).done).toBe(false);
    h.clock.advance(8 * 60_000);
    expect((await settled(write)).value).toMatchObject({ by: { kind: 'timeout', name: 'the approval timeout (10 minutes)' } });
    expect(h.clock.activeTimers()).toBe(0);
  });

  it('refuses timeouts nobody could answer within', () => {
    const h = setup();
    for (const timeouts of [{ destructive: 0 }, { default: 500 }, { exec: 1_500.5 }, { read: 2 * 86_400_000 }]) {
      expect(() => openApprovals({ dbPath: `${h.dir}/other.db`, record: () => undefined, timeouts }), JSON.stringify(timeouts)).toThrow(WardenError);
    }
  });
});

describe('a restart', () => {
  it('marks what was pending as expired and denied, never approved, and shows it so', async () => {
    const h = setup();
    const answer = h.queue.request(deleteCall('call-1'));
    const decided = h.queue.request(deleteCall('call-2', '/ws/other'));
    const id = h.queue.list().find((v) => v.callId === 'call-1')?.id ?? '';
    const otherId = h.queue.list().find((v) => v.callId === 'call-2')?.id ?? '';
    h.queue.decide(otherId, { decision: 'approve' }, alice);
    await decided;

    h.clock.advance(60_000);
    const queue = h.reopen();
    // The waiting call itself was denied when the queue closed.
    await expect(answer).resolves.toMatchObject({ decision: 'deny', by: { kind: 'system', name: 'Warden stopped before anyone answered' } });

    expect(queue.pendingCount()).toBe(0);
    const expired = queue.list({ state: 'expired' });
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({
      id,
      state: 'expired',
      resolution: { decision: 'deny', by: { kind: 'restart', name: 'Warden restarted before anyone answered' }, at: '2026-03-01T09:01:00.000Z', interface: null },
    });
    // What was decided before stays as it was.
    expect(queue.list({ state: 'decided' })).toMatchObject([{ id: otherId, resolution: { decision: 'approve' } }]);
    expectWardenError(() => queue.decide(id, { decision: 'approve' }, alice), 'conflict', /denied by Warden restarted/);

    const restartEvent = h.audit.at(-1);
    expect(restartEvent).toMatchObject({
      kind: 'approval',
      status: 'denied',
      decision: 'deny',
      decidedBy: { kind: 'system', name: 'Warden restarted before anyone answered' },
      details: { approvalId: id, state: 'expired', by: { kind: 'restart' } },
    });
    expect(h.audit.filter((e) => e.status === 'success')).toHaveLength(1);
    expect(h.changes.filter((c) => c.name === 'approvals.expired')).toHaveLength(1);
  });

  it('does not restart a timer for an expired request', () => {
    const h = setup();
    void h.queue.request(deleteCall('call-1'));
    h.reopen();
    const recorded = h.audit.length;
    h.clock.advance(60 * 60_000);
    expect(h.audit).toHaveLength(recorded);
  });

  it('is the only way another process gets the queue: a second opener is refused at once', () => {
    const h = setup();
    expect(() => openApprovals({ dbPath: h.dbPath, record: () => undefined })).toThrow(/Another Warden process holds the approval queue/);
    expect(h.queue.pendingCount()).toBe(0);
  });

  it('keeps the database readable by its owner only', () => {
    const h = setup();
    void h.queue.request(deleteCall('call-1'));
    expect(statSync(h.dbPath).mode & 0o777).toBe(0o600);
    expect(statSync(`${h.dbPath}-wal`).mode & 0o777).toBe(0o600);
  });

  it('refuses use after close', async () => {
    const h = setup();
    h.queue.close();
    await expect(h.queue.request(deleteCall('call-1'))).rejects.toMatchObject({ code: 'unavailable' });
    expectWardenError(() => h.queue.list(), 'unavailable');
    h.reopen();
  });
});

describe('cancellation', () => {
  it('denies one call by the core', async () => {
    const h = setup();
    const answer = h.queue.request(deleteCall('call-1'));
    expect(h.queue.cancel('call-1', 'the session was stopped')).toBe(true);
    await expect(answer).resolves.toMatchObject({ decision: 'deny', by: { kind: 'system', name: 'the session was stopped' } });
    expect(h.queue.cancel('call-1', 'again')).toBe(false);
    expect(h.queue.cancel('unknown', 'x')).toBe(false);
    expect(h.clock.activeTimers()).toBe(0);
  });

  it('denies everything pending, or one session\'s, for the kill switch', async () => {
    const h = setup();
    const a = h.queue.request(deleteCall('call-a', '/ws/a', { sessionId: 's-1' }));
    const b = h.queue.request(deleteCall('call-b', '/ws/b', { sessionId: 's-2' }));
    const c = h.queue.request(deleteCall('call-c', '/ws/c', { sessionId: null }));
    expect(h.queue.cancelAll('session s-1 stopped', { sessionId: 's-1' })).toBe(1);
    await expect(a).resolves.toMatchObject({ decision: 'deny' });
    expect(h.queue.cancelAll('the kill switch')).toBe(2);
    await expect(b).resolves.toMatchObject({ by: { kind: 'system', name: 'the kill switch' } });
    await expect(c).resolves.toMatchObject({ decision: 'deny' });
    expect(h.queue.pendingCount()).toBe(0);
  });

  it('follows the caller\'s abort signal', async () => {
    const h = setup();
    const controller = new AbortController();
    const answer = h.queue.request(deleteCall('call-1'), { signal: controller.signal });
    controller.abort();
    await expect(answer).resolves.toMatchObject({ decision: 'deny', by: { kind: 'system', name: 'the caller cancelled before anyone answered' } });
    const aborted = AbortSignal.abort();
    await expect(h.queue.request(deleteCall('call-2'), { signal: aborted })).resolves.toMatchObject({ decision: 'deny', by: { kind: 'system' } });
    expect(h.queue.pendingCount()).toBe(0);
  });
});

describe('remembered rules', () => {
  it('saves the proposed rule on approve-and-remember and then decides the same call at once', async () => {
    const h = setup();
    void h.queue.request(deleteCall('call-1'));
    const id = pendingId(h);
    expect(h.queue.proposeRule(id)).toMatchObject({ available: true, description: 'Allow delete_path of /ws/tmp/report.txt exactly' });

    const { rule } = h.queue.decide(id, { decision: 'approve', remember: true }, alice);
    expect(rule).toMatchObject({
      description: 'Allow delete_path of /ws/tmp/report.txt exactly',
      createdBy: { name: 'console session alice', interface: 'web' },
      createdAt: '2026-03-01T09:00:00.000Z',
      fromApproval: id,
      lastUsedAt: null,
      useCount: 0,
    });
    expect(h.queue.listRules()).toEqual([rule]);

    h.clock.advance(3_600_000);
    h.changes.length = 0;
    const again = await h.queue.request(deleteCall('call-2'));
    expect(again).toEqual({
      decision: 'approve',
      by: { kind: 'rule', name: 'remembered rule "Allow delete_path of /ws/tmp/report.txt exactly"' },
      at: '2026-03-01T10:00:00.000Z',
      interface: null,
      ruleId: rule?.id,
    });
    expect(h.queue.listRules()[0]).toMatchObject({ lastUsedAt: '2026-03-01T10:00:00.000Z', useCount: 1 });
    // No card appears for it.
    expect(h.changes.map((c) => c.name)).not.toContain('approvals.requested');
    expect(h.queue.list({ state: 'decided' })[0]).toMatchObject({ callId: 'call-2', resolution: { by: { kind: 'rule' }, ruleId: rule?.id } });

    // Anything else still asks.
    const other = h.queue.request(deleteCall('call-3', '/ws/tmp/report.txt2'));
    const recursive = h.queue.request(deleteCall('call-4', '/ws/tmp/report.txt', { args: { path: '/ws/tmp/report.txt', recursive: true } }));
    expect((await settled(other)).done).toBe(false);
    expect((await settled(recursive)).done).toBe(false);
    expect(h.queue.pendingCount()).toBe(2);
  });

  it('saves a directory rule when asked for that scope', async () => {
    const h = setup();
    void h.queue.request({ ...deleteCall('call-1'), tool: 'write_file', risk: 'write', args: { path: '/ws/src/a.ts', content: 'x' }, preview: null });
    const id = pendingId(h);
    expect(h.queue.proposeRule(id, 'directory')).toMatchObject({ available: true, description: 'Allow write_file of anything under /ws/src/' });
    h.queue.decide(id, { decision: 'approve', remember: true, scope: 'directory' }, alice);
    const write = (callId: string, path: string) =>
      h.queue.request({ ...deleteCall(callId), tool: 'write_file', risk: 'write', args: { path, content: 'y' }, preview: null });
    await expect(write('call-2', '/ws/src/deep/b.ts')).resolves.toMatchObject({ by: { kind: 'rule' } });
    expect((await settled(write('call-3', '/ws/srcx/b.ts'))).done).toBe(false);
  });

  it('never decides for a session that has seen untrusted content', async () => {
    const h = setup();
    void h.queue.request(deleteCall('call-1'));
    h.queue.decide(pendingId(h), { decision: 'approve', remember: true }, alice);
    const tainted = h.queue.request(deleteCall('call-2', '/ws/tmp/report.txt', { untrustedSources: ['web page https://evil.example/'] }));
    expect((await settled(tainted)).done).toBe(false);
    expect(h.queue.list({ state: 'pending' })[0]?.untrustedSources).toEqual(['web page https://evil.example/']);
  });

  it('remembers only approvals, and only rules it can make narrow', async () => {
    const h = setup();
    void h.queue.request({ ...deleteCall('call-1'), tool: 'run_command', risk: 'exec', args: { argv: ['python3'], cwd: '/ws', stdin: 'print(1)' }, preview: null });
    const id = pendingId(h);
    expectWardenError(() => h.queue.decide(id, { decision: 'deny', remember: true }, alice), 'invalid_input', /Only an approval/);
    expectWardenError(() => h.queue.decide(id, { decision: 'approve', remember: true }, alice), 'invalid_input', /standard input/);
    // Nothing was decided by the refused answers.
    expect(h.queue.pendingCount()).toBe(1);
    expect(h.queue.proposeRule(id)).toMatchObject({ available: false });
    expectWardenError(() => h.queue.proposeRule('nope'), 'not_found');
  });

  it('does not save the same rule twice', async () => {
    const h = setup();
    void h.queue.request(deleteCall('call-1'));
    void h.queue.request(deleteCall('call-2'));
    const [second, first] = h.queue.list({ state: 'pending' });
    const one = h.queue.decide(first?.id ?? '', { decision: 'approve', remember: true }, alice);
    const two = h.queue.decide(second?.id ?? '', { decision: 'approve', remember: true }, bob);
    expect(two.rule).toEqual(one.rule);
    expect(h.queue.listRules()).toHaveLength(1);
  });

  it('survive a restart and can be revoked, after which the call asks again', async () => {
    const h = setup();
    void h.queue.request(deleteCall('call-1'));
    const { rule } = h.queue.decide(pendingId(h), { decision: 'approve', remember: true }, alice);
    expect(h.changes).toContainEqual({ name: 'approvals.rulesChanged', payload: { change: 'saved', count: 1 } });
    const queue = h.reopen();
    expect(queue.listRules()).toEqual([rule]);

    expect(queue.revokeRule(rule?.id ?? '', bob)).toEqual(rule);
    expect(queue.listRules()).toEqual([]);
    expect(h.audit.at(-1)).toMatchObject({
      kind: 'policy_change',
      actor: 'console session bob',
      interface: 'desktop',
      summary: 'Remembered rule revoked: Allow delete_path of /ws/tmp/report.txt exactly',
      details: { action: 'revoked', ruleId: rule?.id },
    });
    expectWardenError(() => queue.revokeRule(rule?.id ?? '', bob), 'not_found');
    expect((await settled(queue.request(deleteCall('call-2')))).done).toBe(false);
  });
});

describe('the audit trail', () => {
  it('gets an approval event for each request and each decision, and a policy change for a saved rule', async () => {
    const h = setup();
    void h.queue.request(deleteCall('call-1'));
    const id = pendingId(h);
    h.clock.advance(2_000);
    const { rule } = h.queue.decide(id, { decision: 'approve', remember: true }, alice);
    await h.queue.request(deleteCall('call-2'));
    void h.queue.request(deleteCall('call-3', '/ws/x'));
    h.clock.advance(5 * 60_000);

    expect(h.audit.map((e) => [e.kind, e.status, e.decidedBy?.kind ?? null])).toEqual([
      ['approval', 'pending', null],
      ['approval', 'success', 'person'],
      ['policy_change', 'success', null],
      ['approval', 'pending', null],
      ['approval', 'success', 'rule'],
      ['approval', 'pending', null],
      ['approval', 'denied', 'timeout'],
    ]);
    expect(h.audit[0]).toMatchObject({
      actor: 'agent session-1',
      sessionId: 'session-1',
      tool: 'delete_path',
      args: { path: '/ws/tmp/report.txt', recursive: false },
      excerpt: 'Clean up the old report.',
      decision: 'ask',
      details: { approvalId: id, callId: 'call-1', risk: 'destructive', expiresAt: '2026-03-01T09:05:00.000Z', preview: 'delete' },
    });
    expect(h.audit[1]).toMatchObject({
      actor: 'console session alice',
      summary: 'delete_path approved by console session alice (web)',
      decision: 'allow',
      decidedBy: { kind: 'person', name: 'console session alice' },
      interface: 'web',
      durationMs: 2_000,
      details: { approvalId: id, state: 'decided', at: '2026-03-01T09:00:02.000Z', requestedBy: 'agent session-1' },
    });
    expect(h.audit[2]).toMatchObject({ actor: 'console session alice', interface: 'web', details: { action: 'saved', ruleId: rule?.id, fromApproval: id } });
    expect(h.audit[4]).toMatchObject({ actor: 'warden', decidedBy: { kind: 'rule' }, details: { ruleId: rule?.id } });
    expect(h.audit[6]).toMatchObject({ actor: 'warden', decision: 'deny', details: { state: 'expired' } });
    expect(h.audit[6]).not.toHaveProperty('interface');
  });

  it('asks nobody when the request cannot be recorded', async () => {
    const h = setup();
    h.failAuditWhen((e) => e.status === 'pending');
    await expect(h.queue.request(deleteCall('call-1'))).rejects.toMatchObject({ code: 'unavailable', message: /audit trail could not record/ });
    expect(h.queue.list()).toEqual([]);
    expect(h.changes).toEqual([]);
  });

  it('turns an approval it cannot record into a denial', async () => {
    const h = setup();
    const answer = h.queue.request(deleteCall('call-1'));
    h.failAuditWhen((e) => e.status === 'success');
    const { request, rule } = h.queue.decide(pendingId(h), { decision: 'approve', remember: true }, alice);
    const denied = { decision: 'deny', by: { kind: 'system', name: 'the audit trail could not record the approval' } };
    expect(request.resolution).toMatchObject(denied);
    expect(rule).toBeNull();
    await expect(answer).resolves.toMatchObject(denied);
    expect(h.audit.at(-1)).toMatchObject({ status: 'denied', decidedBy: { kind: 'system' } });
    expect(h.queue.listRules()).toEqual([]);
  });

  it('still denies when even the denial cannot be recorded, and says so in the log', async () => {
    const h = setup();
    const answer = h.queue.request(deleteCall('call-1'));
    h.failAuditWhen(() => true);
    h.clock.advance(5 * 60_000);
    await expect(answer).resolves.toMatchObject({ decision: 'deny', by: { kind: 'timeout' } });
    expect(h.errors).toContain('the audit trail could not record an approval decision');
  });
});

describe('events for the UI', () => {
  it('carry the card, each answer and the pending count', async () => {
    const h = setup();
    void h.queue.request(deleteCall('call-1'));
    void h.queue.request(deleteCall('call-2', '/ws/b'));
    const id = h.queue.list().find((v) => v.callId === 'call-1')?.id ?? '';
    h.queue.decide(id, { decision: 'deny' }, bob);
    h.clock.advance(5 * 60_000);
    expect(h.changes.map((c) => (c.name === 'approvals.changed' ? `pending ${c.payload.pending}` : c.name))).toEqual([
      'approvals.requested',
      'pending 1',
      'approvals.requested',
      'pending 2',
      'approvals.decided',
      'pending 1',
      'approvals.expired',
      'pending 0',
    ]);
    expect(h.changes[0]).toMatchObject({ name: 'approvals.requested', payload: { callId: 'call-1', preview: { kind: 'delete' }, state: 'pending' } });
    expect(h.changes[4]).toEqual({
      name: 'approvals.decided',
      payload: {
        id,
        callId: 'call-1',
        tool: 'delete_path',
        sessionId: 'session-1',
        state: 'decided',
        resolution: { decision: 'deny', by: { kind: 'person', name: 'console session bob' }, at: '2026-03-01T09:00:00.000Z', interface: 'desktop', ruleId: null },
      },
    });
  });

  it('a failing listener does not stop the queue', async () => {
    const h = setup({
      onChange: () => {
        throw new Error('renderer gone');
      },
    });
    const answer = h.queue.request(deleteCall('call-1'));
    h.queue.decide(pendingId(h), { decision: 'approve' }, alice);
    await expect(answer).resolves.toMatchObject({ decision: 'approve' });
    expect(h.errors).toContain('an approvals listener failed');
  });
});
