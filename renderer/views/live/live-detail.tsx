import { useEffect, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { Button } from '../../components/button.tsx';
import { Icon } from '../../components/icons.tsx';
import { formatTimestamp } from '../../format/time.ts';
import type { LiveRow } from '../../state/live-buffer.ts';
import { historySteps } from '../../state/live-buffer.ts';
import { ToolPreview } from '../approvals/tool-preview.tsx';
import { auditHrefFor, formatClock, formatElapsed, liveStatusLabel, prettyArgsJson } from './live-format.ts';
import { LiveStatusBadge } from './live-row.tsx';
import '../../components/code-block.css';
import '../../components/detail-panel.css';

const deciderKinds = { rule: 'policy rule', person: 'person', timeout: 'approval timeout', policy: 'policy default', system: 'Warden' } as const;

/** Everything this window knows about one call, updated as its events arrive. */
export function LiveDetail({ row, missingId, onClose, takeFocus }: { row: LiveRow | undefined; missingId: string; onClose: () => void; takeFocus: boolean }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = row?.id ?? missingId;
  useEffect(() => {
    if (takeFocus) headingRef.current?.focus();
  }, [takeFocus, id]);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      onClose();
    }
  };
  return (
    <aside className="detail-panel live-detail" aria-labelledby="live-detail-title" data-testid="live-detail" data-call-id={id} onKeyDown={onKeyDown}>
      <header className="detail-panel__header live-detail__header">
        <h2 id="live-detail-title" ref={headingRef} tabIndex={-1}>
          <span className="mono">{row?.tool ?? 'Call'}</span>
        </h2>
        {row && <LiveStatusBadge status={row.status} />}
        <Button variant="ghost" size="icon" className="live-detail__close" aria-label="Close details" title="Close (Esc)" onClick={onClose} data-testid="live-detail-close">
          <Icon name="close" />
        </Button>
      </header>
      <div className="detail-panel__body live-detail__body">
        {row === undefined ? (
          <p className="muted">This call is no longer in the live buffer (it keeps the latest calls). The audit trail has it.</p>
        ) : (
          <CallFacts row={row} />
        )}
      </div>
    </aside>
  );
}

function CallFacts({ row }: { row: LiveRow }) {
  const steps = historySteps(row);
  return (
    <>
      <dl className="live-facts">
        <Fact label="Status">{liveStatusLabel(row.status)}</Fact>
        <Fact label="Risk">{row.risk ?? '—'}</Fact>
        <Fact label="Session">
          <span className="mono">{row.sessionId ?? '—'}</span>
        </Fact>
        <Fact label="Call id">
          <span className="mono live-facts__id" data-testid="live-detail-id">
            {row.id}
          </span>
        </Fact>
        <Fact label="Queued">
          <time dateTime={new Date(row.queuedAt).toISOString()}>{formatTimestamp(new Date(row.queuedAt).toISOString())}</time>
        </Fact>
        <Fact label="Duration">{row.durationMs === null ? (row.state === 'finished' ? '—' : 'still going') : formatElapsed(row.durationMs)}</Fact>
        <Fact label="Decision">
          {row.decision ? (
            <span data-testid="live-detail-decision">
              <strong>{row.decision.verdict}</strong> — {row.decision.reason}
              {row.decision.rule !== null && <span className="muted"> (rule {row.decision.rule})</span>}
            </span>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="Decided by">
          {row.decidedBy ? (
            <span data-testid="live-detail-by">
              {row.decidedBy.name} <span className="muted">({deciderKinds[row.decidedBy.kind]})</span>
            </span>
          ) : (
            '—'
          )}
        </Fact>
      </dl>
      <Block title="Message">
        <p className="live-detail__text" data-testid="live-detail-message">
          {row.message || <span className="muted">(none)</span>}
        </p>
      </Block>
      <Block title="Steps" note={`${row.events} ${row.events === 1 ? 'event' : 'events'}`}>
        <ol className="live-steps" data-testid="live-detail-steps">
          {steps.map((step, index) => (
            <li key={index} data-state={step.state}>
              <span className="live-steps__state">{step.state}</span>
              <span className="tabular muted">
                {formatClock(step.at)}
                {index > 0 && ` · +${formatElapsed(step.at - (steps[0]?.at ?? step.at))}`}
              </span>
            </li>
          ))}
        </ol>
      </Block>
      {(row.preview !== null || row.previewDropped) && (
        <Block title="Preview" note="shown on the approval card">
          {row.preview ? <ToolPreview preview={row.preview} /> : <p className="muted">Too large to keep here; the approval card showed it in full.</p>}
        </Block>
      )}
      <Block title="Arguments" note={row.argsTruncated ? 'cut: the audit trail has them whole' : 'after redaction'}>
        <pre className="code-block live-detail__pre" tabIndex={0} data-testid="live-detail-args">
          {prettyArgsJson(row.argsJson, row.argsTruncated)}
        </pre>
      </Block>
      <p className="live-detail__links">
        <a href={auditHrefFor(row)} data-testid="live-detail-audit">
          Find it in the audit trail
        </a>
        {row.state === 'asked' && (
          <a href="#/approvals" data-testid="live-detail-approvals">
            Open the approval card
          </a>
        )}
      </p>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="live-facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Block({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <section className="live-detail__block">
      <h3>
        {title}
        {note !== undefined && <span className="live-detail__note"> · {note}</span>}
      </h3>
      {children}
    </section>
  );
}
