import type { QueryClient } from '@tanstack/react-query';
import { QueryClientProvider } from '@tanstack/react-query';
import type { Bridge } from './bridge/bridge.ts';
import { BridgeProvider } from './data/bridge-context.tsx';
import { AppShell } from './shell/app-shell.tsx';

/** The whole console: the bridge and the query cache as context, then the shell. */
export function App({ bridge, queryClient }: { bridge: Bridge; queryClient: QueryClient }) {
  return (
    <BridgeProvider bridge={bridge}>
      <QueryClientProvider client={queryClient}>
        <AppShell />
      </QueryClientProvider>
    </BridgeProvider>
  );
}
