import type { z } from 'zod';
import { prettifyError } from 'zod';
import { WardenError } from '../contract/result.ts';
import type {
  KeychainStatus,
  SecretChanged,
  SecretInfo,
  SecretList,
  SecretRotateInput,
  SecretScopeInput,
  SecretSetInput,
  SecretStatus,
} from '../contract/secrets.ts';
import {
  EnvVarNameSchema,
  SecretNameSchema,
  SecretRotateInputSchema,
  SecretScopeInputSchema,
  SecretSetInputSchema,
} from '../contract/secrets.ts';
import type { SecretAuditSink } from './audit-sink.ts';
import type { InjectedSecrets, ToolSecretsRequest } from './injection.ts';
import { secretsForTool } from './injection.ts';
import type { SecretMetadataStore, SecretRecord } from './metadata-store.ts';
import type { Redactor } from './redactor.ts';
import { createRedactor } from './redactor.ts';
import type { SecretVault } from './vault.ts';

export interface SecretStoreDeps {
  vault: SecretVault;
  metadata: SecretMetadataStore;
  audit: SecretAuditSink;
  /** Core pushes these as the `secrets.changed` event. */
  onChange?: (change: SecretChanged) => void;
  now?: () => Date;
}

/** The secrets area's one entry point: keychain values, their metadata, injection and the redactor. */
export interface SecretStore {
  /** The one redactor; it knows every value this process has stored or read. */
  readonly redactor: Redactor;
  status(): Promise<KeychainStatus>;
  /** Every secret with its status; reading the values (never returned) also primes the redactor. */
  list(): Promise<SecretList>;
  set(input: SecretSetInput, actor: string): Promise<SecretInfo>;
  rotate(input: SecretRotateInput, actor: string): Promise<SecretInfo>;
  /** Refuses while the keychain is not available, so no value is left behind in it. */
  remove(name: string, actor: string): Promise<void>;
  editScope(input: SecretScopeInput, actor: string): Promise<SecretInfo>;
  secretsForTool(request: ToolSecretsRequest): Promise<InjectedSecrets>;
}

const dayMs = 86_400_000;

export function createSecretStore(deps: SecretStoreDeps): SecretStore {
  const { vault, metadata, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const notify = deps.onChange ?? (() => undefined);
  const redactor = createRedactor();

  // Mutations run one at a time, so two requests for one name cannot interleave their keychain
  // and metadata steps. Across processes, the metadata row (inserted first) is the lock.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation, operation);
    queue = run.catch(() => undefined);
    return run;
  };

  const describe = async (records: SecretRecord[]): Promise<SecretList> => {
    const keychain = await vault.status();
    const at = now();
    const secrets: SecretInfo[] = [];
    for (const record of records) {
      let status: SecretStatus = 'unknown';
      if (keychain.state === 'available') {
        // One item failing to read (a prompt denied for it, say) leaves that one unknown, not the list.
        const value = await vault.read(record.name).catch(() => undefined);
        if (typeof value === 'string') redactor.learn(record.name, value);
        if (value === null) status = 'missing-in-keychain';
        else if (value !== undefined) status = isRotationDue(record, at) ? 'rotation-due' : 'ok';
      }
      secrets.push(info(record, status));
    }
    return { keychain, secrets };
  };

  const changed = (name: string, change: SecretChanged['change'], at: string): void => notify({ name, change, at });

  return {
    redactor,
    status: () => vault.status(),
    list: () => describe(metadata.list()),

    set: (input, actor) =>
      exclusive(async () => {
        const parsed = parse(SecretSetInputSchema, input);
        const envVar = parsed.envVar ?? parsed.name;
        if (!EnvVarNameSchema.safeParse(envVar).success) {
          throw new WardenError('invalid_input', `${parsed.name} cannot be its own variable name (${envVar} is reserved); give it an envVar.`);
        }
        const at = now().toISOString();
        const record: SecretRecord = {
          name: parsed.name,
          description: parsed.description,
          envVar,
          tools: [...new Set(parsed.tools)],
          createdAt: at,
          rotatedAt: null,
          lastUsedAt: null,
          rotationDays: parsed.rotationDays,
        };
        // The row first: it claims the name, so a clash never reaches (and overwrites) the keychain.
        metadata.insert(record);
        try {
          await vault.write(record.name, parsed.value);
        } catch (error) {
          metadata.delete(record.name);
          throw error;
        }
        redactor.learn(record.name, parsed.value);
        audit.record({ action: 'created', name: record.name, envVar, tools: record.tools, actor, at });
        changed(record.name, 'created', at);
        return info(record, 'ok');
      }),

    rotate: (input, actor) =>
      exclusive(async () => {
        const { name, value } = parse(SecretRotateInputSchema, input);
        const record = existing(metadata, name);
        const at = now().toISOString();
        await vault.write(name, value);
        metadata.markRotated(name, at);
        redactor.learn(name, value);
        audit.record({ action: 'rotated', name, actor, at });
        changed(name, 'rotated', at);
        return info({ ...record, rotatedAt: at }, 'ok');
      }),

    remove: (name, actor) =>
      exclusive(async () => {
        existing(metadata, parse(SecretNameSchema, name));
        const keychain = await vault.status();
        if (keychain.state !== 'available') throw new WardenError('unavailable', `${name} was not removed. ${keychain.message}`);
        await vault.erase(name);
        metadata.delete(name);
        const at = now().toISOString();
        audit.record({ action: 'removed', name, actor, at });
        changed(name, 'removed', at);
      }),

    editScope: (input, actor) =>
      exclusive(async () => {
        const { name, ...change } = parse(SecretScopeInputSchema, input);
        const record = metadata.updateScope(name, {
          ...(change.tools === undefined ? {} : { tools: change.tools }),
          ...(change.envVar === undefined ? {} : { envVar: change.envVar }),
          ...(change.description === undefined ? {} : { description: change.description }),
          ...(change.rotationDays === undefined ? {} : { rotationDays: change.rotationDays }),
        });
        const at = now().toISOString();
        audit.record({ action: 'scope-changed', name, envVar: record.envVar, tools: record.tools, actor, at });
        changed(name, 'scope-changed', at);
        const { secrets } = await describe([record]);
        return secrets[0] ?? info(record, 'unknown');
      }),

    secretsForTool: (request) => secretsForTool({ vault, metadata, audit, redactor, now }, request),
  };
}

function rotationDueAt(record: SecretRecord): string | null {
  if (record.rotationDays === null) return null;
  return new Date(Date.parse(record.rotatedAt ?? record.createdAt) + record.rotationDays * dayMs).toISOString();
}

function isRotationDue(record: SecretRecord, at: Date): boolean {
  const due = rotationDueAt(record);
  return due !== null && Date.parse(due) <= at.getTime();
}

function info(record: SecretRecord, status: SecretStatus): SecretInfo {
  return { ...record, rotationDueAt: rotationDueAt(record), status };
}

function existing(metadata: SecretMetadataStore, name: string): SecretRecord {
  const record = metadata.get(name);
  if (record === undefined) throw new WardenError('not_found', `There is no secret named ${name}.`);
  return record;
}

// zod's messages name the field and the rule, never the input, so a rejected value is not echoed.
function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new WardenError('invalid_input', prettifyError(result.error));
  return result.data;
}
