import { z } from 'zod';
import { InterfaceSchema } from './caller.ts';
import { event, request } from './define.ts';
import { AbsolutePathSchema } from './policy.ts';
import { ToolNameSchema } from './secrets.ts';
import { JsonObjectSchema, RiskClassSchema, SessionIdSchema, ToolCallIdSchema, ToolPreviewSchema } from './tools.ts';

/**
 * Approvals: calls held for a person (ask verdicts and destructive calls), how each was answered,
 * and the narrow rules a person chose to remember. Arguments arrive here already redacted.
 */

const timestamp = z.iso.datetime({ precision: 3 });

export const ApprovalIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const RememberedRuleIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** `expired`: nobody answered in time, or Warden restarted first; both are denials. */
export const approvalStates = ['pending', 'decided', 'expired'] as const;
export const ApprovalStateSchema = z.enum(approvalStates);
export type ApprovalState = z.infer<typeof ApprovalStateSchema>;

export const ApprovalAnswerSchema = z.enum(['approve', 'deny']);
export type ApprovalAnswer = z.infer<typeof ApprovalAnswerSchema>;

/** A person, a remembered rule, the timeout, a restart that found it pending, or the core (kill switch, session stop). */
export const approvalDeciderKinds = ['person', 'rule', 'timeout', 'restart', 'system'] as const;
export const ApprovalDeciderSchema = z.object({
  kind: z.enum(approvalDeciderKinds),
  /** The console session label or CLI user for a person; what happened otherwise. */
  name: z.string().min(1).max(200),
});
export type ApprovalDecider = z.infer<typeof ApprovalDeciderSchema>;

export const ApprovalResolutionSchema = z.object({
  decision: ApprovalAnswerSchema,
  by: ApprovalDeciderSchema,
  at: timestamp,
  /** The interface a person answered from; null when no person did. */
  interface: InterfaceSchema.nullable(),
  /** The remembered rule that decided, when one did. */
  ruleId: RememberedRuleIdSchema.nullable(),
});
export type ApprovalResolution = z.infer<typeof ApprovalResolutionSchema>;

/** The excerpt keeps the end of the instruction: the part right before the call. */
export const approvalExcerptMax = 200;
export const approvalArgsMaxChars = 1_000_000;

/** Everything a person needs to decide on one call; what the runner hands to the queue. */
export const ApprovalCallSchema = z
  .object({
    callId: ToolCallIdSchema,
    sessionId: SessionIdSchema.nullable(),
    /** Who asked: the agent session, a console user, the CLI. */
    actor: z.string().min(1).max(200),
    tool: ToolNameSchema,
    risk: RiskClassSchema,
    /** Redacted; path arguments in canonical form, since remembered rules match on them. */
    args: JsonObjectSchema.refine((args) => JSON.stringify(args).length <= approvalArgsMaxChars, {
      message: `Arguments may be at most ${approvalArgsMaxChars} characters of JSON.`,
    }),
    /** Why a person is asked: the policy rule, the destructive class, untrusted content. */
    reason: z.string().min(1).max(2000),
    /** A diff for write_file, what would be deleted for delete_path, the argv for run_command. */
    preview: ToolPreviewSchema.nullable(),
    instructionExcerpt: z.string().max(approvalExcerptMax),
    /** Short summaries of the session's last steps, oldest first. */
    recentSteps: z.array(z.string().max(500)).max(20),
    /** Where untrusted content the session has seen came from; remembered rules never decide when there is any. */
    untrustedSources: z.array(z.string().min(1).max(1000)).max(50),
  })
  .strict();
export type ApprovalCall = z.infer<typeof ApprovalCallSchema>;

export const ApprovalViewSchema = ApprovalCallSchema.extend({
  id: ApprovalIdSchema,
  requestedAt: timestamp,
  /** When the timeout denies it if nobody answers. */
  expiresAt: timestamp,
  state: ApprovalStateSchema,
  resolution: ApprovalResolutionSchema.nullable(),
});
export type ApprovalView = z.infer<typeof ApprovalViewSchema>;

/** `exact`: the very path(s) of the call; `directory`: anything under the directory of each path, below the workspace. */
export const RuleScopeSchema = z.enum(['exact', 'directory']);
export type RuleScope = z.infer<typeof RuleScopeSchema>;

const PathMatchSchema = z
  .object({
    /** The path argument, e.g. `path`, `from`, `to`. */
    arg: z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/),
    path: AbsolutePathSchema,
    /** Matches `path` itself and everything below it, never a sibling sharing its first characters. */
    prefix: z.boolean(),
  })
  .strict()
  .refine((m) => !(m.prefix && m.path === '/'), { message: 'A prefix rule cannot cover the whole file system.' });

export const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Tools whose rules are about paths; a path rule for any other tool (run_command's cwd) would approve any arguments. */
export const pathRuleTools = ['list_dir', 'read_file', 'search_files', 'write_file', 'move_path', 'delete_path'] as const;

/** What a remembered rule approves: always one tool, and never "this program with any arguments". */
export const RuleMatchSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('paths'),
      tool: z.enum(pathRuleTools),
      paths: z.array(PathMatchSchema).min(1).max(4),
      /** delete_path: whether the rule covers a recursive delete; false for tools without that flag. */
      recursive: z.boolean(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('argv'),
      tool: z.literal('run_command'),
      argv: z.array(z.string().max(4096)).min(1).max(256),
      /** The working directory the call gave, canonical; null when it gave none. */
      cwd: AbsolutePathSchema.nullable(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('request'),
      tool: z.literal('http_request'),
      method: z.enum(httpMethods),
      url: z.string().min(1).max(8192),
    })
    .strict(),
]);
export type RuleMatch = z.infer<typeof RuleMatchSchema>;

