import { useQueryClient } from '@tanstack/react-query';
import type { AgentSessionSummary, AgentStartInput } from '../../app/contract/index.ts';
import { agentSessionsKey } from './agent-queries.ts';
import type { RequestAction } from './request-action.ts';
import { useRequestAction } from './request-action.ts';
import { useAgentStore } from './agent-store.ts';

/** `agent.start`: the new session becomes the one shown. */
export function useStartSession(): RequestAction<AgentStartInput, { sessionId: string }> {
  const queryClient = useQueryClient();
  return useRequestAction(
    (api, input: AgentStartInput) => api.agent.start(input),
    ({ sessionId }) => {
      useAgentStore.getState().select(sessionId);
      void queryClient.invalidateQueries({ queryKey: agentSessionsKey });
    },
  );
}

/** `agent.stop`: cancels the model call and the tool call, and denies a pending approval. */
export function useStopSession(): RequestAction<string, AgentSessionSummary> {
  const queryClient = useQueryClient();
  return useRequestAction(
    (api, sessionId: string) => api.agent.stop({ sessionId }),
    (summary) => {
      useAgentStore.getState().summaries([summary]);
      void queryClient.invalidateQueries({ queryKey: agentSessionsKey });
    },
  );
}
