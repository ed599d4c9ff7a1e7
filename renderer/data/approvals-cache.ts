import type { ApprovalView } from '../../app/contract/index.ts';

/**
 * Pending cards, the one that the timeout denies first on top: that is the one to answer first,
 * and a new request (which expires last, unless its risk class has a shorter timeout) joins at the
 * bottom, so the card being read does not move when another arrives.
 */
export function sortPending(views: readonly ApprovalView[]): ApprovalView[] {
  return [...views].sort(
    (a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id),
  );
}

/** The pending list with a new request in its place; unchanged if it is already there or not pending. */
export function withRequested(list: readonly ApprovalView[], view: ApprovalView): readonly ApprovalView[] {
  if (view.state !== 'pending' || list.some((item) => item.id === view.id)) return list;
  return sortPending([...list, view]);
}

export function withoutRequest(list: readonly ApprovalView[], id: string): readonly ApprovalView[] {
  return list.some((item) => item.id === id) ? list.filter((item) => item.id !== id) : list;
}

/** Answered and expired requests together, the most recently resolved first. */
export function mergeHistory(lists: ReadonlyArray<readonly ApprovalView[]>, limit: number): ApprovalView[] {
  const byId = new Map<string, ApprovalView>();
  for (const list of lists) for (const view of list) if (view.state !== 'pending') byId.set(view.id, view);
  const at = (view: ApprovalView) => view.resolution?.at ?? view.requestedAt;
  return [...byId.values()].sort((a, b) => at(b).localeCompare(at(a)) || b.id.localeCompare(a.id)).slice(0, limit);
}