export const RememberedRuleSchema = z.object({
  id: RememberedRuleIdSchema,
  match: RuleMatchSchema,
  /** The rule in words, as the person saw it before saving it. */
  description: z.string().min(1).max(10_000),
  createdBy: z.object({ name: z.string().min(1).max(200), interface: InterfaceSchema }),
  createdAt: timestamp,
  /** The approval it was remembered from. */
  fromApproval: ApprovalIdSchema.nullable(),
  lastUsedAt: timestamp.nullable(),
  useCount: z.number().int().nonnegative(),
});
export type RememberedRule = z.infer<typeof RememberedRuleSchema>;

/** The rule a card would save, or why none can be saved for that call. */
export const RuleProposalSchema = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true), scope: RuleScopeSchema, match: RuleMatchSchema, description: z.string().min(1).max(10_000) }),
  z.object({ available: z.literal(false), scope: RuleScopeSchema, reason: z.string().min(1).max(1000) }),
]);
export type RuleProposal = z.infer<typeof RuleProposalSchema>;

export const approvalsPageMax = 500;

export const ApprovalListInputSchema = z
  .object({
    state: ApprovalStateSchema.optional(),
    /** Newest first; 100 unless given. */
    limit: z.number().int().min(1).max(approvalsPageMax).optional(),
  })
  .strict();
export type ApprovalListInput = z.infer<typeof ApprovalListInputSchema>;

export const ApprovalDecideInputSchema = z
  .object({
    id: ApprovalIdSchema,
    decision: ApprovalAnswerSchema,
    /** Also save the proposed rule, so the same call is approved without asking next time. */
    remember: z.boolean().optional(),
    /** Which rule to remember; `exact` unless given. */
    scope: RuleScopeSchema.optional(),
  })
  .strict()
  .refine((input) => input.remember !== true || input.decision === 'approve', {
    message: 'Only an approval can be remembered.',
    path: ['remember'],
  })
  .refine((input) => input.scope === undefined || input.remember === true, {
    message: 'A scope is given only with remember.',
    path: ['scope'],
  });
export type ApprovalDecideInput = z.infer<typeof ApprovalDecideInputSchema>;

export const ApprovalDecidedSchema = z.object({
  id: ApprovalIdSchema,
  callId: ToolCallIdSchema,
  tool: ToolNameSchema,
  sessionId: SessionIdSchema.nullable(),
  state: z.enum(['decided', 'expired']),
  resolution: ApprovalResolutionSchema,
});
export type ApprovalDecided = z.infer<typeof ApprovalDecidedSchema>;

export const ApprovalsChangedSchema = z.object({ pending: z.number().int().nonnegative() });
export type ApprovalsChanged = z.infer<typeof ApprovalsChangedSchema>;

export const ApprovalRulesChangedSchema = z.object({
  change: z.enum(['saved', 'revoked']),
  /** Remembered rules now in force. */
  count: z.number().int().nonnegative(),
});
export type ApprovalRulesChanged = z.infer<typeof ApprovalRulesChangedSchema>;

export const approvalsRequests = {
  'approvals.list': request(
    'Approval requests, newest first, optionally only pending, decided or expired; with the pending count.',
    ApprovalListInputSchema,
    z.object({ requests: z.array(ApprovalViewSchema).max(approvalsPageMax), pending: z.number().int().nonnegative() }),
  ),
  'approvals.decide': request(
    'Approve or deny a pending call, optionally remembering the proposed rule; the first answer wins, later ones get a conflict.',
    ApprovalDecideInputSchema,
    z.object({ request: ApprovalViewSchema, rule: RememberedRuleSchema.nullable() }),
  ),
  'approvals.proposeRule': request(
    'The rule that remembering this approval would save, in words, or why none can be saved.',
    z.object({ id: ApprovalIdSchema, scope: RuleScopeSchema.optional() }).strict(),
    RuleProposalSchema,
  ),
  'approvals.rules': request(
    'Remembered rules with who saved them, when, and their last use.',
    z.object({}).strict(),
    z.object({ rules: z.array(RememberedRuleSchema) }),
  ),
  'approvals.revokeRule': request(
    'Forget a remembered rule: the calls it approved will ask again.',
    z.object({ id: RememberedRuleIdSchema }).strict(),
    z.object({ rule: RememberedRuleSchema }),
  ),
};

export const approvalsEvents = {
  'approvals.requested': event('A call waits for a person: everything the approval card shows.', ApprovalViewSchema),
  'approvals.decided': event('A person, a remembered rule or the core answered a request.', ApprovalDecidedSchema),
  'approvals.expired': event('A request was denied because nobody answered in time, or Warden restarted first.', ApprovalDecidedSchema),
  'approvals.rulesChanged': event('A remembered rule was saved or revoked; fetch them again with approvals.rules.', ApprovalRulesChangedSchema),
  'approvals.changed': event('The number of pending requests changed (for badges and titles).', ApprovalsChangedSchema),
};
