import { useMemo } from 'react';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { useStopSession } from '../../data/agent-actions.ts';
import { useAgentSession } from '../../data/agent-queries.ts';
import { isEndStatus, sessionAnswer, sessionError, sessionStatus, timelineRows } from '../../data/agent-session-state.ts';
import { useAgentStore } from '../../data/agent-store.ts';
import { useNow } from '../../shell/use-now.ts';
import { formatPast } from '../secrets/relative-time.ts';
import { auditHrefForSession, formatCount, liveHref, sessionStatusLabel, sessionStatusTone } from './agent-format.ts';
import { StepTimeline, showInLive } from './step-timeline.tsx';

/**
 * One session: its status, the answer as it streams, every step as a timeline (tool calls with
 * their status, linked to the Live and Audit views), and Stop while it runs.
 */
export function SessionPanel({ sessionId }: { sessionId: string | null }) {
  const query = useAgentSession(sessionId);
  const session = useAgentStore((state) => (sessionId === null ? undefined : state.sessions[sessionId]));
  const stop = useStopSession();
  const status = session === undefined ? null : sessionStatus(session);
  const running = status === 'running';
  const now = useNow(running ? 1000 : 3_600_000);
  // Not on every streamed chunk of the answer: only when the steps, their calls or the end change.
  const steps = session?.steps;
  const calls = session?.calls;
  const lastCallId = session?.lastCallId ?? null;
  const rows = useMemo(
    () => (steps === undefined || calls === undefined ? [] : timelineRows({ steps, calls, lastCallId }, isEndStatus(status))),
    [steps, calls, lastCallId, status],
  );

  if (sessionId === null) {
    return (
      <Panel title="Session" className="agent-session" testId="agent-session">
        <p className="muted" data-testid="agent-session-empty">
          No session yet. Give the agent a task: its answer and every step it takes, tool calls included, show here as they happen.
        </p>
      </Panel>
    );
  }

  const summary = session?.summary ?? null;
  const answer = session === undefined ? { text: '', final: false } : sessionAnswer(session);
  const error = session === undefined ? null : sessionError(session);

  return (
    <Panel
      title="Session"
      className="agent-session"
      testId="agent-session"
      aside={
        <>
          {status !== null && (
            <span data-testid="agent-session-status" data-status={status}>
              <Badge tone={sessionStatusTone(status)}>{sessionStatusLabel(status)}</Badge>
            </span>
          )}
          {running && (
            <Button size="sm" onClick={() => void stop.run(sessionId)} disabled={stop.pending} data-testid="agent-stop">
              {stop.pending ? 'Stopping…' : 'Stop'}
            </Button>
          )}
        </>
      }
    >
      <div className="agent-session__body" data-session-id={sessionId}>
        {query.error && <ErrorState error={query.error} onRetry={() => void query.refetch()} testId="agent-session-error-load" />}
        {stop.error && <ErrorState error={stop.error} testId="agent-stop-error" />}
        {summary !== null && (
          <div className="agent-session__head">
            <p className="agent-session__task" data-testid="agent-session-task">
              {summary.task}
            </p>
            <p className="agent-session__meta muted tabular">
              <span>
                {summary.model.kind === 'scripted' ? 'Script' : 'Model'}: {summary.model.label}
              </span>
              <span>
                Started {formatPast(summary.startedAt, now)} by {summary.startedBy}
              </span>
              <span>
                {summary.turns}/{summary.maxSteps} steps · {formatCount(summary.outputTokens)}/{formatCount(summary.tokenBudget)} tokens
              </span>
            </p>
            {summary.tainted && (
              <p className="agent-session__tainted" data-testid="agent-session-tainted">
                Has read untrusted content{summary.untrustedSources.length > 0 ? ` (${summary.untrustedSources.join(', ')})` : ''}: its outbound,
                exec and destructive calls now ask a person first.
              </p>
            )}
          </div>
        )}

        <section className="agent-answer" aria-label="Answer">
          <h3 className="agent-answer__title">Answer</h3>
          <div className="agent-answer__text" data-testid="agent-answer" data-final={answer.final} aria-live="polite">
            {answer.text !== '' ? answer.text : <span className="muted">{running ? 'The agent is working…' : 'No answer.'}</span>}
          </div>
        </section>
        {error !== null && (
          <p className="agent-session__error" role="alert" data-testid="agent-session-error">
            {error}
          </p>
        )}

        <div className="agent-session__steps-head">
          <h3 className="agent-answer__title">Steps</h3>
          <span className="agent-session__links">
            <a href={liveHref} onClick={() => showInLive(sessionId)} data-testid="agent-link-live">
              Live view
            </a>
            <a href={auditHrefForSession(sessionId)} data-testid="agent-link-audit">
              Audit trail
            </a>
          </span>
        </div>
        <StepTimeline rows={rows} sessionId={sessionId} now={now} />
      </div>
    </Panel>
  );
}
