import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { disableNotifications, enableNotifications, useNotifyState } from '../../data/approvals-notify.ts';
import { useBridge } from '../../data/bridge-context.tsx';

/**
 * "Notify me": desktop notifications of new requests in the web console. The browser is asked for
 * permission only here, on this click. The desktop app notifies on its own.
 */
export function NotifyControl() {
  const { kind } = useBridge();
  const state = useNotifyState();
  const [asking, setAsking] = useState(false);
  if (kind !== 'websocket' || state.permission === 'unsupported') return null;
  if (state.permission === 'denied') {
    return (
      <span className="notify-control__note" data-testid="approvals-notify" data-state="blocked">
        Notifications are blocked for this site in the browser’s settings.
      </span>
    );
  }
  if (state.permission === 'granted' && state.wanted) {
    return (
      <Button size="sm" variant="ghost" onClick={disableNotifications} data-testid="approvals-notify" data-state="on" title="Stop desktop notifications of new requests">
        Notifications on · turn off
      </Button>
    );
  }
  return (
    <Button
      size="sm"
      disabled={asking}
      onClick={() => {
        setAsking(true);
        void enableNotifications().finally(() => setAsking(false));
      }}
      data-testid="approvals-notify"
      data-state="off"
      title="Show a desktop notification when a call waits for a decision while this tab is in the background"
    >
      Notify me
    </Button>
  );
}
