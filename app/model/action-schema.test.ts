import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { buildActionSchema, checkAction, describeActions } from './action-schema.ts';
import { isModelError } from './model-error.ts';

const listDir = { name: 'list_dir', description: 'List a directory.', parameters: z.toJSONSchema(z.object({ path: z.string().max(64) }).strict(), { io: 'input' }) };
const readFile = { name: 'read_file', description: 'Read a file.', parameters: z.toJSONSchema(z.object({ path: z.string().max(64) }).strict(), { io: 'input' }) };
const tools = [listDir, readFile];

const errorOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('buildActionSchema', () => {
  it('is a oneOf of one {tool, args} per tool and {final}', () => {
    const { jsonSchema } = buildActionSchema(tools, { finalMaxLength: 100 });
    expect(jsonSchema).toEqual({
      oneOf: [
        {
          type: 'object',
          properties: { tool: { const: 'list_dir' }, args: { type: 'object', properties: { path: { type: 'string', maxLength: 64 } }, additionalProperties: false } },
          additionalProperties: false,
        },
        {
          type: 'object',
          properties: { tool: { const: 'read_file' }, args: { type: 'object', properties: { path: { type: 'string', maxLength: 64 } }, additionalProperties: false } },
          additionalProperties: false,
        },
        { type: 'object', properties: { final: { type: 'string', maxLength: 100 } }, additionalProperties: false },
      ],
    });
  });

  it('refuses bad names, duplicates and non-object arguments', () => {
    expect(isModelError(errorOf(() => buildActionSchema([{ ...listDir, name: 'Bad Name' }])), 'invalid_request')).toBe(true);
    expect(isModelError(errorOf(() => buildActionSchema([listDir, listDir])), 'invalid_request')).toBe(true);
    expect(isModelError(errorOf(() => buildActionSchema([{ ...listDir, parameters: { type: 'string' } }])), 'unsupported_schema')).toBe(true);
  });
});

describe('checkAction', () => {
  const schema = buildActionSchema(tools, { finalMaxLength: 10 });

  it('maps a valid value to an action', () => {
    expect(checkAction(schema, { tool: 'read_file', args: { path: 'a.txt' } })).toEqual({ kind: 'tool', tool: 'read_file', args: { path: 'a.txt' } });
    expect(checkAction(schema, { final: 'done' })).toEqual({ kind: 'final', answer: 'done' });
  });

  it('says why a value is not an action', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ tool: 'delete_path', args: {} }, /"delete_path" is not offered \(offered: list_dir, read_file\)/],
      [{ tool: 'list_dir', args: { path: 'x'.repeat(65) } }, /args\.path is longer than 64/],
      [{ tool: 'list_dir', args: {}, why: 'x' }, /unexpected properties: why/],
      [{ final: 'far too long here' }, /action\.final is longer than 10/],
      [{ answer: 'x' }, /either "final" or "tool" and "args"/],
      ['x', /must be a JSON object/],
    ];
    for (const [value, message] of cases) {
      const error = errorOf(() => checkAction(schema, value));
      expect(isModelError(error, 'invalid_action')).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('describeActions', () => {
  it('tells the model the shape and the tools', () => {
    const text = describeActions(buildActionSchema(tools, { finalMaxLength: 50 }));
    expect(text).toContain('{"tool": "<tool name>", "args": {<arguments>}}');
    expect(text).toContain('at most 50 characters');
    expect(text).toContain('- read_file: Read a file. Arguments: {"path":{"type":"string","maxLength":64}}');
  });
});
