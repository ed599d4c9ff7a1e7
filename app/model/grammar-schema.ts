import { ModelError } from './model-error.ts';

/**
 * The part of JSON Schema that node-llama-cpp turns into a grammar (its GbnfJsonSchema), and the
 * conversion of a tool's JSON schema (z.toJSONSchema output) into it.
 *
 * What a grammar enforces differs from JSON Schema in ways that matter to callers:
 * - every property of an object is generated: `required` does not exist here (optional
 *   arguments always get a value, and an argument with a default gets one the model chose);
 * - `additionalProperties` is false unless the schema says otherwise (no invented arguments);
 * - patterns, formats other than date/time, numeric bounds and multipleOf are dropped: the grammar
 *   cannot count or match them, so the agent's validation of the arguments still has to run;
 * - string lengths are counted in code points.
 */

type Primitive = string | number | boolean | null;
type BasicType = 'string' | 'number' | 'integer' | 'boolean' | 'null';

export type GrammarSchema =
  | { readonly type: 'string'; readonly minLength?: number; readonly maxLength?: number; readonly description?: string }
  | { readonly type: 'string'; readonly format: 'date-time' | 'time' | 'date'; readonly description?: string }
  | { readonly type: Exclude<BasicType, 'string'> | readonly BasicType[]; readonly description?: string }
  | { readonly const: Primitive; readonly description?: string }
  | { readonly enum: readonly Primitive[]; readonly description?: string }
  | { readonly oneOf: readonly GrammarSchema[]; readonly description?: string }
  | GrammarObjectSchema
  | {
      readonly type: 'array';
      readonly items?: GrammarSchema;
      readonly prefixItems?: readonly GrammarSchema[];
      readonly minItems?: number;
      readonly maxItems?: number;
      readonly description?: string;
    };

export interface GrammarObjectSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, GrammarSchema>>;
  readonly additionalProperties: boolean | GrammarSchema;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly description?: string;
}

type JsonRecord = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPrimitive = (value: unknown): value is Primitive =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
const basicTypes: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean', 'null']);
const grammarFormats: ReadonlySet<string> = new Set(['date-time', 'time', 'date']);
/** Keywords whose meaning a grammar cannot keep; failing loudly beats a grammar that allows too much. */
const unsupportedKeywords = ['$ref', 'allOf', 'not', 'if', 'then', 'else', 'patternProperties', 'dependentSchemas', 'unevaluatedProperties'];

const unsupported = (at: string, why: string): ModelError =>
  new ModelError('unsupported_schema', `The JSON schema at ${at} ${why}; a grammar cannot express that.`);

function count(schema: JsonRecord, key: string): Record<string, number> {
  const value = schema[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? { [key]: value } : {};
}

export function toGrammarSchema(schema: unknown, at = 'schema'): GrammarSchema {
  if (!isRecord(schema)) throw unsupported(at, schema === true ? 'accepts any value' : 'is not a schema object');
  const described = typeof schema.description === 'string' ? { description: schema.description } : {};
  for (const keyword of unsupportedKeywords) if (keyword in schema) throw unsupported(at, `uses "${keyword}"`);

  if ('const' in schema) {
    if (!isPrimitive(schema.const)) throw unsupported(at, 'has a non-primitive const');
    return { const: schema.const, ...described };
  }
  if (Array.isArray(schema.enum)) {
    if (schema.enum.length === 0 || !schema.enum.every(isPrimitive)) throw unsupported(at, 'has an empty or non-primitive enum');
    return { enum: schema.enum, ...described };
  }
  const union: unknown = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(union)) {
    if (union.length === 0) throw unsupported(at, 'has an empty oneOf/anyOf');
    return { oneOf: union.map((branch: unknown, i) => toGrammarSchema(branch, `${at}|${i}`)), ...described };
  }

  const type = schema.type;
  if (Array.isArray(type)) {
    if (type.length === 0) throw unsupported(at, 'has an empty type list');
    if (type.every((t) => typeof t === 'string' && basicTypes.has(t) && t !== 'string')) return { type: type as BasicType[], ...described };
    return { oneOf: type.map((t: unknown) => toGrammarSchema({ ...schema, type: t }, at)), ...described };
  }
  switch (type) {
    case 'string':
      if (typeof schema.format === 'string' && grammarFormats.has(schema.format)) {
        return { type: 'string', format: schema.format as 'date-time' | 'time' | 'date', ...described };
      }
      return { type: 'string', ...count(schema, 'minLength'), ...count(schema, 'maxLength'), ...described };
    case 'number':
    case 'integer':
    case 'boolean':
    case 'null':
      return { type, ...described };
    case 'object':
      return toGrammarObject(schema, at, described);
    case 'array': {
      const prefix = schema.prefixItems;
      return {
        type: 'array',
        ...(isRecord(schema.items) ? { items: toGrammarSchema(schema.items, `${at}[]`) } : {}),
        ...(Array.isArray(prefix) ? { prefixItems: prefix.map((item: unknown, i) => toGrammarSchema(item, `${at}[${i}]`)) } : {}),
        ...count(schema, 'minItems'),
        ...count(schema, 'maxItems'),
        ...described,
      };
    }
    default:
      throw unsupported(at, 'has no type (it accepts any value)');
  }
}

