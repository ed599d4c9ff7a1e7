export interface BackoffOptions {
  /** Delay before the first retry. */
  readonly baseMs: number;
  /** Ceiling for any delay. */
  readonly maxMs: number;
  readonly factor: number;
  /** Share of each delay that is randomised (0..1), so many tabs do not retry in step. */
  readonly jitter: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, maxMs: 15_000, factor: 2, jitter: 0.3 };

/** Delay before reconnect attempt number `attempt` (0 = first retry): exponential, capped, jittered. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = defaultBackoff,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt, 30));
  const ceiling = Math.min(options.maxMs, options.baseMs * options.factor ** exponent);
  const jitter = Math.min(1, Math.max(0, options.jitter));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling * (1 - jitter) + ceiling * jitter * r);
}
