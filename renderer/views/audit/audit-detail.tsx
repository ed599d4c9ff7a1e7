import { useEffect, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { AuditChainStatus, AuditEvent } from '../../../app/contract/index.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Icon } from '../../components/icons.tsx';
import type { FacetName } from '../../data/audit-filters.ts';
import { kindLabel } from '../../data/audit-filters.ts';
import { useAuditEvent } from '../../data/audit-queries.ts';
import { formatTimestamp } from '../../format/time.ts';
import { AuditIcon } from './audit-icon.tsx';
import { describeDecision, formatMs, prettyJson } from './audit-format.ts';
import { StatusBadge } from './status-badge.tsx';
import '../../components/code-block.css';
import '../../components/detail-panel.css';
import './audit-detail.css';

/**
 * The drawer with one whole event (`audit.get`) and the state of its link in the hash chain.
 * Arrow Up / Down show the newer / older event, Escape closes; it does not trap focus.
 */
export function AuditDetail({
  seq,
  canMove,
  onMove,
  onClose,
  onFilter,
  takeFocus,
}: {
  seq: number;
  canMove: { newer: boolean; older: boolean };
  onMove: (delta: number) => void;
  onClose: () => void;
  onFilter: (name: FacetName, value: string) => void;
  /** Move focus into the drawer when it opens (it was opened from elsewhere than the grid). */
  takeFocus: boolean;
}) {
  const query = useAuditEvent(seq);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) headingRef.current?.focus();
  }, [takeFocus, seq]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Escape') onClose();
    else if (event.key === 'ArrowUp' && canMove.newer) onMove(-1);
    else if (event.key === 'ArrowDown' && canMove.older) onMove(1);
    else return;
    event.preventDefault();
  };

  const event = query.data?.event;
  return (
    <aside className="detail-panel audit-detail" aria-labelledby="audit-detail-title" data-testid="audit-detail" data-seq={seq} onKeyDown={onKeyDown}>
      <header className="detail-panel__header audit-detail__header">
        <h2 id="audit-detail-title" ref={headingRef} tabIndex={-1}>
          Event <span className="tabular">#{seq}</span>
        </h2>
        {event && <StatusBadge status={event.status} />}
        <span className="audit-detail__nav">
          <Button variant="ghost" size="icon" aria-label="Newer event" title="Newer event (↑)" disabled={!canMove.newer} onClick={() => onMove(-1)}>
            <AuditIcon name="arrowUp" />
          </Button>
          <Button variant="ghost" size="icon" aria-label="Older event" title="Older event (↓)" disabled={!canMove.older} onClick={() => onMove(1)}>
            <AuditIcon name="arrowDown" />
          </Button>
          <Button variant="ghost" size="icon" aria-label="Close details" title="Close (Esc)" onClick={onClose} data-testid="audit-detail-close">
            <Icon name="close" />
          </Button>
        </span>
      </header>
      <div className="detail-panel__body audit-detail__body">
        {query.error ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} testId="audit-detail-error" />
        ) : query.data ? (
          <>
            <ChainStatus chain={query.data.chain} />
            <EventFacts event={query.data.event} onFilter={onFilter} />
          </>
        ) : (
          <p className="muted">Loading event #{seq}…</p>
        )}
      </div>
    </aside>
  );
}

