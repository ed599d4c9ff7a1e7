import { z } from 'zod';
import { event, request } from './define.ts';

/**
 * Secrets: names, scopes and keychain state cross the boundary; a value travels only
 * renderer → core, in `secrets.set` and `secrets.rotate`, and no output ever carries one.
 */

/** Upper-case with underscores, like the environment variable it usually becomes. */
export const SecretNameSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'A secret name is 1–64 characters: A–Z first, then A–Z, 0–9 or _.');

/**
 * Variables a secret must never be injected as: the ones the scrubbed child environment sets
 * itself, and the ones that change how a program is loaded or run (a "secret" named LD_PRELOAD
 * or NODE_OPTIONS would be code execution in the tool's child, not a credential).
 */
export const reservedEnvVars: ReadonlySet<string> = new Set([
  'PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'TZ', 'LANG', 'LANGUAGE', 'SHELL', 'USER', 'LOGNAME', 'PWD',
  'IFS', 'ENV', 'BASH_ENV', 'PS4', 'PROMPT_COMMAND', 'NODE_OPTIONS', 'NODE_PATH', 'PYTHONPATH',
  'PYTHONSTARTUP', 'PYTHONHOME', 'PERL5LIB', 'PERL5OPT', 'RUBYLIB', 'RUBYOPT', 'GIT_SSH_COMMAND',
  'GIT_EXEC_PATH', 'GIT_CONFIG_GLOBAL', 'SSH_AUTH_SOCK', 'DBUS_SESSION_BUS_ADDRESS', 'DISPLAY',
  'WAYLAND_DISPLAY', 'XDG_RUNTIME_DIR',
]);
const reservedEnvPrefixes = ['LD_', 'DYLD_', 'LC_', 'WARDEN_', 'BASH_FUNC_'];

export function isReservedEnvVar(name: string): boolean {
  return reservedEnvVars.has(name) || reservedEnvPrefixes.some((prefix) => name.startsWith(prefix));
}

export const EnvVarNameSchema = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]{0,127}$/, 'An environment variable name is 1–128 characters of A–Z, 0–9 or _, not starting with a digit.')
  .refine((name) => !isReservedEnvVar(name), {
    message: 'That variable is reserved: the sandbox sets it itself, or it changes how programs load (PATH, HOME, LD_*, NODE_OPTIONS, …).',
  });

/** Tool names as tool manifests spell them, e.g. `http.fetch`, `git_push`. */
export const ToolNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'A tool name is 1–64 characters: a–z first, then a–z, 0–9, _, . or -.');

/** Shorter values cannot be redacted without shredding ordinary text ("1234" is in every log). */
export const secretValueMinLength = 8;
export const secretValueMaxLength = 64 * 1024;

// Messages never quote the value: these errors travel back to the caller and into logs.
export const SecretValueSchema = z
  .string()
  .min(secretValueMinLength, {
    message: `A secret value needs at least ${secretValueMinLength} characters: every stored value is redacted from logs, the audit trail and the model's context, and a shorter one would also replace ordinary text.`,
  })
  .max(secretValueMaxLength, { message: `A secret value is at most ${secretValueMaxLength} characters.` })
  .refine((value) => value.trim() === value, {
    message: 'The value starts or ends with whitespace, usually a stray newline from a paste or stdin: remove it.',
  })
  .refine((value) => !value.includes('\0'), { message: 'The value contains a NUL character, which an environment variable cannot carry.' });

export const rotationDaysMax = 3650;
export const RotationDaysSchema = z.number().int().min(1).max(rotationDaysMax);

export const SecretDescriptionSchema = z.string().max(500);
export const SecretToolsSchema = z.array(ToolNameSchema).max(100);

export const keychainStates = ['available', 'locked', 'missing', 'denied'] as const;
export const KeychainStateSchema = z.enum(keychainStates);
export type KeychainState = z.infer<typeof KeychainStateSchema>;

export const KeychainStatusSchema = z.object({
  state: KeychainStateSchema,
  /** Which keychain this is: "Secret Service (libsecret)", "macOS Keychain", "Windows Credential Manager". */
  backend: z.string().min(1).max(100),
  /** What it means and what to do, for a person. */
  message: z.string().min(1).max(1000),
  /** The keychain's own error text, when there was one. */
  detail: z.string().max(1000).nullable(),
  checkedAt: z.iso.datetime({ precision: 3 }),
});
export type KeychainStatus = z.infer<typeof KeychainStatusSchema>;

