import { parseArgs } from 'node:util';
import type { InputOf, ToolCallOutcome, ToolCallUpdate } from '../contract/index.ts';
import { loadConfig } from '../core/index.ts';
import { request, withCore } from './cli-core.ts';
import { connectToConsole } from './console-client.ts';
import { CliError, exitCodes } from './exit-codes.ts';

export interface ToolCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

type ToolArgs = InputOf<'tools.call'>['args'];

function parseJsonArgs(text: string | undefined): ToolArgs {
  if (text === undefined) throw new CliError('warden tool needs --args JSON, e.g. --args \'{"path":"notes.txt"}\'.', exitCodes.usage);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--args is not valid JSON: ${(error as Error).message}`, exitCodes.usage);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CliError('--args must be a JSON object.', exitCodes.usage);
  // The core checks it against the contract and then the tool's own schema.
  return value as ToolArgs;
}

const exitFor = (outcome: ToolCallOutcome) => (outcome.status === 'success' ? exitCodes.ok : exitCodes.failure);

function describe(outcome: ToolCallOutcome): string {
  const by = outcome.decidedBy ? ` (${outcome.decision?.verdict ?? 'decided'} by ${outcome.decidedBy.kind}: ${outcome.decidedBy.name})` : '';
  const head = `${outcome.tool}: ${outcome.status}${by} — ${outcome.message} [isolation ${outcome.isolation}, ${Math.round(outcome.durationMs)} ms]`;
  return outcome.output ? `${head}\n${JSON.stringify(outcome.output, null, 2)}` : head;
}

/**
 * `warden tool NAME --args JSON`: one call through validation, policy, approval, the sandbox and
 * the audit trail. With a console running, the call goes through it, so a person can approve it
 * there; without one, a call that needs approval is denied at once (nobody could answer).
 */
export async function toolCommand(args: readonly string[], dataDir: string | undefined, io: ToolCommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { args: { type: 'string' }, json: { type: 'boolean' }, session: { type: 'string' } },
    allowPositionals: true,
  });
  const [name, extra] = positionals;
  if (name === undefined || extra !== undefined) throw new CliError('Usage: warden tool NAME --args JSON [--json]', exitCodes.usage);
  const input = { name, args: parseJsonArgs(values.args), ...(values.session ? { sessionId: values.session } : {}) };

  const client = await connectToConsole(loadConfig({ shell: 'cli', dataDir }).dataDir);
  let outcome: ToolCallOutcome;
  if (client) {
    const stop = client.onEvent((event, payload) => {
      if (event !== 'toolcall.updated' || values.json) return;
      const update = payload as ToolCallUpdate;
      if (update.tool === name && update.state === 'asked') io.err('Waiting for a decision in the console (no answer in time means deny)…');
    });
    try {
      outcome = await client.request('tools.call', input);
    } finally {
      stop();
      client.close();
    }
  } else {
    outcome = await withCore(dataDir, (warden) => request(warden, 'tools.call', input));
  }
  io.out(values.json ? JSON.stringify(outcome, null, 2) : describe(outcome));
  return exitFor(outcome);
}
