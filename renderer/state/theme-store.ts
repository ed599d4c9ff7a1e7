import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ThemePreference } from './theme.ts';
import { isThemePreference } from './theme.ts';

interface ThemeState {
  readonly preference: ThemePreference;
  readonly setPreference: (preference: ThemePreference) => void;
}

/** The person's theme choice, kept in localStorage. */
export const useThemeStore = create<ThemeState>()(
  persist(
    (set) => ({
      preference: 'system',
      setPreference: (preference) => set({ preference }),
    }),
    {
      name: 'warden.theme',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ preference: state.preference }),
      merge: (stored, current) => {
        const preference = (stored as { preference?: unknown } | undefined)?.preference;
        return isThemePreference(preference) ? { ...current, preference } : current;
      },
    },
  ),
);
