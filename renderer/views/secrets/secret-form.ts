import type { z } from 'zod';
import type { SecretInfo, SecretRotateInput, SecretScopeInput } from '../../../app/contract/index.ts';
import {
  EnvVarNameSchema,
  SecretRotateInputSchema,
  SecretScopeInputSchema,
  SecretSetInputSchema,
  rotationDaysMax,
} from '../../../app/contract/index.ts';
import type { SecretSetRequest } from '../../data/secrets-types.ts';

/**
 * The text fields of the add and edit-scope forms. The value is never one of them: it is read
 * from its (uncontrolled) input at submit time and handed straight to the request.
 */
export interface ScopeFields {
  readonly envVar: string;
  readonly description: string;
  /** Tool names separated by commas or spaces. */
  readonly tools: string;
  /** Whole days; empty for no reminder. */
  readonly rotationDays: string;
}

export interface NewSecretFields extends ScopeFields {
  readonly name: string;
}

export type FieldName = keyof NewSecretFields | 'value';
export type FieldErrors = Partial<Record<FieldName | 'form', string>>;

export type Checked<T> = { readonly ok: true; readonly input: T } | { readonly ok: false; readonly errors: FieldErrors };

export const emptyNewSecretFields: NewSecretFields = { name: '', envVar: '', description: '', tools: '', rotationDays: '' };

/** "http.fetch, git_push  mail.send" → ["http.fetch", "git_push", "mail.send"], without repeats. */
export function parseTools(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((tool) => tool !== ''))];
}

/** Empty means no reminder; anything but digits becomes NaN so the schema rejects it. */
export function parseRotationDays(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

const rotationDaysMessage = `A whole number of days from 1 to ${rotationDaysMax}, or empty for no reminder.`;

type Issue = z.ZodError['issues'][number];

/**
 * zod's issues as one message per field, first issue first. The schema's own messages are kept
 * where it has them; the generic ones (type, size) are said for this form. zod's messages never
 * quote the input, and none of these do: a message about the value must not contain it.
 */
export function fieldErrors(issues: readonly Issue[], tools: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const [key, index] = issue.path;
    let field: FieldName | 'form' = 'form';
    let message = issue.message;
    if (key === 'tools') {
      field = 'tools';
      if (typeof index === 'number') message = `“${tools[index] ?? ''}”: ${issue.message}`;
      else if (issue.code === 'too_big') message = 'At most 100 tools.';
    } else if (key === 'rotationDays') {
      field = 'rotationDays';
      message = rotationDaysMessage;
    } else if (key === 'description') {
      field = 'description';
      if (issue.code === 'too_big') message = 'A description is at most 500 characters.';
    } else if (key === 'name' || key === 'envVar' || key === 'value') {
      field = key;
      if (issue.code === 'invalid_type') message = 'Required.';
    }
    errors[field] ??= message;
  }
  return errors;
}

const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;

/**
 * The add form, checked with the contract's own schema (`SecretSetInputSchema`), so the form
 * refuses exactly what the core would. One rule the schema cannot see: without an explicit
 * variable the name becomes the variable, so the name must then be a usable variable too.
 */
export function checkNewSecret(fields: NewSecretFields, value: string): Checked<SecretSetRequest> {
  const name = fields.name.trim();
  const envVar = fields.envVar.trim();
  const tools = parseTools(fields.tools);
  const parsed = SecretSetInputSchema.safeParse({
    name,
    description: fields.description.trim(),
    ...(envVar === '' ? {} : { envVar }),
    tools,
    rotationDays: parseRotationDays(fields.rotationDays),
    value,
  });
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues, tools);
  if (envVar === '' && errors.name === undefined) {
    const asVariable = EnvVarNameSchema.safeParse(name);
    if (!asVariable.success) {
      errors.envVar = `Without a variable name the secret is given as ${name}, which is not allowed: ${asVariable.error.issues[0]?.message ?? ''} Choose another variable name.`;
    }
  }
  if (!parsed.success || hasErrors(errors)) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

/** The rotate dialog: a name the list gave us and the new value. */
export function checkRotation(name: string, value: string): Checked<SecretRotateInput> {
  const parsed = SecretRotateInputSchema.safeParse({ name, value });
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: fieldErrors(parsed.error.issues, []) };
}

/** The edit-scope form prefilled from a secret. */
export function scopeFieldsOf(secret: SecretInfo): ScopeFields {
  return {
    envVar: secret.envVar,
    description: secret.description,
    tools: secret.tools.join(', '),
    rotationDays: secret.rotationDays === null ? '' : String(secret.rotationDays),
  };
}

const sameTools = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((tool, i) => tool === b[i]);

/**
 * The edit-scope form as a `secrets.updateScope` input holding only what changed;
 * `changed: false` when nothing did (no request, no audit entry).
 */
export function checkScopeChange(
  secret: SecretInfo,
  fields: ScopeFields,
): Checked<{ readonly request: SecretScopeInput; readonly changed: boolean }> {
  const envVar = fields.envVar.trim();
  const description = fields.description.trim();
  const tools = parseTools(fields.tools);
  const rotationDays = parseRotationDays(fields.rotationDays);
  const candidate: Record<string, unknown> = { name: secret.name };
  if (envVar !== secret.envVar) candidate.envVar = envVar;
  if (description !== secret.description) candidate.description = description;
  if (!sameTools(tools, secret.tools)) candidate.tools = tools;
  if (rotationDays !== secret.rotationDays) candidate.rotationDays = rotationDays;
  const parsed = SecretScopeInputSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues, tools) };
  return { ok: true, input: { request: parsed.data, changed: Object.keys(candidate).length > 1 } };
}
