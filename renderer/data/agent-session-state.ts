import type {
  AgentEndStatus,
  AgentSession,
  AgentSessionStatus,
  AgentSessionSummary,
  AgentStep,
  AgentStepStatus,
  PayloadOf,
  ToolCallState,
  ToolCallUpdate,
} from '../../app/contract/index.ts';

/**
 * One agent session as this window knows it: the last summary it was told (agent.sessions /
 * agent.get), its steps (agent.step replaces by index), the answer as streamed (agent.text), how
 * it ended (agent.finished), and its tool calls' latest states (toolcall.updated), which say more
 * than the step while a call waits for a person. Every function returns a new object.
 */
export interface SessionLive {
  readonly id: string;
  readonly summary: AgentSessionSummary | null;
  /** By index, ascending. */
  readonly steps: readonly AgentStep[];
  /** The answer as the model writes it; the final text is `end.answer` / `summary.answer`. */
  readonly streamed: string;
  readonly end: PayloadOf<'agent.finished'> | null;
  /** This session's tool calls, by call id (the latest event of each). */
  readonly calls: Readonly<Record<string, CallInfo>>;
  /** The call this session made last: what a running tool_call step without an id yet is waiting on. */
  readonly lastCallId: string | null;
}

export type CallInfo = Pick<ToolCallUpdate, 'id' | 'tool' | 'state' | 'status' | 'message' | 'queuedAt' | 'updatedAt' | 'durationMs'>;

/** Longest streamed answer kept (the contract's answer limit). */
export const streamedMax = 20_000;
/** Tool calls kept per session (a session has at most 100 turns). */
export const callsMax = 200;

export const emptySession = (id: string): SessionLive => ({ id, summary: null, steps: [], streamed: '', end: null, calls: {}, lastCallId: null });

const finishedStep = (step: AgentStep): boolean => step.status !== 'running';

/** The step that says more: a finished one over a running one; otherwise the incoming one. */
function newer(existing: AgentStep | undefined, incoming: AgentStep): AgentStep {
  if (existing === undefined) return incoming;
  if (finishedStep(existing) && !finishedStep(incoming)) return existing;
  return incoming;
}

function putStep(steps: readonly AgentStep[], step: AgentStep): AgentStep[] {
  const at = steps.findIndex((s) => s.index >= step.index);
  if (at === -1) return [...steps, step];
  const current = steps[at];
  if (current?.index === step.index) {
    const chosen = newer(current, step);
    if (chosen === current) return steps as AgentStep[];
    const next = [...steps];
    next[at] = chosen;
    return next;
  }
  return [...steps.slice(0, at), step, ...steps.slice(at)];
}

/** agent.step: the latest with the same (session, index) replaces the earlier. */
export function withStep(session: SessionLive, step: AgentStep): SessionLive {
  const steps = putStep(session.steps, step);
  return steps === session.steps ? session : { ...session, steps };
}

/** agent.text: one more chunk of the answer. */
export function withText(session: SessionLive, text: string): SessionLive {
  if (text === '' || session.streamed.length >= streamedMax) return session;
  return { ...session, streamed: (session.streamed + text).slice(0, streamedMax) };
}

/** agent.finished: how it ended, with the final answer or the error. */
export function withEnd(session: SessionLive, end: PayloadOf<'agent.finished'>): SessionLive {
  const summary =
    session.summary === null
      ? null
      : {
          ...session.summary,
          status: end.status,
          answer: end.answer ?? session.summary.answer,
          error: end.error ?? session.summary.error,
          finishedAt: session.summary.finishedAt ?? new Date().toISOString(),
        };
  return { ...session, end, summary };
}

/** agent.sessions: a summary; it never takes a session back from ended to running. */
export function withSummary(session: SessionLive, summary: AgentSessionSummary): SessionLive {
  if (session.end !== null && summary.status === 'running') return session;
  return { ...session, summary };
}

/** agent.get: the whole session as the core has it now, merged with what events already said. */
export function withSnapshot(session: SessionLive, snapshot: AgentSession): SessionLive {
  const { steps, ...summary } = snapshot;
  let next = withSummary(session, summary);
  for (const step of steps) next = withStep(next, step);
  if (next.end === null && summary.status !== 'running') {
    next = {
      ...next,
      end: {
        sessionId: summary.id,
        status: summary.status,
        ...(summary.answer === null ? {} : { answer: summary.answer }),
        ...(summary.error === null ? {} : { error: summary.error }),
      },
    };
  }
  return next;
}