function toGrammarObject(schema: JsonRecord, at: string, described: { description?: string }): GrammarObjectSchema {
  const properties: Record<string, GrammarSchema> = {};
  if (schema.properties !== undefined) {
    if (!isRecord(schema.properties)) throw unsupported(at, 'has malformed properties');
    for (const [key, value] of Object.entries(schema.properties)) properties[key] = toGrammarSchema(value, `${at}.${key}`);
  }
  const extra = schema.additionalProperties;
  const additionalProperties = extra === true ? true : isRecord(extra) ? toGrammarSchema(extra, `${at}.*`) : false;
  return {
    type: 'object',
    properties,
    additionalProperties,
    ...(additionalProperties === false ? {} : { ...count(schema, 'minProperties'), ...count(schema, 'maxProperties') }),
    ...described,
  };
}

const codePoints = (text: string): number => Array.from(text).length;

function typeMatches(type: BasicType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
  }
}

/**
 * Why `value` is not something a grammar built from `schema` could have produced, or undefined
 * when it could. The scripted host uses this so a script cannot do what a real model cannot.
 */
export function grammarMismatch(schema: GrammarSchema, value: unknown, at = 'value'): string | undefined {
  if ('const' in schema) return value === schema.const ? undefined : `${at} must be ${JSON.stringify(schema.const)}`;
  if ('enum' in schema) return schema.enum.includes(value as Primitive) ? undefined : `${at} must be one of ${JSON.stringify(schema.enum)}`;
  if ('oneOf' in schema) {
    const mismatches = schema.oneOf.map((branch) => grammarMismatch(branch, value, at));
    return mismatches.some((m) => m === undefined) ? undefined : `${at} matches none of its ${schema.oneOf.length} alternatives (${mismatches.join('; ')})`;
  }
  switch (schema.type) {
    case 'object':
      return objectMismatch(schema, value, at);
    case 'array': {
      if (!Array.isArray(value)) return `${at} must be an array`;
      const items: readonly unknown[] = value;
      if (schema.minItems !== undefined && items.length < schema.minItems) return `${at} needs at least ${schema.minItems} items`;
      if (schema.maxItems !== undefined && items.length > schema.maxItems) return `${at} has more than ${schema.maxItems} items`;
      for (const [i, item] of items.entries()) {
        const itemSchema = schema.prefixItems?.[i] ?? schema.items;
        const mismatch = itemSchema === undefined ? undefined : grammarMismatch(itemSchema, item, `${at}[${i}]`);
        if (mismatch !== undefined) return mismatch;
      }
      return undefined;
    }
    case 'string': {
      if (typeof value !== 'string') return `${at} must be a string`;
      if ('format' in schema) return undefined;
      const length = codePoints(value);
      if (schema.minLength !== undefined && length < schema.minLength) return `${at} is shorter than ${schema.minLength} characters`;
      if (schema.maxLength !== undefined && length > schema.maxLength) return `${at} is longer than ${schema.maxLength} characters`;
      return undefined;
    }
    default: {
      const types: readonly BasicType[] = typeof schema.type === 'string' ? [schema.type] : schema.type;
      return types.some((t) => typeMatches(t, value)) ? undefined : `${at} must be of type ${types.join(' or ')}`;
    }
  }
}

function objectMismatch(schema: GrammarObjectSchema, value: unknown, at: string): string | undefined {
  if (!isRecord(value)) return `${at} must be an object`;
  for (const [key, property] of Object.entries(schema.properties)) {
    if (!(key in value)) return `${at}.${key} is missing (a grammar always generates every property)`;
    const mismatch = grammarMismatch(property, value[key], `${at}.${key}`);
    if (mismatch !== undefined) return mismatch;
  }
  const extraKeys = Object.keys(value).filter((key) => !Object.hasOwn(schema.properties, key));
  const extra = schema.additionalProperties;
  if (extra === false && extraKeys.length > 0) return `${at} has unexpected properties: ${extraKeys.join(', ')}`;
  if (typeof extra === 'object') {
    for (const key of extraKeys) {
      const mismatch = grammarMismatch(extra, value[key], `${at}.${key}`);
      if (mismatch !== undefined) return mismatch;
    }
  }
  const keys = Object.keys(value).length;
  if (schema.minProperties !== undefined && keys < schema.minProperties) return `${at} needs at least ${schema.minProperties} properties`;
  if (schema.maxProperties !== undefined && keys > schema.maxProperties) return `${at} has more than ${schema.maxProperties} properties`;
  return undefined;
}
