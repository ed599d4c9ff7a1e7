import type { IconName } from '../components/icons.tsx';
import { Icon } from '../components/icons.tsx';
import { useThemeStore } from '../state/theme-store.ts';
import type { ThemePreference } from '../state/theme.ts';
import './theme-switch.css';

const options: readonly { value: ThemePreference; label: string; icon: IconName }[] = [
  { value: 'system', label: 'System theme', icon: 'system' },
  { value: 'light', label: 'Light theme', icon: 'sun' },
  { value: 'dark', label: 'Dark theme', icon: 'moon' },
];

/** System / light / dark, as three pressed-or-not buttons. */
export function ThemeSwitch() {
  const preference = useThemeStore((state) => state.preference);
  const setPreference = useThemeStore((state) => state.setPreference);
  return (
    <div className="theme-switch" role="group" aria-label="Theme" data-testid="theme-toggle">
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          className="theme-switch__option"
          aria-pressed={preference === option.value}
          aria-label={option.label}
          title={option.label}
          data-testid={`theme-${option.value}`}
          onClick={() => setPreference(option.value)}
        >
          <Icon name={option.icon} size={14} />
        </button>
      ))}
    </div>
  );
}