/** toolcall.updated for a call of this session. */
export function withCall(session: SessionLive, update: ToolCallUpdate): SessionLive {
  const info: CallInfo = {
    id: update.id,
    tool: update.tool,
    state: update.state,
    status: update.status,
    message: update.message,
    queuedAt: update.queuedAt,
    updatedAt: update.updatedAt,
    durationMs: update.durationMs,
  };
  let calls: Record<string, CallInfo> = { ...session.calls, [update.id]: info };
  const ids = Object.keys(calls);
  if (ids.length > callsMax) {
    calls = Object.fromEntries(
      Object.values(calls)
        .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))
        .slice(0, callsMax)
        .map((call) => [call.id, call]),
    );
  }
  return { ...session, calls, lastCallId: update.id };
}

export function sessionStatus(session: SessionLive): AgentSessionStatus | null {
  return session.end?.status ?? session.summary?.status ?? (session.steps.length > 0 ? 'running' : null);
}

/** The answer to show: the final one once there is one, else what has streamed so far. */
export function sessionAnswer(session: SessionLive): { readonly text: string; readonly final: boolean } {
  const final = session.end?.answer ?? session.summary?.answer ?? null;
  if (final !== null) return { text: final, final: true };
  return { text: session.streamed, final: false };
}

export function sessionError(session: SessionLive): string | null {
  return session.end?.error ?? session.summary?.error ?? null;
}

/**
 * Where a step stands, for people: its own status once it has ended; while a tool call runs, the
 * state of the call (queued, asked, approved, running); `ended` for a step left running by a
 * session that is over.
 */
export type StepDisplayStatus = Exclude<AgentStepStatus, 'running'> | Exclude<ToolCallState, 'finished'> | 'ended';

export interface TimelineRow {
  readonly step: AgentStep;
  readonly display: StepDisplayStatus;
  /** The tool call behind a tool_call or tool_result step, when this window has seen it. */
  readonly call: CallInfo | null;
  /** The call id to link to (the step's, or the call it is waiting on). */
  readonly callId: string | null;
}

/** A call made for this step: the step names it, or, still running, it is this session's latest call of the same tool, queued after the step began. */
type TimelineSource = Pick<SessionLive, 'steps' | 'calls' | 'lastCallId'>;

function callFor(session: TimelineSource, step: AgentStep): CallInfo | null {
  if (step.toolCallId !== null) return session.calls[step.toolCallId] ?? null;
  if (step.kind !== 'tool_call' || step.status !== 'running' || session.lastCallId === null) return null;
  const call = session.calls[session.lastCallId];
  if (call === undefined || call.tool !== step.tool) return null;
  return Date.parse(call.queuedAt) >= Date.parse(step.startedAt) - 1 ? call : null;
}

function displayOf(step: AgentStep, call: CallInfo | null, ended: boolean): StepDisplayStatus {
  if (step.status !== 'running') return step.status;
  if (call !== null && step.kind === 'tool_call') {
    if (call.state === 'finished') return call.status ?? 'running';
    return call.state;
  }
  return ended ? 'ended' : 'running';
}

/** The steps with their display status; `ended`: the session is over (a step still running never will finish). */
export function timelineRows(session: TimelineSource, ended: boolean): TimelineRow[] {
  return session.steps.map((step) => {
    const call = callFor(session, step);
    return { step, call, callId: step.toolCallId ?? call?.id ?? null, display: displayOf(step, call, ended) };
  });
}

/** Total time of a step so far: its duration once ended, else the time since it started. */
export function stepElapsedMs(step: AgentStep, now: number): number | null {
  if (step.durationMs !== null) return step.durationMs;
  if (step.status !== 'running') return null;
  const started = Date.parse(step.startedAt);
  return Number.isNaN(started) ? null : Math.max(0, now - started);
}

export const isEndStatus = (status: AgentSessionStatus | null): status is AgentEndStatus => status !== null && status !== 'running';
