import { randomUUID } from 'node:crypto';
import type { Decision, Policy, RunnerIsolation } from '../contract/policy.ts';
import type { Decider, GateAnswer, GateRequest, JsonObject, ToolCallOutcome, ToolCallStatus, ToolCallUpdate, ToolPreview } from '../contract/tools.ts';
import type { Judgement } from '../tools/prepared-call.ts';
import type { ApprovalGate } from './approval-gate.ts';
import { denyingGate } from './approval-gate.ts';
import type { Runner } from './runner.ts';
import type { ToolCallRecord, ToolCallRecorder } from './tool-call-recorder.ts';

export interface JudgeContext {
  readonly isolation: RunnerIsolation;
  readonly tainted?: boolean;
}

/**
 * Validation + policy for one call. The runner may not import app/policy (DESIGN.md's import
 * table), so core passes `judgeCall` from app/policy in here.
 */
export type Judge = (request: { tool: string; args: unknown }, policy: Policy, context: JudgeContext) => Judgement;

export interface ToolCallPipelineOptions {
  readonly runner: Runner;
  /** The policy in force; read once per call, so a call is judged and run under one policy. */
  readonly policy: () => Policy;
  readonly judge: Judge;
  /** Defaults to `denyingGate`: with no approval queue, ask means deny. */
  readonly approvals?: ApprovalGate;
  readonly recorder?: ToolCallRecorder;
  /** Where `toolcall.updated` goes (the event hub). */
  readonly emit?: (update: ToolCallUpdate) => void;
  /** The redactor's `redactValue`: applied to arguments, output and messages before they leave. */
  readonly redact?: (value: unknown) => unknown;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

export interface ToolCallRequest {
  readonly tool: string;
  readonly args: unknown;
  /** Who asked: an agent session, a console user, the CLI. */
  readonly actor: string;
  readonly sessionId?: string;
  readonly interface?: 'desktop' | 'web' | 'cli';
  /** The session has seen untrusted content (the guard says so). */
  readonly tainted?: boolean;
  /** The end of the person's instruction that led to the call (an agent session's task), for the audit record. */
  readonly instructionExcerpt?: string;
  readonly signal?: AbortSignal;
}

export interface ToolCallPipeline {
  call(request: ToolCallRequest): Promise<ToolCallOutcome>;
}

/** Strings in events and the audit trail are cut here; the full arguments ran, the record shows enough. */
const displayStringMax = 2000;

function truncateStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.length > displayStringMax ? `${value.slice(0, displayStringMax)}… [${value.length - displayStringMax} more characters]` : value;
  if (Array.isArray(value)) return value.map(truncateStrings);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, truncateStrings(v)]));
  return value;
}

function asJsonObject(value: unknown): JsonObject {
  const plain = JSON.parse(JSON.stringify(value ?? null)) as unknown;
  return plain !== null && typeof plain === 'object' && !Array.isArray(plain) ? (plain as JsonObject) : { value: plain as JsonObject[string] };
}

function policyDecider(decision: Decision, risk: string): Decider {
  return decision.rule === null ? { kind: 'policy', name: `default for ${risk}` } : { kind: 'rule', name: decision.rule };
}

/**
 * One tool call from request to outcome: validation and policy (`judge`), the approval gate for
 * ask and destructive calls (with a preview of the change), the runner, and at every step an
 * event to watchers and, before anything runs and when it ends, a record for the audit trail.
 * A call that cannot be recorded before it runs does not run.
 */
