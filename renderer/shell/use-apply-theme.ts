import { useEffect, useSyncExternalStore } from 'react';
import { useThemeStore } from '../state/theme-store.ts';
import { resolveTheme } from '../state/theme.ts';

const darkQuery = '(prefers-color-scheme: dark)';

function subscribeToSystemTheme(onChange: () => void): () => void {
  const query = window.matchMedia(darkQuery);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const systemPrefersDark = () => window.matchMedia(darkQuery).matches;

/** Puts the resolved theme on <html data-theme>, following the system while the choice is "system". */
export function useApplyTheme(): void {
  const preference = useThemeStore((state) => state.preference);
  const systemDark = useSyncExternalStore(subscribeToSystemTheme, systemPrefersDark);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = resolveTheme(preference, systemDark);
    root.dataset.themePreference = preference;
  }, [preference, systemDark]);
}
