import type { RuleMatch } from '../contract/approvals.ts';
import type { JsonObject } from '../contract/tools.ts';

/** What a remembered rule is checked against: the tool and its (redacted, canonicalized) arguments. */
export interface RuleSubject {
  readonly tool: string;
  readonly args: JsonObject;
}

/**
 * Absolute, no empty, `.` or `..` segments, no trailing slash, no NUL: the form validation gives
 * paths after resolving symlinks. Anything else is not compared at all, so a relative or
 * dotted spelling can never slip under a prefix.
 */
export function isCanonicalPath(path: string): boolean {
  if (!path.startsWith('/') || path.includes('\0')) return false;
  if (path === '/') return true;
  return !path.endsWith('/') && path.slice(1).split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/** `dir` itself or anything below it; `/ws/a` does not contain `/ws/ab`. */
export function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/** The tools' own defaults, so a call that leaves them out is judged as it will run. */
export const isRecursive = (args: JsonObject): boolean => args['recursive'] === true;
export const methodOf = (args: JsonObject): unknown => args['method'] ?? 'GET';

/** Keys a run_command rule knows; any other (stdin above all) changes what the program does. */
const commandKeys = new Set(['argv', 'cwd']);

function pathsMatch(match: Extract<RuleMatch, { kind: 'paths' }>, args: JsonObject): boolean {
  if (isRecursive(args) !== match.recursive) return false;
  return match.paths.every(({ arg, path, prefix }) => {
    const value = args[arg];
    if (typeof value !== 'string' || !isCanonicalPath(value)) return false;
    if (!prefix) return value === path;
    return path !== '/' && isWithin(value, path);
  });
}

function argvMatches(match: Extract<RuleMatch, { kind: 'argv' }>, args: JsonObject): boolean {
  if (!Object.keys(args).every((key) => commandKeys.has(key))) return false;
  const argv = args['argv'];
  if (!Array.isArray(argv) || argv.length !== match.argv.length) return false;
  if (!argv.every((arg, i) => arg === match.argv[i])) return false;
  const cwd = args['cwd'];
  return match.cwd === null ? cwd === undefined : cwd === match.cwd;
}

function requestMatches(match: Extract<RuleMatch, { kind: 'request' }>, args: JsonObject): boolean {
  return methodOf(args) === match.method && args['url'] === match.url;
}

/**
 * Whether a remembered rule approves this call. Pure; the caller has canonicalized the paths.
 * A rule never widens: exact values, or a directory prefix that respects path boundaries.
 */
export function ruleMatches(rule: { readonly match: RuleMatch }, call: RuleSubject): boolean {
  const { match } = rule;
  if (match.tool !== call.tool) return false;
  switch (match.kind) {
    case 'paths':
      return pathsMatch(match, call.args);
    case 'argv':
      return argvMatches(match, call.args);
    case 'request':
      return requestMatches(match, call.args);
  }
}
