import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { PolicyChanged } from '../../app/contract/index.ts';
import { useBridge } from './bridge-context.tsx';
import { unwrap } from './request-error.ts';
import { useEvent } from './use-event.ts';

export const policyKey = ['policy.get'] as const;
export const toolListKey = ['tools.list'] as const;
export const rememberedRulesKey = ['approvals.rules'] as const;

/** `policy.get`: the perimeter, rules, limits, the isolation level with what is missing, and warnings. */
export function usePolicy() {
  const { api } = useBridge();
  return useQuery({
    queryKey: policyKey,
    queryFn: async () => unwrap(await api.policy.get()),
    // policy.changed says when it changes; a refetch now and then still catches an isolation re-probe.
    staleTime: 30_000,
  });
}

/** `tools.list`: every tool with its risk class and whether the policy enables it. */
export function useToolList() {
  const { api } = useBridge();
  return useQuery({
    queryKey: toolListKey,
    queryFn: async () => unwrap(await api.tools.list()),
    staleTime: 60_000,
  });
}

/** `approvals.rules`: the narrow rules people chose to remember, with their last use. */
export function useRememberedRules() {
  const { api } = useBridge();
  return useQuery({
    queryKey: rememberedRulesKey,
    queryFn: async () => unwrap(await api.approvals.rules()),
    staleTime: 10_000,
  });
}

/**
 * Refetches the policy (and the tools' enabled flags) whenever the core says it changed, from
 * this window or any other interface, and the remembered rules whenever a request is answered
 * (an answer may save a rule, or be given by one, which moves its last use). `onChanged` sees
 * every policy.changed event.
 */
export function usePolicyLiveUpdates(onChanged?: (change: PolicyChanged) => void): void {
  const queryClient = useQueryClient();
  useEvent('policy.changed', (change) => {
    void queryClient.invalidateQueries({ queryKey: policyKey }, { cancelRefetch: false });
    void queryClient.invalidateQueries({ queryKey: toolListKey }, { cancelRefetch: false });
    onChanged?.(change);
  });
  useEvent('approvals.decided', () => {
    void queryClient.invalidateQueries({ queryKey: rememberedRulesKey }, { cancelRefetch: false });
  });
}
