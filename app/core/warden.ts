import { join } from 'node:path';
import type { AuditTrail } from '../audit/index.ts';
import { openAuditTrail } from '../audit/index.ts';
import type { Dispatch, Handlers } from '../contract/index.ts';
import { WardenError, createDispatcher } from '../contract/index.ts';
import type { ApprovalQueue } from '../approvals/index.ts';
import { openApprovals, runnerGate } from '../approvals/index.ts';
import type { ModelHost } from '../model/index.ts';
import type { PolicyStore } from '../policy/index.ts';
import { openPolicyStore } from '../policy/index.ts';
import type { ApprovalGate, Runner, RunnerOptions, ToolCallPipeline } from '../runner/index.ts';
import { createRunner, installedRuntime } from '../runner/index.ts';
import type { SecretStore, SecretVault } from '../secrets/index.ts';
import { createKeytarVault, createSecretStore, openSecretMetadata } from '../secrets/index.ts';
import type { AgentSessions } from '../agent/index.ts';
import { createAgentService } from './agent-service.ts';
import { pullKillSwitch } from './kill-switch.ts';
import type { AuditKeySource } from './audit-key.ts';
import { chooseAuditKey } from './audit-key.ts';
import type { RecordAudit } from './audit-service.ts';
import { auditHandlers, auditRecorder, forwardAppended } from './audit-service.ts';
import type { WardenConfig } from './config.ts';
import { EventHub } from './event-hub.ts';
import { ensurePrivateDir } from './paths.ts';
import { approvalsHandlers, emitApprovalChange } from './approvals-service.ts';
import { lazyModelHost, modelHandlers } from './model-service.ts';
import { createPipeline, perimeterHandlers } from './perimeter-service.ts';
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
  readonly runner: Runner;
  readonly policy: PolicyStore;
  /** Every tool call, from whichever caller, goes through this one pipeline. */
  readonly tools: ToolCallPipeline;
  /** Null in a CLI command: one console process owns the queue, and the CLI sends its calls there. */
  readonly approvals: ApprovalQueue | null;
  /** The local model host (created on first use). */
  readonly model: () => Promise<ModelHost>;
  /** Agent sessions; `stopAll` is the kill switch's. */
  readonly agent: AgentSessions;
  close(): Promise<void>;
}

export interface WardenOptions {
  /** Where unexpected handler failures go; the caller only ever sees a typed error. */
  logError?: (message: string, error: unknown) => void;
  /** The OS keychain; tests pass their own. */
  vault?: SecretVault;
  /** The local model host; by default node-llama-cpp, created on first use. */
  model?: () => Promise<ModelHost>;
  /** Runner settings (tests shorten grace periods or pass a trusted CA for http_request). */
  runner?: Omit<RunnerOptions, 'secretsFor'>;
  /** The desktop app's file picker for `model.pick`; absent headless, where the person types the path. */
  pickModelFile?: () => Promise<string | null>;
}

const noConsoleGate: ApprovalGate = {
  request: async () => ({
    decision: 'deny',
    by: { kind: 'system', name: 'no console is running to ask a person: open the desktop app or start `warden serve` on this data directory, then retry' },
  }),
};

const noSessionContext = { instructionExcerpt: '', recentSteps: [], untrustedSources: [] };

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

  const policy = openPolicyStore({ dataDir: config.dataDir, defaultWorkspace: config.defaultWorkspace });
  const staged = config.runtimeDir === undefined ? undefined : installedRuntime(config.runtimeDir);
  if (staged && staged.runtime === null) {
    throw new WardenError('invalid_input', staged.problem ?? `WARDEN_RUNTIME_DIR=${config.runtimeDir} holds no Warden tool runtime.`);
  }
  const runner = await createRunner({
    ...options.runner,
    ...(staged?.runtime ? { runtime: staged.runtime } : {}),
    // Only the secrets a tool is scoped to and declares are read, at run time, for its child alone.
    secretsFor: async (request) => (await secrets.secretsForTool(request)).env,
  });
  const approvals =
    config.shell === 'cli'
      ? null
      : openApprovals({
          dbPath: join(config.dataDir, 'approvals.db'),
          record: (event) => void record(event),
          onChange: (change) => emitApprovalChange(events, change),
          workspace: () => policy.current().workspace,
          timeouts: config.approvalTimeouts,
          logError: (message: string, error: unknown) => logError(message, error),
        });
  const perimeter = {
    store: policy,
    runner,
    events,
    record,
    redact,
    // The card shows the agent session a call came from; `agent` exists by the time any call asks.
    approvals: approvals ? runnerGate(approvals, (call) => agent.sessions.contextFor(call.sessionId) ?? noSessionContext) : noConsoleGate,
  };
  const tools = createPipeline(perimeter);
  const model = options.model ?? lazyModelHost(events);
  const agent = createAgentService({ tools, policy, runner, model, events, record, logError });
  const handlers: Handlers = {
    ...systemHandlers(config, startedAt, auditKey.source, runner),
    ...auditHandlers(audit, events, config.dataDir),
    ...secretsHandlers(secrets),
    ...perimeterHandlers(perimeter, tools),
    ...approvalsHandlers(approvals),
    ...modelHandlers(model, events, join(config.dataDir, 'models'), options.pickModelFile),
    ...agent.handlers,
    'system.panic': ({ reason }, caller) =>
      pullKillSwitch({ runner, approvals, policy, record, stopSessions: () => agent.sessions.stopAll(`Kill switch: ${reason}`) }, reason, caller),
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
    runner,
    policy,
    tools,
    approvals,
    model,
    agent: agent.sessions,
    close: async () => {
      if (closed) return;
      closed = true;
      agent.sessions.stopAll('Warden is shutting down.');
      await agent.sessions.idle();
      runner.cancelAll();
      approvals?.close();
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
