import type { LoadBar } from '../../data/model-load.ts';
import { phaseLabel } from '../../data/model-load.ts';
import { formatStepDuration } from './agent-format.ts';

/** The load bar: indeterminate from the click until the first progress event, then the fraction done. */
export function LoadProgress({ bar, tookMs }: { bar: LoadBar; tookMs?: number }) {
  const known = bar.progress !== null;
  const percent = known ? Math.round((bar.progress ?? 0) * 100) : 0;
  const label = tookMs === undefined ? phaseLabel(bar.phase) : `Loaded in ${formatStepDuration(tookMs)}`;
  return (
    <div className="agent-load" data-testid="model-progress" data-phase={bar.phase} data-progress={known ? String(bar.progress) : ''}>
      <div
        className={known ? 'agent-load__track' : 'agent-load__track agent-load__track--indeterminate'}
        role="progressbar"
        aria-label="Model load"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? percent : undefined}
        aria-valuetext={known ? `${percent}%, ${label}` : label}
      >
        <div className="agent-load__fill" style={known ? { width: `${percent}%` } : undefined} />
      </div>
      <span className="agent-load__label tabular" role="status">
        {label}
        {known && tookMs === undefined && ` ${percent}%`}
      </span>
    </div>
  );
}
