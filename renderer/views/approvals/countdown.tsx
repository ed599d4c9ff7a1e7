import { formatCountdown } from './approval-format.ts';
import { useServerNow } from './use-server-now.ts';

/** Time left before the timeout denies the call, as text and as a draining bar. */
export function Countdown({ requestedAt, expiresAt }: { requestedAt: string; expiresAt: string }) {
  // Its own clock: the card around it does not re-render every tick.
  const now = useServerNow(500);
  const end = Date.parse(expiresAt);
  const total = Math.max(1, end - Date.parse(requestedAt));
  const left = end - now;
  const fraction = Math.min(1, Math.max(0, left / total));
  const tone = left <= 10_000 ? 'bad' : left <= 30_000 || fraction < 0.2 ? 'warn' : 'neutral';
  return (
    <div className={`countdown countdown--${tone}`} data-testid="approval-countdown" data-remaining-ms={Math.max(0, Math.round(left))}>
      <span className="countdown__text">
        {left > 0 ? (
          <>
            Denied in <strong className="tabular">{formatCountdown(left)}</strong>
          </>
        ) : (
          'Timing out…'
        )}
      </span>
      <span className="countdown__track" aria-hidden="true">
        <span className="countdown__fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </span>
    </div>
  );
}
