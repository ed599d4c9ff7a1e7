import { z } from 'zod';
import { event, request } from './define.ts';

/** How strongly tool calls are isolated; "unknown" until the runner has probed the machine. */
export const IsolationLevelSchema = z.enum(['full', 'partial', 'none', 'unknown']);
export type IsolationLevel = z.infer<typeof IsolationLevelSchema>;

export const SystemInfoSchema = z.object({
  name: z.literal('Warden'),
  version: z.string().min(1),
  platform: z.string().min(1),
  arch: z.string().min(1),
  nodeVersion: z.string().min(1),
  isolation: IsolationLevelSchema,
  dataDir: z.string().min(1),
  startedAt: z.iso.datetime(),
  shell: z.enum(['desktop', 'headless', 'cli']),
  /** Where the audit chain's key lives: the OS keychain, or the weaker 0600 key file fallback. */
  auditKey: z.enum(['keychain', 'file']),
});
export type SystemInfo = z.infer<typeof SystemInfoSchema>;

export const PingSchema = z.object({
  seq: z.number().int().nonnegative(),
  at: z.iso.datetime(),
  uptimeMs: z.number().nonnegative(),
});
export type Ping = z.infer<typeof PingSchema>;

export const PanicResultSchema = z.object({
  runsKilled: z.number().int().nonnegative(),
  pendingDenied: z.number().int().nonnegative(),
  sessionsStopped: z.number().int().nonnegative(),
  /** Every tool is disabled in the policy until an admin enables them again. */
  toolsLocked: z.boolean(),
});
export type PanicResult = z.infer<typeof PanicResultSchema>;

export const systemRequests = {
  'system.info': request(
    'What this Warden is and where it keeps its data.',
    z.object({}).strict(),
    SystemInfoSchema,
  ),
  'system.panic': request(
    'The kill switch: stop every agent session, kill running tool calls, deny everything pending and disable all tools.',
    z.object({ reason: z.string().min(1).max(500) }).strict(),
    PanicResultSchema,
  ),
};

export const systemEvents = {
  'system.ping': event('A heartbeat from the core, so a client can tell it is connected.', PingSchema),
};
