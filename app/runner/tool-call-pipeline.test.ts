import { describe, expect, it, vi } from 'vitest';
import type { Decision, IsolationReport, Policy } from '../contract/policy.ts';
import { ToolCallOutcomeSchema, ToolCallUpdateSchema } from '../contract/tools.ts';
import type { ToolCallUpdate } from '../contract/tools.ts';
import type { Judgement } from '../tools/prepared-call.ts';
import type { ApprovalGate } from './approval-gate.ts';
import type { RunRequest, RunResult, Runner } from './runner.ts';
import { preparedCall } from './test-calls.ts';
import { createToolCallPipeline } from './tool-call-pipeline.ts';
import type { Judge } from './tool-call-pipeline.ts';
import { MemoryRecorder } from './tool-call-recorder.ts';

const policy = { workspace: '/w', references: ['/r'], limits: { cpuSeconds: 1, memoryMb: 64, outputBytes: 1024, wallTimeoutMs: 1000, maxProcesses: 8, fileSizeMb: 1 } } as unknown as Policy;
const read = preparedCall('read_file', { path: '/w/a.txt' });
const del = preparedCall('delete_path', { path: '/w/a.txt' });
const decision = (verdict: Decision['verdict'], rule: string | null = null): Decision => ({ verdict, reason: `because ${verdict}`, rule });

function fakeRunner(result: Partial<RunResult> = {}, preview: () => Promise<unknown> = async () => ({ kind: 'delete', entries: [], totalEntries: 1, totalBytes: 3, truncated: false })) {
  const runs: RunRequest[] = [];
  let isolation: IsolationReport = { level: 'full', user: { name: 'warden-agent', uid: 999, dedicated: true }, via: 'uid-drop', sandbox: 'bubblewrap', missing: [], checkedAt: new Date(0).toISOString() };
  const runner: Runner = {
    get isolation() {
      return isolation;
    },
    plan: {} as Runner['plan'],
    run: async (request) => {
      runs.push(request);
      return { ok: true, output: { content: 'secret-value in output' }, failure: null, message: 'done', durationMs: 1, ...result };
    },
    preview: preview as Runner['preview'],
    recheck: async () => isolation,
    cancelAll: () => 0,
  };
  /** What a re-check of the machine finds from now on. */
  const machineBecomes = (level: IsolationReport['level']) => {
    isolation = { ...isolation, level };
  };
  return { runner, runs, machineBecomes };
}

function setup(judgement: Judgement, options: { gate?: ApprovalGate; recorder?: MemoryRecorder; runner?: ReturnType<typeof fakeRunner> } = {}) {
  const fake = options.runner ?? fakeRunner();
  const recorder = options.recorder ?? new MemoryRecorder();
  const updates: ToolCallUpdate[] = [];
  const judge = vi.fn<Judge>(() => judgement);
  const policyFn = vi.fn(() => policy);
  const pipeline = createToolCallPipeline({
    runner: fake.runner,
    policy: policyFn,
    judge,
    recorder,
    emit: (update) => updates.push(ToolCallUpdateSchema.parse(update)),
    redact: (value) => JSON.parse(JSON.stringify(value).replaceAll('secret-value', '[secret:TOKEN]')),
    newId: () => 'call-1',
    ...(options.gate === undefined ? {} : { approvals: options.gate }),
  });
  return { pipeline, updates, recorder, runs: fake.runs, judge, policyFn };
}

const approve: ApprovalGate = { request: async () => ({ decision: 'approve', by: { kind: 'person', name: 'admin' } }) };
const request = { tool: 'read_file', args: { path: 'a.txt', note: 'secret-value' }, actor: 'session 1', sessionId: 's1', interface: 'cli' as const };

