import type { ApprovalDecider } from '../contract/approvals.ts';
import type { Decider } from '../contract/tools.ts';

/**
 * The approval decider as the audit trail and tool calls spell it: they have no `restart`,
 * because a restart is the core acting (and a call never outlives one).
 */
export const toDecider = (by: ApprovalDecider): Decider => ({ kind: by.kind === 'restart' ? 'system' : by.kind, name: by.name });
