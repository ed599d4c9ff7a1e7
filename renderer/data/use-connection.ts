import { useSyncExternalStore } from 'react';
import type { Connection } from '../bridge/connection.ts';
import { useBridge } from './bridge-context.tsx';

/** The bridge's link state, re-rendering on every change. */
export function useConnection(): Connection {
  const { connection } = useBridge();
  return useSyncExternalStore(connection.subscribe, connection.get);
}
