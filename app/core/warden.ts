import { join } from 'node:path';
import type { AuditTrail } from '../audit/index.ts';
import { openAuditTrail } from '../audit/index.ts';
import type { Dispatch, Handlers } from '../contract/index.ts';
import { createDispatcher } from '../contract/index.ts';
import type { SecretStore, SecretVault } from '../secrets/index.ts';
import { createKeytarVault, createSecretStore, openSecretMetadata } from '../secrets/index.ts';
import type { AuditKeySource } from './audit-key.ts';
import { chooseAuditKey } from './audit-key.ts';
import type { RecordAudit } from './audit-service.ts';
import { auditHandlers, auditRecorder, forwardAppended } from './audit-service.ts';
import type { WardenConfig } from './config.ts';
import { EventHub } from './event-hub.ts';
import { ensurePrivateDir } from './paths.ts';
import { secretAuditSink, secretsHandlers } from './secrets-service.ts';
import { systemHandlers } from './system-handlers.ts';

export interface Warden {
  readonly config: WardenConfig;
  /** Answers one request from any transport, after the transport has checked the sender. */
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly audit: AuditTrail;
  /** Appends to the audit trail through the redactor; the only way the shells record anything. */
  readonly record: RecordAudit;
  readonly secrets: SecretStore;
  readonly auditKeySource: AuditKeySource;
  close(): Promise<void>;
}

export interface WardenOptions {
  /** Where unexpected handler failures go; the caller only ever sees a typed error. */
  logError?: (message: string, error: unknown) => void;
  /** The OS keychain; tests pass their own. */
  vault?: SecretVault;
}

const dayMs = 86_400_000;

/** Wires the services and registers every handler of the contract, once. */
export async function createWarden(config: WardenConfig, options: WardenOptions = {}): Promise<Warden> {
  const startedAt = new Date();
  // Everything that leaves the core (answers, events, logs) passes the redactor of the secrets store.
  const redact = (value: unknown): unknown => secrets.redactor.redactValue(value);
  const events = new EventHub(redact);
  const log = options.logError ?? ((message, error) => console.error(message, error));
  const logError = (message: string, error: unknown) =>
    log(secrets.redactor.redact(message), secrets.redactor.redact(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  const vault = options.vault ?? createKeytarVault();

  const auditDir = ensurePrivateDir(join(config.dataDir, 'audit'));
  const auditKey = await chooseAuditKey(auditDir, vault);
  const audit = openAuditTrail({
    dir: auditDir,
    keyProvider: auditKey.provider,
    retentionDays: config.auditRetentionDays,
    onListenerError: (e) => logError('audit listener failed', e),
  });
  const stopForwarding = forwardAppended(audit, events);
  // Only the long-running shells forward; a CLI command's events are picked up by the next pump.
  const forwarder =
    config.auditForwardTo !== undefined && config.shell !== 'cli'
      ? audit.forward({ target: config.auditForwardTo, onError: (e) => logError('audit forwarding failed (will retry)', e) })
      : undefined;
  void forwarder?.pump().catch((e: unknown) => logError('audit forwarding failed (will retry)', e));

  // The redactor lives in the secrets store; the audit sink needs `record`, which needs the redactor.
  let record: RecordAudit = () => {
    throw new Error('audit recorder used before start-up finished');
  };
  const secrets = createSecretStore({
    vault,
    metadata: openSecretMetadata(join(config.dataDir, 'secrets.db')),
    audit: secretAuditSink((event) => record(event)),
    onChange: (change) => events.emit('secrets.changed', change),
  });
  record = auditRecorder(audit, secrets.redactor);
  // Reading every stored value once teaches the redactor what to hide; a locked keychain is reported, not fatal.
  await secrets.list().catch((error: unknown) => logError('could not read the secrets at start-up', error));

  const handlers: Handlers = {
    ...systemHandlers(config, startedAt, auditKey.source),
    ...auditHandlers(audit, events, config.dataDir),
    ...secretsHandlers(secrets),
  };
  const dispatch = createDispatcher(handlers, (name, error) => logError(`request ${name} failed`, error), redact);

  // A CLI command opens the core for a moment; only the long-running shells are lifecycle events.
  const lifecycle = config.shell !== 'cli';
  if (lifecycle) record({ kind: 'lifecycle', status: 'success', actor: 'warden', summary: `Warden started (${config.shell})`, details: { shell: config.shell } });

  let seq = 0;
  const ping = setInterval(() => {
    events.emit('system.ping', { seq: seq++, at: new Date().toISOString(), uptimeMs: Date.now() - startedAt.getTime() });
  }, config.pingIntervalMs);
  ping.unref();
  const retention = setInterval(() => {
    void audit.applyRetention('retention').catch((error: unknown) => logError('audit retention failed', error));
    audit.checkpoint('daily');
  }, dayMs);
  retention.unref();

  let closed = false;
  return {
    config,
    dispatch,
    events,
    audit,
    record,
    secrets,
    auditKeySource: auditKey.source,
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(ping);
      clearInterval(retention);
      if (lifecycle) record({ kind: 'lifecycle', status: 'success', actor: 'warden', summary: `Warden stopped (${config.shell})` });
      stopForwarding();
      if (forwarder) {
        await forwarder.pump().catch((e: unknown) => logError('audit forwarding failed', e));
        forwarder.stop();
      }
      audit.close();
    },
  };
}
