import { CliError, exitCodes } from './exit-codes.ts';

const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--since 7d`, `--since 24h`, `--since 30m` or an ISO 8601 time, as an ISO timestamp. */
export function parseTimeArg(flag: string, value: string | undefined, now = Date.now()): string | undefined {
  if (value === undefined) return undefined;
  const relative = /^(\d+)([mhd])$/.exec(value);
  if (relative) return new Date(now - Number(relative[1]) * (units[relative[2] ?? 'd'] ?? 0)).toISOString();
  const at = Date.parse(value);
  if (Number.isNaN(at)) {
    throw new CliError(`${flag} takes an ISO 8601 time (2026-11-03T09:00Z) or an age like 30m, 24h, 7d; not "${value}".`, exitCodes.usage);
  }
  return new Date(at).toISOString();
}
