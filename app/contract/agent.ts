import { z } from 'zod';
import { event, request } from './define.ts';
import { ToolNameSchema } from './secrets.ts';
import { SessionIdSchema, ToolCallIdSchema } from './tools.ts';

/**
 * Agent sessions: a person's task, worked on by the local model (or a replayed script) one step at
 * a time, every tool call through the same validation, policy, approval, sandbox and audit as any
 * other. A script a client sends is only model output: it gains no privilege by coming from a client.
 */

const timestamp = z.iso.datetime({ precision: 3 });

const scriptDelayMs = z.number().int().min(0).max(60_000);

/**
 * One model turn of a script: an `action` answers the agent's request for its next step (it must
 * fit the action schema, as a grammar-constrained model's output would); `text` answers a request
 * for free text, streamed chunk by chunk with `delayMs` before each chunk.
 */
export const ScriptTurnSchema = z.union([
  z.object({ action: z.record(z.string(), z.json()), delayMs: scriptDelayMs.optional() }).strict(),
  z.object({ text: z.union([z.string(), z.array(z.string()).min(1)]), delayMs: scriptDelayMs.optional() }).strict(),
]);
export type ScriptTurn = z.infer<typeof ScriptTurnSchema>;

/** A scripted model (app/model's scripted host replays it): deterministic tests and demos of the loop. */
export const ModelScriptSchema = z
  .object({
    version: z.literal(1),
    name: z.string().max(200).optional(),
    turns: z.array(ScriptTurnSchema).min(1).max(10_000),
  })
  .strict();
export type ModelScript = z.infer<typeof ModelScriptSchema>;

/** A task is what a person types; 20,000 characters is several pages. */
export const agentTaskMaxChars = 20_000;
/** A script sent with a request fits one message of the console's WebSocket (1 MiB). */
export const agentScriptMaxChars = 900_000;
export const agentMaxStepsLimit = 100;
export const agentDefaultMaxSteps = 8;
export const agentDefaultTokenBudget = 8192;
export const agentTokenBudgetLimit = 1_000_000;
/** Steps a session can hold: a thinking, a call and a result per step, plus the end. */
export const agentStepsMax = agentMaxStepsLimit * 3 + 2;

export const AgentModelChoiceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('scripted'),
      script: ModelScriptSchema.refine((script) => JSON.stringify(script).length <= agentScriptMaxChars, {
        message: `A script may be at most ${agentScriptMaxChars} characters of JSON.`,
      }),
    })
    .strict(),
  /** The model loaded in the console (model.load); `unavailable` when none is. */
  z.object({ kind: z.literal('loaded') }).strict(),
]);
export type AgentModelChoice = z.infer<typeof AgentModelChoiceSchema>;

export const AgentStartInputSchema = z
  .object({
    task: z.string().trim().min(1, 'Give the agent a task.').max(agentTaskMaxChars),
    model: AgentModelChoiceSchema,
    /** Model turns before the session ends with `step_limit` (default 8). */
    maxSteps: z.number().int().min(1).max(agentMaxStepsLimit).optional(),
    /** Tokens the model may generate in the whole session before it ends with `budget_exhausted` (default 8192). */
    tokenBudget: z.number().int().min(1).max(agentTokenBudgetLimit).optional(),
  })
  .strict();
export type AgentStartInput = z.infer<typeof AgentStartInputSchema>;

/** `running` until it ends; then how it ended. */
export const agentEndStatuses = ['completed', 'stopped', 'failed', 'budget_exhausted', 'step_limit'] as const;
export const AgentEndStatusSchema = z.enum(agentEndStatuses);
export type AgentEndStatus = z.infer<typeof AgentEndStatusSchema>;
export const AgentSessionStatusSchema = z.enum(['running', ...agentEndStatuses]);
export type AgentSessionStatus = z.infer<typeof AgentSessionStatusSchema>;

/**
 * - `thinking`: a model call choosing the next step;
 * - `tool_call`: the call the model chose, through the perimeter (its `toolCallId` links to
 *   `toolcall.updated` and to the audit record's `details.callId`);
 * - `tool_result`: what the model was given back, as a labelled data block;
 * - `answer`: the final answer; `error`: why the session could not go on.
 */
export const agentStepKinds = ['thinking', 'tool_call', 'tool_result', 'answer', 'error'] as const;
export const AgentStepKindSchema = z.enum(agentStepKinds);
export type AgentStepKind = z.infer<typeof AgentStepKindSchema>;

/** `running` while the step is under way; a tool call ends with its call's status; other steps with success or failure. */
export const agentStepStatuses = ['running', 'success', 'failure', 'blocked', 'denied'] as const;
export const AgentStepStatusSchema = z.enum(agentStepStatuses);
export type AgentStepStatus = z.infer<typeof AgentStepStatusSchema>;

