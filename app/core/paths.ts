import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where Warden keeps its data when neither --data-dir nor WARDEN_DATA_DIR says otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = env.HOME ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Warden');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Warden');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'warden');
}

/** The workspace `sudo warden setup-sandbox` creates, when it exists; otherwise one in the home directory. */
export function defaultWorkspace(env: NodeJS.ProcessEnv = process.env): string {
  const sandboxed = '/var/lib/warden-agent/workspace';
  if (existsSync(sandboxed)) return sandboxed;
  return join(env.HOME ?? homedir(), 'warden-workspace');
}

/**
 * Creates a directory only its owner can enter (0700) and tightens an existing one,
 * because everything under the data dir (tokens, audit store) is for the console's user alone.
 */
export function ensurePrivateDir(dir: string): string {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32' && (statSync(abs).mode & 0o077) !== 0) chmodSync(abs, 0o700);
  return abs;
}
