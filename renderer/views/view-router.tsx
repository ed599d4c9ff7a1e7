import { useEffect, useRef } from 'react';
import type { Route } from '../routing/hash-route.ts';
import { viewById } from '../routing/views.ts';
import { setViewTitle } from '../shell/document-title.ts';
import { AgentView } from './agent/agent-view.tsx';
import { ApprovalsView } from './approvals/approvals-view.tsx';
import { AuditView } from './audit/audit-view.tsx';
import { LiveView } from './live/live-view.tsx';
import { NotFoundView } from './not-found-view.tsx';
import { OverviewView } from './overview-view.tsx';
import { placeholders } from './placeholder-content.ts';
import { PlaceholderView } from './placeholder-view.tsx';
import { PolicyView } from './policy/policy-view.tsx';
import { SecretsView } from './secrets/secrets-view.tsx';
import { viewTitleId } from './view-header.tsx';
import './views.css';

/** Shows the routed view, names the window after it, and moves focus to its title after navigation. */
export function ViewRouter({ route }: { route: Route }) {
  const key = route.view ?? `not-found:${route.path}`;
  const title = route.view ? viewById(route.view).title : 'Not found';
  const first = useRef(true);

  useEffect(() => {
    // Composed with the pending-approvals count (see document-title.ts).
    setViewTitle(`${title} · Warden`);
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById(viewTitleId)?.focus({ preventScroll: false });
  }, [key, title]);

  if (route.view === null) return <NotFoundView path={route.path} />;
  if (route.view === 'overview') return <OverviewView />;
  if (route.view === 'live') return <LiveView />;
  if (route.view === 'approvals') return <ApprovalsView />;
  if (route.view === 'agent') return <AgentView />;
  if (route.view === 'audit') return <AuditView />;
  if (route.view === 'secrets') return <SecretsView />;
  if (route.view === 'policy') return <PolicyView />;
  return <PlaceholderView key={route.view} view={viewById(route.view)} content={placeholders[route.view]} />;
}
