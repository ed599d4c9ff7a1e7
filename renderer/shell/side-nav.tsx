import { Button } from '../components/button.tsx';
import { Icon } from '../components/icons.tsx';
import { usePendingCount } from '../data/approvals-queries.ts';
import { hrefFor } from '../routing/hash-route.ts';
import type { ViewId } from '../routing/views.ts';
import { views } from '../routing/views.ts';
import { useUiStore } from '../state/ui-store.ts';
import { Logo } from './logo.tsx';
import './side-nav.css';

export function SideNav({ current }: { current: ViewId | null }) {
  const collapsed = useUiStore((state) => state.sidebarCollapsed);
  const toggleSidebar = useUiStore((state) => state.toggleSidebar);
  const openShortcuts = useUiStore((state) => state.setShortcutsOpen);
  const pending = usePendingCount().data ?? 0;
  return (
    <div className="sidebar">
      <div className="sidebar__brand">
        <Logo />
        <span className="sidebar__label sidebar__name">Warden</span>
      </div>
      <nav className="nav" aria-label="Views">
        <ul className="nav__list">
          {views.map((view, index) => (
            <li key={view.id}>
              <a
                className="nav__item"
                href={hrefFor(view.id)}
                aria-current={current === view.id ? 'page' : undefined}
                data-testid={`nav-${view.id}`}
                title={`${view.title} — g ${view.key} or Alt+${index + 1}`}
              >
                <Icon name={view.id} />
                <span className="nav__label">{view.title}</span>
                {view.id === 'approvals' && pending > 0 && (
                  <span className="nav__count tabular" data-testid="nav-approvals-count">
                    {pending > 99 ? '99+' : pending}
                    <span className="visually-hidden"> waiting</span>
                  </span>
                )}
                {!view.available && (
                  <span className="nav__tag sidebar__label" aria-hidden="true">
                    soon
                  </span>
                )}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar__footer">
        <Button
          variant="ghost"
          size="sm"
          className="sidebar__footer-btn"
          onClick={() => openShortcuts(true)}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          <Icon name="keyboard" />
          <span className="sidebar__label">Shortcuts</span>
          <kbd className="kbd sidebar__label">?</kbd>
        </Button>
        <Button
          variant="ghost"
          size="icon"
          onClick={toggleSidebar}
          aria-label={collapsed ? 'Expand sidebar' : 'Collapse sidebar'}
          aria-expanded={!collapsed}
          title={collapsed ? 'Expand sidebar' : 'Collapse sidebar'}
          data-testid="sidebar-toggle"
        >
          <Icon name={collapsed ? 'expand' : 'collapse'} />
        </Button>
      </div>
    </div>
  );
}
