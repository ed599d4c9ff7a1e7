import { randomUUID } from 'node:crypto';
import type { SessionContext } from '../approvals/index.ts';
import type { AgentSession, AgentSessionSummary } from '../contract/agent.ts';
import { agentDefaultMaxSteps, agentDefaultTokenBudget } from '../contract/agent.ts';
import type { Interface } from '../contract/caller.ts';
import { WardenError } from '../contract/result.ts';
import type { ModelHost } from '../model/index.ts';
import type { AgentTools, LoopOptions } from './agent-loop.ts';
import { defaultLoopOptions, runAgentLoop } from './agent-loop.ts';
import type { AgentEvent } from './agent-session.ts';
import { AgentSessionState } from './agent-session.ts';

export interface AgentSessionsOptions {
  readonly tools: AgentTools;
  /** Where steps, answer text and ends go (core: the event hub). A failing listener never stops a session. */
  readonly emit: (event: AgentEvent) => void;
  readonly logError?: (message: string, error: unknown) => void;
  /** Sessions running at once; the local model serves one call at a time anyway. */
  readonly maxRunning?: number;
  /** Ended sessions kept for `agent.sessions` and `agent.get`; older ones are forgotten. */
  readonly keepEnded?: number;
  readonly loop?: LoopOptions;
  readonly newId?: () => string;
  readonly now?: () => Date;
}

export interface StartRequest {
  readonly task: string;
  readonly host: ModelHost;
  readonly model: AgentSessionSummary['model'];
  /** Who started it (the caller's actor) and through which interface. */
  readonly startedBy: string;
  readonly interface?: Interface;
  readonly maxSteps?: number;
  readonly tokenBudget?: number;
}

export interface AgentSessions {
  /** Starts a session and returns at once; `ended` resolves when it has ended. */
  start(request: StartRequest): { sessionId: string; ended: Promise<AgentSessionSummary> };
  /** Stops a running session (an ended one is left as it is); not_found for an unknown id. */
  stop(sessionId: string, reason: string): Promise<AgentSessionSummary>;
  /** The kill switch: stops every running session at once and says how many there were (they end within moments: see `idle`). */
  stopAll(reason: string): number;
  /** Resolves once no session is running (after `stopAll`: once each has let go of its model and tool calls). */
  idle(): Promise<void>;
  list(): AgentSessionSummary[];
  get(sessionId: string): AgentSession;
  /** What the approval card shows about the session a call came from; undefined for calls from elsewhere. */
  contextFor(sessionId: string | null): SessionContext | undefined;
}

export function createAgentSessions(options: AgentSessionsOptions): AgentSessions {
  const maxRunning = options.maxRunning ?? 4;
  const keepEnded = options.keepEnded ?? 50;
  const newId = options.newId ?? (() => randomUUID());
  const now = options.now ?? (() => new Date());
  const logError = options.logError ?? (() => undefined);
  /** In start order: oldest first. */
  const sessions = new Map<string, AgentSessionState>();

  const emit = (event: AgentEvent): void => {
    try {
      options.emit(event);
    } catch (error) {
      logError(`could not push ${event.name}`, error);
    }
  };
  const running = () => [...sessions.values()].filter((s) => s.running);
  const find = (sessionId: string): AgentSessionState => {
    const session = sessions.get(sessionId);
    if (session === undefined) throw new WardenError('not_found', `There is no agent session ${sessionId} (ended sessions are kept for a while, not forever).`);
    return session;
  };
  const forgetOld = (): void => {
    const ended = [...sessions.values()].filter((s) => !s.running);
    for (const session of ended.slice(0, Math.max(0, ended.length - keepEnded))) sessions.delete(session.id);
  };

  return {
    start(request) {
      if (running().length >= maxRunning) {
        throw new WardenError('conflict', `${maxRunning} agent sessions are running already: stop one or wait for one to end.`);
      }
      const session = new AgentSessionState(
        {
          id: newId(),
          task: request.task,
          model: request.model,
          startedBy: request.startedBy,
          ...(request.interface === undefined ? {} : { interface: request.interface }),
          maxSteps: request.maxSteps ?? agentDefaultMaxSteps,
          tokenBudget: request.tokenBudget ?? agentDefaultTokenBudget,
        },
        emit,
        now,
      );
      sessions.set(session.id, session);
      forgetOld();
      void runAgentLoop(session, request.host, options.tools, options.loop ?? defaultLoopOptions).catch((error: unknown) => {
        // The loop turns every failure into an end; this is the net under a bug in it.
        logError(`agent session ${session.id} failed`, error);
        session.end('failed', { error: 'The agent loop failed unexpectedly; see the console log.' });
      });
      return { sessionId: session.id, ended: session.ended };
    },
    async stop(sessionId, reason) {
      const session = find(sessionId);
      session.stop(reason);
      return session.running ? session.ended : session.summary();
    },
    stopAll(reason) {
      const stopping = running();
      for (const session of stopping) session.stop(reason);
      return stopping.length;
    },
    async idle() {
      await Promise.all(running().map((session) => session.ended));
    },
    list: () => [...sessions.values()].reverse().map((session) => session.summary()),
    get: (sessionId) => find(sessionId).view(),
    contextFor: (sessionId) => (sessionId === null ? undefined : sessions.get(sessionId)?.context()),
  };
}
