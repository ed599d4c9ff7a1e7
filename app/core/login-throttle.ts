/**
 * Slows down token guessing: after `freeAttempts` failures inside `windowMs`, every further
 * attempt is refused until a lock-out that doubles with each failure (capped) has passed.
 * Loopback clients all share one address, so the throttle is global, not per address.
 */
export class LoginThrottle {
  readonly #freeAttempts: number;
  readonly #windowMs: number;
  readonly #baseLockMs: number;
  readonly #maxLockMs: number;
  readonly #now: () => number;
  #failures: number[] = [];
  #lockedUntil = 0;
  #lockMs: number;

  constructor(options: { freeAttempts?: number; windowMs?: number; baseLockMs?: number; maxLockMs?: number; now?: () => number } = {}) {
    this.#freeAttempts = options.freeAttempts ?? 5;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#baseLockMs = options.baseLockMs ?? 1_000;
    this.#maxLockMs = options.maxLockMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
    this.#lockMs = this.#baseLockMs;
  }

  /** Milliseconds until another attempt is allowed; 0 when one may be made now. */
  retryAfterMs(): number {
    return Math.max(0, this.#lockedUntil - this.#now());
  }

  recordFailure(): void {
    const now = this.#now();
    this.#failures = this.#failures.filter((at) => now - at < this.#windowMs);
    this.#failures.push(now);
    if (this.#failures.length > this.#freeAttempts) {
      this.#lockedUntil = now + this.#lockMs;
      this.#lockMs = Math.min(this.#lockMs * 2, this.#maxLockMs);
    }
  }

  recordSuccess(): void {
    this.#failures = [];
    this.#lockMs = this.#baseLockMs;
  }
}
