import { randomBytes } from 'node:crypto';

export interface Session {
  readonly id: string;
  /** A short, non-secret label for the audit trail ("console session 3f2a9c"). */
  readonly label: string;
  expiresAt: number;
}

/** Console sessions behind the HttpOnly cookie; in memory, so a restart logs everyone out. */
export class Sessions {
  readonly #byId = new Map<string, Session>();
  readonly #idleMs: number;
  readonly #now: () => number;

  constructor(options: { idleMs?: number; now?: () => number } = {}) {
    this.#idleMs = options.idleMs ?? 12 * 60 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  create(): Session {
    const id = randomBytes(32).toString('base64url');
    const session = { id, label: `console session ${id.slice(0, 6)}`, expiresAt: this.#now() + this.#idleMs };
    this.#byId.set(id, session);
    return session;
  }

  /** The live session for this id, its idle timer renewed; undefined when unknown or expired. */
  touch(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.#byId.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.#now()) {
      this.#byId.delete(id);
      return undefined;
    }
    session.expiresAt = this.#now() + this.#idleMs;
    return session;
  }

  get maxAgeSeconds(): number {
    return Math.floor(this.#idleMs / 1000);
  }
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}
