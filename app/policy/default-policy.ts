import type { Policy } from '../contract/policy.ts';
import { defaultLimits, policyVersion } from '../contract/policy.ts';

/**
 * The policy of a fresh install: the file tools on, with the risk-class defaults (reads run,
 * changes ask, deletes always ask). run_command and http_request start off: each needs an
 * allowlist (programs, hosts) that only the admin can know, and a tool the model sees but can
 * never use only invites it to try.
 */
export const defaultEnabledTools = ['list_dir', 'read_file', 'search_files', 'write_file', 'move_path', 'delete_path'] as const;

export function defaultPolicy(workspace: string, now: Date): Policy {
  return {
    version: policyVersion,
    revision: 0,
    updatedAt: now.toISOString(),
    workspace,
    references: [],
    enabledTools: [...defaultEnabledTools],
    rules: [],
    commands: [],
    network: { allowHosts: [] },
    limits: { ...defaultLimits },
    acceptedIsolation: 'full',
  };
}
