import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApprovalDecideInput, ApprovalView, RuleScope } from '../../app/contract/index.ts';
import { approvalsPageMax } from '../../app/contract/index.ts';
import { mergeHistory, sortPending, withoutRequest } from './approvals-cache.ts';
import { useBridge } from './bridge-context.tsx';
import { RequestError, unwrap } from './request-error.ts';

export const approvalsPendingKey = ['approvals.list', 'pending'] as const;
export const approvalsHistoryKey = ['approvals.list', 'history'] as const;
export const approvalsCountKey = ['approvals.pendingCount'] as const;
export const approvalsRulesKey = ['approvals.rules'] as const;
export const approvalHistoryLimit = 100;

/*
 * These lists are kept current by the approvals events (see approvals-feed.ts), so they are never
 * polled; after a reconnect (events may have been missed) they are fetched again.
 */

/** `approvals.list` of pending requests, soonest to expire first. */
export function usePendingApprovals() {
  const { api } = useBridge();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: approvalsPendingKey,
    queryFn: async (): Promise<readonly ApprovalView[]> => {
      const answer = unwrap(await api.approvals.list({ state: 'pending', limit: approvalsPageMax }));
      queryClient.setQueryData(approvalsCountKey, answer.pending);
      return sortPending(answer.requests);
    },
    staleTime: Infinity,
    refetchOnReconnect: 'always',
  });
}

/** How many requests wait for a person: the nav badge and the window title. */
export function usePendingCount() {
  const { api } = useBridge();
  return useQuery({
    queryKey: approvalsCountKey,
    queryFn: async () => unwrap(await api.approvals.list({ state: 'pending', limit: 1 })).pending,
    staleTime: Infinity,
    refetchOnReconnect: 'always',
  });
}

/** Requests already answered (by a person, a rule or the core) or expired, latest first. */
export function useApprovalHistory() {
  const { api } = useBridge();
  return useQuery({
    queryKey: approvalsHistoryKey,
    queryFn: async () => {
      const [decided, expired] = await Promise.all([
        api.approvals.list({ state: 'decided', limit: approvalHistoryLimit }),
        api.approvals.list({ state: 'expired', limit: approvalHistoryLimit }),
      ]);
      return mergeHistory([unwrap(decided).requests, unwrap(expired).requests], approvalHistoryLimit);
    },
    staleTime: 30_000,
    refetchOnReconnect: 'always',
  });
}

/** The rule "Approve & remember" would save for one request and scope, in words, or why none. */
export function useRuleProposal(id: string, scope: RuleScope, enabled: boolean) {
  const { api } = useBridge();
  return useQuery({
    queryKey: ['approvals.proposeRule', id, scope],
    queryFn: async () => unwrap(await api.approvals.proposeRule({ id, scope })),
    enabled,
    staleTime: Infinity,
    gcTime: 60_000,
  });
}

/** `approvals.decide`; the card leaves the pending list at once, whatever the answer (a conflict means someone else answered). */
export function useDecideApproval() {
  const { api } = useBridge();
  const queryClient = useQueryClient();
  const settle = (id: string) => {
    queryClient.setQueryData<readonly ApprovalView[]>(approvalsPendingKey, (list) => list && withoutRequest(list, id));
    void queryClient.invalidateQueries({ queryKey: approvalsHistoryKey });
  };
  return useMutation({
    mutationFn: async (input: ApprovalDecideInput) => unwrap(await api.approvals.decide(input)),
    onSuccess: (answer) => {
      settle(answer.request.id);
      if (answer.rule !== null) void queryClient.invalidateQueries({ queryKey: approvalsRulesKey });
    },
    onError: (error, input) => {
      if (error instanceof RequestError && (error.code === 'conflict' || error.code === 'not_found')) settle(input.id);
    },
  });
}
