export type GridAction =
  | { readonly type: 'move'; readonly index: number }
  | { readonly type: 'open' }
  | { readonly type: 'close' };

/**
 * Keys of the results grid and of the detail drawer: arrows, Page Up/Down, Home/End move the active
 * row (clamped to the loaded rows), Enter opens the drawer, Escape closes it. Null: not ours.
 * `active` is -1 when no row is active yet: the first move lands on the first row.
 */
export function gridKey(key: string, active: number, count: number, pageRows: number): GridAction | null {
  if (key === 'Enter') return active >= 0 && active < count ? { type: 'open' } : null;
  if (key === 'Escape') return { type: 'close' };
  if (count === 0) return null;
  const clamp = (index: number) => ({ type: 'move', index: Math.min(count - 1, Math.max(0, index)) }) as const;
  if (active < 0) return ['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home'].includes(key) ? clamp(0) : key === 'End' ? clamp(count - 1) : null;
  switch (key) {
    case 'ArrowDown':
      return clamp(active + 1);
    case 'ArrowUp':
      return clamp(active - 1);
    case 'PageDown':
      return clamp(active + Math.max(1, pageRows - 1));
    case 'PageUp':
      return clamp(active - Math.max(1, pageRows - 1));
    case 'Home':
      return clamp(0);
    case 'End':
      return clamp(count - 1);
    default:
      return null;
  }
}