describe('the tool-call pipeline', () => {
  it('blocks what validation refuses: nothing runs, one blocked record', async () => {
    const { pipeline, updates, recorder, runs } = setup({ ok: false, tool: undefined, reason: 'path: "../x" contains ".."' });
    const outcome = ToolCallOutcomeSchema.parse(await pipeline.call(request));
    expect(outcome).toMatchObject({ status: 'blocked', message: 'path: "../x" contains ".."', decidedBy: { kind: 'system', name: 'validation' }, output: null });
    expect(updates.map((u) => u.state)).toEqual(['queued', 'finished']);
    expect(recorder.events).toEqual([expect.objectContaining({ kind: 'tool_call', status: 'blocked', actor: 'session 1', sessionId: 's1', interface: 'cli' })]);
    expect(runs).toEqual([]);
  });

  it('blocks what policy denies, naming the rule', async () => {
    const { pipeline, recorder, runs } = setup({ ok: true, call: read, decision: decision('deny', 'no-env') });
    expect(await pipeline.call(request)).toMatchObject({ status: 'blocked', decidedBy: { kind: 'rule', name: 'no-env' } });
    expect(recorder.events.map((e) => [e.status, e.decision])).toEqual([['blocked', 'deny']]);
    expect(runs).toEqual([]);
  });

  it('runs what policy allows, recording before and after, with one policy snapshot', async () => {
    const { pipeline, updates, recorder, runs, judge, policyFn } = setup({ ok: true, call: read, decision: decision('allow') });
    const outcome = await pipeline.call(request);
    expect(outcome).toMatchObject({ status: 'success', isolation: 'full', decidedBy: { kind: 'policy', name: 'default for read' } });
    expect(updates.map((u) => u.state)).toEqual(['queued', 'running', 'finished']);
    expect(recorder.events.map((e) => e.status)).toEqual(['pending', 'success']);
    expect(policyFn).toHaveBeenCalledTimes(1);
    expect(judge).toHaveBeenCalledWith({ tool: 'read_file', args: request.args }, policy, { isolation: 'full' });
    expect(runs[0]).toMatchObject({ perimeter: policy, limits: policy.limits, actor: 'session 1' });
  });

  it('redacts arguments and output everywhere they go', async () => {
    const { pipeline, updates, recorder } = setup({ ok: true, call: read, decision: decision('allow') });
    const outcome = await pipeline.call(request);
    const everything = JSON.stringify([outcome, updates, recorder.events]);
    expect(everything).not.toContain('secret-value');
    expect(everything).toContain('[secret:TOKEN]');
  });

  it('cuts long argument strings in events and records', async () => {
    const { pipeline, updates } = setup({ ok: true, call: read, decision: decision('allow') });
    await pipeline.call({ ...request, args: { content: 'x'.repeat(5000) } });
    expect(String(updates[0]?.args['content'])).toMatch(/^x{2000}… \[3000 more characters\]$/);
  });

  it('holds an ask call for the gate, and denies it by default (ask means deny until approvals land)', async () => {
    const { pipeline, updates, recorder, runs } = setup({ ok: true, call: read, decision: decision('ask') });
    const outcome = await pipeline.call(request);
    expect(outcome).toMatchObject({ status: 'denied', decidedBy: { kind: 'system', name: 'no approval queue yet: ask means deny' } });
    expect(updates.map((u) => u.state)).toEqual(['queued', 'asked', 'denied', 'finished']);
    expect(recorder.events.map((e) => e.status)).toEqual(['pending', 'denied']);
    expect(runs).toEqual([]);
  });

  it('runs an approved call and shows the preview while asking', async () => {
    const gate = { request: vi.fn(approve.request) };
    const { pipeline, updates, runs } = setup({ ok: true, call: del, decision: decision('ask') }, { gate });
    expect(await pipeline.call(request)).toMatchObject({ status: 'success', decidedBy: { kind: 'person', name: 'admin' } });
    expect(updates.map((u) => u.state)).toEqual(['queued', 'asked', 'approved', 'running', 'finished']);
    expect(updates[1]?.preview).toMatchObject({ kind: 'delete', totalBytes: 3 });
    expect(gate.request).toHaveBeenCalledWith(expect.objectContaining({ id: 'call-1', tool: 'delete_path', risk: 'destructive', preview: expect.objectContaining({ kind: 'delete' }) }), 'because ask');
    expect(runs).toHaveLength(1);
  });

  it('asks for a destructive call even when policy allowed it', async () => {
    const gate = { request: vi.fn(approve.request) };
    const { pipeline } = setup({ ok: true, call: del, decision: decision('allow') }, { gate });
    await pipeline.call(request);
    expect(gate.request).toHaveBeenCalledTimes(1);
  });

  it('still asks when the preview fails, and says so', async () => {
    const fake = fakeRunner({}, async () => {
      throw new Error('gone');
    });
    const { pipeline, updates } = setup({ ok: true, call: del, decision: decision('ask') }, { runner: fake });
    await pipeline.call(request);
    expect(updates[1]).toMatchObject({ state: 'asked', preview: null, message: expect.stringMatching(/No preview: gone/) });
  });

  it('denies when the caller cancels while waiting, or when the gate fails', async () => {
    const never: ApprovalGate = { request: () => new Promise(() => undefined) };
    const controller = new AbortController();
    const { pipeline } = setup({ ok: true, call: read, decision: decision('ask') }, { gate: never });
    const pending = pipeline.call({ ...request, signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect(await pending).toMatchObject({ status: 'denied', decidedBy: { name: 'cancelled before a decision' } });
    const broken: ApprovalGate = { request: async () => Promise.reject(new Error('queue down')) };
    expect(await setup({ ok: true, call: read, decision: decision('ask') }, { gate: broken }).pipeline.call(request)).toMatchObject({ status: 'denied', decidedBy: { name: expect.stringMatching(/queue down/) } });
  });

  it('does not run a call the audit trail cannot record first', async () => {
    const recorder = new MemoryRecorder();
    recorder.record = () => {
      throw new Error('disk full');
    };
    const { pipeline, runs } = setup({ ok: true, call: read, decision: decision('allow') }, { recorder });
    expect(await pipeline.call(request)).toMatchObject({ status: 'blocked', message: expect.stringMatching(/could not record the call \(disk full\)/) });
    expect(runs).toEqual([]);
  });

  it('judges a call again when a re-check changed the level while it waited for a person, and refuses it below the accepted level', async () => {
    const fake = fakeRunner();
    const gate: ApprovalGate = {
      request: async () => {
        fake.machineBecomes('partial');
        return { decision: 'approve', by: { kind: 'person', name: 'admin' } };
      },
    };
    const refusedBelowFull = vi.fn<Judge>((_request, _policy, context) =>
      context.isolation === 'full' ? { ok: true, call: del, decision: decision('ask') } : { ok: true, call: del, decision: { verdict: 'deny', reason: 'Isolation is partial.', rule: null } },
    );
    const recorder = new MemoryRecorder();
    const pipeline = createToolCallPipeline({ runner: fake.runner, policy: () => policy, judge: refusedBelowFull, approvals: gate, recorder });
    expect(await pipeline.call(request)).toMatchObject({ status: 'blocked', message: 'Isolation is partial.', isolation: 'partial' });
    expect(refusedBelowFull.mock.calls.map(([, , context]) => context.isolation)).toEqual(['full', 'partial']);
    expect(fake.runs).toEqual([]);
    expect(recorder.events.at(-1)).toMatchObject({ status: 'blocked', details: { isolation: 'partial', stage: 'policy' } });
  });

  it('runs at the level a re-check raised it to, and says so', async () => {
    const fake = fakeRunner();
    fake.machineBecomes('partial');
    const gate: ApprovalGate = {
      request: async () => {
        fake.machineBecomes('full');
        return { decision: 'approve', by: { kind: 'person', name: 'admin' } };
      },
    };
    const { pipeline, updates, runs } = setup({ ok: true, call: del, decision: decision('ask') }, { gate, runner: fake });
    expect(await pipeline.call(request)).toMatchObject({ status: 'success', isolation: 'full' });
    expect(updates.find((u) => u.state === 'running')?.message).toBe('Running at full isolation.');
    expect(runs).toHaveLength(1);
  });

  it('reports a failed run with its reason and exit code', async () => {
    const fake = fakeRunner({ ok: false, failure: 'exit', message: 'git exited with code 1.', output: { exitCode: 1 } });
    const { pipeline, recorder } = setup({ ok: true, call: read, decision: decision('allow') }, { runner: fake });
    expect(await pipeline.call(request)).toMatchObject({ status: 'failure', failure: 'exit', message: 'git exited with code 1.' });
    expect(recorder.events.at(-1)).toMatchObject({ status: 'failure', details: { failure: 'exit', exitCode: 1, callId: 'call-1', isolation: 'full' } });
  });
});
