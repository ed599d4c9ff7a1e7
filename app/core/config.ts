import { defaultDataDir, defaultWorkspace, ensurePrivateDir } from './paths.ts';

export interface WardenConfig {
  /** Absolute path of the private data directory (mode 0700). */
  readonly dataDir: string;
  /** Which shell hosts the core; shown in the UI. A CLI command opens the core briefly. */
  readonly shell: 'desktop' | 'headless' | 'cli';
  /** Heartbeat period of the `system.ping` event. */
  readonly pingIntervalMs: number;
  /** Days of audit events kept searchable before they move to archive files (WARDEN_AUDIT_RETENTION_DAYS). */
  readonly auditRetentionDays: number;
  /** A file or directory (a NAS, a SIEM agent's inbox) that receives every audit event as JSONL (WARDEN_AUDIT_FORWARD). */
  readonly auditForwardTo: string | undefined;
  /** The workspace a new policy starts with (WARDEN_WORKSPACE); afterwards policy.json says. */
  readonly defaultWorkspace: string;
  /** A tool runtime staged where the sandbox user can read it (WARDEN_RUNTIME_DIR); else setup-sandbox's, else this checkout's. */
  readonly runtimeDir: string | undefined;
  /**
   * How long an approval waits before it is denied, in ms: WARDEN_APPROVAL_TIMEOUT_MS for every
   * risk class, WARDEN_APPROVAL_TIMEOUT_MS_<RISK> (e.g. _DESTRUCTIVE) for one; 5 minutes when unset.
   */
  readonly approvalTimeouts: Partial<Record<'default' | 'read' | 'write' | 'destructive' | 'network' | 'exec', number>>;
}

export interface ConfigInput {
  dataDir?: string | undefined;
  shell: WardenConfig['shell'];
  pingIntervalMs?: number | undefined;
  workspace?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

/** Resolves the configuration: explicit option, then WARDEN_DATA_DIR, then the OS default. */
export function loadConfig(input: ConfigInput): WardenConfig {
  const env = input.env ?? process.env;
  const dataDir = ensurePrivateDir(input.dataDir ?? env.WARDEN_DATA_DIR ?? defaultDataDir(env));
  const retention = env.WARDEN_AUDIT_RETENTION_DAYS;
  const auditRetentionDays = retention === undefined ? 90 : Number(retention);
  if (!Number.isInteger(auditRetentionDays) || auditRetentionDays < 1 || auditRetentionDays > 36_500) {
    throw new Error(`WARDEN_AUDIT_RETENTION_DAYS must be a whole number of days from 1 to 36500, not "${retention}".`);
  }
  return {
    dataDir,
    shell: input.shell,
    pingIntervalMs: input.pingIntervalMs ?? 2000,
    auditRetentionDays,
    auditForwardTo: env.WARDEN_AUDIT_FORWARD || undefined,
    defaultWorkspace: input.workspace ?? env.WARDEN_WORKSPACE ?? defaultWorkspace(env),
    runtimeDir: env.WARDEN_RUNTIME_DIR || undefined,
    approvalTimeouts: approvalTimeouts(env),
  };
}

const riskClasses = ['read', 'write', 'destructive', 'network', 'exec'] as const;

function approvalTimeouts(env: NodeJS.ProcessEnv): WardenConfig['approvalTimeouts'] {
  const timeouts: WardenConfig['approvalTimeouts'] = {};
  const read = (name: string): number | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    if (!/^\d+$/.test(value)) throw new Error(`${name} must be a number of milliseconds, not "${value}".`);
    return Number(value);
  };
  const all = read('WARDEN_APPROVAL_TIMEOUT_MS');
  if (all !== undefined) timeouts.default = all;
  for (const risk of riskClasses) {
    const ms = read(`WARDEN_APPROVAL_TIMEOUT_MS_${risk.toUpperCase()}`);
    if (ms !== undefined) timeouts[risk] = ms;
  }
  return timeouts;
}
