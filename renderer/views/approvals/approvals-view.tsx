import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { ApprovalView, ApprovalDecided } from '../../../app/contract/index.ts';
import { Badge } from '../../components/badge.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Keys } from '../../components/kbd.tsx';
import { useDecideApproval, usePendingApprovals } from '../../data/approvals-queries.ts';
import { useEvent } from '../../data/use-event.ts';
import { ViewHeader } from '../view-header.tsx';
import { resolutionSentence } from './approval-format.ts';
import { ApprovalHistory } from './approval-history.tsx';
import { approvalKey, nextActive } from './approval-keys.ts';
import type { Answer } from './approval-card.tsx';
import { ApprovalCard, cardElementId } from './approval-card.tsx';
import { NotifyControl } from './notify-control.tsx';
import '../../components/kbd.css';
import './approval-card.css';
import './approvals-view.css';

interface Cursor {
  /** The ids on screen when `active` was chosen, to find the next card when it leaves. */
  readonly ids: readonly string[];
  readonly key: string;
  readonly active: string | null;
}

function ownsTextKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

const inScrollRegion = (target: EventTarget | null): boolean => target instanceof Element && target.closest('[data-own-keys]') !== null;

/**
 * The Approvals view: every pending request as a card (the one the timeout denies first on top),
 * answered with buttons or A / D / R, and below them what was decided, by whom, when and from where.
 */
export function ApprovalsView() {
  const pending = usePendingApprovals();
  const { mutate, isPending, variables } = useDecideApproval();
  const busyId = isPending ? (variables?.id ?? null) : null;
  const cards: readonly ApprovalView[] = pending.data ?? [];
  const ids = cards.map((card) => card.id);
  const idsKey = ids.join('|');

  const [cursor, setCursor] = useState<Cursor>({ ids, key: idsKey, active: ids[0] ?? null });
  if (cursor.key !== idsKey) setCursor({ ids, key: idsKey, active: nextActive(cursor.ids, cursor.active, ids) });
  const activeId = cursor.key === idsKey ? cursor.active : nextActive(cursor.ids, cursor.active, ids);
  const activeIndex = activeId === null ? -1 : ids.indexOf(activeId);

  const [rememberFor, setRememberFor] = useState<string | null>(null);
  const [errors, setErrors] = useState<Readonly<Record<string, Error>>>({});
  const [notice, setNotice] = useState('');
  const [focusRequest, setFocusRequest] = useState(0);

  const activate = useCallback((id: string) => setCursor((current) => (current.active === id ? current : { ...current, active: id })), [setCursor]);

  const answer = useCallback(
    (view: ApprovalView, choice: Answer) => {
      setErrors(({ [view.id]: _dropped, ...rest }) => rest);
      mutate(
        { id: view.id, ...choice },
        {
          onError: (error) => setErrors((current) => ({ ...current, [view.id]: error })),
          onSuccess: ({ rule }) => {
            setRememberFor((current) => (current === view.id ? null : current));
            if (rule !== null) setNotice(`Rule saved: ${rule.description}.`);
          },
        },
      );
    },
    [mutate],
  );

  // Announce every answer to a card that was on screen, whichever interface gave it.
  const resolvedElsewhere = (event: ApprovalDecided) => {
    const view = cards.find((card) => card.id === event.id);
    if (view) setNotice(resolutionSentence({ tool: view.tool, state: event.state, resolution: event.resolution }));
  };
  useEvent('approvals.decided', resolvedElsewhere);
  useEvent('approvals.expired', resolvedElsewhere);

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || document.querySelector('dialog[open]')) return;
    if (event.key === 'Escape' && rememberFor !== null && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      setRememberFor(null);
      setFocusRequest((n) => n + 1);
      return;
    }
    const arrow = event.key.startsWith('Arrow');
    const action = approvalKey(
      {
        key: event.key,
        altKey: event.altKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        repeat: event.repeat,
        ownedByTarget: ownsTextKeys(event.target) || (arrow && inScrollRegion(event.target)),
      },
      activeIndex,
      cards.length,
    );
    if (action === null) return;
    const view = cards[activeIndex];
    if (action.type === 'move') {
      const target = ids[action.index];
      if (target !== undefined) activate(target);
    } else {
      if (view === undefined) return;
      if (busyId === view.id) return;
      if (action.type === 'remember') setRememberFor(view.id);
      else answer(view, { decision: action.type === 'approve' ? 'approve' : 'deny' });
    }
    event.preventDefault();
    setFocusRequest((n) => n + 1);
  });

  // After the global shortcuts (on document): "g a" navigates, it must not also approve.
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  // Keys move focus with the active card, so what A and D answer is the card in view.
  useEffect(() => {
    if (focusRequest === 0 || activeId === null) return;
    const card = document.getElementById(cardElementId(activeId));
    if (card && !card.contains(document.activeElement)) card.focus({ preventScroll: true });
    card?.scrollIntoView({ block: 'nearest' });
  }, [focusRequest, activeId]);

  const count = cards.length;
  return (
    <div className="view approvals-view" data-testid="view-approvals" data-available="true">
      <div className="approvals-head">
        <ViewHeader
          title="Approvals"
          summary="Calls held for a person: destructive ones and those the policy marks “ask”. No answer before the timer runs out means deny; a restart never approves."
          status={
            pending.data ? (
              <Badge tone={count > 0 ? 'warn' : 'ok'} testId="approvals-pending-count">
                {count === 0 ? 'nothing waiting' : `${count} waiting`}
              </Badge>
            ) : undefined
          }
        />
        <NotifyControl />
      </div>

      <p className="approvals-notice" role="status" aria-live="polite" data-testid="approvals-notice">
        {notice}
      </p>

      {pending.error && !pending.data ? (
        <ErrorState error={pending.error} onRetry={() => void pending.refetch()} testId="approvals-error" />
      ) : !pending.data ? (
        <p className="muted">Loading pending requests…</p>
      ) : count === 0 ? (
        <div className="approvals-empty" data-testid="approvals-empty">
          <p className="approvals-empty__title">Nothing waits for a decision.</p>
          <p className="muted">New requests appear here at once; the window title and the Approvals item in the sidebar count them.</p>
        </div>
      ) : (
        <>
          <p className="approvals-keys">
            <Keys keys={['A']} /> approve once · <Keys keys={['D']} /> deny · <Keys keys={['R']} /> approve &amp; remember ·{' '}
            <kbd className="kbd">↑</kbd>
            <kbd className="kbd">↓</kbd> or <kbd className="kbd">←</kbd>
            <kbd className="kbd">→</kbd> between cards
          </p>
          <div className="approvals-list" aria-label="Pending requests, the one that times out first on top">
            {cards.map((view, index) => (
              <ApprovalCard
                key={view.id}
                view={view}
                index={index}
                active={view.id === activeId}
                busy={busyId === view.id}
                error={errors[view.id] ?? null}
                remembering={rememberFor === view.id}
                onActivate={activate}
                onAnswer={answer}
                onRemember={setRememberFor}
              />
            ))}
          </div>
        </>
      )}

      <ApprovalHistory />
      <p className="approvals-rules-link">
        Approvals you chose to remember are listed, with their last use, in <a href="#/policy">Policy</a>, where they can be revoked.
      </p>
    </div>
  );
}
