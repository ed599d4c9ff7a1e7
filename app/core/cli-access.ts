import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const consoleFileName = 'console.json';

const ConsoleFileSchema = z.object({ port: z.number().int().min(1).max(65535), pid: z.number().int().positive(), token: z.string().min(20) });
export type ConsoleFile = z.infer<typeof ConsoleFileSchema>;

/** The `console.json` of a data dir, or null when there is none (or it is not one). */
export function readConsoleFile(dataDir: string): ConsoleFile | null {
  try {
    return ConsoleFileSchema.parse(JSON.parse(readFileSync(join(dataDir, consoleFileName), 'utf8')));
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists; EPERM means it does, under another user. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * How a `warden` command on this machine reaches the running console: `console.json` (mode 0600,
 * like the data dir it sits in) names the port and holds a bearer token made at start-up. Reading it
 * needs the console user's file permissions, which is the authentication. Browsers cannot send an
 * Authorization header on a WebSocket, so this path is closed to web pages.
 */
export class CliAccess {
  readonly #token = randomBytes(32).toString('base64url');
  readonly #dataDir: string;
  readonly #file: string;

  constructor(dataDir: string) {
    this.#dataDir = dataDir;
    this.#file = join(dataDir, consoleFileName);
  }

  /** Writes console.json for this port; returns the file it replaced, if there was one. */
  publish(port: number): ConsoleFile | null {
    const previous = readConsoleFile(this.#dataDir);
    const tmp = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ port, pid: process.pid, token: this.#token })}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.#file);
    return previous;
  }

  /** Removes console.json, unless it is no longer ours: another console's file is left alone. */
  withdraw(): void {
    if (readConsoleFile(this.#dataDir)?.token === this.#token) rmSync(this.#file, { force: true });
  }

  /** The actor named by a valid `Authorization: Bearer` header, or undefined. */
  check(authorization: string | undefined, actorHeader: string | string[] | undefined): string | undefined {
    const given = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
    const expected = Buffer.from(this.#token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const name = (typeof actorHeader === 'string' ? actorHeader : '').replace(/[^\w .@-]/g, '').slice(0, 64);
    return `cli user ${name || 'unknown'}`;
  }
}
