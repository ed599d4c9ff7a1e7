import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useBridge } from './bridge-context.tsx';
import { unwrap } from './request-error.ts';
import { useAgentStore } from './agent-store.ts';
import { useEvent } from './use-event.ts';

export const agentSessionsKey = ['agent.sessions'] as const;
export const agentSessionKey = (id: string) => ['agent.get', id] as const;

/** `agent.sessions`: the recent sessions, newest first; refetched when one starts or ends. */
export function useAgentSessions() {
  const { api } = useBridge();
  return useQuery({
    queryKey: agentSessionsKey,
    queryFn: async () => {
      const { sessions } = unwrap(await api.agent.sessions());
      useAgentStore.getState().summaries(sessions);
      return sessions;
    },
    staleTime: 0,
  });
}

/**
 * `agent.get` for the session shown: its steps so far, merged into the store that the events keep
 * current from then on. Fetched whenever the view shows a session, so nothing missed while the
 * view was closed stays missing.
 */
export function useAgentSession(id: string | null) {
  const { api } = useBridge();
  return useQuery({
    queryKey: agentSessionKey(id ?? ''),
    queryFn: async () => {
      const session = unwrap(await api.agent.get({ sessionId: id ?? '' }));
      useAgentStore.getState().snapshot(session);
      return session.id;
    },
    enabled: id !== null,
    staleTime: 0,
  });
}

/**
 * The agent.* events into the store, and the tool calls of the sessions it follows (the call's
 * state says "waiting for a person" while the step only says running). A session this window
 * has not heard of yet (started from the CLI or another window) refreshes the list.
 */
export function useAgentFeed(): void {
  const queryClient = useQueryClient();
  const refreshList = () => void queryClient.invalidateQueries({ queryKey: agentSessionsKey }, { cancelRefetch: false });
  useEvent('agent.step', (step) => {
    const known = useAgentStore.getState().sessions[step.sessionId] !== undefined;
    useAgentStore.getState().step(step);
    if (!known) refreshList();
  });
  useEvent('agent.text', (payload) => useAgentStore.getState().text(payload));
  useEvent('agent.finished', (payload) => {
    useAgentStore.getState().finished(payload);
    refreshList();
  });
  useEvent('toolcall.updated', (update) => {
    if (update.sessionId !== null) useAgentStore.getState().call(update);
  });
}
