/**
 * `npm start`: builds, then opens the desktop app; where Electron's binary is missing (its
 * download from GitHub failed or was skipped) it starts the headless console instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryPath } from './electron-binary.ts';

export const noElectronMessage =
  "Electron's binary is not installed here (its download from GitHub failed or was skipped); " +
  'starting the headless console instead — open the URL below in a browser. To get the desktop app, ' +
  'run `npx electron --version` on a machine that can reach GitHub.';

export interface StartPlan {
  readonly command: string;
  readonly args: readonly string[];
  /** Printed before starting, when the plan is the fallback. */
  readonly notice?: string;
}

/** What to run after the build: Electron on the project, or `warden serve`; extra args go along. */
export function planStart(root: string, extraArgs: readonly string[], electron: string | null, node = process.execPath): StartPlan {
  if (electron !== null) return { command: electron, args: ['.', ...extraArgs] };
  return {
    command: node,
    args: [join(root, 'app', 'cli', 'warden.ts'), 'serve', ...extraArgs],
    notice: noElectronMessage,
  };
}

/** `npm run -s build`, through the same npm that runs this script when there is one. */
function build(root: string): number {
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', '-s', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
}

function run(plan: StartPlan, root: string): void {
  if (plan.notice) console.log(plan.notice);
  // A leftover ELECTRON_RUN_AS_NODE would start Electron as plain Node instead of the app.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(plan.command, plan.args, { cwd: root, stdio: 'inherit', env });
  // Ctrl-C reaches the child from the terminal itself; this process just waits for it to finish.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Could not start ${plan.command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + constants.signals[signal] : 1));
  });
}

if (import.meta.main) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const status = build(root);
  if (status !== 0) process.exit(status);
  run(planStart(root, process.argv.slice(2), electronBinaryPath(root)), root);
}
