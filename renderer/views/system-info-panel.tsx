import { Button } from '../components/button.tsx';
import { ErrorState } from '../components/error-state.tsx';
import { Icon } from '../components/icons.tsx';
import { Panel } from '../components/panel.tsx';
import { useConnection } from '../data/use-connection.ts';
import { useEvent } from '../data/use-event.ts';
import { useSystemInfo } from '../data/use-system-info.ts';
import { useNow } from '../shell/use-now.ts';
import { SystemInfoList } from './system-info-list.tsx';

export function SystemInfoPanel() {
  const query = useSystemInfo();
  const connection = useConnection();
  const now = useNow(10_000);
  // The isolation level shown here changes when someone re-checks it in the Policy view.
  useEvent('policy.changed', (change) => {
    if (change.changed.includes('isolation')) void query.refetch();
  });

  let body;
  if (query.data) body = <SystemInfoList info={query.data} now={now} />;
  else if (query.error) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} testId="system-info-error" />;
  else if (connection.state === 'unauthorized')
    body = (
      <p className="panel-message" data-testid="system-info-waiting">
        This browser is not signed in. Open the login link that <code>warden serve</code> printed in its terminal.
      </p>
    );
  else if (query.fetchStatus === 'paused')
    body = (
      <p className="panel-message" data-testid="system-info-waiting">
        Waiting for the connection to Warden…
      </p>
    );
  else body = <FactsSkeleton />;

  return (
    <Panel
      title="System"
      testId="system-info"
      aside={
        <Button
          variant="ghost"
          size="sm"
          onClick={() => void query.refetch()}
          disabled={query.isFetching || connection.state !== 'open'}
          aria-label="Refresh system information"
        >
          <Icon name="retry" size={14} />
          {query.isFetching && query.data ? 'Refreshing…' : 'Refresh'}
        </Button>
      }
    >
      {query.data && query.error && (
        <div className="panel-banner">
          <ErrorState error={query.error} />
        </div>
      )}
      <div aria-busy={query.isPending && query.fetchStatus === 'fetching'}>{body}</div>
    </Panel>
  );
}

function FactsSkeleton() {
  return (
    <div className="facts facts--loading" aria-label="Loading system information">
      {Array.from({ length: 6 }, (_, index) => (
        <div className="facts__row" key={index}>
          <span className="skeleton skeleton--label" />
          <span className="skeleton" />
        </div>
      ))}
    </div>
  );
}
