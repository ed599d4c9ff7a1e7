import { StatusDot } from '../components/badge.tsx';
import { Panel } from '../components/panel.tsx';
import { formatAgo, formatDuration } from '../format/time.ts';
import { useNow } from '../shell/use-now.ts';
import { useHeartbeatStore } from '../state/heartbeat-store.ts';

/** The `system.ping` events as they arrive: the live proof that events cross the contract. */
export function HeartbeatPanel() {
  const { last, receivedAt, received } = useHeartbeatStore();
  const now = useNow(1000);
  const fresh = receivedAt !== null && now - receivedAt < 10_000;
  return (
    <Panel
      title="Heartbeat"
      testId="heartbeat"
      aside={
        <span className="heartbeat__live">
          <StatusDot tone={fresh ? 'ok' : 'neutral'} pulse={fresh} />
          {fresh ? 'live' : 'silent'}
        </span>
      }
    >
      <div className="heartbeat__figure">
        <span className="heartbeat__seq tabular" data-testid="heartbeat-seq" aria-describedby="heartbeat-seq-label">
          {last ? last.seq : '—'}
        </span>
        <span className="heartbeat__label" id="heartbeat-seq-label">
          {last ? 'sequence number of the last system.ping' : 'no heartbeat received yet'}
        </span>
      </div>
      <dl className="facts facts--compact">
        <div className="facts__row">
          <dt>Received here</dt>
          <dd className="tabular" data-testid="heartbeat-count">
            {received}
          </dd>
        </div>
        <div className="facts__row">
          <dt>Last received</dt>
          <dd className="tabular">{receivedAt === null ? '—' : formatAgo(now - receivedAt)}</dd>
        </div>
        <div className="facts__row">
          <dt>Core uptime</dt>
          <dd className="tabular">{last ? formatDuration(last.uptimeMs) : '—'}</dd>
        </div>
      </dl>
    </Panel>
  );
}
