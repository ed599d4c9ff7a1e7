import type { AgentEvent, AgentSessions, AgentTools } from '../agent/index.ts';
import { createAgentSessions } from '../agent/index.ts';
import type { AgentEndStatus, AgentModelChoice, AgentSessionSummary, AuditStatus, Caller, Handlers } from '../contract/index.ts';
import { WardenError } from '../contract/index.ts';
import type { ModelHost } from '../model/index.ts';
import { ScriptedHost } from '../model/index.ts';
import type { PolicyStore } from '../policy/index.ts';
import { refusedRisks } from '../policy/index.ts';
import type { Runner, ToolCallPipeline } from '../runner/index.ts';
import { toolInfo, toolManifests } from '../tools/index.ts';
import type { RecordAudit } from './audit-service.ts';
import type { EventHub } from './event-hub.ts';

type AgentHandlers = Pick<Handlers, 'agent.start' | 'agent.stop' | 'agent.sessions' | 'agent.get'>;

export interface AgentServiceDeps {
  readonly tools: ToolCallPipeline;
  readonly policy: PolicyStore;
  readonly runner: Runner;
  readonly model: () => Promise<ModelHost>;
  readonly events: EventHub;
  readonly record: RecordAudit;
  readonly logError: (message: string, error: unknown) => void;
}

/**
 * The tools the model is offered: those the policy enables, less those refused at the isolation
 * the runner reaches (a tool the model sees but can never use only invites it to try).
 */
function offeredTools(policy: PolicyStore, runner: Runner): AgentTools['offered'] {
  return () => {
    const current = policy.current();
    const enabled = new Set(current.enabledTools);
    const refused = new Set<string>(refusedRisks(current, runner.isolation.level));
    return toolManifests.filter((tool) => enabled.has(tool.name) && !refused.has(tool.risk)).map((tool) => toolInfo(tool, true));
  };
}

function emitAgentEvent(events: EventHub, event: AgentEvent): void {
  switch (event.name) {
    case 'agent.step':
      return events.emit(event.name, event.payload);
    case 'agent.text':
      return events.emit(event.name, event.payload);
    case 'agent.finished':
      return events.emit(event.name, event.payload);
  }
}

const auditStatus: Readonly<Record<AgentEndStatus, AuditStatus>> = {
  completed: 'success',
  stopped: 'failure',
  failed: 'failure',
  budget_exhausted: 'failure',
  step_limit: 'failure',
};

/** The model a session runs on: the one loaded in this console, or the client's script (model output only, no privilege). */
async function hostFor(choice: AgentModelChoice, caller: Caller, loaded: () => Promise<ModelHost>): Promise<{ host: ModelHost; model: AgentSessionSummary['model'] }> {
  if (choice.kind === 'scripted') {
    const label = choice.script.name ?? `script of ${choice.script.turns.length} turns`;
    return { host: new ScriptedHost(choice.script, `script from ${caller.actor}`), model: { kind: 'scripted', label: label.slice(0, 500) } };
  }
  const host = await loaded();
  const status = host.status();
  if (status.state !== 'ready') {
    throw new WardenError('unavailable', `No model is ready (${status.state}): load a model first (model.load), then start the session.`);
  }
  return { host, model: { kind: 'loaded', label: (status.model?.fileName ?? 'the loaded model').slice(0, 500) } };
}

export interface AgentService {
  readonly sessions: AgentSessions;
  readonly handlers: AgentHandlers;
}

/** Agent sessions on the one tool-call pipeline, their handlers, and a record of each session's start and end. */
export function createAgentService(deps: AgentServiceDeps): AgentService {
  const sessions = createAgentSessions({
    tools: { offered: offeredTools(deps.policy, deps.runner), call: (request) => deps.tools.call(request) },
    emit: (event) => emitAgentEvent(deps.events, event),
    logError: deps.logError,
  });
  const recordEnd = (start: { sessionId: string; excerpt: string; interface: Caller['interface'] }, end: AgentSessionSummary) =>
    deps.record({
      kind: 'lifecycle',
      status: end.status === 'running' ? 'pending' : auditStatus[end.status],
      actor: `agent session ${start.sessionId}`.slice(0, 200),
      summary: `Agent session ended: ${end.status}${end.error === null ? '' : `: ${end.error}`}`.slice(0, 2000),
      ...start,
      details: { status: end.status, turns: end.turns, outputTokens: end.outputTokens, tainted: end.tainted },
    });
  const handlers: AgentHandlers = {
    'agent.start': async ({ task, model, maxSteps, tokenBudget }, caller) => {
      const { host, model: label } = await hostFor(model, caller, deps.model);
      const { sessionId, ended } = sessions.start({
        task,
        host,
        model: label,
        startedBy: caller.actor,
        interface: caller.interface,
        ...(maxSteps === undefined ? {} : { maxSteps }),
        ...(tokenBudget === undefined ? {} : { tokenBudget }),
      });
      const start = { sessionId, excerpt: task, interface: caller.interface };
      deps.record({ kind: 'lifecycle', status: 'success', actor: caller.actor, summary: `Agent session started on ${label.label}`, ...start, details: { model: label.kind } });
      void ended.then((end) => recordEnd(start, end)).catch((error: unknown) => deps.logError(`could not record the end of agent session ${sessionId}`, error));
      return { sessionId };
    },
    'agent.stop': ({ sessionId }, caller) => sessions.stop(sessionId, `Stopped by ${caller.actor}.`),
    'agent.sessions': () => ({ sessions: sessions.list() }),
    'agent.get': ({ sessionId }) => sessions.get(sessionId),
  };
  return { sessions, handlers };
}
