import type { z } from 'zod';
import type { PolicyBody, PolicyRule, PolicyUpdateInput, RiskClass, Verdict } from '../../../app/contract/index.ts';
import { LimitsSchema, PolicyUpdateInputSchema } from '../../../app/contract/index.ts';
import type { LimitKey } from './policy-words.ts';
import { limitKeys, limitViews } from './policy-words.ts';

/**
 * The policy edit form as text fields, and how it becomes a `policy.update` input. Checked with
 * the contract's own schema, so the form refuses what the core would refuse for its shape; what
 * needs the disk (a directory exists, a program exists, the data dir is not reached) only the
 * core can say, and the page shows its answer.
 */

export interface RuleFields {
  /** Stable across edits, for React and for error keys; never sent. */
  readonly key: string;
  readonly id: string;
  readonly tool: string;
  readonly verdict: Verdict;
  /** One glob per line. */
  readonly paths: string;
  /** One argument per line, program first. */
  readonly argv: string;
  /** One host pattern per line. */
  readonly hosts: string;
  readonly note: string;
}

export interface PolicyFields {
  readonly workspace: string;
  /** One directory per line. */
  readonly references: string;
  readonly enabledTools: readonly string[];
  /** One program per line. */
  readonly commands: string;
  /** One host pattern per line. */
  readonly hosts: string;
  readonly rules: readonly RuleFields[];
  readonly limits: Readonly<Record<LimitKey, string>>;
}

/**
 * Error messages by field: `workspace`, `references`, `enabledTools`, `commands`, `hosts`, `rules`,
 * `rules.<key>` and `rules.<key>.<field>`, `limits.<name>`, and `form` for the rest.
 */
export type PolicyErrors = Readonly<Record<string, string>>;

export type CheckedPolicy = { readonly ok: true; readonly input: PolicyUpdateInput } | { readonly ok: false; readonly errors: PolicyErrors };

/** The part of a policy that `policy.update` replaces, in the order the core writes it. */
export function editableBody(policy: PolicyBody): PolicyBody {
  const { workspace, references, enabledTools, rules, commands, network, limits } = policy;
  return { workspace, references, enabledTools, rules, commands, network, limits };
}

/** Whether two bodies say the same thing (a revision that changed only the accepted isolation keeps a draft valid). */
export const sameBody = (a: PolicyBody, b: PolicyBody): boolean => JSON.stringify(editableBody(a)) === JSON.stringify(editableBody(b));

/** Non-empty lines, trimmed. */
export const splitLines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** An argument vector, one argument per line, kept as typed (spaces are part of an argument); empty lines are dropped. */
export const splitArgv = (text: string): string[] => text.split(/\r?\n/).filter((line) => line !== '');

const joinLines = (values: readonly string[] | undefined): string => (values ?? []).join('\n');

let nextKey = 0;
/** A key no other rule of this window has. */
export const freshRuleKey = (): string => `rule-key-${++nextKey}`;

export function ruleFieldsOf(rule: PolicyRule, key: string = freshRuleKey()): RuleFields {
  return {
    key,
    id: rule.id,
    tool: rule.tool,
    verdict: rule.verdict,
    paths: joinLines(rule.paths),
    argv: joinLines(rule.argv),
    hosts: joinLines(rule.hosts),
    note: rule.note ?? '',
  };
}

/** The form prefilled from the policy in force. */
export function fieldsOf(body: PolicyBody): PolicyFields {
  return {
    workspace: body.workspace,
    references: joinLines(body.references),
    enabledTools: [...body.enabledTools],
    commands: joinLines(body.commands),
    hosts: joinLines(body.network.allowHosts),
    rules: body.rules.map((rule) => ruleFieldsOf(rule)),
    limits: Object.fromEntries(limitKeys.map((key) => [key, String(body.limits[key])])) as Record<LimitKey, string>,
  };
}

