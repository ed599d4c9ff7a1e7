import { memo, useId, useMemo } from 'react';
import type { AuditHistogram } from '../../../app/contract/index.ts';
import { ErrorState } from '../../components/error-state.tsx';
import type { AuditFilters } from '../../data/audit-filters.ts';
import { hasAnyFilter } from '../../data/audit-filters.ts';
import { useAuditHistogram } from '../../data/audit-queries.ts';
import type { ChartBar, ChartModel } from './chart-model.ts';
import { buildChart, describeChart, stack, stackOrder } from './chart-model.ts';
import { formatCount, formatHour } from './audit-format.ts';
import './audit-chart.css';

export interface ChartData {
  readonly since: string;
  readonly until: string;
  readonly buckets: AuditHistogram['buckets'];
}

const height = 100;
const minSlots = 48;
const barGap = 0.18;

/** The chart for the current filters' time range; re-renders only when its data does. */
export const ChartSection = memo(function ChartSection({
  filters,
  filtersKey,
  generation,
}: {
  filters: AuditFilters;
  filtersKey: string;
  generation: number;
}) {
  const chart = useAuditHistogram(filters, filtersKey, generation);
  // `audit.histogram` counts every event in the range; say so when the list below is narrower.
  const narrowed = hasAnyFilter({ ...filters, range: { kind: 'all' } });
  return (
    <AuditChart
      data={chart.data}
      loading={chart.isFetching}
      error={chart.error}
      onRetry={() => void chart.refetch()}
      note={narrowed ? 'all events in the time range; the search and other filters apply to the list only' : null}
    />
  );
});

/**
 * Events per hour by status over the chosen range, as stacked SVG bars (no chart library). The SVG
 * stretches to the panel's width; labels are HTML beside it, and a sentence describes it all.
 */
export function AuditChart({
  data,
  loading,
  error,
  onRetry,
  note,
}: {
  data: ChartData | null | undefined;
  loading: boolean;
  error: Error | null;
  onRetry: () => void;
  note: string | null;
}) {
  const descId = useId();
  const model = useMemo(() => (data ? buildChart(data.buckets, data.since, data.until) : null), [data]);
  const per = model && model.binHours > 1 ? `${model.binHours} hours` : 'hour';

  return (
    <section className="audit-chart" aria-labelledby={`${descId}-title`} data-testid="audit-chart" data-total={model?.total ?? ''}>
      <header className="audit-chart__header">
        <h2 className="audit-chart__title" id={`${descId}-title`}>
          Events per {per}
          {note && <span className="audit-chart__note"> · {note}</span>}
        </h2>
        {model && (
          <ul className="audit-chart__legend" aria-label="Totals by status">
            {stackOrder.map((status) => (
              <li key={status} className={`audit-chart__key audit-chart__key--${status}`}>
                <span className="audit-chart__swatch" aria-hidden="true" />
                {status}
                <span className="tabular audit-chart__key-count">{formatCount(model.totals[status])}</span>
              </li>
            ))}
          </ul>
        )}
      </header>
      {error && !model ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : data === null ? (
        <p className="audit-chart__empty">No chart for an empty time range.</p>
      ) : model ? (
        <>
          <p id={descId} className="visually-hidden" data-testid="audit-chart-summary">
            {describeChart(model, formatHour)}
          </p>
          <div className={loading ? 'audit-chart__plot audit-chart__plot--stale' : 'audit-chart__plot'}>
            <span className="audit-chart__max tabular" aria-hidden="true">
              {model.max > 0 ? formatCount(model.max) : ''}
            </span>
            <span className="audit-chart__zero tabular" aria-hidden="true">
              0
            </span>
            <Bars model={model} descId={descId} />
            {model.total === 0 && <span className="audit-chart__none">No events in this range</span>}
          </div>
          <div className="audit-chart__axis tabular" aria-hidden="true">
            <span>{formatHour(model.start)}</span>
            <span>{formatHour(model.start + (model.end - model.start) / 2)}</span>
            <span>{formatHour(model.end)}</span>
          </div>
        </>
      ) : (
        <div className="audit-chart__plot audit-chart__plot--loading" aria-busy="true">
          <span className="visually-hidden">Loading the chart…</span>
        </div>
      )}
    </section>
  );
}

function Bars({ model, descId }: { model: ChartModel; descId: string }) {
  const slots = Math.max(model.bars.length, minSlots);
  const slot = 10;
  const width = slots * slot;
  // Few bars (a short range) stay narrow and spread over the width, so the x axis is still time.
  const pitch = width / model.bars.length;
  const barWidth = Math.min(pitch, slot) * (1 - barGap);
  return (
    <svg
      className="audit-chart__svg"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role="img"
      aria-labelledby={`${descId}-title`}
      aria-describedby={descId}
    >
      <line className="audit-chart__gridline" x1={0} x2={width} y1={0.5} y2={0.5} vectorEffect="non-scaling-stroke" />
      <line className="audit-chart__baseline" x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} vectorEffect="non-scaling-stroke" />
      {model.bars.map((bar, index) =>
        bar.total === 0 ? null : (
          <g key={bar.start} className="audit-chart__bar">
            <title>{barTitle(bar)}</title>
            <rect className="audit-chart__hit" x={index * pitch} y={0} width={pitch} height={height} />
            {stack(bar, model.max, height - 1).map((segment) => (
              <rect
                key={segment.status}
                className={`audit-chart__seg audit-chart__seg--${segment.status}`}
                x={index * pitch + (pitch - barWidth) / 2}
                y={segment.y}
                width={barWidth}
                height={segment.height}
              />
            ))}
          </g>
        ),
      )}
    </svg>
  );
}

function barTitle(bar: ChartBar): string {
  const parts = stackOrder.filter((status) => bar.counts[status] > 0).map((status) => `${formatCount(bar.counts[status])} ${status}`);
  return `${formatHour(bar.start)} – ${formatHour(bar.end)}: ${formatCount(bar.total)} events (${parts.join(', ')})`;
}
