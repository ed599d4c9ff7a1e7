import type { ApprovalChange, ApprovalQueue } from '../approvals/index.ts';
import type { Handlers } from '../contract/index.ts';
import { WardenError } from '../contract/index.ts';
import type { EventHub } from './event-hub.ts';

type ApprovalsHandlers = Pick<
  Handlers,
  'approvals.list' | 'approvals.decide' | 'approvals.proposeRule' | 'approvals.rules' | 'approvals.revokeRule'
>;

export function approvalsHandlers(queue: ApprovalQueue | null): ApprovalsHandlers {
  if (queue === null) {
    const elsewhere = () => {
      throw new WardenError('unavailable', 'Approvals are answered in the running console (warden serve or the desktop app).');
    };
    return {
      'approvals.list': elsewhere,
      'approvals.decide': elsewhere,
      'approvals.proposeRule': elsewhere,
      'approvals.rules': elsewhere,
      'approvals.revokeRule': elsewhere,
    };
  }
  return {
    'approvals.list': ({ state, limit }) => ({
      requests: queue.list({ ...(state ? { state } : {}), ...(limit ? { limit } : {}) }),
      pending: queue.pendingCount(),
    }),
    'approvals.decide': ({ id, decision, remember, scope }, caller) =>
      queue.decide(id, { decision, ...(remember === undefined ? {} : { remember }), ...(scope ? { scope } : {}) }, caller),
    'approvals.proposeRule': ({ id, scope }) => queue.proposeRule(id, scope),
    'approvals.rules': () => ({ rules: queue.listRules() }),
    'approvals.revokeRule': ({ id }, caller) => ({ rule: queue.revokeRule(id, caller) }),
  };
}

/** The queue's changes become contract events, whichever interface answers first. */
export function emitApprovalChange(events: EventHub, change: ApprovalChange): void {
  switch (change.name) {
    case 'approvals.requested':
      return events.emit(change.name, change.payload);
    case 'approvals.decided':
      return events.emit(change.name, change.payload);
    case 'approvals.expired':
      return events.emit(change.name, change.payload);
    case 'approvals.changed':
      return events.emit(change.name, change.payload);
    case 'approvals.rulesChanged':
      return events.emit(change.name, change.payload);
  }
}
