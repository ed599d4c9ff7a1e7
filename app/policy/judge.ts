import type { Policy } from '../contract/policy.ts';
import type { Judgement } from '../tools/prepared-call.ts';
import type { DecisionContext } from './decide.ts';
import { decide } from './decide.ts';
import type { PathInspector } from './path-inspector.ts';
import { diskInspector } from './path-inspector.ts';
import { validateCall } from './validate-call.ts';

export interface CallRequest {
  readonly tool: string;
  readonly args: unknown;
}

/** Validation, then policy: the one function the tool-call pipeline asks about a call. */
export function judgeCall(request: CallRequest, policy: Policy, context: DecisionContext, fs: PathInspector = diskInspector): Judgement {
  const validation = validateCall(request.tool, request.args, policy, fs);
  if (!validation.ok) return validation;
  return { ok: true, call: validation.call, decision: decide(validation.call, policy, context) };
}
