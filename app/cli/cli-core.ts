import { userInfo } from 'node:os';
import type { Caller, InputOf, OutputOf, RequestName } from '../contract/index.ts';
import type { Warden } from '../core/index.ts';
import { createWarden, loadConfig } from '../core/index.ts';
import { CliError } from './exit-codes.ts';

/** Who the audit trail names for a command typed at this terminal. */
export function cliCaller(): Caller {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): the uid still identifies the person.
    name = `uid ${process.getuid?.() ?? '?'}`;
  }
  return { interface: 'cli', actor: `cli user ${name}` };
}

/** Opens the core on the data dir for one command and always closes it. */
export async function withCore<T>(dataDir: string | undefined, run: (warden: Warden) => Promise<T>): Promise<T> {
  const warden = await createWarden(loadConfig({ shell: 'cli', dataDir }), { logError: () => undefined });
  try {
    return await run(warden);
  } finally {
    await warden.close();
  }
}

/** One request through the same dispatcher (and zod validation) as the consoles; errors become CLI errors. */
export async function request<N extends RequestName>(warden: Warden, name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const result = await warden.dispatch(name, input, cliCaller());
  if (!result.ok) throw new CliError(result.error.message);
  return result.value as OutputOf<N>;
}
