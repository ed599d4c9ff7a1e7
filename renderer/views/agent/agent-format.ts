import type { AgentSessionStatus, AgentStepKind, ModelMetadata, ModelState } from '../../../app/contract/index.ts';
import type { StepDisplayStatus } from '../../data/agent-session-state.ts';
import type { Tone } from '../../status/tone.ts';

/** A parameter count the way models are named: "520K", "1.1B", "8B". */
export function formatParameters(count: number): string {
  const scales: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, unit] of scales) {
    if (count >= size) {
      const value = count / size;
      return `${value >= 10 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')}${unit}`;
    }
  }
  return String(count);
}

export const formatCount = (n: number): string => n.toLocaleString('en-US');

export const formatTokensPerSecond = (value: number): string => `${value >= 100 ? Math.round(value) : value.toFixed(1)} tok/s`;

/** "12 ms", "1.4 s", "2 min 5 s". */
export function formatStepDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** What the person sees as the model's name: its own, else its file's. */
export const modelName = (model: Pick<ModelMetadata, 'name' | 'fileName'>): string => model.name ?? model.fileName;

/** "llama · 520K params · F16" from what the header says. */
export function modelLine(model: Pick<ModelMetadata, 'architecture' | 'parameters' | 'sizeLabel' | 'quantisation'>): string {
  const params = model.sizeLabel ?? (model.parameters === null ? null : `${formatParameters(model.parameters)} params`);
  return [model.architecture, params, model.quantisation].filter((part) => part !== null).join(' · ');
}

const modelStates: Readonly<Record<ModelState, { label: string; tone: Tone }>> = {
  empty: { label: 'No model', tone: 'neutral' },
  loading: { label: 'Loading', tone: 'info' },
  ready: { label: 'Ready', tone: 'ok' },
  unloading: { label: 'Unloading', tone: 'info' },
  failed: { label: 'Load failed', tone: 'bad' },
};
export const modelStateLabel = (state: ModelState): string => modelStates[state].label;
export const modelStateTone = (state: ModelState): Tone => modelStates[state].tone;

const sessionStatuses: Readonly<Record<AgentSessionStatus, { label: string; tone: Tone }>> = {
  running: { label: 'Running', tone: 'info' },
  completed: { label: 'Completed', tone: 'ok' },
  stopped: { label: 'Stopped', tone: 'neutral' },
  failed: { label: 'Failed', tone: 'bad' },
  budget_exhausted: { label: 'Token budget used up', tone: 'warn' },
  step_limit: { label: 'Step limit reached', tone: 'warn' },
};
export const sessionStatusLabel = (status: AgentSessionStatus): string => sessionStatuses[status].label;
export const sessionStatusTone = (status: AgentSessionStatus): Tone => sessionStatuses[status].tone;

const stepKinds: Readonly<Record<AgentStepKind, string>> = {
  thinking: 'Model',
  tool_call: 'Tool call',
  tool_result: 'Result',
  answer: 'Answer',
  error: 'Error',
};
export const stepKindLabel = (kind: AgentStepKind): string => stepKinds[kind];

const stepStatuses: Readonly<Record<StepDisplayStatus, string>> = {
  running: 'running',
  queued: 'queued',
  asked: 'waiting for a person',
  approved: 'approved',
  denied: 'denied',
  success: 'success',
  failure: 'failure',
  blocked: 'blocked',
  ended: 'not finished',
};
export const stepStatusLabel = (status: StepDisplayStatus): string => stepStatuses[status];

/** The Audit view narrowed to one session (its `session` filter; see audit/filter-hash.ts). */
export function auditHrefForSession(sessionId: string, tool?: string): string {
  const params = new URLSearchParams();
  if (tool !== undefined) params.set('tool', tool);
  params.set('session', sessionId);
  return `#/audit?${params.toString()}`;
}

export const liveHref = '#/live';

/** The first line of a task, cut for a list. */
export function taskTitle(task: string, max = 90): string {
  const line = task.trim().split(/\r?\n/, 1)[0] ?? '';
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
