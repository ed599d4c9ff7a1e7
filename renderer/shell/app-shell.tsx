import { useRef } from 'react';
import { useApprovalsFeed } from '../data/approvals-feed.ts';
import { useAgentFeed } from '../data/agent-queries.ts';
import { useLiveFeed } from '../data/live-feed.ts';
import { hrefFor } from '../routing/hash-route.ts';
import { navigate, useRoute } from '../routing/use-route.ts';
import { useShortcuts } from '../keyboard/use-shortcuts.ts';
import { useUiStore } from '../state/ui-store.ts';
import { ViewRouter } from '../views/view-router.tsx';
import { ShortcutsDialog } from './shortcuts-dialog.tsx';
import { SideNav } from './side-nav.tsx';
import { SkipLink } from './skip-link.tsx';
import { TopBar } from './top-bar.tsx';
import { useApplyTheme } from './use-apply-theme.ts';
import { useHeartbeatFeed } from './use-heartbeat-feed.ts';
import { usePendingTitle } from './use-pending-title.ts';
import './app-shell.css';

/** The frame around every view: skip link, navigation, top bar, the routed view, the shortcut list. */
export function AppShell() {
  const route = useRoute();
  const collapsed = useUiStore((state) => state.sidebarCollapsed);
  const setShortcutsOpen = useUiStore((state) => state.setShortcutsOpen);
  const mainRef = useRef<HTMLElement>(null);

  useApplyTheme();
  useHeartbeatFeed();
  // Started with the window, so calls and requests are caught whichever view is open.
  useLiveFeed();
  // Agent sessions are followed from start-up, so steps and streamed text are not missed on other views.
  useAgentFeed();
  useApprovalsFeed();
  usePendingTitle();
  useShortcuts((action) => {
    if (action.type === 'navigate') navigate(hrefFor(action.view));
    else setShortcutsOpen(true);
  });

  return (
    <div className="shell" data-sidebar={collapsed ? 'collapsed' : 'expanded'}>
      <SkipLink target={mainRef} />
      <SideNav current={route.view} />
      <TopBar />
      <main className="shell__main" id="main" ref={mainRef} tabIndex={-1}>
        <ViewRouter route={route} />
      </main>
      <ShortcutsDialog />
    </div>
  );
}
