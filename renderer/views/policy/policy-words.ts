import type { IsolationReport, Limits, PolicyRule, RiskClass, RunnerIsolation, Verdict } from '../../../app/contract/index.ts';
import type { Tone } from '../../status/tone.ts';

/**
 * How the Policy view says things: risk classes, verdicts, rules and limits in words. Pure, so
 * the page and its tests agree on every sentence.
 */

export interface Worded {
  readonly label: string;
  readonly tone: Tone;
  readonly explanation: string;
}

export const riskViews: Record<RiskClass, Worded> = {
  read: { label: 'read', tone: 'neutral', explanation: 'Reads inside the perimeter; changes nothing.' },
  write: { label: 'write', tone: 'info', explanation: 'Creates or changes files in the workspace.' },
  destructive: { label: 'destructive', tone: 'bad', explanation: 'Deletes things; always held for a person.' },
  network: { label: 'network', tone: 'warn', explanation: 'Leaves the machine: HTTPS to allowlisted hosts, run by the console.' },
  exec: { label: 'exec', tone: 'bad', explanation: 'Starts an allowlisted program in the sandbox.' },
};

/**
 * What happens to a call of each risk class when no rule matches (app/policy's defaults). A
 * destructive call is held for a person whatever the rules say.
 */
export const defaultOutcome: Record<RiskClass, string> = {
  read: 'runs',
  write: 'asks',
  destructive: 'always asks',
  network: 'asks',
  exec: 'asks',
};

export const verdictViews: Record<Verdict, Worded> = {
  deny: { label: 'deny', tone: 'bad', explanation: 'Refused; nobody is asked.' },
  ask: { label: 'ask', tone: 'warn', explanation: 'Held until a person approves or denies it (no answer in time means deny).' },
  allow: { label: 'allow', tone: 'ok', explanation: 'Runs without asking, unless a deny or ask rule also matches.' },
};

/** Strongest first: the order rules apply in. */
export const verdictOrder: readonly Verdict[] = ['deny', 'ask', 'allow'];

/** What each level means for a tool call (the shell's isolation words speak of the state before any acceptance). */
export function levelWords(level: RunnerIsolation, user: string): string {
  if (level === 'full') return 'Tool calls run as the dedicated agent user inside the OS sandbox: no network, only the workspace writable.';
  if (level === 'partial') return 'The dedicated agent user or the OS sandbox is missing, so a tool call reaches more than it would under full isolation.';
  return `Neither the dedicated agent user nor an OS sandbox is available: tool calls run with the rights of ${user}.`;
}

export const isolationStrength: Record<RunnerIsolation, number> = { none: 0, partial: 1, full: 2 };

/** What "Check again" found, against what the page showed before. */
export function recheckWords(before: IsolationReport, after: IsolationReport): string {
  if (before.level !== after.level) return `Isolation is ${after.level} now (it was ${before.level}): calls started from now on run at it.`;
  const same = JSON.stringify({ ...before, checkedAt: '' }) === JSON.stringify({ ...after, checkedAt: '' });
  return same ? `Still ${after.level}: nothing changed.` : `Still ${after.level}, but what the check found changed: see below.`;
}

/** What accepting a level means for exec and destructive tools. */
export function acceptedWords(accepted: RunnerIsolation): string {
  if (accepted === 'full') return 'only under full isolation';
  if (accepted === 'partial') return 'under partial or full isolation';
  return 'at any isolation level, even none';
}

export const viaWords: Record<'uid-drop' | 'launcher' | 'self', string> = {
  'uid-drop': 'the console runs as root and drops to this user for each call',
  launcher: 'the root-owned launcher installed by setup-sandbox (a sudo rule for exactly that launcher)',
  self: 'the console’s own user: there is no separate agent user',
};

/** The OS sandbox around each call, in words. */
export const sandboxWords: Record<IsolationReport['sandbox'], string> = {
  bubblewrap: 'bubblewrap: no network, only the workspace writable',
  'sandbox-exec': 'sandbox-exec (macOS Seatbelt): no network, only the workspace and the call’s own temporary folder writable',
  none: 'none',
};

