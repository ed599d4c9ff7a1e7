import { z } from 'zod';
import { InterfaceSchema } from './caller.ts';
import { event, request } from './define.ts';

/** What an audit event is about. */
export const auditKinds = ['tool_call', 'approval', 'auth', 'secret_use', 'policy_change', 'alert', 'lifecycle'] as const;
export const AuditKindSchema = z.enum(auditKinds);
export type AuditKind = z.infer<typeof AuditKindSchema>;

export const auditStatuses = ['success', 'failure', 'blocked', 'denied', 'pending'] as const;
export const AuditStatusSchema = z.enum(auditStatuses);
export type AuditStatus = z.infer<typeof AuditStatusSchema>;

export const AuditDecisionSchema = z.enum(['allow', 'ask', 'deny']);
export type AuditDecision = z.infer<typeof AuditDecisionSchema>;

/** Who or what made a decision: a policy rule, a person, the approval timeout, the perimeter, the core. */
export const AuditDeciderSchema = z.object({
  kind: z.enum(['rule', 'person', 'timeout', 'policy', 'system']),
  name: z.string().min(1).max(200),
});
export type AuditDecider = z.infer<typeof AuditDeciderSchema>;

/** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
export const AuditTimestampSchema = z.iso.datetime({ precision: 3 });

/** Arguments (already redacted) and free-form details such as a policy change's before/after. */
export const AuditJsonObjectSchema = z.record(z.string(), z.json());
export type AuditJsonObject = z.infer<typeof AuditJsonObjectSchema>;

/** Longest instruction excerpt kept: the last 200 characters of what led to the call. */
export const auditExcerptMax = 200;

/** What a producer hands to the audit trail; the store adds `seq` and `ts`. */
export const AuditEventInputSchema = z.object({
  kind: AuditKindSchema,
  status: AuditStatusSchema,
  /** Who acted: an agent session, a console user, the core itself. */
  actor: z.string().min(1).max(200),
  summary: z.string().max(2000),
  sessionId: z.string().min(1).max(200).optional(),
  tool: z.string().min(1).max(200).optional(),
  args: AuditJsonObjectSchema.optional(),
  /** The instruction that led to the call; the store keeps its last 200 characters. */
  excerpt: z.string().max(100_000).optional(),
  decision: AuditDecisionSchema.optional(),
  decidedBy: AuditDeciderSchema.optional(),
  durationMs: z.number().nonnegative().optional(),
  interface: InterfaceSchema.optional(),
  details: AuditJsonObjectSchema.optional(),
});
export type AuditEventInput = z.infer<typeof AuditEventInputSchema>;

