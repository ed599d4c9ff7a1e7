import { create } from 'zustand';
import type { AgentSession, AgentSessionSummary, AgentStep, PayloadOf, ToolCallUpdate } from '../../app/contract/index.ts';
import type { SessionLive } from './agent-session-state.ts';
import { emptySession, withCall, withEnd, withSnapshot, withStep, withSummary, withText } from './agent-session-state.ts';

/** Sessions whose events this window keeps; the oldest seen is dropped past this. */
export const sessionsKept = 50;

interface AgentState {
  /** By session id, in the order this window first heard of them. */
  readonly sessions: Readonly<Record<string, SessionLive>>;
  /** The session the Agent view shows; null: the newest. */
  readonly selectedId: string | null;
  readonly select: (id: string | null) => void;
  readonly step: (step: AgentStep) => void;
  readonly text: (payload: PayloadOf<'agent.text'>) => void;
  readonly finished: (payload: PayloadOf<'agent.finished'>) => void;
  /** A tool call of a session this window follows; others are the Live view's business. */
  readonly call: (update: ToolCallUpdate) => void;
  readonly snapshot: (session: AgentSession) => void;
  readonly summaries: (summaries: readonly AgentSessionSummary[]) => void;
}

type Sessions = Readonly<Record<string, SessionLive>>;

function put(sessions: Sessions, id: string, change: (session: SessionLive) => SessionLive): Sessions {
  const current = sessions[id];
  const next = change(current ?? emptySession(id));
  if (next === current) return sessions;
  const all = { ...sessions, [id]: next };
  const ids = Object.keys(all);
  if (ids.length <= sessionsKept) return all;
  return Object.fromEntries(ids.slice(ids.length - sessionsKept).map((kept) => [kept, all[kept] as SessionLive]));
}

/**
 * What the Agent view shows of each session, fed by the agent.* events and by agent.get; it
 * lives for the window, so a session's timeline is there when the person comes back to the view.
 */
export const useAgentStore = create<AgentState>()((set) => ({
  sessions: {},
  selectedId: null,
  select: (selectedId) => set({ selectedId }),
  step: (step) => set((state) => ({ sessions: put(state.sessions, step.sessionId, (s) => withStep(s, step)) })),
  text: ({ sessionId, text }) => set((state) => ({ sessions: put(state.sessions, sessionId, (s) => withText(s, text)) })),
  finished: (payload) => set((state) => ({ sessions: put(state.sessions, payload.sessionId, (s) => withEnd(s, payload)) })),
  call: (update) =>
    set((state) => {
      const id = update.sessionId;
      if (id === null || state.sessions[id] === undefined) return state;
      return { sessions: put(state.sessions, id, (s) => withCall(s, update)) };
    }),
  snapshot: (session) => set((state) => ({ sessions: put(state.sessions, session.id, (s) => withSnapshot(s, session)) })),
  summaries: (summaries) =>
    set((state) => {
      let sessions = state.sessions;
      // Only sessions already followed: the list itself comes from agent.sessions.
      for (const summary of summaries) if (sessions[summary.id] !== undefined) sessions = put(sessions, summary.id, (s) => withSummary(s, summary));
      return sessions === state.sessions ? state : { sessions };
    }),
}));
