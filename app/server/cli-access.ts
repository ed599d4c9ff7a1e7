import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const consoleFileName = 'console.json';

/**
 * How a `warden` command on this machine reaches the running console: `console.json` (mode 0600,
 * like the data dir it sits in) names the port and holds a bearer token made at start-up. Reading it
 * needs the console user's file permissions, which is the authentication. Browsers cannot send an
 * Authorization header on a WebSocket, so this path is closed to web pages.
 */
export class CliAccess {
  readonly #token = randomBytes(32).toString('base64url');
  readonly #file: string;

  constructor(dataDir: string) {
    this.#file = join(dataDir, consoleFileName);
  }

  publish(port: number): void {
    const tmp = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ port, pid: process.pid, token: this.#token })}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.#file);
  }

  withdraw(): void {
    rmSync(this.#file, { force: true });
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
