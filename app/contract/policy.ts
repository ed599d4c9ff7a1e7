import { z } from 'zod';
import { event, request } from './define.ts';
import { ToolNameSchema } from './secrets.ts';

/**
 * The perimeter: what the agent may read, write, reach and run, and the rules that say whether a
 * call runs, asks a person, or is refused. One versioned document, `policy.json` in the data dir.
 */

export const policyVersion = 1;

/** Isolation levels the runner can reach, strongest first. */
export const isolationLevels = ['full', 'partial', 'none'] as const;
export const RunnerIsolationSchema = z.enum(isolationLevels);
export type RunnerIsolation = z.infer<typeof RunnerIsolationSchema>;

export const verdicts = ['allow', 'ask', 'deny'] as const;
export const VerdictSchema = z.enum(verdicts);
export type Verdict = z.infer<typeof VerdictSchema>;

/** What policy said about one call, and why; `rule` names the rule that decided, if one did. */
export const DecisionSchema = z.object({
  verdict: VerdictSchema,
  reason: z.string().min(1).max(2000),
  rule: z.string().max(64).nullable(),
});
export type Decision = z.infer<typeof DecisionSchema>;

const segmentsOk = (path: string): boolean =>
  path === '/' || (!path.endsWith('/') && path.split('/').slice(1).every((s) => s !== '' && s !== '.' && s !== '..'));

/** Absolute, normalized (no `.`/`..`/empty segments, no trailing slash); the store also resolves symlinks. */
export const AbsolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), { message: 'A path may not contain a NUL byte.' })
  .refine((p) => p.startsWith('/'), { message: 'Give an absolute path (starting with /).' })
  .refine(segmentsOk, { message: 'Give a normalized path: no trailing slash and no empty, "." or ".." segments.' });

/**
 * A glob over canonical paths: `*` and `?` stay within one path segment, `**` spans any number
 * of segments. Relative patterns are relative to the workspace.
 */
export const PathGlobSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.includes('\0'), { message: 'A pattern may not contain a NUL byte.' })
  .refine((p) => !p.split('/').includes('..'), { message: 'A pattern may not contain "..": write it from the workspace or as an absolute path.' });

const hostname = String.raw`(?:\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*`;
const ipv6 = String.raw`\[[0-9a-f:.]{2,45}\]`;
const hostPattern = new RegExp(`^(?:${hostname}|${ipv6})(?::(?:[1-9][0-9]{0,4}))?$`);

/** `api.example.com`, `*.example.com` (subdomains only), `127.0.0.1:8443`, `[::1]:8443`; port 443 unless given. */
export const HostPatternSchema = z
  .string()
  .min(1)
  .max(260)
  .regex(hostPattern, 'A host is a lower-case name (optionally starting with "*."), an IPv4 address or [IPv6], with an optional :port.')
  .refine((h) => Number(/:(\d+)$/.exec(h)?.[1] ?? 0) <= 65535, { message: 'A port is at most 65535.' });

export const RuleIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'A rule id is 1–64 characters of a–z, 0–9 and -.');

/**
 * One rule. Without `paths`, `argv` or `hosts` it matches every call of its tool. An allow rule
 * applies only when every path of the call matches; ask and deny rules when any path does.
 */
export const PolicyRuleSchema = z
  .object({
    id: RuleIdSchema,
    /** A tool name, or `*` for every tool. */
    tool: z.union([ToolNameSchema, z.literal('*')]),
    verdict: VerdictSchema,
    paths: z.array(PathGlobSchema).min(1).max(50).optional(),
    /** run_command only: the exact argument vector, program name first as the call gives it. */
    argv: z.array(z.string().max(4096).refine((a) => !a.includes('\0'))).min(1).max(64).optional(),
    /** Network tools only: host patterns this rule is about. */
    hosts: z.array(HostPatternSchema).min(1).max(50).optional(),
    note: z.string().max(500).optional(),
  })
  .strict();
export type PolicyRule = z.infer<typeof PolicyRuleSchema>;

