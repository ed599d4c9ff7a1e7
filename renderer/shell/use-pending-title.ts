import { useEffect } from 'react';
import { usePendingCount } from '../data/approvals-queries.ts';
import { setPendingInTitle } from './document-title.ts';

/** Puts the number of pending approval requests in the window title; mounted once, by the shell. */
export function usePendingTitle(): void {
  const count = usePendingCount().data ?? 0;
  useEffect(() => setPendingInTitle(count), [count]);
}
