import type { Policy, PolicyRule, Verdict } from '../contract/policy.ts';
import { compileGlob } from './glob.ts';

export interface CompiledRule {
  readonly rule: PolicyRule;
  readonly verdict: Verdict;
  readonly paths: readonly RegExp[] | null;
  readonly argv: readonly string[] | null;
  readonly hosts: readonly string[] | null;
}

export interface CompiledPolicy {
  readonly enabled: ReadonlySet<string>;
  readonly commands: ReadonlySet<string>;
  /** Rules by tool name; `*` holds the rules for every tool. */
  readonly rules: ReadonlyMap<string, readonly CompiledRule[]>;
}

// A policy object never changes (the store replaces it on every edit), so its compiled form is
// computed once and dropped with it: decide() stays a pure function of (call, policy, context).
const cache = new WeakMap<Policy, CompiledPolicy>();

export function compilePolicy(policy: Policy): CompiledPolicy {
  const cached = cache.get(policy);
  if (cached !== undefined) return cached;
  const rules = new Map<string, CompiledRule[]>();
  for (const rule of policy.rules) {
    const compiled: CompiledRule = {
      rule,
      verdict: rule.verdict,
      paths: rule.paths?.map((pattern) => compileGlob(pattern, policy.workspace)) ?? null,
      argv: rule.argv ?? null,
      hosts: rule.hosts ?? null,
    };
    const list = rules.get(rule.tool) ?? [];
    list.push(compiled);
    rules.set(rule.tool, list);
  }
  const result: CompiledPolicy = { enabled: new Set(policy.enabledTools), commands: new Set(policy.commands), rules };
  cache.set(policy, result);
  return result;
}
