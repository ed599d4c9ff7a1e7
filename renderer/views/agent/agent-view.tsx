import { useAgentSessions } from '../../data/agent-queries.ts';
import { useAgentStore } from '../../data/agent-store.ts';
import { useModelStatus } from '../../data/model-queries.ts';
import { ViewHeader } from '../view-header.tsx';
import { ModelPanel } from './model-panel.tsx';
import { SessionList } from './session-list.tsx';
import { SessionPanel } from './session-panel.tsx';
import { TaskForm } from './task-form.tsx';
import '../../components/badge.css';
import '../secrets/form-field.css';
import './agent-view.css';

/**
 * The Agent view: the local model (load, status), a task box, and the session — its streamed
 * answer and its steps as a timeline linked to the Live and Audit views — with the recent sessions.
 */
export function AgentView() {
  const model = useModelStatus();
  const sessions = useAgentSessions();
  const selectedId = useAgentStore((state) => state.selectedId);
  // Nothing picked: the newest session.
  const shownId = selectedId ?? sessions.data?.[0]?.id ?? null;

  return (
    <div className="view agent-view" data-testid="view-agent" data-available="true">
      <ViewHeader
        title="Agent"
        summary="Give the local model a task. Every tool call it makes goes through the same policy, approvals, sandbox and audit trail as any other."
      />
      <div className="agent-view__stack">
        <ModelPanel />
        <div className="agent-view__grid">
          <div className="agent-view__side">
            <TaskForm model={model.data} />
            <SessionList shownId={shownId} />
          </div>
          <SessionPanel key={shownId ?? 'none'} sessionId={shownId} />
        </div>
      </div>
    </div>
  );
}
