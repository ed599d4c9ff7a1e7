import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  EnvVarNameSchema,
  SecretNameSchema,
  SecretSetInputSchema,
  SecretValueSchema,
  secretsEvents,
  secretsRequests,
} from '../contract/secrets.ts';

// Tests of app/contract/secrets.ts, kept beside the code that relies on it.

/** Every key an object schema (or an array/nullable of one) can produce, at any depth. */
function outputKeys(schema: z.ZodType): string[] {
  const def = schema.def as { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType };
  if (def.type === 'object' && def.shape) return Object.entries(def.shape).flatMap(([key, inner]) => [key, ...outputKeys(inner)]);
  if (def.element) return outputKeys(def.element);
  if (def.innerType) return outputKeys(def.innerType);
  return [];
}

describe('secrets contract', () => {
  it('never has a value in an output or an event', () => {
    for (const def of Object.values(secretsRequests)) expect(outputKeys(def.output)).not.toContain('value');
    for (const def of Object.values(secretsEvents)) expect(outputKeys(def.payload)).not.toContain('value');
  });

  it('takes the value only in set and rotate', () => {
    const takesValue = Object.entries(secretsRequests).filter(([, def]) => outputKeys(def.input).includes('value')).map(([name]) => name);
    expect(takesValue).toEqual(['secrets.set', 'secrets.rotate']);
  });

  it('bounds values: 8 characters to 64 KiB, no edge whitespace, no NUL', () => {
    expect(SecretValueSchema.safeParse('12345678').success).toBe(true);
    expect(SecretValueSchema.safeParse('1234567').success).toBe(false);
    expect(SecretValueSchema.safeParse('x'.repeat(64 * 1024)).success).toBe(true);
    expect(SecretValueSchema.safeParse('x'.repeat(64 * 1024 + 1)).success).toBe(false);
    expect(SecretValueSchema.safeParse(' 12345678').success).toBe(false);
    expect(SecretValueSchema.safeParse('1234\u00005678').success).toBe(false);
    expect(SecretValueSchema.safeParse('-----BEGIN KEY-----\nabc\n-----END KEY-----').success).toBe(true);
  });

  it('checks names and variables', () => {
    expect(SecretNameSchema.safeParse('GITHUB_TOKEN').success).toBe(true);
    expect(SecretNameSchema.safeParse('github_token').success).toBe(false);
    expect(SecretNameSchema.safeParse(`A${'B'.repeat(64)}`).success).toBe(false);
    for (const reserved of ['PATH', 'HOME', 'LD_PRELOAD', 'DYLD_INSERT_LIBRARIES', 'NODE_OPTIONS', 'LC_ALL', 'WARDEN_DATA_DIR', 'BASH_ENV']) {
      expect(EnvVarNameSchema.safeParse(reserved).success, reserved).toBe(false);
    }
    expect(EnvVarNameSchema.safeParse('NODE_AUTH_TOKEN').success).toBe(true);
  });

  it('is strict and fills defaults', () => {
    expect(SecretSetInputSchema.safeParse({ name: 'A_TOKEN', value: '12345678', owner: 'x' }).success).toBe(false);
    expect(SecretSetInputSchema.parse({ name: 'A_TOKEN', value: '12345678' })).toEqual({
      name: 'A_TOKEN',
      description: '',
      tools: [],
      rotationDays: null,
      value: '12345678',
    });
  });
});
