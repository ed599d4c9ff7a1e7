import { formatTimestamp } from '../../format/time.ts';
import { formatPast } from './relative-time.ts';

/** A past moment as relative time, with the exact local time on hover; "never" when there is none. */
export function SecretTime({ iso, now, prefix = '' }: { iso: string | null; now: number; prefix?: string }) {
  if (iso === null) return <span className="muted">never</span>;
  return (
    <time dateTime={iso} title={formatTimestamp(iso)} className="tabular">
      {prefix}
      {formatPast(iso, now)}
    </time>
  );
}
