import { afterEach, describe, expect, it } from 'vitest';
import type { Decision } from '../contract/policy.ts';
import type { Caller } from '../contract/caller.ts';
import type { GateRequest } from '../contract/tools.ts';
import { askReason, runnerGate } from './runner-gate.ts';
import { testQueue } from './test-queue.ts';

const alice: Caller = { interface: 'desktop', actor: 'console session alice' };
const ask: Decision = { verdict: 'ask', reason: 'Rule ask-deletes asks before deleting.', rule: 'ask-deletes' };
const allow: Decision = { verdict: 'allow', reason: 'Inside the workspace.', rule: null };

const gateRequest = (change: Partial<GateRequest> = {}): GateRequest => ({
  id: 'call-1',
  sessionId: 'session-1',
  actor: 'agent session-1',
  tool: 'delete_path',
  risk: 'destructive',
  args: { path: '/ws/tmp/a.txt', recursive: false },
  decision: allow,
  preview: { kind: 'delete', entries: [{ path: '/ws/tmp/a.txt', type: 'file', bytes: 3 }], totalEntries: 1, totalBytes: 3, truncated: false },
  ...change,
});

const harnesses: Array<ReturnType<typeof testQueue>> = [];
afterEach(() => {
  for (const h of harnesses.splice(0)) h.cleanup();
});
function setup() {
  const h = testQueue();
  harnesses.push(h);
  return h;
}

describe('runnerGate', () => {
  it('puts the runner\'s call on the queue with the session\'s context and returns the answer as a tool-call decider', async () => {
    const h = setup();
    const gate = runnerGate(h.queue, (request) => ({
      instructionExcerpt: `excerpt for ${request.sessionId ?? 'none'}`,
      recentSteps: ['read_file /ws/tmp/a.txt'],
      untrustedSources: [],
    }));
    const answer = gate.request(gateRequest(), allow.reason);
    const [view] = h.queue.list({ state: 'pending' });
    expect(view).toMatchObject({
      callId: 'call-1',
      sessionId: 'session-1',
      actor: 'agent session-1',
      args: { path: '/ws/tmp/a.txt' },
      preview: { kind: 'delete' },
      instructionExcerpt: 'excerpt for session-1',
      recentSteps: ['read_file /ws/tmp/a.txt'],
    });
    h.queue.decide(view?.id ?? '', { decision: 'approve' }, alice);
    await expect(answer).resolves.toEqual({ decision: 'approve', by: { kind: 'person', name: 'console session alice' } });
  });

  it('denies by the timeout in the runner\'s terms', async () => {
    const h = setup();
    const answer = runnerGate(h.queue).request(gateRequest(), allow.reason);
    h.clock.advance(5 * 60_000);
    await expect(answer).resolves.toEqual({ decision: 'deny', by: { kind: 'timeout', name: 'the approval timeout (5 minutes)' } });
  });

  it('cancels the queued request when the call is aborted', async () => {
    const h = setup();
    const controller = new AbortController();
    const answer = runnerGate(h.queue).request(gateRequest({ signal: controller.signal }), allow.reason);
    controller.abort();
    await expect(answer).resolves.toMatchObject({ decision: 'deny', by: { kind: 'system' } });
    expect(h.queue.pendingCount()).toBe(0);
  });

  it('rejects when the queue cannot ask (the pipeline turns that into a denial)', async () => {
    const h = setup();
    h.failAuditWhen(() => true);
    await expect(runnerGate(h.queue).request(gateRequest(), allow.reason)).rejects.toMatchObject({ code: 'unavailable' });
  });
});

describe('askReason', () => {
  it('gives policy\'s reason and rule when policy asked', () => {
    expect(askReason({ tool: 'delete_path', risk: 'destructive', decision: ask }, ask.reason)).toBe('Rule ask-deletes asks before deleting. (policy rule ask-deletes)');
  });

  it('says a destructive call is always put to a person, even when policy allows it', () => {
    expect(askReason({ tool: 'delete_path', risk: 'destructive', decision: allow }, allow.reason)).toBe(
      'delete_path is destructive: a person decides every such call. Policy: Inside the workspace.',
    );
  });
});
