import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AcceptIsolationInput, PolicyUpdateInput, PolicyView } from '../../app/contract/index.ts';
import { useBridge } from './bridge-context.tsx';
import { unwrap } from './request-error.ts';
import { policyKey, rememberedRulesKey, toolListKey } from './policy-queries.ts';
import type { RequestAction } from './request-action.ts';
import { useRequestAction } from './request-action.ts';
import { systemInfoKey } from './use-system-info.ts';

/** Every change this window makes to the policy carries this key, so a view can tell whether one is under way. */
export const policyMutationKey = ['policy.change'] as const;

/** Revisions this window saved; a policy.changed event for one of them is no news. */
const ownRevisions = new Set<number>();
export const isOwnRevision = (revision: number): boolean => ownRevisions.has(revision);

/** The answer of a change is the new policy view: shown at once, and the tools' flags refetched. */
function usePolicyMutation<I>(send: (input: I) => Promise<PolicyView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: policyMutationKey,
    mutationFn: send,
    onSuccess: (view) => {
      ownRevisions.add(view.policy.revision);
      queryClient.setQueryData<PolicyView>(policyKey, (current) =>
        current !== undefined && current.policy.revision > view.policy.revision ? current : view,
      );
      void queryClient.invalidateQueries({ queryKey: toolListKey }, { cancelRefetch: false });
    },
  });
}

/** `policy.update`: replace the editable policy; refused with `conflict` when `expectedRevision` is stale. */
export function useUpdatePolicy() {
  const { api } = useBridge();
  return usePolicyMutation(async (input: PolicyUpdateInput) => unwrap(await api.policy.update(input)));
}

/** `policy.acceptIsolation`: accept a lower level for exec and destructive tools, or require full again (audited with the reason). */
export function useAcceptIsolation() {
  const { api } = useBridge();
  return usePolicyMutation(async (input: AcceptIsolationInput) => unwrap(await api.policy.acceptIsolation(input)));
}

/**
 * `policy.recheckIsolation`: probe the machine's isolation again. The answer is shown at once,
 * unless a newer revision is already shown (then fetched again, to carry the new isolation).
 */
export function useRecheckIsolation(): RequestAction<void, PolicyView> {
  const queryClient = useQueryClient();
  return useRequestAction(
    (api) => api.policy.recheckIsolation({}),
    (view) => {
      const shown = queryClient.getQueryData<PolicyView>(policyKey);
      if (shown !== undefined && shown.policy.revision > view.policy.revision) void queryClient.invalidateQueries({ queryKey: policyKey });
      else queryClient.setQueryData<PolicyView>(policyKey, view);
      // system.info reports the level too (the Overview).
      void queryClient.invalidateQueries({ queryKey: systemInfoKey }, { cancelRefetch: false });
    },
  );
}

/** `approvals.revokeRule`: forget a remembered rule; the calls it approved ask again. */
export function useRevokeRule() {
  const { api } = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.approvals.revokeRule({ id })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rememberedRulesKey }),
  });
}
