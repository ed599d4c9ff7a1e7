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
  };
}
