import { WardenError } from '../contract/result.ts';
import type { RiskClass } from '../contract/tools.ts';

export const defaultApprovalTimeoutMs = 5 * 60_000;
const minTimeoutMs = 1_000;
const maxTimeoutMs = 24 * 60 * 60_000;

/** How long a request waits before it is denied: per risk class, else `default`, else 5 minutes. */
export type ApprovalTimeouts = Partial<Record<RiskClass | 'default', number>>;

/** Refuses a timeout nobody could answer within, or one that would leave a call waiting for days. */
export function checkTimeouts(timeouts: ApprovalTimeouts): void {
  for (const [key, ms] of Object.entries(timeouts)) {
    if (!Number.isInteger(ms) || ms < minTimeoutMs || ms > maxTimeoutMs) {
      throw new WardenError('invalid_input', `The approval timeout for ${key} must be a whole number of milliseconds from ${minTimeoutMs} to ${maxTimeoutMs}.`);
    }
  }
}

export function timeoutFor(risk: RiskClass, timeouts: ApprovalTimeouts): number {
  return timeouts[risk] ?? timeouts.default ?? defaultApprovalTimeoutMs;
}

const units: ReadonlyArray<[ms: number, name: string]> = [
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1_000, 'second'],
];

/** "5 minutes", "1 hour 30 minutes": what the timeout's decider is called on the card and in the audit trail. */
export function describeDuration(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [size, name] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
  }
  return parts.length > 0 ? parts.join(' ') : `${ms} ms`;
}
