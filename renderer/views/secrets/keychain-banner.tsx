import type { UseQueryResult } from '@tanstack/react-query';
import type { KeychainStatus } from '../../../app/contract/index.ts';
import { StatusDot } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Icon } from '../../components/icons.tsx';
import { InlineCode } from '../../components/inline-code.tsx';
import { formatTimestamp } from '../../format/time.ts';
import { formatPast } from './relative-time.ts';
import { keychainViews } from './secret-status.ts';
import './keychain-banner.css';

interface Props {
  readonly query: UseQueryResult<KeychainStatus>;
  readonly now: number;
  /** Probe the keychain again (and refresh the list, whose statuses depend on it). */
  readonly onCheckAgain: () => void;
}

/** The keychain's state from `secrets.status`: a quiet line when usable, what to do when not. */
export function KeychainBanner({ query, now, onCheckAgain }: Props) {
  const status = query.data;
  const checking = query.isFetching;
  const again = (
    <Button size="sm" variant={status?.state === 'available' ? 'ghost' : 'default'} onClick={onCheckAgain} disabled={checking}>
      <Icon name="retry" size={14} />
      {checking ? 'Checking…' : 'Check again'}
    </Button>
  );

  if (status === undefined) {
    if (query.error) {
      return (
        <div className="keychain-banner keychain-banner--error" data-testid="keychain-banner" data-state="error">
          <ErrorState error={query.error} onRetry={onCheckAgain} />
        </div>
      );
    }
    return (
      <div className="keychain-banner keychain-banner--quiet" data-testid="keychain-banner" data-state="checking" role="status">
        <StatusDot tone="neutral" />
        <span className="muted">Checking the keychain…</span>
      </div>
    );
  }

  const view = keychainViews[status.state];
  const checked = (
    <time dateTime={status.checkedAt} title={formatTimestamp(status.checkedAt)}>
      checked {formatPast(status.checkedAt, now)}
    </time>
  );

  if (status.state === 'available') {
    return (
      <div className="keychain-banner keychain-banner--quiet" data-testid="keychain-banner" data-state="available" role="status">
        <StatusDot tone="ok" />
        <span>
          <strong className="keychain-banner__quiet-title">{view.title}</strong>
          <span className="muted">
            {' · '}
            {status.backend} · {checked}
          </span>
        </span>
        <span className="keychain-banner__spacer" />
        {again}
      </div>
    );
  }

  return (
    <section
      className={`keychain-banner keychain-banner--alert keychain-banner--${view.tone}`}
      data-testid="keychain-banner"
      data-state={status.state}
      aria-labelledby="keychain-banner-title"
    >
      <Icon name="secrets" size={18} className="keychain-banner__icon" />
      <div className="keychain-banner__body">
        <h2 id="keychain-banner-title" className="keychain-banner__title">
          {view.title}
          <span className="keychain-banner__backend">
            {status.backend} · {checked}
          </span>
        </h2>
        <p className="keychain-banner__message" data-testid="keychain-message">
          <InlineCode text={status.message} />
        </p>
        <p className="keychain-banner__meta">
          {view.action} Adding, rotating and deleting secrets are off until then; scopes can still be edited.
        </p>
        {status.detail !== null && (
          <details className="keychain-banner__detail">
            <summary>What the keychain said</summary>
            <code>{status.detail}</code>
          </details>
        )}
      </div>
      <div className="keychain-banner__actions">{again}</div>
    </section>
  );
}
