import { readFile, stat } from 'node:fs/promises';
import { ModelScriptSchema } from '../contract/agent.ts';
import type { ModelScript } from '../contract/agent.ts';
import { ModelError } from './model-error.ts';

/**
 * A scripted model: the turns a model would produce, replayed in order, one per host call.
 *
 *   { "version": 1, "name": "list then answer", "turns": [
 *       { "action": { "tool": "list_dir", "args": { "path": "." } } },
 *       { "action": { "final": "There are 3 files." } },
 *       { "text": ["There are ", "3 files."], "delayMs": 20 } ] }
 *
 * An `action` turn answers `nextAction` (it must fit the action schema the agent passes, exactly
 * as a grammar-constrained model's output would); a `text` turn answers `generate`, streamed
 * chunk by chunk with `delayMs` before each chunk.
 */

// The schema is the contract's: a script also arrives with `agent.start`, validated by the transports.
export { ModelScriptSchema, ScriptTurnSchema } from '../contract/agent.ts';
export type { ModelScript, ScriptTurn } from '../contract/agent.ts';

/** Largest script file read: a script is hand-written or recorded, never megabytes. */
export const scriptMaxBytes = 4 * 1024 * 1024;

export function parseScript(text: string, source: string): ModelScript {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelError('invalid_script', `${source} is not JSON: ${(error as Error).message}`);
  }
  const parsed = ModelScriptSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    throw new ModelError('invalid_script', `${source} is not a model script${where}: ${issue?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}

export async function readScript(path: string): Promise<{ script: ModelScript; sizeBytes: number }> {
  if (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path)) throw new ModelError('invalid_path', 'Give the absolute path of the script file.');
  if (!path.toLowerCase().endsWith('.json')) throw new ModelError('invalid_path', 'A model script is a .json file.');
  let stats;
  try {
    stats = await stat(path);
  } catch {
    throw new ModelError('not_found', `There is no script at ${path}.`);
  }
  if (!stats.isFile()) throw new ModelError('invalid_path', `${path} is not a regular file.`);
  if (stats.size > scriptMaxBytes) throw new ModelError('invalid_script', `${path} is larger than ${scriptMaxBytes} bytes.`);
  return { script: parseScript(await readFile(path, 'utf8'), path), sizeBytes: stats.size };
}
