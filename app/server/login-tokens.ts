import { randomBytes, timingSafeEqual } from 'node:crypto';
import { writeFileSync, renameSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

export const tokenFileName = 'console-token';

/**
 * One-time login tokens. The current token is kept in `<dataDir>/console-token` (mode 0600)
 * so the console's own user can always find it; using it consumes it and a fresh one replaces it.
 */
export class LoginTokens {
  readonly #file: string;
  #current: Buffer;

  constructor(dataDir: string) {
    this.#file = join(dataDir, tokenFileName);
    this.#current = this.#issue();
  }

  get current(): string {
    return this.#current.toString('base64url');
  }

  get file(): string {
    return this.#file;
  }

  /** Constant-time check; a match consumes the token and issues the next one. */
  consume(candidate: string): boolean {
    const given = Buffer.from(candidate, 'utf8');
    const expected = Buffer.from(this.current, 'utf8');
    const match = given.length === expected.length && timingSafeEqual(given, expected);
    if (match) this.#current = this.#issue();
    return match;
  }

  #issue(): Buffer {
    const token = randomBytes(32);
    const tmp = `${this.#file}.${process.pid}.tmp`;
    // Written 0600 and renamed into place, so the token is never readable by others, not even briefly.
    writeFileSync(tmp, `${token.toString('base64url')}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.#file);
    return token;
  }
}
