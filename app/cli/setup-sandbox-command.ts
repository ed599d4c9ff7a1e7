import { parseArgs } from 'node:util';
import { setupSandbox, uninstallSandbox } from '../core/index.ts';
import { exitCodes } from './exit-codes.ts';

/** `sudo warden setup-sandbox [--uninstall]`: the dedicated user, workspace, launcher and sudo rule. */
export async function setupSandboxCommand(args: readonly string[], out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { uninstall: { type: 'boolean' }, 'console-user': { type: 'string' }, workspace: { type: 'string' } },
  });
  const options = {
    progress: out,
    ...(values['console-user'] ? { consoleUser: values['console-user'] } : {}),
    ...(values.workspace ? { workspace: values.workspace } : {}),
  };
  const result = values.uninstall ? await uninstallSandbox(options) : await setupSandbox(options);
  for (const problem of result.problems) out(`problem: ${problem}`);
  if (!values.uninstall) {
    out(result.ok ? `Done: tools will run at isolation "${result.level}" in ${result.workspace}. A console already running uses it after "Check again" in its Policy view.` : 'Setup is incomplete; see the problems above.');
  }
  return result.ok ? exitCodes.ok : exitCodes.failure;
}
