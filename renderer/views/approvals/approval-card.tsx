import { memo } from 'react';
import type { ReactNode } from 'react';
import type { ApprovalView, RuleScope } from '../../../app/contract/index.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { formatTimestamp } from '../../format/time.ts';
import { prettyArgs, riskTone } from './approval-format.ts';
import { Countdown } from './countdown.tsx';
import { RememberPanel } from './remember-panel.tsx';
import { ToolPreview } from './tool-preview.tsx';
import '../../components/code-block.css';

export type Answer = { readonly decision: 'approve' | 'deny' } | { readonly decision: 'approve'; readonly remember: true; readonly scope: RuleScope };

export const cardElementId = (id: string): string => `approval-${id}`;

/**
 * One request, with everything needed to decide it: what would happen (preview and arguments),
 * why it asks, what led to it, and where untrusted content came in. The active card is the one
 * the keys A, D and R answer.
 */
export const ApprovalCard = memo(function ApprovalCard({
  view,
  index,
  active,
  busy,
  error,
  remembering,
  onActivate,
  onAnswer,
  onRemember,
}: {
  view: ApprovalView;
  index: number;
  active: boolean;
  busy: boolean;
  error: Error | null;
  remembering: boolean;
  onActivate: (id: string) => void;
  onAnswer: (view: ApprovalView, answer: Answer) => void;
  onRemember: (id: string | null) => void;
}) {
  const titleId = `${cardElementId(view.id)}-title`;
  const untrusted = view.untrustedSources.length > 0;
  return (
    <article
      id={cardElementId(view.id)}
      className={`approval-card${active ? ' approval-card--active' : ''}${untrusted ? ' approval-card--untrusted' : ''}`}
      aria-labelledby={titleId}
      aria-current={active ? 'true' : undefined}
      tabIndex={active ? 0 : -1}
      data-testid="approval-card"
      data-approval-id={view.id}
      data-call-id={view.callId}
      data-tool={view.tool}
      data-active={active}
      onFocus={() => onActivate(view.id)}
      onPointerDown={() => onActivate(view.id)}
    >
      <header className="approval-card__head">
        <span className="approval-card__index tabular" aria-hidden="true">
          {index + 1}
        </span>
        <h2 id={titleId} className="approval-card__title">
          <span className="mono" data-testid="approval-tool">
            {view.tool}
          </span>
          <span className="visually-hidden"> wants to run</span>
        </h2>
        <Badge tone={riskTone[view.risk]} testId="approval-risk">
          {view.risk}
        </Badge>
        {untrusted && <Badge tone="bad">untrusted content</Badge>}
        <Countdown requestedAt={view.requestedAt} expiresAt={view.expiresAt} />
      </header>

      {untrusted && (
        <section className="approval-untrusted" aria-label="Untrusted sources" data-testid="approval-untrusted">
          <h3>This session has read content from outside. It may be trying to steer the agent:</h3>
          <ul>
            {view.untrustedSources.map((source, i) => (
              <li key={i} className="mono">
                {source}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="approval-card__body">
        <div className="approval-card__main">
          <p className="approval-card__reason" data-testid="approval-reason">
            <span className="approval-card__label">Why it asks</span>
            {view.reason}
          </p>
          {view.preview !== null ? (
            <Block title="What it would do">
              <ToolPreview preview={view.preview} />
            </Block>
          ) : (
            <Block title="What it would do">
              <p className="muted">No preview for this call: read the arguments below.</p>
            </Block>
          )}
          <Block title="Arguments" note="as the call gives them, after redaction">
            <pre className="code-block approval-card__pre" tabIndex={0} data-own-keys data-testid="approval-args">
              {prettyArgs(view.args)}
            </pre>
          </Block>
        </div>
        <div className="approval-card__context">
          <dl className="approval-card__facts">
            <dt>Asked by</dt>
            <dd>{view.actor}</dd>
            <dt>Session</dt>
            <dd className="mono">{view.sessionId ?? <span className="muted">none (a direct call)</span>}</dd>
            <dt>Asked at</dt>
            <dd>
              <time dateTime={view.requestedAt}>{formatTimestamp(view.requestedAt)}</time>
            </dd>
            <dt>Call</dt>
            <dd className="mono approval-card__id">{view.callId}</dd>
          </dl>
          <Block title="Instruction" note="the end of what led to it">
            {view.instructionExcerpt === '' ? (
              <p className="muted">None: the call came straight from a person or a script, not from an agent task.</p>
            ) : (
              <blockquote className="approval-card__excerpt" data-testid="approval-excerpt">
                {view.instructionExcerpt}
              </blockquote>
            )}
          </Block>
          <Block title="Recent steps" note="of this session, oldest first">
            {view.recentSteps.length === 0 ? (
              <p className="muted">No earlier steps.</p>
            ) : (
              <ol className="approval-card__steps" data-testid="approval-steps">
                {view.recentSteps.map((step, i) => (
                  <li key={i}>{step}</li>
                ))}
              </ol>
            )}
          </Block>
        </div>
      </div>

      {error !== null && <ErrorState error={error} testId="approval-error" />}
      {remembering && (
        <RememberPanel
          approvalId={view.id}
          saving={busy}
          onSave={(scope) => onAnswer(view, { decision: 'approve', remember: true, scope })}
          onCancel={() => onRemember(null)}
        />
      )}

      <footer className="approval-card__actions">
        <Button variant="primary" disabled={busy} onClick={() => onAnswer(view, { decision: 'approve' })} data-testid="approval-approve">
          Approve once {active && <kbd className="kbd approval-card__kbd">A</kbd>}
        </Button>
        <Button disabled={busy} onClick={() => onAnswer(view, { decision: 'deny' })} data-testid="approval-deny">
          Deny {active && <kbd className="kbd approval-card__kbd">D</kbd>}
        </Button>
        <Button
          variant="ghost"
          disabled={busy || remembering}
          onClick={() => onRemember(view.id)}
          aria-expanded={remembering}
          data-testid="approval-remember"
        >
          Approve &amp; remember… {active && <kbd className="kbd approval-card__kbd">R</kbd>}
        </Button>
        {busy && <span className="muted approval-card__busy">Sending…</span>}
      </footer>
    </article>
  );
});

function Block({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <section className="approval-block">
      <h3 className="approval-block__title">
        {title}
        {note !== undefined && <span className="approval-block__note"> · {note}</span>}
      </h3>
      {children}
    </section>
  );
}
