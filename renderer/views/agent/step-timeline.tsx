import { memo } from 'react';
import type { TimelineRow } from '../../data/agent-session-state.ts';
import { stepElapsedMs } from '../../data/agent-session-state.ts';
import { hrefFor } from '../../routing/hash-route.ts';
import { useLiveStore } from '../../state/live-store.ts';
import { auditHrefForSession, formatCount, formatStepDuration, liveHref, stepKindLabel, stepStatusLabel } from './agent-format.ts';

/** Opens the Live view on this session's calls, with one call's detail open when given. */
export function showInLive(sessionId: string, callId: string | null = null): void {
  const live = useLiveStore.getState();
  live.setFilters({ session: sessionId });
  live.select(callId);
}

const StepItem = memo(function StepItem({ row, sessionId, now }: { row: TimelineRow; sessionId: string; now: number }) {
  const { step, display, callId } = row;
  const elapsed = stepElapsedMs(step, now);
  // The result step carries the same call: its links would only repeat these.
  const toolStep = step.kind === 'tool_call';
  return (
    <li
      className={`agent-step agent-step--${display}`}
      data-testid="agent-step"
      data-kind={step.kind}
      data-status={display}
      data-step-status={step.status}
      data-index={step.index}
      data-tool={step.tool ?? undefined}
      data-call-id={callId ?? undefined}
    >
      <span className="agent-step__marker" aria-hidden="true" />
      <div className="agent-step__body">
        <div className="agent-step__head">
          <span className="agent-step__kind">{stepKindLabel(step.kind)}</span>
          {step.tool !== null && <code className="agent-step__tool">{step.tool}</code>}
          <span className={`badge agent-status agent-status--${display}`} data-testid="agent-step-status">
            {stepStatusLabel(display)}
          </span>
          <span className="agent-step__meta tabular">
            {step.outputTokens !== null && `${formatCount(step.outputTokens)} tokens · `}
            <span data-testid="agent-step-duration">{formatStepDuration(elapsed)}</span>
          </span>
        </div>
        <p className="agent-step__summary" data-testid="agent-step-summary">
          {step.summary}
        </p>
        {row.call !== null && row.call.message !== '' && step.status === 'running' && (
          <p className="agent-step__call muted" data-testid="agent-step-call">
            {row.call.message}
          </p>
        )}
        {toolStep && (
          <div className="agent-step__links">
            {display === 'asked' && (
              <a href={hrefFor('approvals')} data-testid="agent-step-approvals">
                Decide in Approvals
              </a>
            )}
            {callId !== null && (
              <a href={liveHref} onClick={() => showInLive(sessionId, callId)} data-testid="agent-step-live">
                Live
              </a>
            )}
            <a href={auditHrefForSession(sessionId, step.tool ?? undefined)} data-testid="agent-step-audit">
              Audit
            </a>
          </div>
        )}
      </div>
    </li>
  );
});

/** The session's steps in order: model turns, tool calls with their status colour, results, the answer. */
export function StepTimeline({ rows, sessionId, now }: { rows: readonly TimelineRow[]; sessionId: string; now: number }) {
  if (rows.length === 0) return <p className="muted agent-timeline__empty">No steps yet.</p>;
  return (
    <ol className="agent-timeline" data-testid="agent-timeline" aria-label="Steps">
      {rows.map((row) => (
        <StepItem key={row.step.index} row={row} sessionId={sessionId} now={row.step.durationMs === null ? now : 0} />
      ))}
    </ol>
  );
}
