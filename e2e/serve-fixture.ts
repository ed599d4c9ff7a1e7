import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..');

export interface ServedConsole {
  readonly loginUrl: string;
  readonly origin: string;
  readonly port: number;
  readonly dataDir: string;
  /** Everything `warden serve` printed so far. */
  output(): string;
  /** The one-time link valid right now, read from the 0600 token file as the console's user would. */
  currentLoginUrl(): string;
  stop(): Promise<void>;
}

/**
 * Starts `warden serve --port 0` on a fresh data dir (or `dataDir`, which is then left in place),
 * exactly as a user would from a checkout; `env` replaces the inherited environment.
 */
export async function startConsole(options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ServedConsole> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'warden-e2e-'));
  // A scratch workspace for the policy, never the home directory of whoever runs the tests.
  const workspace = mkdtempSync(join(tmpdir(), 'warden-e2e-workspace-'));
  const child: ChildProcess = spawn(process.execPath, ['app/cli/warden.ts', 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { WARDEN_WORKSPACE: workspace, ...(options.env ?? process.env) },
  });
  let output = '';
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const links = () => [...output.matchAll(/(http:\/\/127\.0\.0\.1:\d+\/login\?token=[\w-]+)/g)].map((m) => m[1] ?? '');
  const waitFor = async (predicate: () => boolean, what: string) => {
    const deadline = Date.now() + 20_000;
    while (!predicate()) {
      if (child.exitCode !== null) throw new Error(`warden serve exited (${child.exitCode}) before ${what}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output}`);
      await new Promise<void>((wake) => {
        waiters.push(wake);
        setTimeout(wake, 200);
      });
    }
  };
  await waitFor(() => links().length > 0 && output.includes('Press Ctrl+C'), 'the login link');
  const loginUrl = links()[0] ?? '';
  const url = new URL(loginUrl);
  return {
    loginUrl,
    origin: url.origin,
    port: Number(url.port),
    dataDir,
    output: () => output,
    currentLoginUrl: () => `${url.origin}/login?token=${readFileSync(join(dataDir, 'console-token'), 'utf8').trim()}`,
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}
