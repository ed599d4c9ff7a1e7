import { defaultDataDir, ensurePrivateDir } from './paths.ts';

export interface WardenConfig {
  /** Absolute path of the private data directory (mode 0700). */
  readonly dataDir: string;
  /** Which shell hosts the core; shown in the UI. A CLI command opens the core briefly. */
  readonly shell: 'desktop' | 'headless' | 'cli';
  /** Heartbeat period of the `system.ping` event. */
  readonly pingIntervalMs: number;
}

export interface ConfigInput {
  dataDir?: string | undefined;
  shell: WardenConfig['shell'];
  pingIntervalMs?: number | undefined;
  env?: NodeJS.ProcessEnv;
}

/** Resolves the configuration: explicit option, then WARDEN_DATA_DIR, then the OS default. */
export function loadConfig(input: ConfigInput): WardenConfig {
  const env = input.env ?? process.env;
  const dataDir = ensurePrivateDir(input.dataDir ?? env.WARDEN_DATA_DIR ?? defaultDataDir(env));
  return { dataDir, shell: input.shell, pingIntervalMs: input.pingIntervalMs ?? 2000 };
}
