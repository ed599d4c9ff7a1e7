import type { ApprovalQueue } from '../approvals/index.ts';
import type { Caller, PanicResult } from '../contract/index.ts';
import type { PolicyStore } from '../policy/index.ts';
import { editableBody } from '../policy/index.ts';
import type { Runner } from '../runner/index.ts';
import type { RecordAudit } from './audit-service.ts';

export interface KillSwitchDeps {
  runner: Runner;
  approvals: ApprovalQueue | null;
  policy: PolicyStore;
  record: RecordAudit;
  /** Stops every agent session; returns how many were running. */
  stopSessions: () => number;
}

/**
 * `warden panic`: in this order, so nothing new starts while the rest is torn down: lock the
 * tools (an audited policy change), stop the agent, deny what waits for a person, kill what runs.
 */
export function pullKillSwitch(deps: KillSwitchDeps, reason: string, caller: Caller): PanicResult {
  const current = deps.policy.current();
  let toolsLocked = current.enabledTools.length === 0;
  if (!toolsLocked) {
    const change = deps.policy.update({ policy: { ...editableBody(current), enabledTools: [] }, expectedRevision: current.revision });
    toolsLocked = true;
    deps.record({
      kind: 'policy_change',
      status: 'success',
      actor: caller.actor,
      interface: caller.interface,
      summary: 'Kill switch: every tool disabled',
      details: { enabledToolsBefore: [...change.before.enabledTools], enabledToolsAfter: [] },
    });
  }
  const sessionsStopped = deps.stopSessions();
  const pendingDenied = deps.approvals?.cancelAll(`kill switch: ${reason}`) ?? 0;
  const runsKilled = deps.runner.cancelAll();
  const result = { runsKilled, pendingDenied, sessionsStopped, toolsLocked };
  deps.record({
    kind: 'lifecycle',
    status: 'success',
    actor: caller.actor,
    interface: caller.interface,
    summary: `Kill switch pulled: ${reason}`,
    details: { reason, ...result },
  });
  return result;
}