/** Which match fields a rule of this tool can have (the core refuses the others). */
export interface RuleScope {
  readonly paths: boolean;
  readonly argv: boolean;
  readonly hosts: boolean;
}

export function ruleScope(tool: string, risk: RiskClass | undefined): RuleScope {
  if (tool === '*') return { paths: true, argv: true, hosts: true };
  if (risk === 'network') return { paths: false, argv: false, hosts: true };
  return { paths: true, argv: tool === 'run_command', hosts: false };
}

/** Digits only, else NaN (which the schema refuses with the field's range). */
export const parseWhole = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** One rule as the form says it; only the match fields its tool can have, and only when filled in. */
export function ruleOf(fields: RuleFields, risk: RiskClass | undefined): PolicyRule {
  const scope = ruleScope(fields.tool, risk);
  const paths = splitLines(fields.paths);
  const argv = splitArgv(fields.argv);
  const hosts = splitLines(fields.hosts);
  const note = fields.note.trim();
  return {
    id: fields.id.trim(),
    tool: fields.tool,
    verdict: fields.verdict,
    ...(scope.paths && paths.length > 0 ? { paths } : {}),
    ...(scope.argv && argv.length > 0 ? { argv } : {}),
    ...(scope.hosts && hosts.length > 0 ? { hosts } : {}),
    ...(note === '' ? {} : { note }),
  };
}

/** The body the form describes, unchecked (a limit that is not a number is NaN). */
export function bodyOf(fields: PolicyFields, risks: ReadonlyMap<string, RiskClass>): PolicyBody {
  return {
    workspace: fields.workspace.trim(),
    references: splitLines(fields.references),
    enabledTools: [...fields.enabledTools],
    rules: fields.rules.map((rule) => ruleOf(rule, risks.get(rule.tool))),
    commands: splitLines(fields.commands),
    network: { allowHosts: splitLines(fields.hosts) },
    limits: Object.fromEntries(limitKeys.map((key) => [key, parseWhole(fields.limits[key])])) as PolicyBody['limits'],
  };
}

type Issue = z.ZodError['issues'][number];

/** A message about one entry of a list names the entry, unless it already does. */
const about = (value: unknown, message: string): string =>
  typeof value === 'string' && !message.includes(value) ? `“${value}”: ${message}` : message;

function limitMessage(key: LimitKey): string {
  const field = LimitsSchema.shape[key];
  // A limit added later carries a default for older policy files: its bounds are on the inner number.
  const schema = 'unwrap' in field ? field.unwrap() : field;
  const view = limitViews.find((limit) => limit.key === key);
  const min = (schema.minValue ?? 0).toLocaleString('en-US');
  const max = (schema.maxValue ?? 0).toLocaleString('en-US');
  return `A whole number from ${min} to ${max}${view === undefined ? '' : ` (${view.unit})`}.`;
}

