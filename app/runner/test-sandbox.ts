import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildRuntime } from './child-runtime.ts';
import { installChildRuntime } from './child-runtime.ts';
import { agentUserName, lookupUser } from './probe.ts';

/**
 * Test helpers for the sandbox, which needs what CI has: Linux, root, bubblewrap. As root they
 * create the dedicated user when it is missing (and leave it: other tests and the machine's
 * setup may use it), stage a tool runtime it can reach (Node under /root is not), and make
 * workspaces it owns.
 */
export const canSandbox = process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/bwrap');

export function ensureAgentUser(name = agentUserName): { uid: number; gid: number } {
  let stderr = '';
  // Test files run in parallel: another one may hold the lock on /etc/passwd, creating the same user.
  for (let attempt = 0; attempt < 50; attempt++) {
    const found = lookupUser(name);
    if (found !== null) return found;
    stderr = spawnSync('/usr/sbin/useradd', ['--system', '--user-group', '--home-dir', `/var/lib/${name}`, '--no-create-home', '--shell', '/usr/sbin/nologin', name], { encoding: 'utf8' }).stderr;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  throw new Error(`useradd ${name} failed: ${stderr}`);
}

/** A user name of this test process alone, for a test that creates the user mid-test (`ensureAgentUser(name)`, then `removeUser`). */
export const uniqueUserName = (tag: string): string => `wt-${tag}-${process.pid}`.slice(0, 32);

/** Removes a user a test created (and its group), retrying while another test holds the lock on /etc/passwd. */
export function removeUser(name: string): void {
  for (let attempt = 0; attempt < 50 && lookupUser(name) !== null; attempt++) {
    spawnSync('/usr/sbin/userdel', [name], { encoding: 'utf8' });
    if (lookupUser(name) !== null) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
}

export interface Scratch {
  /** 0755, root-owned: holds the runtime and the workspaces. */
  readonly root: string;
  readonly runtime: ChildRuntime;
  /** A fresh directory owned by `owner`, inside `root`. */
  workspace(name: string, owner: { uid: number; gid: number }): string;
  cleanup(): void;
}

export function makeScratch(): Scratch {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'warden-sandbox-test-')));
  chmodSync(root, 0o755);
  const runtime = installChildRuntime(join(root, 'runtime'));
  return {
    root,
    runtime,
    workspace(name, owner) {
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      chownSync(dir, owner.uid, owner.gid);
      return dir;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
