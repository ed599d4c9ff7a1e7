import { WardenError } from '../contract/result.ts';
import type { SecretAuditSink, WithheldReason } from './audit-sink.ts';
import type { SecretMetadataStore } from './metadata-store.ts';
import type { SecretRedactor } from './redactor.ts';
import type { SecretVault } from './vault.ts';

export interface ToolSecretsRequest {
  /** The tool about to run. */
  tool: string;
  /** The secret names its manifest declares. */
  declared: readonly string[];
  /** Who started the call (an agent session, a console user), for the audit trail. */
  actor: string;
}

export interface InjectedSecrets {
  /** Variable name → value, for the runner child's environment and nothing else. */
  env: Record<string, string>;
  /** Declared secrets the tool does not get; names only. */
  withheld: Array<{ name: string; reason: WithheldReason }>;
}

export interface InjectionDeps {
  vault: SecretVault;
  metadata: SecretMetadataStore;
  audit: SecretAuditSink;
  redactor: SecretRedactor;
  now: () => Date;
}

/**
 * Reads from the keychain only the secrets a tool both declares and is scoped to, records each
 * use (name and tool, never the value) and marks it used. Every value handed out is also taught
 * to the redactor, so whatever the tool prints with it is redacted even if the keyring was locked
 * when Warden started. Throws WardenError 'unavailable' when the keychain cannot be read, rather
 * than running the tool as if its secrets did not exist.
 */
export async function secretsForTool(deps: InjectionDeps, request: ToolSecretsRequest): Promise<InjectedSecrets> {
  const { vault, metadata, audit, redactor } = deps;
  const at = deps.now().toISOString();
  const env: Record<string, string> = {};
  const withheld: InjectedSecrets['withheld'] = [];
  const used: string[] = [];
  const absent: string[] = [];

  for (const name of new Set(request.declared)) {
    const record = metadata.get(name);
    if (record === undefined) withheld.push({ name, reason: 'not-stored' });
    else if (!record.tools.includes(request.tool)) withheld.push({ name, reason: 'not-scoped' });
    else {
      const value = await vault.read(name);
      if (value === null) absent.push(name);
      else {
        redactor.learn(name, value);
        env[record.envVar] = value;
        used.push(name);
      }
    }
  }

  // A locked keyring answers "no value" too: only a usable keychain makes an absent value missing.
  if (absent.length > 0) {
    const status = await vault.status();
    if (status.state !== 'available') throw new WardenError('unavailable', status.message);
    for (const name of absent) withheld.push({ name, reason: 'missing-in-keychain' });
  }

  metadata.markUsed(used, at);
  for (const name of used) audit.record({ action: 'used', name, tool: request.tool, actor: request.actor, at });
  for (const { name, reason } of withheld) {
    audit.record({ action: 'withheld', name, tool: request.tool, reason, actor: request.actor, at });
  }
  return { env, withheld };
}