/** zod's issues as one message per field, first issue first. */
export function policyErrors(issues: readonly Issue[], body: PolicyBody, fields: PolicyFields): Record<string, string> {
  const errors: Record<string, string> = {};
  const put = (key: string, message: string) => {
    errors[key] ??= message;
  };
  for (const issue of issues) {
    const [root, ...path] = issue.path;
    if (root !== 'policy') {
      put('form', issue.message);
      continue;
    }
    const [section, index, field, item] = path;
    switch (section) {
      case 'workspace':
        put('workspace', issue.message);
        break;
      case 'references':
        put('references', typeof index === 'number' ? about(body.references[index], issue.message) : 'At most 32 reference directories.');
        break;
      case 'enabledTools':
        put('enabledTools', typeof index === 'number' ? about(body.enabledTools[index], issue.message) : issue.message);
        break;
      case 'commands':
        put('commands', typeof index === 'number' ? about(body.commands[index], issue.message) : 'At most 200 programs.');
        break;
      case 'network': {
        const hostIndex = field;
        put('hosts', typeof hostIndex === 'number' ? about(body.network.allowHosts[hostIndex], issue.message) : 'At most 200 hosts.');
        break;
      }
      case 'rules': {
        const rule = typeof index === 'number' ? fields.rules[index] : undefined;
        if (rule === undefined) {
          put('rules', issue.code === 'too_big' ? 'At most 500 rules.' : issue.message);
          break;
        }
        const sent = body.rules[index as number];
        if (typeof field === 'string') {
          const values = sent === undefined ? undefined : (sent as Record<string, unknown>)[field];
          const value = Array.isArray(values) && typeof item === 'number' ? (values[item] as unknown) : undefined;
          const message = field === 'argv' && issue.code === 'custom' ? 'An argument may not contain a NUL byte.' : issue.message;
          put(`rules.${rule.key}.${field}`, value === undefined ? message : about(value, message));
        } else put(`rules.${rule.key}`, issue.message);
        break;
      }
      case 'limits':
        if (typeof index === 'string' && (limitKeys as readonly string[]).includes(index)) put(`limits.${index}`, limitMessage(index as LimitKey));
        else put('form', issue.message);
        break;
      default:
        put('form', issue.message);
    }
  }
  return errors;
}

/** What only the tool catalogue can tell: a destructive tool is never allowed without asking. */
function catalogueErrors(fields: PolicyFields, risks: ReadonlyMap<string, RiskClass>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const rule of fields.rules) {
    if (rule.verdict === 'allow' && risks.get(rule.tool) === 'destructive') {
      errors[`rules.${rule.key}.verdict`] = `${rule.tool} is destructive and always asks a person; use ask or deny.`;
    }
  }
  return errors;
}

/** The form as a `policy.update` input made from `expectedRevision`, or what is wrong with it. */
export function checkPolicy(fields: PolicyFields, expectedRevision: number, risks: ReadonlyMap<string, RiskClass>): CheckedPolicy {
  const body = bodyOf(fields, risks);
  const parsed = PolicyUpdateInputSchema.safeParse({ policy: body, expectedRevision });
  const errors = { ...catalogueErrors(fields, risks), ...(parsed.success ? {} : policyErrors(parsed.error.issues, body, fields)) };
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, input: parsed.data };
  return { ok: false, errors };
}

/** `rule-1`, `rule-2`, …: the first id no rule of the form has. */
export function nextRuleId(rules: readonly RuleFields[]): string {
  const taken = new Set(rules.map((rule) => rule.id.trim()));
  let n = rules.length + 1;
  while (taken.has(`rule-${n}`)) n++;
  return `rule-${n}`;
}

/** A new rule: for every tool, asking, matching every call until narrowed. */
export function newRule(rules: readonly RuleFields[]): RuleFields {
  return { key: freshRuleKey(), id: nextRuleId(rules), tool: '*', verdict: 'ask', paths: '', argv: '', hosts: '', note: '' };
}

/** The errors of one rule, for its editor. */
export const ruleErrors = (errors: PolicyErrors, key: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(errors)
      .filter(([name]) => name === `rules.${key}` || name.startsWith(`rules.${key}.`))
      .map(([name, message]) => [name === `rules.${key}` ? 'rule' : name.slice(`rules.${key}.`.length), message]),
  );

/** The first field (in page order) with an error, as the id suffix its input has. */
export function firstErrorField(errors: PolicyErrors, fields: PolicyFields): string | null {
  const order = [
    'workspace',
    'references',
    'hosts',
    'commands',
    'enabledTools',
    'rules',
    ...fields.rules.flatMap((rule) => ['', '.id', '.tool', '.verdict', '.paths', '.argv', '.hosts', '.note'].map((suffix) => `rules.${rule.key}${suffix}`)),
    ...limitKeys.map((key) => `limits.${key}`),
    'form',
  ];
  return order.find((name) => errors[name] !== undefined) ?? null;
}

