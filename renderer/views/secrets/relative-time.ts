import { formatAgo } from '../../format/time.ts';

/** "3 min ago", "in 4 d", or `never` for a missing timestamp. */
export function formatRelative(iso: string | null, now: number, never = 'never'): string {
  if (iso === null) return never;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return at > now + 999 ? `in ${coarse(at - now)}` : formatAgo(now - at);
}

/**
 * A moment that has happened (created, rotated, last used): never "in …", even when the core's
 * clock runs a little ahead of this window's (a console over an SSH tunnel).
 */
export function formatPast(iso: string | null, now: number, never = 'never'): string {
  if (iso === null) return never;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : formatAgo(now - at);
}

/** "every 90 days", "every day". */
export function formatEvery(days: number): string {
  return days === 1 ? 'every day' : `every ${days} days`;
}

/** The largest whole unit only: a due date 89 days 23 hours away is "89 d" away. */
function coarse(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  for (const [size, unit] of [[86_400, 'd'], [3_600, 'h'], [60, 'min']] as const) {
    if (seconds >= size) return `${Math.floor(seconds / size)} ${unit}`;
  }
  return `${seconds} s`;
}
