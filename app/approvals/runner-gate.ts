import type { Decision } from '../contract/policy.ts';
import type { Decider, JsonObject, RiskClass, ToolPreview } from '../contract/tools.ts';
import type { ApprovalQueue } from './approval-queue.ts';
import { toDecider } from './decider.ts';

/*
 * The runner's ApprovalGate (app/runner/approval-gate.ts), restated here because app/approvals
 * may not import app/runner. The shapes are structural: core passes `runnerGate(queue)` as the
 * pipeline's `approvals`, and the compiler checks there that the two still agree.
 */

export interface GateRequest {
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

export interface GateAnswer {
  readonly decision: 'approve' | 'deny';
  readonly by: Decider;
}

/** What the agent knows about the session the call came from; the runner does not. */
export interface SessionContext {
  readonly instructionExcerpt: string;
  readonly recentSteps: readonly string[];
  readonly untrustedSources: readonly string[];
}

const noContext: SessionContext = { instructionExcerpt: '', recentSteps: [], untrustedSources: [] };

/** Why the card asks: policy said ask, or the call is destructive and a person always decides. */
export function askReason(request: Pick<GateRequest, 'tool' | 'risk' | 'decision'>, reason: string): string {
  const rule = request.decision.rule === null ? '' : ` (policy rule ${request.decision.rule})`;
  if (request.decision.verdict === 'ask') return `${reason}${rule}`;
  return `${request.tool} is ${request.risk}: a person decides every such call. Policy: ${reason}${rule}`;
}

export function runnerGate(queue: ApprovalQueue, context: (request: GateRequest) => SessionContext = () => noContext) {
  return {
    async request(call: GateRequest, reason: string): Promise<GateAnswer> {
      const session = context(call);
      const resolution = await queue.request(
        {
          callId: call.id,
          sessionId: call.sessionId,
          actor: call.actor,
          tool: call.tool,
          risk: call.risk,
          args: call.args,
          reason: askReason(call, reason),
          preview: call.preview,
          instructionExcerpt: session.instructionExcerpt,
          recentSteps: [...session.recentSteps],
          untrustedSources: [...session.untrustedSources],
        },
        call.signal === undefined ? {} : { signal: call.signal },
      );
      return { decision: resolution.decision, by: toDecider(resolution.by) };
    },
  };
}
