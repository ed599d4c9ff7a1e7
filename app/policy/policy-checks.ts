import { posix } from 'node:path';
import type { Policy, PolicyBody } from '../contract/policy.ts';
import { findTool } from '../tools/manifests.ts';
import { isWithin } from './canonical-path.ts';

/**
 * Checks the schema cannot make because they need the tool catalogue or the data dir. A policy
 * with a problem is refused as a whole; warnings are shown in the Policy view and kept.
 */
export function policyProblems(body: PolicyBody, dataDir: string | undefined): string[] {
  const problems: string[] = [];
  for (const name of body.enabledTools) {
    if (findTool(name) === undefined) problems.push(`enabledTools: there is no tool named "${name}".`);
  }
  for (const rule of body.rules) {
    const at = `rule "${rule.id}"`;
    const tool = rule.tool === '*' ? undefined : findTool(rule.tool);
    if (rule.tool !== '*' && tool === undefined) {
      problems.push(`${at}: there is no tool named "${rule.tool}".`);
      continue;
    }
    if (rule.argv !== undefined && rule.tool !== '*' && rule.tool !== 'run_command') problems.push(`${at}: argv applies to run_command only.`);
    if (rule.hosts !== undefined && tool !== undefined && tool.risk !== 'network') problems.push(`${at}: hosts apply to network tools only.`);
    if (rule.paths !== undefined && tool !== undefined && tool.paths.length === 0) problems.push(`${at}: ${rule.tool} takes no paths.`);
    if (rule.verdict === 'allow' && tool?.risk === 'destructive') {
      problems.push(`${at}: ${rule.tool} is destructive and always asks a person; use ask or deny.`);
    }
  }
  if (dataDir !== undefined) {
    for (const [label, dir] of [['workspace', body.workspace], ...body.references.map((r) => ['reference', r] as const)] as const) {
      if (isWithin(dataDir, dir) || isWithin(dir, dataDir)) {
        problems.push(`The ${label} ${dir} overlaps Warden's data directory ${dataDir}, which holds the audit trail and the policy: the agent must never reach it.`);
      }
    }
  }
  return problems;
}

/** Programs that run whatever their arguments say: allowing them trusts the whole command line. */
const interpreters = new Set([
  'sh', 'bash', 'dash', 'zsh', 'ksh', 'fish', 'csh', 'tcsh', 'busybox', 'env', 'xargs', 'find', 'nice', 'nohup', 'timeout',
  'sudo', 'su', 'doas', 'python', 'python3', 'node', 'nodejs', 'deno', 'bun', 'perl', 'ruby', 'php', 'lua', 'awk', 'gawk', 'mawk',
  'make', 'npm', 'npx', 'pip', 'git',
]);
const interpreterName = (path: string): boolean => interpreters.has(posix.basename(path).replace(/[0-9.]+$/, '')) || interpreters.has(posix.basename(path));

export function policyWarnings(policy: Policy): string[] {
  const warnings: string[] = [];
  for (const command of policy.commands) {
    if (interpreterName(command)) {
      warnings.push(`${command} can run other programs or code given in its arguments: an allow rule for it trusts that whole command line. Prefer exact argv rules and keep it on ask.`);
    }
  }
  for (const rule of policy.rules) {
    if (rule.verdict === 'allow' && rule.tool === '*' && rule.paths === undefined && rule.argv === undefined && rule.hosts === undefined) {
      warnings.push(`Rule "${rule.id}" allows every call of every tool without asking (destructive calls still ask).`);
    }
    if (rule.verdict === 'allow' && rule.tool === 'run_command' && rule.argv === undefined) {
      warnings.push(`Rule "${rule.id}" allows run_command with any arguments for every allowlisted program.`);
    }
  }
  if (policy.acceptedIsolation !== 'full') {
    warnings.push(`Exec and destructive tools are allowed at ${policy.acceptedIsolation} isolation, below full: an admin accepted this.`);
  }
  const enabled = new Set(policy.enabledTools);
  if (enabled.has('run_command') && policy.commands.length === 0) warnings.push('run_command is enabled but no program is on the command allowlist, so every call is refused.');
  if (enabled.has('http_request') && policy.network.allowHosts.length === 0) warnings.push('http_request is enabled but no host is on the network allowlist, so every call is refused.');
  return warnings;
}

/** The risk classes `decide` refuses at this isolation level. */
export function refusedRisks(policy: Policy, isolation: Policy['acceptedIsolation']): Array<'exec' | 'destructive'> {
  const order = ['none', 'partial', 'full'];
  return order.indexOf(isolation) < order.indexOf(policy.acceptedIsolation) ? ['exec', 'destructive'] : [];
}
