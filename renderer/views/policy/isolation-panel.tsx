import { useState } from 'react';
import type { PolicyView, RunnerIsolation } from '../../../app/contract/index.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Icon } from '../../components/icons.tsx';
import { Panel } from '../../components/panel.tsx';
import type { RequestAction } from '../../data/request-action.ts';
import { formatTimestamp } from '../../format/time.ts';
import { isolationViews } from '../../status/isolation.ts';
import { formatPast } from '../secrets/relative-time.ts';
import { AcceptIsolationDialog } from './accept-isolation-dialog.tsx';
import { acceptedWords, isolationStrength, levelWords, recheckWords, sandboxWords, viaWords } from './policy-words.ts';
import './isolation-panel.css';

/**
 * The isolation this machine gives tool calls, what is missing for more and how to get it, and
 * the level an admin accepted for exec and destructive tools, with the ways to change that.
 * "Check again" probes the machine anew, so a fix (sudo warden setup-sandbox) counts without a restart.
 */
export function IsolationPanel({
  view,
  now,
  recheck,
  onChecked,
  onDone,
}: {
  view: PolicyView;
  now: number;
  /** The page holds the request: while it runs, the policy.changed it causes is not news from elsewhere. */
  recheck: RequestAction<void, PolicyView>;
  onChecked: () => void;
  onDone: (message: string) => void;
}) {
  const { isolation, policy, refusedRisks } = view;
  const [dialog, setDialog] = useState<RunnerIsolation | null>(null);
  // What the last "Check again" found, shown while the page still shows that check.
  const [checked, setChecked] = useState<{ at: string; words: string } | null>(null);
  const level = isolationViews[isolation.level];
  const accepted = policy.acceptedIsolation;
  const refused = refusedRisks.length > 0;
  const belowFull = isolation.level !== 'full';

  const checkAgain = async () => {
    if (recheck.pending) return;
    setChecked(null);
    const found = await recheck.run();
    if (found === undefined) return;
    setChecked({ at: found.isolation.checkedAt, words: recheckWords(isolation, found.isolation) });
    onChecked();
  };

  return (
    <Panel
      title="Isolation"
      className="isolation"
      aside={
        <div className="isolation__check">
          <time dateTime={isolation.checkedAt} title={formatTimestamp(isolation.checkedAt)} data-testid="policy-isolation-checked">
            checked {formatPast(isolation.checkedAt, now)}
          </time>
          <Button size="sm" variant="ghost" onClick={() => void checkAgain()} disabled={recheck.pending} aria-busy={recheck.pending} data-testid="policy-recheck">
            <Icon name="retry" size={14} />
            {recheck.pending ? 'Checking…' : 'Check again'}
          </Button>
        </div>
      }
    >
      {recheck.error && <ErrorState error={recheck.error} onRetry={() => void checkAgain()} testId="policy-recheck-error" />}
      <div
        className={`isolation__body isolation__body--${level.tone}`}
        data-testid="policy-isolation"
        data-level={isolation.level}
        data-accepted={accepted}
        data-refused={refusedRisks.join(' ')}
      >
        <div className="isolation__level">
          <Badge tone={level.tone} testId="policy-isolation-level">
            {level.label}
          </Badge>
          <p>{levelWords(isolation.level, isolation.user.name)}</p>
        </div>
        {checked !== null && checked.at === isolation.checkedAt && (
          <p className="isolation__rechecked" role="status" data-testid="policy-recheck-result">
            <Icon name="info" size={14} />
            <span>
              Checked again at <time dateTime={checked.at}>{formatTimestamp(checked.at)}</time>: {checked.words}
            </span>
          </p>
        )}
        <dl className="isolation__facts">
          <div>
            <dt>Tools run as</dt>
            <dd>
              <span className="policy-mono">{isolation.user.name}</span> <span className="muted">(uid {isolation.user.uid})</span>
              {isolation.user.dedicated ? ', the dedicated agent user' : ', not a dedicated agent user'}
            </dd>
          </div>
          <div>
            <dt>How</dt>
            <dd>{viaWords[isolation.via]}</dd>
          </div>
          <div>
            <dt>OS sandbox</dt>
            <dd>{sandboxWords[isolation.sandbox]}</dd>
          </div>
          <div>
            <dt>Exec and destructive tools</dt>
            <dd data-testid="policy-accepted">
              allowed {acceptedWords(accepted)}
              {accepted !== 'full' && <span className="muted"> (an admin accepted {accepted})</span>}
            </dd>
          </div>
        </dl>

        {isolation.missing.length > 0 && (
          <div className="isolation__missing">
            <h3>{belowFull ? `What is missing for full isolation` : 'Problems found while probing'}</h3>
            <ol>
              {isolation.missing.map((item) => (
                <li key={`${item.what}|${item.fix}`} data-testid="policy-missing-item">
                  <span className="isolation__what">{item.what}</span>
                  <span className="isolation__fix">
                    <span className="isolation__fix-label">Fix:</span> {item.fix}
                  </span>
                </li>
              ))}
            </ol>
          </div>
        )}

        {refused && (
          <div className="isolation__refused" role="note" data-testid="policy-refused">
            <Icon name="info" size={16} />
            <div>
              <p>
                <strong>Exec and destructive tools are refused.</strong> Isolation is {isolation.level}, below the {accepted} level
                they are allowed at, so <code>run_command</code> and <code>delete_path</code> calls are denied before anyone is asked.
              </p>
              <p className="muted">
                Fix what is missing above and choose Check again, or accept {isolation.level} isolation: the calls then run{' '}
                {isolation.level === 'none' ? 'with no sandbox and no separate user' : 'with weaker isolation'} (still asking a person as
                the rules say). Accepting is recorded in the audit trail with your reason.
              </p>
            </div>
            <Button className="isolation__action" onClick={() => setDialog(isolation.level)} data-testid="policy-accept-isolation">
              Accept {isolation.level} isolation…
            </Button>
          </div>
        )}

        {accepted !== 'full' && (
          <div className="isolation__accepted" data-testid="policy-accepted-below-full">
            <p>
              An admin accepted <strong>{accepted}</strong> isolation: exec and destructive tools run {acceptedWords(accepted)}.
              {isolationStrength[isolation.level] >= isolationStrength.full ? ' This machine reaches full isolation now.' : ''}
            </p>
            <Button onClick={() => setDialog('full')} data-testid="policy-require-full">
              Require full isolation again…
            </Button>
          </div>
        )}

        {!refused && accepted === 'full' && (
          <p className="isolation__ok muted">Nothing is refused for isolation: every enabled tool may run, as the rules below say.</p>
        )}
      </div>
      {dialog !== null && (
        <AcceptIsolationDialog
          level={dialog}
          current={isolation.level}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            onDone(message);
          }}
        />
      )}
    </Panel>
  );
}
