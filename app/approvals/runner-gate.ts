import type { GateAnswer, GateRequest } from '../contract/tools.ts';
import type { ApprovalQueue } from './approval-queue.ts';
import { toDecider } from './decider.ts';

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