export const LimitsSchema = z
  .object({
    /** CPU time per call (RLIMIT_CPU); the process is killed beyond it. */
    cpuSeconds: z.number().int().min(1).max(3600),
    /** Resident memory of the call's processes together; the runner kills the call beyond it. */
    memoryMb: z.number().int().min(32).max(65536),
    /** Output kept per stream; the rest is dropped and a marker says so. */
    outputBytes: z.number().int().min(1024).max(16 * 1024 * 1024),
    wallTimeoutMs: z.number().int().min(100).max(3_600_000),
    /** Processes of the sandbox user (RLIMIT_NPROC, counted per user by the kernel). */
    maxProcesses: z.number().int().min(1).max(4096),
    /** Largest file a call may write (RLIMIT_FSIZE). */
    fileSizeMb: z.number().int().min(1).max(65536),
    /**
     * What a call may write to disk, all files together (many files each under fileSizeMb still
     * add up); the runner kills the call beyond it. A policy file written before this limit
     * existed gets the default.
     */
    diskMb: z.number().int().min(1).max(1_048_576).default(1024),
  })
  .strict();
export type Limits = z.infer<typeof LimitsSchema>;

export const defaultLimits: Limits = {
  cpuSeconds: 30,
  memoryMb: 512,
  outputBytes: 1024 * 1024,
  wallTimeoutMs: 60_000,
  maxProcesses: 256,
  fileSizeMb: 100,
  diskMb: 1024,
};

const isWithin = (child: string, parent: string): boolean =>
  child === parent || parent === '/' || child.startsWith(`${parent}/`);

/** The editable part of the perimeter; `acceptedIsolation` changes only through its own request. */
export const PolicyBodySchema = z
  .object({
    /** The only directory the agent may write. */
    workspace: AbsolutePathSchema,
    /** Directories the agent may read but never write. */
    references: z.array(AbsolutePathSchema).max(32),
    enabledTools: z.array(ToolNameSchema).max(100),
    rules: z.array(PolicyRuleSchema).max(500),
    /** Programs run_command may start, as absolute paths. */
    commands: z.array(AbsolutePathSchema).max(200),
    network: z.object({ allowHosts: z.array(HostPatternSchema).max(200) }).strict(),
    limits: LimitsSchema,
  })
  .strict();

function checkBody(body: z.infer<typeof PolicyBodySchema>, ctx: z.core.$RefinementCtx): void {
  const issue = (message: string, path: PropertyKey[]): void => ctx.addIssue({ code: 'custom', message, path });
  if (body.workspace === '/') issue('The workspace cannot be the root directory.', ['workspace']);
  body.references.forEach((ref, i) => {
    if (ref === '/') issue('A reference directory cannot be the root directory.', ['references', i]);
    if (isWithin(ref, body.workspace) || isWithin(body.workspace, ref)) {
      issue(`Reference ${ref} overlaps the workspace ${body.workspace}: a directory is either writable or read-only.`, ['references', i]);
    }
    if (body.references.indexOf(ref) !== i) issue(`Reference ${ref} is listed twice.`, ['references', i]);
  });
  const ids = new Set<string>();
  body.rules.forEach((rule, i) => {
    if (ids.has(rule.id)) issue(`Rule id "${rule.id}" is used twice.`, ['rules', i, 'id']);
    ids.add(rule.id);
  });
  body.commands.forEach((cmd, i) => {
    if (isWithin(cmd, body.workspace)) {
      issue(`${cmd} is inside the workspace, where the agent can replace it: allowlist programs installed outside it.`, ['commands', i]);
    }
  });
}

export const PolicySchema = PolicyBodySchema.extend({
  version: z.literal(policyVersion),
  /** Increases by one with every change; an update names the revision it was made from. */
  revision: z.number().int().nonnegative(),
  updatedAt: z.iso.datetime({ precision: 3 }),
  /** The weakest isolation an admin has accepted for exec and destructive tools. */
  acceptedIsolation: RunnerIsolationSchema,
})
  .strict()
  .superRefine(checkBody);