function ChainStatus({ chain }: { chain: AuditChainStatus }) {
  const intact = chain.macValid && chain.linkValid;
  return (
    <section className={`audit-chain audit-chain--${intact ? 'ok' : 'bad'}`} aria-label="Chain status" data-testid="audit-detail-chain" data-intact={intact}>
      <div className="audit-chain__head">
        <Badge tone={intact ? 'ok' : 'bad'}>{intact ? 'Chain link intact' : 'Chain link broken'}</Badge>
        <Badge tone={chain.checkpointed ? 'ok' : 'neutral'}>{chain.checkpointed ? 'Checkpointed' : 'Not checkpointed yet'}</Badge>
      </div>
      <ul className="audit-chain__checks">
        <Check ok={chain.macValid} yes="Its MAC matches its content and the previous MAC" no="Its MAC does not match its content: the event was edited" />
        <Check ok={chain.linkValid} yes="It links to the previous event’s MAC" no="It does not link to the previous event: an event is missing or out of order" />
        <Check
          ok={chain.checkpointed}
          neutral
          yes="A checkpoint in the second location covers it"
          no="No checkpoint covers it yet (one is written daily, on archive and on close)"
        />
      </ul>
      <dl className="audit-chain__macs">
        <dt>MAC</dt>
        <dd className="mono">{chain.mac}</dd>
        <dt>Previous MAC</dt>
        <dd className="mono">{chain.prevMac}</dd>
      </dl>
    </section>
  );
}

function Check({ ok, yes, no, neutral = false }: { ok: boolean; yes: string; no: string; neutral?: boolean }) {
  const tone = ok ? 'ok' : neutral ? 'neutral' : 'bad';
  return (
    <li className={`audit-chain__check audit-chain__check--${tone}`}>
      <AuditIcon name={ok ? 'check' : neutral ? 'warning' : 'close'} size={12} />
      {ok ? yes : no}
    </li>
  );
}

function EventFacts({ event, onFilter }: { event: AuditEvent; onFilter: (name: FacetName, value: string) => void }) {
  const decision = describeDecision(event.decision, event.decidedBy);
  const filterButton = (name: FacetName, value: string, label: string) => (
    <button type="button" className="link-button audit-detail__filter" onClick={() => onFilter(name, value)} title={`Show only events with this ${label}`}>
      filter
    </button>
  );
  return (
    <>
      <dl className="audit-facts">
        <Fact label="Time">
          <time dateTime={event.ts}>{formatTimestamp(event.ts)}</time>
          <span className="audit-facts__sub mono">{event.ts}</span>
        </Fact>
        <Fact label="Kind">
          {kindLabel(event.kind)} {filterButton('kind', event.kind, 'kind')}
        </Fact>
        <Fact label="Status">
          {event.status} {filterButton('status', event.status, 'status')}
        </Fact>
        <Fact label="Actor">
          {event.actor} {filterButton('actor', event.actor, 'actor')}
        </Fact>
        {event.sessionId && (
          <Fact label="Session">
            <span className="mono">{event.sessionId}</span> {filterButton('session', event.sessionId, 'session')}
          </Fact>
        )}
        {event.tool && (
          <Fact label="Tool">
            <span className="mono">{event.tool}</span> {filterButton('tool', event.tool, 'tool')}
          </Fact>
        )}
        {event.interface && <Fact label="Interface">{event.interface}</Fact>}
        {decision && <Fact label="Decision">{decision}</Fact>}
        {event.durationMs !== undefined && <Fact label="Duration">{formatMs(event.durationMs)}</Fact>}
      </dl>
      <Block title="Summary">
        <p className="audit-detail__text">{event.summary || <span className="muted">(empty)</span>}</p>
      </Block>
      {event.excerpt !== undefined && (
        <Block title="Instruction excerpt" note="the last 200 characters of what led to it">
          <pre className="code-block audit-detail__pre audit-detail__pre--wrap">{event.excerpt}</pre>
        </Block>
      )}
      {event.args !== undefined && (
        <Block title="Arguments" note="after redaction">
          <pre className="code-block audit-detail__pre" tabIndex={0}>
            {prettyJson(event.args)}
          </pre>
        </Block>
      )}
      {event.details !== undefined && (
        <Block title="Details">
          <pre className="code-block audit-detail__pre" tabIndex={0}>
            {prettyJson(event.details)}
          </pre>
        </Block>
      )}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="audit-facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Block({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <section className="audit-detail__block">
      <h3>
        {title}
        {note && <span className="audit-detail__note"> · {note}</span>}
      </h3>
      {children}
    </section>
  );
}
