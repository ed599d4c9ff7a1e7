import type { ApprovalResolution, ApprovalView, RememberedRule } from '../contract/approvals.ts';
import type { AuditEventInput } from '../contract/audit.ts';
import type { Caller } from '../contract/caller.ts';
import { toDecider } from './decider.ts';

/**
 * Appends one event to the audit trail (core passes `warden.record`, which redacts). Synchronous
 * on purpose: a decision is recorded before it takes effect, with no other answer in between.
 * It throws when the trail cannot record; an approval that cannot be recorded becomes a denial.
 */
export type RecordAudit = (event: AuditEventInput) => void;

const verb = (resolution: ApprovalResolution): string => (resolution.decision === 'approve' ? 'approved' : 'denied');

const ids = (view: ApprovalView) => ({ approvalId: view.id, callId: view.callId, risk: view.risk });

export function requestedEvent(view: ApprovalView): AuditEventInput {
  return {
    kind: 'approval',
    status: 'pending',
    actor: view.actor,
    summary: `${view.tool} waits for a person until ${view.expiresAt}: ${view.reason}`,
    ...(view.sessionId === null ? {} : { sessionId: view.sessionId }),
    tool: view.tool,
    args: view.args,
    ...(view.instructionExcerpt === '' ? {} : { excerpt: view.instructionExcerpt }),
    decision: 'ask',
    details: {
      ...ids(view),
      reason: view.reason,
      requestedAt: view.requestedAt,
      expiresAt: view.expiresAt,
      preview: view.preview?.kind ?? null,
      untrustedSources: view.untrustedSources,
    },
  };
}

export function resolvedEvent(view: ApprovalView, state: 'decided' | 'expired', resolution: ApprovalResolution): AuditEventInput {
  const { by } = resolution;
  return {
    kind: 'approval',
    status: resolution.decision === 'approve' ? 'success' : 'denied',
    // Who acted: the person, or the core for a rule, the timeout, a restart or a cancellation.
    actor: by.kind === 'person' ? by.name : 'warden',
    summary: `${view.tool} ${verb(resolution)} by ${by.name}${resolution.interface === null ? '' : ` (${resolution.interface})`}`,
    ...(view.sessionId === null ? {} : { sessionId: view.sessionId }),
    tool: view.tool,
    decision: resolution.decision === 'approve' ? 'allow' : 'deny',
    decidedBy: toDecider(by),
    durationMs: Math.max(0, Date.parse(resolution.at) - Date.parse(view.requestedAt)),
    ...(resolution.interface === null ? {} : { interface: resolution.interface }),
    details: { ...ids(view), state, by: { kind: by.kind, name: by.name }, at: resolution.at, ruleId: resolution.ruleId, requestedBy: view.actor },
  };
}

/** Saving or revoking a remembered rule changes what runs without asking: a policy change. */
export function ruleEvent(action: 'saved' | 'revoked', rule: RememberedRule, caller: Caller): AuditEventInput {
  return {
    kind: 'policy_change',
    status: 'success',
    actor: caller.actor,
    summary: `Remembered rule ${action}: ${rule.description}`,
    tool: rule.match.tool,
    interface: caller.interface,
    details: { action, ruleId: rule.id, match: rule.match, description: rule.description, fromApproval: rule.fromApproval, useCount: rule.useCount },
  };
}
