import { z } from 'zod';
import { event, request } from './define.ts';
import type { Decision } from './policy.ts';
import { DecisionSchema, IsolationReportSchema } from './policy.ts';
import { ToolNameSchema } from './secrets.ts';

/**
 * Tools: what the agent may call, and the live lifecycle of every call. Arguments and output
 * cross this boundary only after the core has passed them through the redactor.
 */

/** What a tool can do to the world; policy defaults and approval follow from it. */
export const riskClasses = ['read', 'write', 'destructive', 'network', 'exec'] as const;
export const RiskClassSchema = z.enum(riskClasses);
export type RiskClass = z.infer<typeof RiskClassSchema>;

/** A JSON object, as tool arguments and outputs are. */
export const JsonObjectSchema = z.record(z.string().max(200), z.json());
export type JsonObject = z.infer<typeof JsonObjectSchema>;

export const ToolInfoSchema = z.object({
  name: ToolNameSchema,
  /** What the model is told the tool does. */
  description: z.string().min(1).max(2000),
  risk: RiskClassSchema,
  /** Secret names the tool declares; it gets only those also scoped to it. */
  secrets: z.array(z.string().max(64)).max(50),
  /** `sandbox`: a child process under the runner; `core`: the console itself (network tools). */
  runsIn: z.enum(['sandbox', 'core']),
  /** Whether the current policy enables it. */
  enabled: z.boolean(),
  /** The JSON Schema of the arguments, for forms and for the model. */
  parameters: JsonObjectSchema,
});
export type ToolInfo = z.infer<typeof ToolInfoSchema>;

/** Where a call stands. `finished` carries the outcome. */
export const toolCallStates = ['queued', 'asked', 'approved', 'denied', 'running', 'finished'] as const;
export const ToolCallStateSchema = z.enum(toolCallStates);
export type ToolCallState = z.infer<typeof ToolCallStateSchema>;

/**
 * How a call ended: `blocked` by validation or policy before anything ran, `denied` by a person
 * (or the approval timeout), `failure` when it ran and failed (including sandbox limits).
 */
export const toolCallStatuses = ['success', 'failure', 'blocked', 'denied'] as const;
export const ToolCallStatusSchema = z.enum(toolCallStatuses);
export type ToolCallStatus = z.infer<typeof ToolCallStatusSchema>;

export const ToolCallIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const SessionIdSchema = z.string().min(1).max(200);

/** Who decided a call: a policy rule, a person, the approval timeout, the perimeter, the core. */
export const DeciderSchema = z.object({
  kind: z.enum(['rule', 'person', 'timeout', 'policy', 'system']),
  name: z.string().min(1).max(200),
});
export type Decider = z.infer<typeof DeciderSchema>;

/**
 * What the tool-call pipeline (app/runner) asks the approval queue (app/approvals) about a call,
 * and its answer: here because neither may import the other.
 */
export interface GateRequest {
  readonly id: string;
  readonly sessionId: string | null;
  readonly actor: string;
  readonly tool: string;
  readonly risk: RiskClass;
  /** Redacted. */
  readonly args: JsonObject;
  readonly decision: Decision;
  readonly preview: ToolPreview | null;
  readonly signal?: AbortSignal;
}

export interface GateAnswer {
  readonly decision: 'approve' | 'deny';
  /** A person, the approval timeout, a remembered rule, or the core. */
  readonly by: Decider;
}

/** What the approval card shows before a change is made. */
export const ToolPreviewSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('diff'),
    path: z.string().max(4096),
    created: z.boolean(),
    /** Unified diff of the current content against the proposed one. */
    diff: z.string().max(1_000_000),
    truncated: z.boolean(),
  }),
  z.object({
    kind: z.literal('delete'),
    entries: z.array(z.object({ path: z.string().max(4096), type: z.enum(['file', 'dir', 'symlink', 'other']), bytes: z.number().int().nonnegative() })).max(1000),
    totalEntries: z.number().int().nonnegative(),
    totalBytes: z.number().int().nonnegative(),
    truncated: z.boolean(),
  }),
  z.object({ kind: z.literal('move'), from: z.string().max(4096), to: z.string().max(4096) }),
  z.object({ kind: z.literal('command'), argv: z.array(z.string().max(4096)).max(256), executable: z.string().max(4096), cwd: z.string().max(4096) }),
  z.object({ kind: z.literal('request'), method: z.string().max(10), url: z.string().max(8192) }),
]);
export type ToolPreview = z.infer<typeof ToolPreviewSchema>;

/** Why a run failed, when the sandbox or the runner ended it. */
export const runFailureReasons = ['exit', 'timeout', 'memory', 'cpu', 'file-size', 'disk', 'cancelled', 'spawn', 'tool-error', 'output'] as const;
export const RunFailureReasonSchema = z.enum(runFailureReasons);
export type RunFailureReason = z.infer<typeof RunFailureReasonSchema>;

export const ToolCallOutcomeSchema = z.object({
  id: ToolCallIdSchema,
  tool: z.string().max(200),
  status: ToolCallStatusSchema,
  /** For people: why it was blocked, denied or failed, or what it did. */
  message: z.string().max(4000),
  decision: DecisionSchema.nullable(),
  decidedBy: DeciderSchema.nullable(),
  /** What the tool returned (redacted); null when it did not run. */
  output: JsonObjectSchema.nullable(),
  failure: RunFailureReasonSchema.nullable(),
  isolation: IsolationReportSchema.shape.level,
  durationMs: z.number().nonnegative(),
});
export type ToolCallOutcome = z.infer<typeof ToolCallOutcomeSchema>;

const timestamp = z.iso.datetime({ precision: 3 });

/** One step of a call's life, pushed to every watcher; the latest one replaces the earlier ones. */
export const ToolCallUpdateSchema = z.object({
  id: ToolCallIdSchema,
  sessionId: SessionIdSchema.nullable(),
  tool: z.string().max(200),
  risk: RiskClassSchema.nullable(),
  state: ToolCallStateSchema,
  /** Set once `state` is `finished`. */
  status: ToolCallStatusSchema.nullable(),
  /** The arguments as the model gave them, redacted. */
  args: JsonObjectSchema,
  decision: DecisionSchema.nullable(),
  decidedBy: DeciderSchema.nullable(),
  preview: ToolPreviewSchema.nullable(),
  message: z.string().max(4000),
  queuedAt: timestamp,
  updatedAt: timestamp,
  durationMs: z.number().nonnegative().nullable(),
});
export type ToolCallUpdate = z.infer<typeof ToolCallUpdateSchema>;

export const ToolCallInputSchema = z
  .object({
    name: ToolNameSchema,
    /** Checked against the tool's own schema by the core; bounded here only by size. */
    args: JsonObjectSchema.refine((args) => JSON.stringify(args).length <= 1_000_000, {
      message: 'Tool arguments may be at most 1,000,000 characters of JSON.',
    }),
    sessionId: SessionIdSchema.optional(),
  })
  .strict();
export type ToolCallInput = z.infer<typeof ToolCallInputSchema>;

export const toolsRequests = {
  'tools.list': request(
    'Every tool with its description, risk class, declared secrets and argument schema.',
    z.object({}).strict(),
    z.object({ tools: z.array(ToolInfoSchema) }),
  ),
  'tools.call': request(
    'One tool call through validation, policy, approval, the sandbox and the audit trail.',
    ToolCallInputSchema,
    ToolCallOutcomeSchema,
  ),
};

export const toolsEvents = {
  'toolcall.updated': event('A tool call changed state: queued, asked, approved, denied, running or finished.', ToolCallUpdateSchema),
};
