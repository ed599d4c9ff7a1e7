/** The parts of a keydown the Approvals view looks at. */
export interface ApprovalKeyInput {
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly repeat: boolean;
  /** Focus is in a text field, select, radio group or other control that uses these keys itself. */
  readonly ownedByTarget: boolean;
}

export type ApprovalKeyAction =
  | { readonly type: 'approve' }
  | { readonly type: 'deny' }
  | { readonly type: 'remember' }
  | { readonly type: 'move'; readonly index: number };

/**
 * A approves and D denies the active card, R opens "Approve & remember", arrows move between
 * cards. A held-down key never answers a second card, and nothing happens while typing.
 * At the first or last card an arrow is left to the page (it scrolls).
 */
export function approvalKey(input: ApprovalKeyInput, active: number, count: number): ApprovalKeyAction | null {
  if (input.altKey || input.ctrlKey || input.metaKey || input.ownedByTarget || count === 0) return null;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (key === 'a' || key === 'd' || key === 'r') {
    if (input.repeat || active < 0 || active >= count) return null;
    return { type: key === 'a' ? 'approve' : key === 'd' ? 'deny' : 'remember' };
  }
  const step = key === 'ArrowDown' || key === 'ArrowRight' ? 1 : key === 'ArrowUp' || key === 'ArrowLeft' ? -1 : 0;
  if (step === 0) return null;
  const from = active < 0 || active >= count ? (step > 0 ? -1 : count) : active;
  const index = from + step;
  return index < 0 || index >= count ? null : { type: 'move', index };
}

/** The card to make active after the active one left the list (answered here or elsewhere). */
export function nextActive(previousIds: readonly string[], activeId: string | null, ids: readonly string[]): string | null {
  if (ids.length === 0) return null;
  if (activeId !== null && ids.includes(activeId)) return activeId;
  const was = activeId === null ? -1 : previousIds.indexOf(activeId);
  if (was < 0) return ids[0] ?? null;
  // The card that followed it, or the last one if it was the last.
  for (let i = was + 1; i < previousIds.length; i++) {
    const id = previousIds[i];
    if (id !== undefined && ids.includes(id)) return id;
  }
  return ids.at(-1) ?? null;
}
