import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, statSync, chmodSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { Policy, PolicyBody, PolicyUpdateInput, RunnerIsolation } from '../contract/policy.ts';
import { PolicySchema } from '../contract/policy.ts';
import { WardenError } from '../contract/result.ts';
import { defaultPolicy } from './default-policy.ts';
import { policyProblems } from './policy-checks.ts';

export const policyFileName = 'policy.json';

/** One change, for the audit trail: the whole policy before and after, and which fields differ. */
export interface PolicyChange {
  readonly before: Policy;
  readonly after: Policy;
  readonly changed: string[];
}

export interface PolicyStore {
  /** Path of policy.json. */
  readonly file: string;
  /** The policy in force: validated, canonical, frozen. Every decision reads it afresh. */
  current(): Policy;
  /** Replaces the editable part; refused as a whole if anything is wrong. */
  update(input: PolicyUpdateInput): PolicyChange;
  /** Sets the weakest isolation at which exec and destructive tools may run. */
  acceptIsolation(level: RunnerIsolation): PolicyChange;
  /** Reads policy.json again (after a hand edit); the file must validate or nothing changes. */
  reload(): PolicyChange;
}

/** The part of a policy `update` replaces: what an edit form starts from. */
export function editableBody(policy: Policy): PolicyBody {
  const { workspace, references, enabledTools, rules, commands, network, limits } = policy;
  return { workspace, references, enabledTools, rules, commands, network, limits };
}

export interface PolicyStoreOptions {
  /** The console's private data dir; the policy lives there and the perimeter must not reach it. */
  dataDir: string;
  /** Used when there is no policy.json yet; created (0750) if missing. */
  defaultWorkspace: string;
  now?: () => Date;
}

const fail = (message: string): never => {
  throw new WardenError('invalid_input', message);
};

function canonicalDir(path: string, label: string): string {
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch {
    return fail(`The ${label} ${path} does not exist: create it first.`);
  }
  if (!statSync(real).isDirectory()) fail(`The ${label} ${path} is not a directory.`);
  return real;
}

function canonicalProgram(path: string): string {
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch {
    return fail(`The program ${path} does not exist.`);
  }
  if (!statSync(real).isFile()) fail(`${path} is not a program file.`);
  return real;
}

/** Symlinks resolved in every directory and program, so rules and checks compare real paths. */
function canonicalBody(body: PolicyBody): PolicyBody {
  return {
    ...body,
    workspace: canonicalDir(body.workspace, 'workspace'),
    references: body.references.map((ref) => canonicalDir(ref, 'reference directory')),
    commands: [...new Set(body.commands.map(canonicalProgram))],
    enabledTools: [...new Set(body.enabledTools)],
  };
}

function validated(candidate: unknown, dataDir: string, source: string): Policy {
  const parsed = PolicySchema.safeParse(candidate);
  if (!parsed.success) fail(`${source}: ${z.prettifyError(parsed.error)}`);
  const policy = (parsed as { data: Policy }).data;
  const problems = policyProblems(policy, dataDir);
  if (problems.length > 0) fail(`${source}: ${problems.join(' ')}`);
  return deepFreeze(policy);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Write to a new file beside it, flush, rename over: a crash leaves the old policy or the new one. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(tmp);
    throw error;
  }
  closeSync(fd);
  renameSync(tmp, file);
  const dirFd = openSync(join(file, '..'), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

function changedFields(before: Policy, after: Policy): string[] {
  const keys = Object.keys(after) as Array<keyof Policy>;
  return keys.filter((key) => key !== 'revision' && key !== 'updatedAt' && JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

export function openPolicyStore(options: PolicyStoreOptions): PolicyStore {
  const now = options.now ?? (() => new Date());
  const file = join(options.dataDir, policyFileName);

  const read = (): Policy => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(options.defaultWorkspace, { recursive: true, mode: 0o750 });
      const fresh = validated(defaultPolicy(canonicalDir(options.defaultWorkspace, 'workspace'), now()), options.dataDir, 'The default policy');
      writeAtomically(file, `${JSON.stringify(fresh, null, 2)}\n`);
      return fresh;
    }
    const stats = statSync(file);
    if (typeof process.getuid === 'function' && stats.uid !== process.getuid()) {
      fail(`${file} belongs to user ${stats.uid}, not to the user the console runs as; Warden will not follow a policy someone else can edit.`);
    }
    // Only the console's user may read or change the perimeter.
    if ((stats.mode & 0o077) !== 0) chmodSync(file, 0o600);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail(`${file} is not valid JSON: fix it, or delete it to start again from the default policy.`);
    }
    return validated(json, options.dataDir, file);
  };

  let policy = read();

  const commit = (next: Policy): PolicyChange => {
    const before = policy;
    const after = validated(next, options.dataDir, 'The new policy');
    writeAtomically(file, `${JSON.stringify(after, null, 2)}\n`);
    policy = after;
    return { before, after, changed: changedFields(before, after) };
  };

  return {
    file,
    current: () => policy,
    update(input) {
      if (input.expectedRevision !== policy.revision) {
        throw new WardenError('conflict', `The policy changed since this edit started (now revision ${policy.revision}, the edit was made on ${input.expectedRevision}): reload it and make the edit again.`);
      }
      const body = canonicalBody(input.policy);
      return commit({ ...policy, ...body, revision: policy.revision + 1, updatedAt: now().toISOString() });
    },
    acceptIsolation(level) {
      return commit({ ...policy, acceptedIsolation: level, revision: policy.revision + 1, updatedAt: now().toISOString() });
    },
    reload() {
      const before = policy;
      policy = read();
      return { before, after: policy, changed: changedFields(before, policy) };
    },
  };
}
