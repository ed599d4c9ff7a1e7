import type { ApprovalGate, Runner, ToolCallPipeline } from '../runner/index.ts';
import { createToolCallPipeline } from '../runner/index.ts';
import type { PolicyChange, PolicyStore } from '../policy/index.ts';
import { judgeCall, policyView } from '../policy/index.ts';
import { toolInfo, toolManifests } from '../tools/index.ts';
import type { AuditJsonObject, Handlers, IsolationReport } from '../contract/index.ts';
import type { RecordAudit } from './audit-service.ts';
import type { EventHub } from './event-hub.ts';

type PerimeterHandlers = Pick<Handlers, 'policy.get' | 'policy.update' | 'policy.acceptIsolation' | 'policy.recheckIsolation' | 'tools.list' | 'tools.call'>;

export interface PerimeterDeps {
  store: PolicyStore;
  runner: Runner;
  events: EventHub;
  record: RecordAudit;
  redact: (value: unknown) => unknown;
  approvals: ApprovalGate;
}

/** A policy as plain JSON for the audit record (optional fields that are absent simply do not appear). */
const asJson = (value: object): AuditJsonObject => JSON.parse(JSON.stringify(value)) as AuditJsonObject;

/** Two checks found the same isolation: when they ran does not count. */
const sameIsolation = (a: IsolationReport, b: IsolationReport): boolean => JSON.stringify({ ...a, checkedAt: '' }) === JSON.stringify({ ...b, checkedAt: '' });

/** Validation → policy → approval → sandbox → audit, for every caller (console, CLI, agent). */
export function createPipeline(deps: PerimeterDeps): ToolCallPipeline {
  return createToolCallPipeline({
    runner: deps.runner,
    policy: () => deps.store.current(),
    judge: judgeCall,
    recorder: { record: (event) => void deps.record(event) },
    emit: (update) => deps.events.emit('toolcall.updated', update),
    redact: deps.redact,
    approvals: deps.approvals,
  });
}

export function perimeterHandlers(deps: PerimeterDeps, pipeline: ToolCallPipeline): PerimeterHandlers {
  const { store, runner, events, record } = deps;
  const view = () => policyView(store.current(), runner.isolation, store.file);
  // Every change is audited with before and after, and announced so every console refetches.
  const announce = (change: PolicyChange, actor: string, summary: string, extra: Record<string, string> = {}) => {
    record({ kind: 'policy_change', status: 'success', actor, summary, details: { before: asJson(change.before), after: asJson(change.after), ...extra } });
    events.emit('policy.changed', { revision: change.after.revision, updatedAt: change.after.updatedAt, changed: change.changed });
    return view();
  };
  // The isolation last announced. Callers during one check share its report: the first to see it
  // records and announces the change, the others find it already announced.
  let announced = runner.isolation;
  return {
    'policy.get': () => view(),
    'policy.update': (input, caller) => announce(store.update(input), caller.actor, 'Policy changed'),
    'policy.acceptIsolation': ({ level, reason }, caller) =>
      announce(store.acceptIsolation(level), caller.actor, `Isolation level "${level}" accepted for exec and destructive tools`, { reason }),
    'policy.recheckIsolation': async (_input, caller) => {
      const found = await runner.recheck();
      if (sameIsolation(found, announced)) return view();
      const before = announced;
      announced = found;
      const summary = before.level === found.level ? `Isolation re-checked: still ${found.level}, what is missing changed` : `Isolation re-checked: ${before.level} → ${found.level}`;
      record({ kind: 'policy_change', status: 'success', actor: caller.actor, interface: caller.interface, summary, details: { before: asJson(before), after: asJson(found) } });
      const { revision, updatedAt } = store.current();
      events.emit('policy.changed', { revision, updatedAt, changed: ['isolation'] });
      return view();
    },
    'tools.list': () => {
      const enabled = new Set(store.current().enabledTools);
      return { tools: toolManifests.map((manifest) => toolInfo(manifest, enabled.has(manifest.name))) };
    },
    'tools.call': ({ name, args, sessionId }, caller) =>
      pipeline.call({ tool: name, args, actor: caller.actor, interface: caller.interface, ...(sessionId ? { sessionId } : {}) }),
  };
}
