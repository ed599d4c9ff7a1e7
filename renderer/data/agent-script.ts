import type { ModelScript } from '../../app/contract/index.ts';
import { ModelScriptSchema, agentScriptMaxChars } from '../../app/contract/index.ts';

/** A pasted script, checked here with the contract's own schema before it is sent. */
export type ScriptCheck = { readonly ok: true; readonly script: ModelScript } | { readonly ok: false; readonly errors: readonly string[] };

/** Problems listed at most; the first ones are the ones to fix. */
const errorsShown = 5;

const turnShape = 'each turn is {"action": {"tool": …, "args": {…}}}, {"action": {"final": "…"}} or {"text": "…"}';

/** A path like `turns.1.action` as people read it: "turns[1].action". */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}

/** Parses and validates a model script: the same schema the console applies to `agent.start`. */
export function checkScript(text: string): ScriptCheck {
  if (text.trim() === '') return { ok: false, errors: ['Paste a model script: JSON with "version": 1 and its "turns".'] };
  if (text.length > agentScriptMaxChars) return { ok: false, errors: [`A script may be at most ${agentScriptMaxChars.toLocaleString('en-US')} characters.`] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`Not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = ModelScriptSchema.safeParse(json);
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, errorsShown).map((issue) => {
      const where = issuePath(issue.path);
      const why = issue.code === 'invalid_union' ? `not a turn (${turnShape})` : issue.message;
      return where === '' ? why : `${where}: ${why}`;
    });
    const more = parsed.error.issues.length - errorsShown;
    return { ok: false, errors: more > 0 ? [...errors, `…and ${more} more.`] : errors };
  }
  if (JSON.stringify(parsed.data).length > agentScriptMaxChars) {
    return { ok: false, errors: [`A script may be at most ${agentScriptMaxChars.toLocaleString('en-US')} characters of JSON.`] };
  }
  return { ok: true, script: parsed.data };
}

/** What the script box offers to start from: list the workspace, then answer. */
export const exampleScript = JSON.stringify(
  {
    version: 1,
    name: 'list then answer',
    turns: [{ action: { tool: 'list_dir', args: { path: '.' } } }, { action: { final: 'I listed the workspace.' }, delayMs: 50 }],
  },
  null,
  2,
);