/** "unknown" while the keychain is not available: a locked keyring must not read as "value missing". */
export const secretStatuses = ['ok', 'missing-in-keychain', 'rotation-due', 'unknown'] as const;
export const SecretStatusSchema = z.enum(secretStatuses);
export type SecretStatus = z.infer<typeof SecretStatusSchema>;

const timestamp = z.iso.datetime({ precision: 3 });

/** Everything about a secret except its value. */
export const SecretInfoSchema = z.object({
  name: SecretNameSchema,
  description: SecretDescriptionSchema,
  envVar: EnvVarNameSchema,
  tools: SecretToolsSchema,
  createdAt: timestamp,
  rotatedAt: timestamp.nullable(),
  lastUsedAt: timestamp.nullable(),
  rotationDays: RotationDaysSchema.nullable(),
  /** When a rotation reminder is (or was) due; null without a reminder. */
  rotationDueAt: timestamp.nullable(),
  status: SecretStatusSchema,
});
export type SecretInfo = z.infer<typeof SecretInfoSchema>;

export const SecretListSchema = z.object({
  keychain: KeychainStatusSchema,
  secrets: z.array(SecretInfoSchema),
});
export type SecretList = z.infer<typeof SecretListSchema>;

export const SecretSetInputSchema = z
  .object({
    name: SecretNameSchema,
    description: SecretDescriptionSchema.default(''),
    /** Defaults to the secret's name. */
    envVar: EnvVarNameSchema.optional(),
    tools: SecretToolsSchema.default([]),
    rotationDays: RotationDaysSchema.nullable().default(null),
    value: SecretValueSchema,
  })
  .strict();
export type SecretSetInput = z.input<typeof SecretSetInputSchema>;

export const SecretRotateInputSchema = z.object({ name: SecretNameSchema, value: SecretValueSchema }).strict();
export type SecretRotateInput = z.infer<typeof SecretRotateInputSchema>;

export const SecretNameInputSchema = z.object({ name: SecretNameSchema }).strict();

/** Fields left out stay as they are. */
export const SecretScopeInputSchema = z
  .object({
    name: SecretNameSchema,
    tools: SecretToolsSchema.optional(),
    envVar: EnvVarNameSchema.optional(),
    description: SecretDescriptionSchema.optional(),
    rotationDays: RotationDaysSchema.nullable().optional(),
  })
  .strict();
export type SecretScopeInput = z.infer<typeof SecretScopeInputSchema>;

export const secretChanges = ['created', 'rotated', 'removed', 'scope-changed'] as const;
export const SecretChangedSchema = z.object({
  name: SecretNameSchema,
  change: z.enum(secretChanges),
  at: timestamp,
});
export type SecretChanged = z.infer<typeof SecretChangedSchema>;

export const secretsRequests = {
  'secrets.status': request(
    'Whether the OS keychain can be used now (available, locked, missing, denied) and what to do if not.',
    z.object({}).strict(),
    KeychainStatusSchema,
  ),
  'secrets.list': request(
    'Every secret with its scope, last use and status; never a value.',
    z.object({}).strict(),
    SecretListSchema,
  ),
  'secrets.set': request(
    'Store a new secret: the value goes to the OS keychain and is never sent back.',
    SecretSetInputSchema,
    SecretInfoSchema,
  ),
  'secrets.rotate': request('Replace a secret\'s value in the keychain.', SecretRotateInputSchema, SecretInfoSchema),
  'secrets.remove': request(
    'Delete a secret from the keychain and forget its metadata.',
    SecretNameInputSchema,
    z.object({ name: SecretNameSchema }),
  ),
  'secrets.updateScope': request(
    'Change which tools receive a secret, its variable name, description or rotation reminder.',
    SecretScopeInputSchema,
    SecretInfoSchema,
  ),
};

export const secretsEvents = {
  'secrets.changed': event('A secret was created, rotated, removed or re-scoped (names only).', SecretChangedSchema),
};
