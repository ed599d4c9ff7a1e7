import { useEffect } from 'react';
import type { ToolCallUpdate } from '../../app/contract/index.ts';
import { useLiveStore } from '../state/live-store.ts';
import { useBridge } from './bridge-context.tsx';
import { createBatcher, frameScheduler } from './live-batch.ts';
import { subscribeTo } from './subscribe-to.ts';

/**
 * The one `toolcall.updated` subscription of the window, mounted by the shell at start-up so calls
 * are captured whichever view is open. Events are applied to the live store once per frame.
 */
export function useLiveFeed(): void {
  const { api } = useBridge();
  useEffect(() => {
    const batcher = createBatcher<ToolCallUpdate>((batch) => useLiveStore.getState().ingest(batch), frameScheduler());
    const unsubscribe = subscribeTo(api, 'toolcall.updated', (update) => batcher.push(update));
    return () => {
      unsubscribe();
      batcher.flush();
      batcher.dispose();
    };
  }, [api]);
}
