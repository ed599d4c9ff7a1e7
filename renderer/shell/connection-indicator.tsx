import { Button } from '../components/button.tsx';
import { InlineCode } from '../components/inline-code.tsx';
import { Icon } from '../components/icons.tsx';
import { StatusDot } from '../components/badge.tsx';
import { useBridge } from '../data/bridge-context.tsx';
import { useConnection } from '../data/use-connection.ts';
import { useHeartbeatStore } from '../state/heartbeat-store.ts';
import type { ConnectionStatusKind } from '../status/connection-status.ts';
import { connectionStatus } from '../status/connection-status.ts';
import { useNow } from './use-now.ts';
import './connection-indicator.css';

/** Said once per change of kind, so a screen reader is not told the heartbeat age every second. */
const announcements: Record<ConnectionStatusKind, string> = {
  connected: 'Connected to Warden.',
  waiting: 'Connected to Warden, waiting for a heartbeat.',
  stale: 'Connected, but Warden has stopped sending heartbeats.',
  connecting: 'Connecting to Warden.',
  disconnected: 'Disconnected from Warden.',
  unauthorized: 'Not signed in to Warden.',
};

export function ConnectionIndicator() {
  const bridge = useBridge();
  const connection = useConnection();
  const lastPingAt = useHeartbeatStore((state) => state.receivedAt);
  const now = useNow(1000);
  const status = connectionStatus({ connection, lastPingAt, now });
  const canRetry = bridge.kind === 'websocket' && (connection.state === 'closed' || connection.state === 'unauthorized');
  return (
    <div className={`conn conn--${status.tone}`}>
      <StatusDot tone={status.tone} pulse={status.kind === 'connected'} />
      <span className="conn__text" data-testid="connection-state" data-state={status.kind}>
        <InlineCode text={status.text} />
      </span>
      <span className="visually-hidden" role="status">
        {announcements[status.kind]}
      </span>
      {canRetry && (
        <Button variant="ghost" size="sm" onClick={() => bridge.retryNow()} data-testid="connection-retry">
          <Icon name="retry" size={14} />
          Retry now
        </Button>
      )}
    </div>
  );
}
