/**
 * What the secrets area tells the audit trail. Names, tools and reasons only: an event never
 * holds a value. Core connects this to the audit store; the secrets code does not know its API.
 */
export type SecretAuditEvent =
  | { action: 'created'; name: string; envVar: string; tools: readonly string[]; actor: string; at: string }
  | { action: 'rotated'; name: string; actor: string; at: string }
  | { action: 'removed'; name: string; actor: string; at: string }
  | { action: 'scope-changed'; name: string; envVar: string; tools: readonly string[]; actor: string; at: string }
  /** A value was handed to a tool's child environment. */
  | { action: 'used'; name: string; tool: string; actor: string; at: string }
  /** A tool declared a secret it did not get, and why. */
  | { action: 'withheld'; name: string; tool: string; reason: WithheldReason; actor: string; at: string };

export type WithheldReason = 'not-stored' | 'not-scoped' | 'missing-in-keychain';

export interface SecretAuditSink {
  record(event: SecretAuditEvent): void;
}