/**
 * Where one turn's time went (a turn: one model call and the tool call it chose). `overheadMs`
 * is the agent's own work: building the prompt, rendering the result, bookkeeping, events.
 */
export const AgentTurnTimingsSchema = z.object({
  modelMs: z.number().nonnegative(),
  toolMs: z.number().nonnegative(),
  overheadMs: z.number().nonnegative(),
});
export type AgentTurnTimings = z.infer<typeof AgentTurnTimingsSchema>;

/** One step of a session. Pushed when it starts and when it changes: the latest with the same (sessionId, index) replaces the earlier. */
export const AgentStepSchema = z.object({
  sessionId: SessionIdSchema,
  index: z.number().int().nonnegative().max(agentStepsMax),
  kind: AgentStepKindSchema,
  status: AgentStepStatusSchema,
  /** The turn (model call) the step belongs to, from 0. */
  turn: z.number().int().nonnegative().max(agentMaxStepsLimit),
  tool: ToolNameSchema.nullable(),
  /** Set on a tool call once the perimeter has answered, and on its result. */
  toolCallId: ToolCallIdSchema.nullable(),
  /** For people: what the step is or did (redacted). */
  summary: z.string().max(2000),
  startedAt: timestamp,
  /** Null while running. */
  durationMs: z.number().nonnegative().nullable(),
  /** Tokens the model generated in a thinking step. */
  outputTokens: z.number().int().nonnegative().nullable(),
  /** On the step that ends a turn (tool result, answer or error). */
  timings: AgentTurnTimingsSchema.nullable(),
});
export type AgentStep = z.infer<typeof AgentStepSchema>;

export const AgentSessionSummarySchema = z.object({
  id: SessionIdSchema,
  task: z.string().max(agentTaskMaxChars),
  status: AgentSessionStatusSchema,
  /** What drives it: the script's name, or the loaded model's file. */
  model: z.object({ kind: z.enum(['scripted', 'loaded']), label: z.string().max(500) }),
  /** Who started it: the console session label or CLI user. */
  startedBy: z.string().min(1).max(200),
  startedAt: timestamp,
  finishedAt: timestamp.nullable(),
  maxSteps: z.number().int().min(1).max(agentMaxStepsLimit),
  tokenBudget: z.number().int().min(1).max(agentTokenBudgetLimit),
  /** Model turns so far. */
  turns: z.number().int().nonnegative().max(agentMaxStepsLimit),
  /** Tokens the model has generated so far, against `tokenBudget`. */
  outputTokens: z.number().int().nonnegative(),
  /** The session has seen untrusted content: its later outbound, exec and destructive calls ask at least. */
  tainted: z.boolean(),
  /** Where that content came from (tool and path or URL), as the approval card shows it. */
  untrustedSources: z.array(z.string().min(1).max(1000)).max(50),
  answer: z.string().max(20_000).nullable(),
  /** Why it failed or ended early. */
  error: z.string().max(2000).nullable(),
});
export type AgentSessionSummary = z.infer<typeof AgentSessionSummarySchema>;

export const AgentSessionSchema = AgentSessionSummarySchema.extend({
  steps: z.array(AgentStepSchema).max(agentStepsMax + 1),
});
export type AgentSession = z.infer<typeof AgentSessionSchema>;

const sessionRef = z.object({ sessionId: SessionIdSchema }).strict();

export const agentRequests = {
  'agent.start': request(
    'Start an agent session on a task, driven by the loaded model or a script; answers at once with its id (progress comes as agent.* events).',
    AgentStartInputSchema,
    z.object({ sessionId: SessionIdSchema }),
  ),
  'agent.stop': request(
    'Stop a running session: its model call and tool call are cancelled, a pending approval is denied.',
    sessionRef,
    AgentSessionSummarySchema,
  ),
  'agent.sessions': request('The recent agent sessions, newest first, with their status.', z.object({}).strict(), z.object({ sessions: z.array(AgentSessionSummarySchema).max(200) })),
  'agent.get': request('One agent session with its steps.', sessionRef, AgentSessionSchema),
};

export const agentEvents = {
  'agent.step': event('A step of an agent session started or changed.', AgentStepSchema),
  'agent.text': event(
    "A chunk of the answer as the model writes it; agent.finished's answer is the final text.",
    z.object({ sessionId: SessionIdSchema, text: z.string().max(20_000) }),
  ),
  'agent.finished': event(
    'An agent session ended.',
    z.object({ sessionId: SessionIdSchema, status: AgentEndStatusSchema, answer: z.string().max(20_000).optional(), error: z.string().max(2000).optional() }),
  ),
};
