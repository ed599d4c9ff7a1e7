import type { GateAnswer, GateRequest } from '../contract/tools.ts';

/** Where ask and destructive calls wait for a person: the approval queue, through core. */
export interface ApprovalGate {
  request(call: GateRequest, reason: string): Promise<GateAnswer>;
}

/** With no gate given, ask means deny: nothing that needs a person runs without one. */
export const denyingGate: ApprovalGate = {
  request: async () => ({
    decision: 'deny',
    by: { kind: 'system', name: 'no approval queue yet: ask means deny' },
  }),
};