export const toolWords = (tool: string): string => (tool === '*' ? 'every tool' : tool);

/** An argument for display: bare when it is plain, JSON-quoted when it has spaces, quotes or is empty. */
export const shellWord = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg));

export const argvWords = (argv: readonly string[]): string => argv.map(shellWord).join(' ');

/** "or" between the last two of a list: "a, b or c". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

/** What a rule matches, in words: "paths matching src/** or /srv/x", "exactly the command ls -la", "every call". */
export function ruleMatchWords(rule: Pick<PolicyRule, 'paths' | 'argv' | 'hosts'>): string {
  const parts: string[] = [];
  if (rule.paths !== undefined) parts.push(`${rule.paths.length === 1 ? 'a path' : 'paths'} matching ${orList(rule.paths)}`);
  if (rule.argv !== undefined) parts.push(`exactly the command ${argvWords(rule.argv)}`);
  if (rule.hosts !== undefined) parts.push(`${rule.hosts.length === 1 ? 'host' : 'hosts'} ${orList(rule.hosts)}`);
  return parts.length === 0 ? 'every call' : parts.join(', with ');
}

/** A whole rule as one line: "deny run_command: exactly the command rm -rf / (no deletes)". */
export function ruleWords(rule: Pick<PolicyRule, 'tool' | 'verdict' | 'paths' | 'argv' | 'hosts' | 'note'>): string {
  const note = rule.note === undefined || rule.note === '' ? '' : ` (${rule.note})`;
  return `${rule.verdict} ${toolWords(rule.tool)}: ${ruleMatchWords(rule)}${note}`;
}

const group = (n: number): string => (Number.isFinite(n) ? n.toLocaleString('en-US') : '—');

/** 1048576 → "1 MiB", 1536 → "1.5 KiB", 1000 → "1,000 bytes". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  for (const [size, unit] of [[1024 ** 3, 'GiB'], [1024 ** 2, 'MiB'], [1024, 'KiB']] as const) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1).replace(/\.0$/, '')} ${unit}`;
    }
  }
  return `${group(bytes)} bytes`;
}

/** 60000 → "60 s", 1500 → "1.5 s", 250 → "250 ms", 180000 → "3 min". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s >= 120 && Number.isInteger(s / 60)) return `${s / 60} min`;
  return `${Number.isInteger(s) ? group(s) : s.toFixed(1).replace(/\.0$/, '')} s`;
}

/** 2048 MB → "2 GB"; the policy counts memory and file sizes in MB. */
export function formatMb(mb: number): string {
  if (!Number.isFinite(mb)) return '—';
  return mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024} GB` : `${group(mb)} MB`;
}

export type LimitKey = keyof Limits;

export interface LimitView {
  readonly key: LimitKey;
  readonly label: string;
  /** The unit the policy stores and the form takes. */
  readonly unit: string;
  readonly format: (value: number) => string;
  readonly explanation: string;
}

/** The limits in the order the page lists them. */
export const limitViews: readonly LimitView[] = [
  { key: 'cpuSeconds', label: 'CPU time', unit: 's', format: (v) => `${group(v)} s`, explanation: 'CPU seconds per call; the process is killed beyond it.' },
  { key: 'memoryMb', label: 'Memory', unit: 'MB', format: formatMb, explanation: 'Resident memory of a call’s processes together.' },
  { key: 'outputBytes', label: 'Output', unit: 'bytes', format: formatBytes, explanation: 'Kept per stream; the rest is dropped with a marker.' },
  { key: 'wallTimeoutMs', label: 'Wall timeout', unit: 'ms', format: formatMs, explanation: 'Real time a call may take before it is cancelled.' },
  { key: 'maxProcesses', label: 'Processes', unit: 'processes', format: (v) => group(v), explanation: 'Processes the sandbox user may run at once.' },
  { key: 'fileSizeMb', label: 'Largest file', unit: 'MB', format: formatMb, explanation: 'The largest file a call may write.' },
  { key: 'diskMb', label: 'Disk', unit: 'MB', format: formatMb, explanation: 'What a call may write to disk, all files together.' },
];

export const limitKeys: readonly LimitKey[] = limitViews.map((view) => view.key);
