import type { ApprovalDecider, ApprovalView, Interface, RiskClass } from '../../../app/contract/index.ts';
import type { Tone } from '../../status/tone.ts';

/** How alarming each risk class looks on a card. */
export const riskTone: Record<RiskClass, Tone> = {
  read: 'neutral',
  write: 'warn',
  network: 'info',
  exec: 'bad',
  destructive: 'bad',
};

/** "4:05", "1:02:03", never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const deciderKinds: Record<ApprovalDecider['kind'], string> = {
  person: 'person',
  rule: 'remembered rule',
  timeout: 'timeout',
  restart: 'restart',
  system: 'Warden',
};
export const deciderKindLabel = (kind: ApprovalDecider['kind']): string => deciderKinds[kind];

const interfaces: Record<Interface, string> = { desktop: 'desktop app', web: 'web console', cli: 'command line' };
export const interfaceLabel = (value: Interface | null): string => (value === null ? '—' : interfaces[value]);

/** The outcome of a resolved request in one or two words. */
export function outcomeLabel(view: Pick<ApprovalView, 'state' | 'resolution'>): string {
  const resolution = view.resolution;
  if (resolution === null) return 'Pending';
  if (view.state === 'expired') return resolution.by.kind === 'restart' ? 'Expired (restart)' : 'Expired (timeout)';
  return resolution.decision === 'approve' ? 'Approved' : 'Denied';
}

/** "Denied by console session 3f2a9c (person, web console)". */
export function resolutionSentence(view: Pick<ApprovalView, 'tool' | 'state' | 'resolution'>): string {
  const resolution = view.resolution;
  if (resolution === null) return `${view.tool} is waiting for a decision.`;
  const verb = resolution.decision === 'approve' ? 'approved' : 'denied';
  const how = [deciderKindLabel(resolution.by.kind), resolution.interface === null ? null : interfaceLabel(resolution.interface)]
    .filter(Boolean)
    .join(', ');
  return `${view.tool} ${verb} by ${resolution.by.name} (${how}).`;
}

/** A one-line summary of the arguments for the history table. */
export function argsSummary(args: Record<string, unknown>): string {
  for (const key of ['path', 'from', 'url']) {
    const value = args[key];
    if (typeof value === 'string') return value;
  }
  const argv = args['argv'];
  if (Array.isArray(argv)) return argv.map(String).join(' ');
  const json = JSON.stringify(args);
  return json.length > 120 ? `${json.slice(0, 119)}…` : json;
}

export const prettyArgs = (args: unknown): string => JSON.stringify(args, null, 2);
