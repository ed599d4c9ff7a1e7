import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ApprovalView } from '../../app/contract/index.ts';
import { hrefFor } from '../routing/hash-route.ts';
import { navigate } from '../routing/use-route.ts';
import { withRequested, withoutRequest } from './approvals-cache.ts';
import { notificationText, notificationsOn } from './approvals-notify.ts';
import { approvalsCountKey, approvalsHistoryKey, approvalsPendingKey } from './approvals-queries.ts';
import { useBridge } from './bridge-context.tsx';
import { useEvent } from './use-event.ts';

/**
 * Keeps the approvals lists, the pending count and (in the web console, when the person asked)
 * desktop notifications current from the approvals events; mounted once, by the shell, so the
 * badge and the title are right whichever view is open.
 */
export function useApprovalsFeed(): void {
  const queryClient = useQueryClient();
  const { kind } = useBridge();
  const shown = useRef(new Map<string, Notification>());

  useEffect(() => {
    const open = shown.current;
    return () => {
      for (const notification of open.values()) notification.close();
      open.clear();
    };
  }, []);

  const notify = (view: ApprovalView) => {
    // The desktop app's main process notifies; the page would only say it twice.
    if (kind !== 'websocket' || !notificationsOn()) return;
    // The person is looking at the console already.
    if (document.visibilityState === 'visible' && document.hasFocus()) return;
    const { title, body } = notificationText(view);
    try {
      const notification = new Notification(title, { body, tag: `warden-approval-${view.id}` });
      notification.onclick = () => {
        window.focus();
        navigate(hrefFor('approvals'));
        notification.close();
      };
      notification.onclose = () => shown.current.delete(view.id);
      shown.current.set(view.id, notification);
    } catch {
      // Some browsers allow notifications only from a service worker; the title and badge still say it.
    }
  };

  const resolved = (id: string) => {
    queryClient.setQueryData<readonly ApprovalView[]>(approvalsPendingKey, (list) => list && withoutRequest(list, id));
    void queryClient.invalidateQueries({ queryKey: approvalsHistoryKey });
    shown.current.get(id)?.close();
    shown.current.delete(id);
  };

  useEvent('approvals.requested', (view) => {
    queryClient.setQueryData<readonly ApprovalView[]>(approvalsPendingKey, (list) => list && withRequested(list, view));
    notify(view);
  });
  useEvent('approvals.decided', (event) => resolved(event.id));
  useEvent('approvals.expired', (event) => resolved(event.id));
  useEvent('approvals.changed', ({ pending }) => {
    queryClient.setQueryData(approvalsCountKey, pending);
    const list = queryClient.getQueryData<readonly ApprovalView[]>(approvalsPendingKey);
    // A missed event (a reconnect, a request answered while this list loaded): fetch it again.
    if (list !== undefined && list.length !== pending && list.length < 500) {
      void queryClient.invalidateQueries({ queryKey: approvalsPendingKey });
    }
  });
}
