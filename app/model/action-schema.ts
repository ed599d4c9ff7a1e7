import type { JsonObject } from '../contract/tools.ts';
import { ToolNameSchema } from '../contract/secrets.ts';
import { grammarMismatch, toGrammarSchema } from './grammar-schema.ts';
import type { GrammarObjectSchema, GrammarSchema } from './grammar-schema.ts';
import { ModelError } from './model-error.ts';

/**
 * The one shape of a model's next step, whichever host and whichever tool-calling mode:
 *
 *   {"tool": "<name>", "args": {...}}   call one of the enabled tools
 *   {"final": "<answer>"}               stop and answer the person
 *
 * The JSON schema is a oneOf of one object per enabled tool (the tool name as a const, then its
 * arguments' schema) and the final answer; node-llama-cpp turns it into a grammar, so even a
 * small model that follows no function-calling template can only produce one of these.
 */

/** A tool as the agent offers it: `parameters` is a JSON schema, e.g. `z.toJSONSchema(manifest.params, { io: 'input' })` or `ToolInfo.parameters`. */
export interface ActionTool {
  readonly name: string;
  readonly description: string;
  readonly parameters: unknown;
}

export interface ActionSchema {
  readonly tools: ReadonlyArray<{ readonly name: string; readonly description: string; readonly parameters: GrammarObjectSchema }>;
  /** Longest final answer, in characters; a grammar needs a bound or a weak model may never close the string. */
  readonly finalMaxLength: number;
  /** The oneOf the grammar is built from. */
  readonly jsonSchema: GrammarSchema;
}

export type ModelAction =
  | { readonly kind: 'tool'; readonly tool: string; readonly args: JsonObject }
  | { readonly kind: 'final'; readonly answer: string };

export const defaultFinalMaxLength = 4000;

export function buildActionSchema(tools: readonly ActionTool[], options: { finalMaxLength?: number } = {}): ActionSchema {
  const finalMaxLength = options.finalMaxLength ?? defaultFinalMaxLength;
  if (!Number.isInteger(finalMaxLength) || finalMaxLength < 1) throw new ModelError('invalid_request', 'finalMaxLength must be a positive integer.');
  const seen = new Set<string>();
  const converted = tools.map((tool) => {
    if (!ToolNameSchema.safeParse(tool.name).success) throw new ModelError('invalid_request', `"${tool.name}" is not a valid tool name.`);
    if (seen.has(tool.name)) throw new ModelError('invalid_request', `The tool ${tool.name} is offered twice.`);
    seen.add(tool.name);
    const parameters = toGrammarSchema(tool.parameters, `${tool.name}.args`);
    if (!('type' in parameters) || parameters.type !== 'object') {
      throw new ModelError('unsupported_schema', `The arguments of ${tool.name} must be an object schema.`);
    }
    return { name: tool.name, description: tool.description, parameters };
  });
  const jsonSchema: GrammarSchema = {
    oneOf: [
      ...converted.map(
        (tool): GrammarSchema => ({
          type: 'object',
          properties: { tool: { const: tool.name }, args: tool.parameters },
          additionalProperties: false,
        }),
      ),
      { type: 'object', properties: { final: { type: 'string', maxLength: finalMaxLength } }, additionalProperties: false },
    ],
  };
  return { tools: converted, finalMaxLength, jsonSchema };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The action a value stands for, if a grammar built from `schema` could have produced it;
 * otherwise an `invalid_action` error that says what is wrong (unknown tool, bad argument, ...).
 */
export function checkAction(schema: ActionSchema, value: unknown): ModelAction {
  const fail = (why: string) => new ModelError('invalid_action', `The action does not match the action schema: ${why}.`);
  if (!isRecord(value)) throw fail('it must be a JSON object');
  if ('final' in value) {
    const mismatch = grammarMismatch({ type: 'object', properties: { final: { type: 'string', maxLength: schema.finalMaxLength } }, additionalProperties: false }, value, 'action');
    if (mismatch !== undefined) throw fail(mismatch);
    return { kind: 'final', answer: value.final as string };
  }
  if (typeof value.tool !== 'string') throw fail('it needs either "final" or "tool" and "args"');
  const tool = schema.tools.find((t) => t.name === value.tool);
  if (tool === undefined) {
    const names = schema.tools.map((t) => t.name).join(', ') || 'none';
    throw fail(`the tool "${value.tool}" is not offered (offered: ${names})`);
  }
  const extra = Object.keys(value).filter((key) => key !== 'tool' && key !== 'args');
  if (extra.length > 0) throw fail(`unexpected properties: ${extra.join(', ')}`);
  const mismatch = grammarMismatch(tool.parameters, value.args, 'args');
  if (mismatch !== undefined) throw fail(mismatch);
  return { kind: 'tool', tool: tool.name, args: value.args as JsonObject };
}

/**
 * What the model is told in grammar mode, appended to the system message: the grammar forces the
 * shape, but a model that knows the tools picks them sensibly.
 */
export function describeActions(schema: ActionSchema): string {
  const lines = [
    'Reply with exactly one JSON object and nothing else.',
    'To call a tool: {"tool": "<tool name>", "args": {<arguments>}}',
    `To finish and answer: {"final": "<your answer, at most ${schema.finalMaxLength} characters>"}`,
  ];
  if (schema.tools.length > 0) {
    lines.push('Tools:');
    for (const tool of schema.tools) lines.push(`- ${tool.name}: ${tool.description} Arguments: ${JSON.stringify(tool.parameters.properties)}`);
  }
  return lines.join('\n');
}
