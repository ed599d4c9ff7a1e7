import type { Decision } from '../contract/policy.ts';
import type { Decider, JsonObject, RiskClass, ToolPreview } from '../contract/tools.ts';

/** What a person is asked about: the call (arguments redacted), why it asks, what it would change. */
export interface ApprovalRequest {
  readonly id: string;
  readonly sessionId: string | null;
  readonly actor: string;
  readonly tool: string;
  readonly risk: RiskClass;
  readonly args: JsonObject;
  readonly decision: Decision;
  readonly preview: ToolPreview | null;
  readonly signal?: AbortSignal;
}

export interface ApprovalDecision {
  readonly decision: 'approve' | 'deny';
  /** A person, the approval timeout, a remembered rule, or the core. */
  readonly by: Decider;
}

/** Where ask and destructive calls wait for a person. Issue 7 (approvals) provides the real one. */
export interface ApprovalGate {
  request(call: ApprovalRequest, reason: string): Promise<ApprovalDecision>;
}

/** Until approvals land, ask means deny: nothing that needs a person runs without one. */
export const denyingGate: ApprovalGate = {
  request: async () => ({
    decision: 'deny',
    by: { kind: 'system', name: 'no approval queue yet: ask means deny' },
  }),
};
