import { Button } from '../components/button.tsx';
import { Icon } from '../components/icons.tsx';
import { useUiStore } from '../state/ui-store.ts';
import { ConnectionIndicator } from './connection-indicator.tsx';
import { ShellInfo } from './shell-info.tsx';
import { ThemeSwitch } from './theme-switch.tsx';
import './top-bar.css';

export function TopBar() {
  const openShortcuts = useUiStore((state) => state.setShortcutsOpen);
  return (
    <header className="topbar">
      <ConnectionIndicator />
      <div className="topbar__end">
        <ShellInfo />
        <span className="topbar__divider" aria-hidden="true" />
        <ThemeSwitch />
        <Button
          variant="ghost"
          size="icon"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={() => openShortcuts(true)}
          data-testid="shortcuts-button"
        >
          <Icon name="keyboard" />
        </Button>
      </div>
    </header>
  );
}
