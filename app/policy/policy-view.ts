import type { IsolationReport, Policy, PolicyView } from '../contract/policy.ts';
import { policyWarnings, refusedRisks } from './policy-checks.ts';

/** What `policy.get` answers: the policy, the isolation it meets, what is refused, what to watch out for. */
export function policyView(policy: Policy, isolation: IsolationReport, file: string): PolicyView {
  return {
    policy,
    isolation,
    refusedRisks: refusedRisks(policy, isolation.level),
    warnings: policyWarnings(policy),
    file,
  };
}