export type Policy = z.infer<typeof PolicySchema>;

export const PolicyUpdateInputSchema = z
  .object({
    policy: PolicyBodySchema.superRefine(checkBody),
    /** The revision the edit started from; a newer one on disk means someone else changed it. */
    expectedRevision: z.number().int().nonnegative(),
  })
  .strict();
export type PolicyUpdateInput = z.infer<typeof PolicyUpdateInputSchema>;
export type PolicyBody = z.infer<typeof PolicyBodySchema>;

export const AcceptIsolationInputSchema = z
  .object({
    level: RunnerIsolationSchema,
    /** Why the admin accepts it, kept in the audit trail. */
    reason: z.string().min(1).max(500),
  })
  .strict();
export type AcceptIsolationInput = z.infer<typeof AcceptIsolationInputSchema>;

export const MissingIsolationSchema = z.object({
  /** What is missing, for a person. */
  what: z.string().min(1).max(500),
  /** What to do about it. */
  fix: z.string().min(1).max(500),
});
export type MissingIsolation = z.infer<typeof MissingIsolationSchema>;

export const IsolationReportSchema = z.object({
  level: RunnerIsolationSchema,
  /** The OS user tool children run as, and whether it is the dedicated one. */
  user: z.object({ name: z.string().max(64), uid: z.number().int().nonnegative(), dedicated: z.boolean() }),
  /** How the runner becomes that user: dropping uid as root, the setup-sandbox launcher, or not at all. */
  via: z.enum(['uid-drop', 'launcher', 'self']),
  /** The OS sandbox around each call: bubblewrap (Linux), sandbox-exec (macOS), or none. */
  sandbox: z.enum(['bubblewrap', 'sandbox-exec', 'none']),
  missing: z.array(MissingIsolationSchema).max(20),
  checkedAt: z.iso.datetime({ precision: 3 }),
});
export type IsolationReport = z.infer<typeof IsolationReportSchema>;

export const PolicyViewSchema = z.object({
  policy: PolicySchema,
  isolation: IsolationReportSchema,
  /** Risk classes refused now because isolation is below what the admin accepted. */
  refusedRisks: z.array(z.enum(['exec', 'destructive'])),
  /** Things that are allowed but probably not meant, e.g. a shell on the command allowlist. */
  warnings: z.array(z.string().max(1000)).max(100),
  /** Where the policy file is. */
  file: z.string().max(4096),
});
export type PolicyView = z.infer<typeof PolicyViewSchema>;

export const PolicyChangedSchema = z.object({
  revision: z.number().int().nonnegative(),
  updatedAt: z.iso.datetime({ precision: 3 }),
  /** Top-level fields that changed, e.g. ["rules", "limits"]; ["isolation"] when a re-check found a different isolation. */
  changed: z.array(z.string().max(64)).max(20),
});
export type PolicyChanged = z.infer<typeof PolicyChangedSchema>;

export const policyRequests = {
  'policy.get': request(
    'The perimeter, the rules and limits, and the isolation level with what is missing and how to fix it.',
    z.object({}).strict(),
    PolicyViewSchema,
  ),
  'policy.update': request(
    'Replace the editable policy; validated as a whole, audited with before and after, in force at once.',
    PolicyUpdateInputSchema,
    PolicyViewSchema,
  ),
  'policy.acceptIsolation': request(
    'Accept a lower isolation level for exec and destructive tools (audited), or go back to requiring full.',
    AcceptIsolationInputSchema,
    PolicyViewSchema,
  ),
  'policy.recheckIsolation': request(
    'Probe the isolation again (e.g. after sudo warden setup-sandbox): calls started afterwards run at what it finds; a change is audited.',
    z.object({}).strict(),
    PolicyViewSchema,
  ),
};

export const policyEvents = {
  'policy.changed': event('The policy, or the isolation it is enforced at, changed; fetch it again with policy.get.', PolicyChangedSchema),
};
