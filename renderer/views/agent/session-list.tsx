import { Badge } from '../../components/badge.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { useAgentSessions } from '../../data/agent-queries.ts';
import { sessionStatus } from '../../data/agent-session-state.ts';
import { useAgentStore } from '../../data/agent-store.ts';
import { useNow } from '../../shell/use-now.ts';
import { formatPast } from '../secrets/relative-time.ts';
import { sessionStatusLabel, sessionStatusTone, taskTitle } from './agent-format.ts';

/** The recent sessions (agent.sessions), newest first; picking one shows it. */
export function SessionList({ shownId }: { shownId: string | null }) {
  const query = useAgentSessions();
  const live = useAgentStore((state) => state.sessions);
  const select = useAgentStore((state) => state.select);
  const now = useNow(30_000);
  const sessions = query.data ?? [];

  return (
    <Panel title="Recent sessions" className="agent-sessions" testId="agent-sessions" aside={sessions.length > 0 ? String(sessions.length) : undefined}>
      {query.error && <ErrorState error={query.error} onRetry={() => void query.refetch()} testId="agent-sessions-error" />}
      {query.isPending && <p className="muted">Loading…</p>}
      {query.isSuccess && sessions.length === 0 && <p className="muted">None yet.</p>}
      {sessions.length > 0 && (
        <ul className="agent-sessions__list">
          {sessions.map((summary) => {
            const known = live[summary.id];
            const status = (known === undefined ? null : sessionStatus(known)) ?? summary.status;
            const shown = summary.id === shownId;
            return (
              <li key={summary.id}>
                <button
                  type="button"
                  className="agent-sessions__item"
                  aria-current={shown ? 'true' : undefined}
                  onClick={() => select(summary.id)}
                  data-testid="agent-session-item"
                  data-session-id={summary.id}
                  data-status={status}
                >
                  <span className="agent-sessions__task">{taskTitle(summary.task)}</span>
                  <span className="agent-sessions__meta">
                    <Badge tone={sessionStatusTone(status)}>{sessionStatusLabel(status)}</Badge>
                    <span className="muted tabular">
                      {summary.model.kind === 'scripted' ? 'script' : summary.model.label} · {formatPast(summary.startedAt, now)}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
