import { parseArgs } from 'node:util';
import type { PanicResult } from '../contract/index.ts';
import { loadConfig } from '../core/index.ts';
import { cliCaller, request, withCore } from './cli-core.ts';
import { connectToConsole } from './console-client.ts';
import { exitCodes } from './exit-codes.ts';

/**
 * `warden panic`: the kill switch. It acts in the console that runs the agent when there is one;
 * without one, nothing runs, and it still locks every tool in the policy.
 */
export async function panicCommand(args: readonly string[], dataDir: string | undefined, out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { reason: { type: 'string' } } });
  const input = { reason: values.reason ?? `warden panic by ${cliCaller().actor}` };
  const client = await connectToConsole(loadConfig({ shell: 'cli', dataDir }).dataDir);
  let result: PanicResult;
  if (client) {
    try {
      result = await client.request('system.panic', input);
    } finally {
      client.close();
    }
  } else {
    result = await withCore(dataDir, (warden) => request(warden, 'system.panic', input));
  }
  out(
    `Kill switch pulled${client ? ' in the running console' : ' (no console was running)'}: ` +
      `${result.sessionsStopped} agent session(s) stopped, ${result.runsKilled} tool run(s) killed, ` +
      `${result.pendingDenied} pending approval(s) denied, every tool disabled. Re-enable tools in the Policy view when it is safe.`,
  );
  return exitCodes.ok;
}
