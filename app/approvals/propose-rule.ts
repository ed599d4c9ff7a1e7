import type { RuleMatch, RuleProposal, RuleScope } from '../contract/approvals.ts';
import { RuleMatchSchema, pathRuleTools } from '../contract/approvals.ts';
import type { RuleSubject } from './rule-match.ts';
import { isCanonicalPath, isRecursive, isWithin, methodOf } from './rule-match.ts';

/** Path arguments of the file tools, as their manifests declare them (app/approvals may not import app/tools). */
const pathArgs: Record<(typeof pathRuleTools)[number], readonly string[]> = {
  list_dir: ['path'],
  read_file: ['path'],
  search_files: ['path'],
  write_file: ['path'],
  move_path: ['from', 'to'],
  delete_path: ['path'],
};

const isPathTool = (tool: string): tool is (typeof pathRuleTools)[number] => (pathRuleTools as readonly string[]).includes(tool);

const parentOf = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';

export interface ProposeOptions {
  readonly scope: RuleScope;
  /** The canonical workspace; a directory rule must lie strictly below it. Without it only exact rules are offered. */
  readonly workspace: string | undefined;
}

/** A candidate match; the contract's schema has the last word on its values. */
type Built = { ok: true; match: unknown } | { ok: false; reason: string };

function pathRule(tool: (typeof pathRuleTools)[number], call: RuleSubject, { scope, workspace }: ProposeOptions): Built {
  const paths = [];
  for (const arg of pathArgs[tool]) {
    const value = call.args[arg];
    if (typeof value !== 'string' || !isCanonicalPath(value)) {
      return { ok: false, reason: `The call's ${arg} is not a canonical absolute path, so no rule can name it.` };
    }
    if (scope === 'exact') {
      paths.push({ arg, path: value, prefix: false });
      continue;
    }
    const dir = parentOf(value);
    if (workspace === undefined || dir === workspace || !isWithin(dir, workspace)) {
      return { ok: false, reason: `${dir} is not a directory below the workspace: only this exact path can be remembered.` };
    }
    paths.push({ arg, path: dir, prefix: true });
  }
  return { ok: true, match: { kind: 'paths', tool, paths, recursive: isRecursive(call.args) } };
}

function commandRule(call: RuleSubject, scope: RuleScope): Built {
  if (scope !== 'exact') return { ok: false, reason: 'A command is remembered only with its exact arguments, never as "this program with any arguments".' };
  const { argv, cwd, ...rest } = call.args;
  if ('stdin' in rest) return { ok: false, reason: 'The call gives the program standard input, which a rule cannot pin down: it asks every time.' };
  if (Object.keys(rest).length > 0) return { ok: false, reason: `The call has arguments a command rule does not cover (${Object.keys(rest).join(', ')}).` };
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) return { ok: false, reason: 'The call has no argument vector.' };
  if (cwd !== undefined && (typeof cwd !== 'string' || !isCanonicalPath(cwd))) return { ok: false, reason: 'The working directory is not a canonical absolute path.' };
  return { ok: true, match: { kind: 'argv', tool: 'run_command', argv, cwd: cwd ?? null } };
}

function requestRule(call: RuleSubject, scope: RuleScope): Built {
  if (scope !== 'exact') return { ok: false, reason: 'A request is remembered only for its exact method and URL.' };
  const method = methodOf(call.args);
  const url = call.args['url'];
  if (typeof method !== 'string' || typeof url !== 'string') return { ok: false, reason: 'The call has no method and URL.' };
  return { ok: true, match: { kind: 'request', tool: 'http_request', method, url } };
}

function build(call: RuleSubject, options: ProposeOptions): Built {
  if (isPathTool(call.tool)) return pathRule(call.tool, call, options);
  if (call.tool === 'run_command') return commandRule(call, options.scope);
  if (call.tool === 'http_request') return requestRule(call, options.scope);
  return { ok: false, reason: `No rule can be remembered for ${call.tool}: approve it each time.` };
}

function describePath({ arg, path, prefix }: { arg: string; path: string; prefix: boolean }, named: boolean): string {
  const what = prefix ? `anything under ${path}/` : `${path} exactly`;
  return named ? `${arg} ${what}` : what;
}

/** The rule in the words the card shows before the person saves it. */
export function describeRule(match: RuleMatch): string {
  switch (match.kind) {
    case 'paths': {
      const named = match.paths.length > 1;
      const paths = match.paths.map((p) => describePath(p, named)).join(' and ');
      const recursive = match.recursive ? ', including everything inside (recursive)' : '';
      return `Allow ${match.tool} ${named ? 'with' : 'of'} ${paths}${recursive}`;
    }
    case 'argv':
      return `Allow run_command of exactly ${JSON.stringify(match.argv)}${match.cwd === null ? '' : ` in ${match.cwd}`}, without standard input; other arguments ask again`;
    case 'request':
      return `Allow http_request ${match.method} ${match.url} exactly`;
  }
}

/**
 * The narrowest useful rule for a call: exact paths (or their directory below the workspace),
 * the exact argv of a command, the exact method and URL of a request. Checked against the
 * contract's schema, so an over-long or malformed value is refused here, not saved.
 */
export function proposeRule(call: RuleSubject, options: ProposeOptions): RuleProposal {
  const built = build(call, options);
  if (!built.ok) return { available: false, scope: options.scope, reason: built.reason };
  const parsed = RuleMatchSchema.safeParse(built.match);
  if (!parsed.success) return { available: false, scope: options.scope, reason: 'The call\'s values are too long or malformed to save as a rule.' };
  return { available: true, scope: options.scope, match: parsed.data, description: describeRule(parsed.data) };
}
