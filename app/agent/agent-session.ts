import type { AgentEndStatus, AgentSession, AgentSessionStatus, AgentSessionSummary, AgentStep, AgentTurnTimings } from '../contract/agent.ts';
import type { SessionContext } from '../approvals/index.ts';
import type { Interface } from '../contract/caller.ts';
import { instructionExcerpt } from './prompt.ts';

/** What the agent pushes to watchers; core turns each into the contract event of the same name. */
export type AgentEvent =
  | { readonly name: 'agent.step'; readonly payload: AgentStep }
  | { readonly name: 'agent.text'; readonly payload: { readonly sessionId: string; readonly text: string } }
  | { readonly name: 'agent.finished'; readonly payload: { readonly sessionId: string; readonly status: AgentEndStatus; readonly answer?: string; readonly error?: string } };

export interface SessionSettings {
  readonly id: string;
  readonly task: string;
  readonly model: AgentSessionSummary['model'];
  readonly startedBy: string;
  readonly interface?: Interface;
  readonly maxSteps: number;
  readonly tokenBudget: number;
}

interface NewStep {
  readonly kind: AgentStep['kind'];
  readonly turn: number;
  readonly summary: string;
  readonly status?: AgentStep['status'];
  readonly tool?: string;
  readonly toolCallId?: string;
  readonly durationMs?: number;
  readonly timings?: AgentTurnTimings;
}

type StepChange = Partial<Pick<AgentStep, 'status' | 'summary' | 'toolCallId' | 'durationMs' | 'outputTokens' | 'timings'>>;

const summaryMax = 2000;
const answerMax = 20_000;
const errorMax = 2000;
const recentStepsShown = 10;
const recentStepMax = 500;
const sourcesMax = 50;

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * One session's state: its steps, budgets, taint and end. The loop (agent-loop.ts) drives it;
 * every change is pushed through `emit` as it happens, and `view()` answers `agent.get`.
 */
export class AgentSessionState {
  readonly id: string;
  readonly task: string;
  readonly excerpt: string;
  /** The actor of its tool calls in the audit trail and on approval cards. */
  readonly actor: string;
  readonly settings: SessionSettings;
  readonly #controller = new AbortController();
  readonly #emit: (event: AgentEvent) => void;
  readonly #now: () => Date;
  readonly #startedAt: string;
  readonly #steps: AgentStep[] = [];
  readonly #sources: string[] = [];
  #status: AgentSessionStatus = 'running';
  #finishedAt: string | null = null;
  #answer: string | null = null;
  #error: string | null = null;
  #turns = 0;
  #outputTokens = 0;
  readonly #ended: Promise<AgentSessionSummary>;
  #resolveEnded: (summary: AgentSessionSummary) => void = () => undefined;

  constructor(settings: SessionSettings, emit: (event: AgentEvent) => void, now: () => Date) {
    this.settings = settings;
    this.id = settings.id;
    this.task = settings.task;
    this.excerpt = instructionExcerpt(settings.task);
    this.actor = clip(`agent session ${settings.id}`, 200);
    this.#emit = emit;
    this.#now = now;
    this.#startedAt = now().toISOString();
    this.#ended = new Promise((resolve) => (this.#resolveEnded = resolve));
  }

  /** Fires on stop and on the kill switch: the model call and the tool call in progress both end. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get running(): boolean {
    return this.#status === 'running';
  }

  get tainted(): boolean {
    return this.#sources.length > 0;
  }

  get outputTokens(): number {
    return this.#outputTokens;
  }

  /** Resolves with the summary once the session has ended, however it ended. */
  get ended(): Promise<AgentSessionSummary> {
    return this.#ended;
  }

  stop(reason: string): void {
    if (this.running && !this.signal.aborted) this.#controller.abort(reason);
  }

  /** Why it was stopped, as given to `stop`. */
  get stopReason(): string {
    return typeof this.signal.reason === 'string' ? this.signal.reason : 'Stopped.';
  }

  countTurn(outputTokens: number): void {
    this.#turns++;
    this.#outputTokens += outputTokens;
  }

  markTainted(source: string): void {
    if (!this.#sources.includes(source) && this.#sources.length < sourcesMax) this.#sources.push(source);
  }

  addStep(step: NewStep): number {
    const index = this.#steps.length;
    this.#steps.push({
      sessionId: this.id,
      index,
      kind: step.kind,
      status: step.status ?? 'running',
      turn: step.turn,
      tool: step.tool ?? null,
      toolCallId: step.toolCallId ?? null,
      summary: clip(step.summary, summaryMax),
      startedAt: this.#now().toISOString(),
      durationMs: step.durationMs ?? null,
      outputTokens: null,
      timings: step.timings ?? null,
    });
    this.#emitStep(index);
    return index;
  }

  updateStep(index: number, change: StepChange): void {
    const step = this.#steps[index];
    if (step === undefined) return;
    this.#steps[index] = { ...step, ...change, ...(change.summary === undefined ? {} : { summary: clip(change.summary, summaryMax) }) };
    this.#emitStep(index);
  }

  text(text: string): void {
    this.#emit({ name: 'agent.text', payload: { sessionId: this.id, text } });
  }

  end(status: AgentEndStatus, detail: { answer?: string; error?: string } = {}): AgentSessionSummary {
    if (!this.running) return this.summary();
    this.#status = status;
    this.#finishedAt = this.#now().toISOString();
    if (detail.answer !== undefined) this.#answer = clip(detail.answer, answerMax);
    if (detail.error !== undefined) this.#error = clip(detail.error, errorMax);
    this.#emit({
      name: 'agent.finished',
      payload: {
        sessionId: this.id,
        status,
        ...(this.#answer === null ? {} : { answer: this.#answer }),
        ...(this.#error === null ? {} : { error: this.#error }),
      },
    });
    const summary = this.summary();
    this.#resolveEnded(summary);
    return summary;
  }

  /** What the approval card shows about this session. */
  context(): SessionContext {
    return {
      instructionExcerpt: this.excerpt,
      recentSteps: this.#steps.slice(-recentStepsShown).map((step) => clip(`${step.kind} (${step.status}): ${step.summary}`, recentStepMax)),
      untrustedSources: [...this.#sources],
    };
  }

  summary(): AgentSessionSummary {
    return {
      id: this.id,
      task: this.task,
      status: this.#status,
      model: this.settings.model,
      startedBy: this.settings.startedBy,
      startedAt: this.#startedAt,
      finishedAt: this.#finishedAt,
      maxSteps: this.settings.maxSteps,
      tokenBudget: this.settings.tokenBudget,
      turns: this.#turns,
      outputTokens: this.#outputTokens,
      tainted: this.tainted,
      untrustedSources: [...this.#sources],
      answer: this.#answer,
      error: this.#error,
    };
  }

  view(): AgentSession {
    return { ...this.summary(), steps: [...this.#steps] };
  }

  #emitStep(index: number): void {
    const step = this.#steps[index];
    if (step !== undefined) this.#emit({ name: 'agent.step', payload: step });
  }
}
