import './zod-jitless.ts';
import './styles/tokens.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { chooseBridge } from './bridge/choose-bridge.ts';
import { createQueryClient } from './data/query-client.ts';

const bridge = chooseBridge(window);
const queryClient = createQueryClient(bridge.connection);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App bridge={bridge} queryClient={queryClient} />
  </StrictMode>,
);