/** One recorded event: `seq` is its place in the hash chain, `ts` when the store recorded it. */
export const AuditEventSchema = AuditEventInputSchema.extend({
  excerpt: z.string().max(auditExcerptMax).optional(),
  seq: z.number().int().positive(),
  ts: AuditTimestampSchema,
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

const filterString = z.string().min(1).max(200);

/** Filters shared by search and export; `since` is inclusive, `until` exclusive. */
export const AuditFilterSchema = z
  .object({
    /** Words to find in tool names, arguments, excerpts and summaries; `word*` matches a prefix. */
    text: z.string().max(500).optional(),
    tool: filterString.optional(),
    status: AuditStatusSchema.optional(),
    sessionId: filterString.optional(),
    actor: filterString.optional(),
    kind: AuditKindSchema.optional(),
    since: AuditTimestampSchema.optional(),
    until: AuditTimestampSchema.optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const auditPageMax = 500;

export const AuditQuerySchema = AuditFilterSchema.extend({
  limit: z.number().int().min(1).max(auditPageMax).optional(),
  /** The `nextCursor` of the previous page: only events with a smaller seq come next. */
  cursor: z.number().int().positive().optional(),
}).strict();
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditPageSchema = z.object({
  /** Newest first. */
  events: z.array(AuditEventSchema),
  nextCursor: z.number().int().positive().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const AuditProblemSchema = z.object({
  kind: z.enum(['broken', 'missing', 'reordered', 'truncated']),
  seq: z.number().int().nonnegative(),
  message: z.string().max(2000),
});
export type AuditProblem = z.infer<typeof AuditProblemSchema>;

export const AuditVerifyReportSchema = z.object({
  ok: z.boolean(),
  /** Events whose MAC and link were checked, archived ones included. */
  checked: z.number().int().nonnegative(),
  archivedChecked: z.number().int().nonnegative(),
  checkpointsChecked: z.number().int().nonnegative(),
  headSeq: z.number().int().nonnegative(),
  /** The first problem found in chain order; null when the whole trail verifies. */
  problem: AuditProblemSchema.nullable(),
  durationMs: z.number().nonnegative(),
});
export type AuditVerifyReport = z.infer<typeof AuditVerifyReportSchema>;

export const AuditStatsSchema = z.object({
  /** Events ever recorded (the chain's head seq). */
  total: z.number().int().nonnegative(),
  /** Events still in the searchable store; the rest are in archive files. */
  live: z.number().int().nonnegative(),
  archived: z.number().int().nonnegative(),
  firstLiveTs: AuditTimestampSchema.nullable(),
  lastTs: AuditTimestampSchema.nullable(),
  byKind: z.record(AuditKindSchema, z.number().int().nonnegative()),
  byStatus: z.record(AuditStatusSchema, z.number().int().nonnegative()),
  storeBytes: z.number().int().nonnegative(),
  retentionDays: z.number().int().positive(),
  lastCheckpoint: z
    .object({ at: AuditTimestampSchema, headSeq: z.number().int().nonnegative() })
    .nullable(),
});
export type AuditStats = z.infer<typeof AuditStatsSchema>;

export const AuditHistogramInputSchema = z
  .object({ since: AuditTimestampSchema, until: AuditTimestampSchema })
  .strict()
  .refine((r) => r.since < r.until, { message: 'since must be before until' })
  .refine((r) => Date.parse(r.until) - Date.parse(r.since) <= 366 * 86_400_000, {
    message: 'the range may span at most 366 days',
  });
export type AuditHistogramInput = z.infer<typeof AuditHistogramInputSchema>;

const count = z.number().int().nonnegative();
const statusCounts = z.object({ success: count, failure: count, blocked: count, denied: count, pending: count });

export const AuditHistogramSchema = z.object({
  /** Hours that have events, oldest first; `hour` is the bucket's start. */
  buckets: z.array(statusCounts.extend({ hour: AuditTimestampSchema })),
});
export type AuditHistogram = z.infer<typeof AuditHistogramSchema>;

export const AuditChainStatusSchema = z.object({
  mac: z.string().regex(/^[0-9a-f]{64}$/),
  prevMac: z.string().regex(/^[0-9a-f]{64}$/),
  /** The stored MAC matches the event's content and the previous MAC. */
  macValid: z.boolean(),
  /** The previous stored event's MAC is this event's `prevMac`. */
  linkValid: z.boolean(),
  /** A checkpoint written to the second location already covers this event. */
  checkpointed: z.boolean(),
});
export type AuditChainStatus = z.infer<typeof AuditChainStatusSchema>;

/** Chosen by the client so it can match `audit.progress` events to the operation it started. */
export const OperationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const AuditExportFormatSchema = z.enum(['jsonl', 'csv']);
export type AuditExportFormat = z.infer<typeof AuditExportFormatSchema>;

export const AuditExportResultSchema = z.object({
  path: z.string().min(1),
  count: z.number().int().nonnegative(),
  format: AuditExportFormatSchema,
});
export type AuditExportResult = z.infer<typeof AuditExportResultSchema>;

export const AuditAppendedSchema = z.object({
  seq: z.number().int().positive(),
  ts: AuditTimestampSchema,
  kind: AuditKindSchema,
  status: AuditStatusSchema,
  tool: z.string().max(200).optional(),
  sessionId: z.string().max(200).optional(),
  /** The summary cut to 200 characters; `audit.get` has the full event. */
  summary: z.string().max(200),
});
export type AuditAppended = z.infer<typeof AuditAppendedSchema>;

export const AuditProgressSchema = z.object({
  operation: z.enum(['export', 'verify']),
  operationId: OperationIdSchema,
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type AuditProgress = z.infer<typeof AuditProgressSchema>;

export const auditRequests = {
  'audit.search': request(
    'Full-text search with filters over the searchable audit trail, newest first, one page at a time.',
    AuditQuerySchema,
    AuditPageSchema,
  ),
  'audit.get': request(
    'One event and the status of its link in the hash chain.',
    z.object({ seq: z.number().int().positive() }).strict(),
    z.object({ event: AuditEventSchema, chain: AuditChainStatusSchema }),
  ),
  'audit.verify': request(
    'Walks the whole chain (archives and live store) and the checkpoints; reports the first problem.',
    z.object({ operationId: OperationIdSchema.optional() }).strict(),
    AuditVerifyReportSchema,
  ),
  'audit.stats': request('Counts, sizes and the last checkpoint of the audit trail.', z.object({}).strict(), AuditStatsSchema),
  'audit.histogram': request(
    'Events per hour by status over a range, for the chart above the results.',
    AuditHistogramInputSchema,
    AuditHistogramSchema,
  ),
  'audit.export': request(
    'Writes every event matching the filters to a file in the data directory and returns its path.',
    z
      .object({
        format: AuditExportFormatSchema,
        filter: AuditFilterSchema.optional(),
        operationId: OperationIdSchema.optional(),
      })
      .strict(),
    AuditExportResultSchema,
  ),
};

export const auditEvents = {
  'audit.appended': event('An event was committed to the audit trail.', AuditAppendedSchema),
  'audit.progress': event('Progress of a running export or verification.', AuditProgressSchema),
};
