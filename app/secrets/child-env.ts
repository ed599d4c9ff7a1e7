import { EnvVarNameSchema } from '../contract/secrets.ts';

/**
 * A fixed PATH rather than the console's: the console user's PATH can name writable directories
 * (~/.local/bin, a project's node_modules/.bin) where a planted binary would shadow a system one.
 */
export const childPath = '/usr/local/bin:/usr/bin:/bin';

/**
 * Copied from the console's environment only so that text encoding and timestamps in the tool's
 * output match the console's; they carry no credentials and change no program's behaviour beyond that.
 */
const localeVars = ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'LC_MESSAGES', 'LC_NUMERIC', 'LC_TIME', 'LC_COLLATE', 'TZ'] as const;
const localeValue = /^[A-Za-z0-9_.@:/+-]{1,100}$/;

export interface ChildEnvOptions {
  /** From `secretsForTool`: the only credentials the child gets. */
  secrets: Readonly<Record<string, string>>;
  /** The child's HOME: the sandbox's own directory, never the console user's home. */
  home: string;
  /** The child's TMPDIR, when the runner gives it one. */
  tmpDir?: string;
  /** Where locale and TZ are read from; process.env unless a test says otherwise. */
  parentEnv?: Readonly<Record<string, string | undefined>>;
}

/**
 * The complete environment for a tool's child process: nothing is inherited but locale and TZ.
 * Secrets go in here and only here: never argv (visible in `ps`), never a file.
 */
export function buildChildEnv(options: ChildEnvOptions): Record<string, string> {
  const parentEnv = options.parentEnv ?? process.env;
  const env: Record<string, string> = { PATH: childPath, HOME: options.home };
  if (options.tmpDir !== undefined) env['TMPDIR'] = options.tmpDir;
  for (const name of localeVars) {
    const value = parentEnv[name];
    if (value !== undefined && localeValue.test(value)) env[name] = value;
  }
  for (const [name, value] of Object.entries(options.secrets)) {
    // Names were checked when stored; checked again because a reserved one would override PATH or HOME.
    if (!EnvVarNameSchema.safeParse(name).success) throw new Error(`Refusing to inject a secret as ${name}: not an allowed variable name.`);
    env[name] = value;
  }
  return env;
}
