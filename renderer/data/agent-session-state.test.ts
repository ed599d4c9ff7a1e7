import { describe, expect, it } from 'vitest';
import type { AgentSession, AgentSessionSummary, AgentStep, ToolCallUpdate } from '../../app/contract/index.ts';
import {
  callsMax,
  emptySession,
  isEndStatus,
  sessionAnswer,
  sessionError,
  sessionStatus,
  stepElapsedMs,
  streamedMax,
  timelineRows,
  withCall,
  withEnd,
  withSnapshot,
  withStep,
  withSummary,
  withText,
} from './agent-session-state.ts';

const t0 = Date.parse('2025-03-01T10:00:00.000Z');
const at = (ms: number) => new Date(t0 + ms).toISOString();

function step(index: number, change: Partial<AgentStep> = {}): AgentStep {
  return {
    sessionId: 's1',
    index,
    kind: 'thinking',
    status: 'running',
    turn: 0,
    tool: null,
    toolCallId: null,
    summary: `step ${index}`,
    startedAt: at(index * 10),
    durationMs: null,
    outputTokens: null,
    timings: null,
    ...change,
  };
}

function summary(change: Partial<AgentSessionSummary> = {}): AgentSessionSummary {
  return {
    id: 's1',
    task: 'read hello.txt',
    status: 'running',
    model: { kind: 'scripted', label: 'script' },
    startedBy: 'console session x',
    startedAt: at(0),
    finishedAt: null,
    maxSteps: 8,
    tokenBudget: 8192,
    turns: 0,
    outputTokens: 0,
    tainted: false,
    untrustedSources: [],
    answer: null,
    error: null,
    ...change,
  };
}

function call(id: string, change: Partial<ToolCallUpdate> = {}): ToolCallUpdate {
  return {
    id,
    sessionId: 's1',
    tool: 'delete_path',
    risk: 'destructive',
    state: 'queued',
    status: null,
    args: { path: 'x' },
    decision: null,
    decidedBy: null,
    preview: null,
    message: '',
    queuedAt: at(25),
    updatedAt: at(25),
    durationMs: null,
    ...change,
  };
}

describe('agent session state', () => {
  it('keeps steps by index, the latest replacing the earlier', () => {
    let s = emptySession('s1');
    s = withStep(s, step(1));
    s = withStep(s, step(0, { status: 'success', durationMs: 5 }));
    s = withStep(s, step(1, { status: 'success', summary: 'done' }));
    expect(s.steps.map((x) => [x.index, x.status, x.summary])).toEqual([
      [0, 'success', 'step 0'],
      [1, 'success', 'done'],
    ]);
  });

  it('never lets a running copy (an older snapshot) replace an ended step', () => {
    const ended = withStep(emptySession('s1'), step(0, { status: 'success', durationMs: 3 }));
    expect(withStep(ended, step(0))).toBe(ended);
    const snapshot: AgentSession = { ...summary(), steps: [step(0), step(1)] };
    const merged = withSnapshot(ended, snapshot);
    expect(merged.steps.map((x) => x.status)).toEqual(['success', 'running']);
    expect(merged.summary?.task).toBe('read hello.txt');
  });

  it('streams the answer, then shows the final one', () => {
    let s = withSummary(emptySession('s1'), summary());
    s = withText(s, 'do');
    s = withText(s, 'n');
    expect(sessionAnswer(s)).toEqual({ text: 'don', final: false });
    s = withEnd(s, { sessionId: 's1', status: 'completed', answer: 'done' });
    expect(sessionAnswer(s)).toEqual({ text: 'done', final: true });
    expect(sessionStatus(s)).toBe('completed');
    expect(s.summary?.status).toBe('completed');
    expect(s.summary?.finishedAt).not.toBeNull();
    expect(withText(emptySession('s1'), 'x'.repeat(streamedMax + 10)).streamed).toHaveLength(streamedMax);
  });

  it('does not take an ended session back to running from a stale summary', () => {
    const ended = withEnd(emptySession('s1'), { sessionId: 's1', status: 'stopped', error: 'Stopped by you.' });
    expect(withSummary(ended, summary())).toBe(ended);
    expect(sessionError(ended)).toBe('Stopped by you.');
    expect(sessionStatus(emptySession('s1'))).toBeNull();
  });

  it('derives the end from a snapshot of an ended session', () => {
    const s = withSnapshot(emptySession('s1'), { ...summary({ status: 'failed', error: 'boom' }), steps: [] });
    expect(s.end).toEqual({ sessionId: 's1', status: 'failed', error: 'boom' });
  });

  it("shows a running tool call's state (asked) from its toolcall.updated, matched by session before the step has the id", () => {
    let s = withStep(emptySession('s1'), step(0, { status: 'success', durationMs: 1 }));
    s = withStep(s, step(1, { kind: 'tool_call', tool: 'delete_path', startedAt: at(20) }));
    expect(timelineRows(s, isEndStatus(sessionStatus(s)))[1]).toMatchObject({ display: 'running', call: null, callId: null });
    s = withCall(s, call('c1'));
    s = withCall(s, call('c1', { state: 'asked', updatedAt: at(30) }));
    expect(timelineRows(s, isEndStatus(sessionStatus(s)))[1]).toMatchObject({ display: 'asked', callId: 'c1', call: { state: 'asked' } });
    s = withCall(s, call('c1', { state: 'finished', status: 'denied', updatedAt: at(40) }));
    expect(timelineRows(s, isEndStatus(sessionStatus(s)))[1]?.display).toBe('denied');
    s = withStep(s, step(1, { kind: 'tool_call', tool: 'delete_path', startedAt: at(20), status: 'denied', toolCallId: 'c1', durationMs: 20 }));
    expect(timelineRows(s, isEndStatus(sessionStatus(s)))[1]).toMatchObject({ display: 'denied', callId: 'c1' });
  });

  it('does not pin an earlier call of the same tool on a new step', () => {
    let s = withCall(emptySession('s1'), call('old', { queuedAt: at(5), state: 'finished', status: 'success' }));
    s = withStep(s, step(3, { kind: 'tool_call', tool: 'delete_path', startedAt: at(100) }));
    expect(timelineRows(s, isEndStatus(sessionStatus(s)))[0]).toMatchObject({ display: 'running', call: null });
    const other = withCall(withStep(emptySession('s1'), step(0, { kind: 'tool_call', tool: 'read_file' })), call('c2'));
    expect(timelineRows(other, isEndStatus(sessionStatus(other)))[0]?.call).toBeNull();
  });

  it('marks steps left running by an ended session', () => {
    let s = withStep(emptySession('s1'), step(0));
    s = withEnd(s, { sessionId: 's1', status: 'stopped' });
    expect(timelineRows(s, isEndStatus(sessionStatus(s)))[0]?.display).toBe('ended');
  });

  it('keeps a bounded number of calls', () => {
    let s = emptySession('s1');
    for (let i = 0; i < callsMax + 5; i++) s = withCall(s, call(`c${i}`, { updatedAt: at(i) }));
    expect(Object.keys(s.calls)).toHaveLength(callsMax);
    expect(s.calls.c0).toBeUndefined();
    expect(s.lastCallId).toBe(`c${callsMax + 4}`);
  });

  it('measures a step', () => {
    expect(stepElapsedMs(step(0, { durationMs: 12 }), t0 + 99)).toBe(12);
    expect(stepElapsedMs(step(0), t0 + 99)).toBe(99);
    expect(stepElapsedMs(step(0, { status: 'success' }), t0)).toBeNull();
  });
});
