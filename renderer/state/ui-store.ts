import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

interface UiState {
  readonly sidebarCollapsed: boolean;
  readonly shortcutsOpen: boolean;
  readonly toggleSidebar: () => void;
  readonly setShortcutsOpen: (open: boolean) => void;
}

/** Layout state that belongs to this window only; the sidebar choice survives a reload. */
export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      sidebarCollapsed: false,
      shortcutsOpen: false,
      toggleSidebar: () => set((state) => ({ sidebarCollapsed: !state.sidebarCollapsed })),
      setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
    }),
    {
      name: 'warden.ui',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ sidebarCollapsed: state.sidebarCollapsed }),
      merge: (stored, current) => {
        const collapsed = (stored as { sidebarCollapsed?: unknown } | undefined)?.sidebarCollapsed;
        return typeof collapsed === 'boolean' ? { ...current, sidebarCollapsed: collapsed } : current;
      },
    },
  ),
);
