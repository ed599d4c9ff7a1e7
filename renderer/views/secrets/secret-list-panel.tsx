import type { UseQueryResult } from '@tanstack/react-query';
import type { SecretList } from '../../../app/contract/index.ts';
import { ErrorState } from '../../components/error-state.tsx';
import { Icon } from '../../components/icons.tsx';
import { Panel } from '../../components/panel.tsx';
import { PanelNotice } from '../../components/panel-notice.tsx';
import { useConnection } from '../../data/use-connection.ts';
import type { SecretCommand } from './secret-table.tsx';
import { SecretTable } from './secret-table.tsx';
import { sortSecrets } from './rotation.ts';
import './secret-list-panel.css';

const blockedNoteId = 'secrets-blocked-note';

/** The list of secrets with its loading, waiting, error and empty states, and the last action's outcome. */
export function SecretListPanel({
  query,
  now,
  blocked,
  notice,
  onCommand,
}: {
  query: UseQueryResult<SecretList>;
  now: number;
  blocked: string | null;
  notice: string | null;
  onCommand: (command: SecretCommand, name: string) => void;
}) {
  const connection = useConnection();
  const secrets = query.data?.secrets;

  let body;
  if (secrets !== undefined && secrets.length > 0) {
    body = <SecretTable secrets={sortSecrets(secrets)} now={now} blocked={blocked} blockedNoteId={blockedNoteId} onCommand={onCommand} />;
  } else if (secrets !== undefined) {
    body = (
      <p className="panel-message" data-testid="secrets-empty">
        {blocked === null
          ? 'No secrets yet. Add one below: its value goes straight to the keychain, and only the tools you name receive it.'
          : 'No secrets yet. Once the keychain is available, add one below.'}
      </p>
    );
  } else if (query.error) {
    body = <ErrorState error={query.error} onRetry={() => void query.refetch()} testId="secrets-error" />;
  } else if (connection.state === 'unauthorized') {
    body = (
      <p className="panel-message">
        This browser is not signed in. Open the login link that <code>warden serve</code> printed in its terminal.
      </p>
    );
  } else if (query.fetchStatus === 'paused') {
    body = <p className="panel-message">Waiting for the connection to Warden…</p>;
  } else {
    body = <ListSkeleton />;
  }

  const count = secrets?.length;
  return (
    <Panel
      title="Stored secrets"
      testId="secret-list"
      className="secret-list"
      aside={
        <>
          <PanelNotice notice={notice} className="secret-list__notice" testId="secrets-notice" />
          {count !== undefined && <span className="tabular">{count === 1 ? '1 secret' : `${count} secrets`}</span>}
        </>
      }
    >
      {query.data && query.error && (
        <div className="panel-banner">
          <ErrorState error={query.error} />
        </div>
      )}
      {blocked !== null && secrets !== undefined && secrets.length > 0 && (
        <p className="form-note secret-list__blocked" id={blockedNoteId}>
          <Icon name="info" size={14} />
          <span>Rotate and delete are off. {blocked}</span>
        </p>
      )}
      <div aria-busy={query.isPending && query.fetchStatus === 'fetching'}>{body}</div>
    </Panel>
  );
}

function ListSkeleton() {
  return (
    <div className="secret-list__skeleton" aria-label="Loading secrets">
      {Array.from({ length: 3 }, (_, index) => (
        <span className="skeleton" key={index} />
      ))}
    </div>
  );
}
