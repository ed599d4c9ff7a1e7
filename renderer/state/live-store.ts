import { create } from 'zustand';
import type { ToolCallUpdate } from '../../app/contract/index.ts';
import { LiveBuffer } from './live-buffer.ts';
import type { LiveFilters } from './live-filter.ts';
import { noLiveFilters } from './live-filter.ts';

interface LiveState {
  /** Bumped after every applied batch; what components subscribe to (the buffer itself is mutable). */
  readonly version: number;
  readonly filters: LiveFilters;
  /** The call whose detail panel is open. */
  readonly selectedId: string | null;
  /** The person pressed Pause (scrolling away from the top also pauses, see the list). */
  readonly paused: boolean;
  readonly ingest: (batch: readonly ToolCallUpdate[]) => void;
  readonly clear: () => void;
  readonly setFilters: (filters: LiveFilters) => void;
  readonly select: (id: string | null) => void;
  readonly setPaused: (paused: boolean) => void;
}

/** Every tool call this window has seen; one instance for the window, fed by the shell's subscription. */
export const liveBuffer = new LiveBuffer();

/**
 * The Live view's store: the buffer's version plus what the person chose (filters, selection,
 * pause). It lives for the whole window, so calls are captured while another view is open and
 * the view finds its filters as it left them.
 */
export const useLiveStore = create<LiveState>()((set) => ({
  version: 0,
  filters: noLiveFilters,
  selectedId: null,
  paused: false,
  ingest: (batch) => {
    if (batch.length === 0) return;
    liveBuffer.apply(batch);
    set((state) => ({ version: state.version + 1 }));
  },
  clear: () => {
    liveBuffer.clear();
    set((state) => ({ version: state.version + 1, selectedId: null }));
  },
  setFilters: (filters) => set({ filters }),
  select: (selectedId) => set({ selectedId }),
  setPaused: (paused) => set({ paused }),
}));
