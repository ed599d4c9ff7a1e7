import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { grammarMismatch, toGrammarSchema } from './grammar-schema.ts';
import { isModelError } from './model-error.ts';

const fromZod = (schema: z.ZodType) => toGrammarSchema(z.toJSONSchema(schema, { io: 'input' }));

describe('toGrammarSchema', () => {
  it('keeps what a grammar can enforce and drops what it cannot', () => {
    const schema = fromZod(
      z
        .object({
          path: z.string().min(1).max(64).regex(/^[^\0]*$/).default('.').describe('Where.'),
          mode: z.enum(['text', 'binary']),
          count: z.number().int().min(1).max(10).optional(),
          when: z.iso.datetime(),
          tags: z.array(z.string().max(8)).max(3),
          note: z.string().max(20).nullable(),
          headers: z.record(z.string(), z.string().max(100)),
        })
        .strict(),
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        path: { type: 'string', minLength: 1, maxLength: 64, description: 'Where.' },
        mode: { enum: ['text', 'binary'] },
        count: { type: 'integer' },
        when: { type: 'string', format: 'date-time' },
        tags: { type: 'array', items: { type: 'string', maxLength: 8 }, maxItems: 3 },
        note: { oneOf: [{ type: 'string', maxLength: 20 }, { type: 'null' }] },
        headers: { type: 'object', properties: {}, additionalProperties: { type: 'string', maxLength: 100 } },
      },
      additionalProperties: false,
    });
  });

  it('refuses schemas that accept anything or need references', () => {
    for (const bad of [true, {}, { $ref: '#/$defs/x' }, { allOf: [{ type: 'string' }] }, { type: 'object', properties: { x: {} } }]) {
      let caught: unknown;
      try {
        toGrammarSchema(bad);
      } catch (error) {
        caught = error;
      }
      expect(isModelError(caught, 'unsupported_schema')).toBe(true);
    }
    expect(() => fromZod(z.object({ value: z.json() }))).toThrow(/schema\.value/);
  });
});

describe('grammarMismatch', () => {
  const schema = fromZod(z.object({ path: z.string().max(4), n: z.number().int(), flag: z.boolean().optional() }).strict());

  it('accepts what the grammar could generate', () => {
    expect(grammarMismatch(schema, { path: 'ab', n: 3, flag: true })).toBeUndefined();
    // Lengths are code points, as in the grammar: 4 emoji are 8 UTF-16 units.
    expect(grammarMismatch(schema, { path: '😀😀😀😀', n: 3, flag: false })).toBeUndefined();
  });

  it('says what a grammar could not have generated', () => {
    expect(grammarMismatch(schema, { path: 'ab', n: 3 })).toMatch(/value\.flag is missing/);
    expect(grammarMismatch(schema, { path: 'abcde', n: 3, flag: true })).toMatch(/value\.path is longer than 4/);
    expect(grammarMismatch(schema, { path: 'ab', n: 3.5, flag: true })).toMatch(/value\.n must be of type integer/);
    expect(grammarMismatch(schema, { path: 'ab', n: 3, flag: true, extra: 1 })).toMatch(/unexpected properties: extra/);
    expect(grammarMismatch(schema, ['ab'])).toMatch(/must be an object/);
  });
});
