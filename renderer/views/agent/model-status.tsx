import type { UseQueryResult } from '@tanstack/react-query';
import type { ModelStatus } from '../../../app/contract/index.ts';
import { ErrorState } from '../../components/error-state.tsx';
import { formatBytes } from '../../format/bytes.ts';
import { formatCount, formatTokensPerSecond, modelLine, modelName } from './agent-format.ts';

/** What is loaded: name, architecture, size, context, memory, threads or GPU, and the last decoding speed. */
export function ModelStatusLine({ query }: { query: UseQueryResult<ModelStatus> }) {
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} testId="model-status-error" />;
  const status = query.data;
  if (status === undefined) {
    return (
      <p className="agent-model__summary muted" data-testid="model-status" data-state="unknown">
        Asking the console…
      </p>
    );
  }
  const model = status.model;
  const facts: [string, string][] = [];
  if (model !== null && (status.state === 'ready' || status.state === 'loading')) {
    facts.push(['Model', modelLine(model)]);
    const context = status.runtime?.contextSize ?? model.contextLength;
    if (context !== null) facts.push(['Context', `${formatCount(context)} tokens`]);
  }
  if (status.memory !== null) {
    facts.push(['Memory', status.memory.vramBytes > 0 ? `${formatBytes(status.memory.ramBytes)} RAM · ${formatBytes(status.memory.vramBytes)} VRAM` : `${formatBytes(status.memory.ramBytes)} RAM`]);
  }
  if (status.runtime !== null) {
    facts.push(['Runs on', status.runtime.gpu === null ? `CPU, ${status.runtime.threads} ${status.runtime.threads === 1 ? 'thread' : 'threads'}` : `${status.runtime.gpu}, ${status.runtime.gpuLayers} layers on the GPU`]);
  }
  if (status.lastTokensPerSecond !== null) facts.push(['Last speed', formatTokensPerSecond(status.lastTokensPerSecond)]);

  return (
    <div className="agent-model__summary" data-testid="model-status" data-state={status.state}>
      <p className="agent-model__name">
        {model !== null && status.state !== 'empty' ? (
          <>
            <span className="agent-model__title" data-testid="model-status-name" title={model.path}>
              {modelName(model)}
            </span>
            {status.state === 'loading' && <span className="muted"> — loading</span>}
          </>
        ) : (
          <span className="muted">{status.state === 'failed' ? 'The last load failed.' : 'No model loaded. Scripted sessions still run.'}</span>
        )}
      </p>
      {facts.length > 0 && (
        <dl className="agent-facts">
          {facts.map(([term, value]) => (
            <div key={term} className="agent-facts__item">
              <dt>{term}</dt>
              <dd className="tabular">{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {status.state === 'failed' && status.error !== null && (
        <p className="agent-model__failed" role="alert" data-testid="model-status-error-text">
          {status.error}
        </p>
      )}
    </div>
  );
}