export function createToolCallPipeline(options: ToolCallPipelineOptions): ToolCallPipeline {
  const approvals = options.approvals ?? denyingGate;
  const redact = options.redact ?? ((value: unknown) => value);
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => randomUUID());
  const emit = options.emit ?? (() => undefined);
  const redactText = (text: string): string => String(redact(text));

  return {
    async call(request) {
      const started = performance.now();
      const queuedAt = now().toISOString();
      let isolation = options.runner.isolation.level;
      const displayArgs = asJsonObject(truncateStrings(redact(asJsonObject(request.args))));
      let update: ToolCallUpdate = {
        id: newId(),
        sessionId: request.sessionId ?? null,
        tool: request.tool.slice(0, 200),
        risk: null,
        state: 'queued',
        status: null,
        args: displayArgs,
        decision: null,
        decidedBy: null,
        preview: null,
        message: 'Queued.',
        queuedAt,
        updatedAt: queuedAt,
        durationMs: null,
      };
      const step = (change: Partial<ToolCallUpdate>): void => {
        update = { ...update, ...change, updatedAt: now().toISOString() };
        emit(update);
      };
      const record = async (status: ToolCallRecord['status'], summary: string, details: JsonObject = {}): Promise<void> => {
        if (options.recorder === undefined) return;
        await options.recorder.record({
          kind: 'tool_call',
          status,
          actor: request.actor.slice(0, 200),
          summary: redactText(summary).slice(0, 2000),
          tool: update.tool,
          args: displayArgs,
          ...(request.sessionId === undefined ? {} : { sessionId: request.sessionId }),
          ...(request.instructionExcerpt === undefined ? {} : { excerpt: redactText(request.instructionExcerpt) }),
          ...(update.decision === null ? {} : { decision: update.decision.verdict }),
          ...(update.decidedBy === null ? {} : { decidedBy: update.decidedBy }),
          ...(status === 'pending' ? {} : { durationMs: performance.now() - started }),
          ...(request.interface === undefined ? {} : { interface: request.interface }),
          details: asJsonObject(redact({ callId: update.id, risk: update.risk, isolation, ...details })),
        });
      };
      const finish = async (status: ToolCallStatus, message: string, output: JsonObject | null, failure: ToolCallOutcome['failure'], extra: JsonObject = {}): Promise<ToolCallOutcome> => {
        const durationMs = performance.now() - started;
        const text = redactText(message);
        step({ state: 'finished', status, message: text.slice(0, 4000), durationMs });
        let recordProblem = '';
        try {
          await record(status, `${update.tool}: ${text}`, { failure, ...extra });
        } catch (error) {
          recordProblem = ` The audit trail could not record the outcome: ${error instanceof Error ? error.message : String(error)}`;
        }
        return {
          id: update.id,
          tool: update.tool,
          status,
          message: `${text}${recordProblem}`.slice(0, 4000),
          decision: update.decision,
          decidedBy: update.decidedBy,
          output: output === null ? null : asJsonObject(redact(output)),
          failure,
          isolation,
          durationMs,
        };
      };
      /** The write-ahead record: nothing runs that the audit trail has not seen. */
      const recordIntent = async (summary: string): Promise<string | null> => {
        try {
          await record('pending', summary);
          return null;
        } catch (error) {
          return `Not run: the audit trail could not record the call (${error instanceof Error ? error.message : String(error)}).`;
        }
      };

      emit(update);
      const policy = options.policy();
      const judgeAt = (level: RunnerIsolation): Judgement =>
        options.judge({ tool: request.tool, args: request.args }, policy, { isolation: level, ...(request.tainted === undefined ? {} : { tainted: request.tainted }) });
      const judgement = judgeAt(isolation);
      if (!judgement.ok) {
        update = { ...update, risk: judgement.tool?.risk ?? null, decidedBy: { kind: 'system', name: 'validation' } };
        return finish('blocked', judgement.reason, null, null, { stage: 'validation' });
      }
      const { call, decision } = judgement;
      const risk = call.tool.risk;
      update = { ...update, risk, decision, decidedBy: policyDecider(decision, risk) };
      if (decision.verdict === 'deny') return finish('blocked', decision.reason, null, null, { stage: 'policy', rule: decision.rule });

      const runRequest = { call, perimeter: policy, limits: policy.limits, actor: request.actor, ...(request.signal === undefined ? {} : { signal: request.signal }) };
      if (decision.verdict === 'ask' || risk === 'destructive') {
        let preview: ToolPreview | null = null;
        let previewNote = '';
        try {
          preview = await options.runner.preview(runRequest);
        } catch (error) {
          previewNote = ` (No preview: ${error instanceof Error ? error.message : String(error)})`;
        }
        step({ state: 'asked', preview: preview === null ? null : (redact(preview) as ToolPreview), message: redactText(`${decision.reason}${previewNote}`).slice(0, 4000) });
        const refused = await recordIntent(`${call.tool.name}: waiting for a person: ${decision.reason}`);
        if (refused !== null) return finish('blocked', refused, null, null, { stage: 'audit' });
        const answer = await waitForAnswer(approvals, {
          id: update.id,
          sessionId: update.sessionId,
          actor: request.actor.slice(0, 200),
          tool: call.tool.name,
          risk,
          // Canonical (paths resolved, defaults filled in) and uncut, so a remembered rule matches
          // exactly the call a person approved; redacted like everything that leaves the core.
          args: asJsonObject(redact(asJsonObject(call.args))),
          decision,
          preview: update.preview,
          ...(request.signal === undefined ? {} : { signal: request.signal }),
        }, decision.reason, request.signal);
        update = { ...update, decidedBy: answer.by };
        if (answer.decision === 'deny') {
          step({ state: 'denied', message: `Denied by ${answer.by.name}.` });
          return finish('denied', `Denied by ${answer.by.name}.`, null, null);
        }
        step({ state: 'approved', message: `Approved by ${answer.by.name}.` });
      } else {
        const refused = await recordIntent(`${call.tool.name}: allowed (${decision.reason}); running`);
        if (refused !== null) return finish('blocked', refused, null, null, { stage: 'audit' });
      }

      // A re-check while the call waited for a person may have changed the level it would run at:
      // judged again at that level, so exec and destructive calls stay refused below the accepted one.
      if (options.runner.isolation.level !== isolation) {
        isolation = options.runner.isolation.level;
        const again = judgeAt(isolation);
        const refusal = !again.ok ? again.reason : again.decision.verdict === 'deny' ? again.decision.reason : null;
        if (refusal !== null) return finish('blocked', refusal, null, null, { stage: 'policy' });
      }
      step({ state: 'running', message: `Running at ${isolation} isolation.` });
      const result = await options.runner.run(runRequest);
      const exitCode = result.output?.['exitCode'];
      return finish(result.ok ? 'success' : 'failure', result.message, result.output, result.failure, typeof exitCode === 'number' ? { exitCode } : {});
    },
  };
}

/** The gate's answer; deny when the caller cancels before a person answers, or when the gate fails. */
function waitForAnswer(gate: ApprovalGate, request: GateRequest, reason: string, signal: AbortSignal | undefined): Promise<GateAnswer> {
  const cancelled: GateAnswer = { decision: 'deny', by: { kind: 'system', name: 'cancelled before a decision' } };
  const broken = (error: unknown): GateAnswer => ({
    decision: 'deny',
    by: { kind: 'system', name: `the approval gate failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200) },
  });
  if (signal === undefined) return gate.request(request, reason).catch(broken);
  if (signal.aborted) return Promise.resolve(cancelled);
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(cancelled);
    signal.addEventListener('abort', onAbort, { once: true });
    gate.request(request, reason).then(
      (answer) => {
        signal.removeEventListener('abort', onAbort);
        resolve(answer);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        resolve(broken(error));
      },
    );
  });
}
