import type { Decision, Policy, RunnerIsolation, Verdict } from '../contract/policy.ts';
import type { RiskClass } from '../contract/tools.ts';
import type { PreparedCall } from '../tools/prepared-call.ts';
import type { CompiledRule } from './compiled-policy.ts';
import { compilePolicy } from './compiled-policy.ts';
import { hostMatches } from './host-match.ts';

export interface DecisionContext {
  /** The isolation level the runner reaches now. */
  readonly isolation: RunnerIsolation;
  /** The session has seen untrusted content: its outbound, exec and destructive calls ask at least. */
  readonly tainted?: boolean;
}

/**
 * What happens when no rule matches. Reads are allowed: they stay inside the perimeter and run
 * sandboxed, and the perimeter is the control. Everything that changes something or leaves the
 * machine asks: writes (a person sees the diff), destructive calls (DESIGN.md: always held for a
 * person), network (the one way data leaves) and exec (arbitrary code, even if sandboxed, can
 * rewrite the whole workspace).
 */
export const defaultVerdicts: Readonly<Record<RiskClass, Verdict>> = {
  read: 'allow',
  write: 'ask',
  destructive: 'ask',
  network: 'ask',
  exec: 'ask',
};

const strength: Readonly<Record<Verdict, number>> = { allow: 0, ask: 1, deny: 2 };
const isolationStrength: Readonly<Record<RunnerIsolation, number>> = { none: 0, partial: 1, full: 2 };

const deny = (reason: string, rule: string | null = null): Decision => ({ verdict: 'deny', reason, rule });

function pathsMatch(rule: CompiledRule, patterns: readonly RegExp[], call: PreparedCall): boolean {
  if (call.paths.length === 0) return false;
  const matches = (path: string): boolean => patterns.some((re) => re.test(path));
  // An allow covers a call only when it covers every path of it; ask and deny apply if any path is hit.
  return rule.verdict === 'allow' ? call.paths.every((p) => matches(p.path)) : call.paths.some((p) => matches(p.path));
}

function ruleMatches(rule: CompiledRule, call: PreparedCall): boolean {
  if (rule.argv !== null) {
    const argv = call.tool.name === 'run_command' ? (call.args['argv'] as readonly string[]) : null;
    if (argv === null || argv.length !== rule.argv.length) return false;
    for (let i = 0; i < argv.length; i++) if (argv[i] !== rule.argv[i]) return false;
  }
  if (rule.hosts !== null) {
    const target = call.target;
    if (target === undefined || !rule.hosts.some((host) => hostMatches(host, target.hostname, target.port))) return false;
  }
  return rule.paths === null || pathsMatch(rule, rule.paths, call);
}

const describe = (rule: CompiledRule): string => `Rule "${rule.rule.id}"${rule.rule.note === undefined ? '' : ` (${rule.rule.note})`}`;

/**
 * The policy decision for one validated call: deny > ask > allow. Perimeter facts come first and
 * no rule overrides them (tool not enabled, isolation below what the admin accepted, a program not
 * on the allowlist, a host not on the network allowlist); then the rules of the tool and of `*`;
 * then the default of the risk class. Destructive calls and calls of a tainted session never end
 * below ask. A pure function: same inputs, same answer, no I/O.
 */
export function decide(call: PreparedCall, policy: Policy, context: DecisionContext): Decision {
  const compiled = compilePolicy(policy);
  const { name, risk } = call.tool;
  if (!compiled.enabled.has(name)) return deny(`${name} is not enabled in the policy.`);
  if ((risk === 'exec' || risk === 'destructive') && isolationStrength[context.isolation] < isolationStrength[policy.acceptedIsolation]) {
    return deny(
      `Isolation is ${context.isolation}: ${risk} tools are refused below ${policy.acceptedIsolation} isolation. Run \`sudo warden setup-sandbox\`, or have an admin accept ${context.isolation} isolation in the Policy view.`,
    );
  }
  if (name === 'run_command') {
    const program = call.executable;
    if (program === undefined || !compiled.commands.has(program.real)) {
      return deny(`${program?.path ?? 'The program'} is not on the command allowlist of the policy.`);
    }
  }
  if (risk === 'network') {
    const target = call.target;
    if (target === undefined || !policy.network.allowHosts.some((host) => hostMatches(host, target.hostname, target.port))) {
      return deny(`${target === undefined ? 'The host' : `${target.hostname}:${target.port}`} is not on the network allowlist of the policy.`);
    }
  }

  let strongest: CompiledRule | null = null;
  for (const key of [name, '*']) {
    for (const rule of compiled.rules.get(key) ?? []) {
      if (!ruleMatches(rule, call)) continue;
      if (rule.verdict === 'deny') return deny(`${describe(rule)} denies this.`, rule.rule.id);
      if (strongest === null || strength[rule.verdict] > strength[strongest.verdict]) strongest = rule;
    }
  }
  const decision: Decision =
    strongest === null
      ? { verdict: defaultVerdicts[risk], reason: `No rule matches; ${risk} calls ${defaultVerdicts[risk] === 'allow' ? 'are allowed' : 'ask a person'} by default.`, rule: null }
      : { verdict: strongest.verdict, reason: `${describe(strongest)} says ${strongest.verdict}.`, rule: strongest.rule.id };

  if (decision.verdict === 'allow' && risk === 'destructive') {
    return { verdict: 'ask', reason: 'Destructive calls always ask a person.', rule: decision.rule };
  }
  if (decision.verdict === 'allow' && context.tainted === true && (risk === 'network' || risk === 'exec' || risk === 'destructive')) {
    return { verdict: 'ask', reason: `This session has read untrusted content, so its ${risk} calls ask a person.`, rule: decision.rule };
  }
  return decision;
}
