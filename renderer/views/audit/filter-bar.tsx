import { memo, useState } from 'react';
import { auditKinds, auditStatuses } from '../../../app/contract/index.ts';
import { Button } from '../../components/button.tsx';
import type { AuditFilters, FacetName, TimeRange } from '../../data/audit-filters.ts';
import { isPreset, kindLabel, rangePresets, rangeProblem, withFacet } from '../../data/audit-filters.ts';
import { AuditIcon } from './audit-icon.tsx';
import { fromLocalInput, toLocalInput } from './audit-format.ts';
import { SearchBox } from './search-box.tsx';
import './filter-bar.css';

const presetOptions: Record<(typeof rangePresets)[number], string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
};

const rangeValue = (range: TimeRange): string => (range.kind === 'preset' ? range.preset : range.kind);

/** The search box, the quick filters (time, status, kind) and, folded away, tool / session / actor. */
export const FilterBar = memo(function FilterBar({
  filters,
  onChange,
  onFocusResults,
}: {
  filters: AuditFilters;
  onChange: (next: AuditFilters) => void;
  onFocusResults: () => void;
}) {
  const [moreOpen, setMoreOpen] = useState(false);
  const showMore = moreOpen || filters.range.kind === 'custom';

  const setRange = (value: string) => {
    if (value === 'custom') onChange({ ...filters, range: { kind: 'custom', since: new Date(Date.now() - 86_400_000).toISOString() } });
    else if (isPreset(value)) onChange({ ...filters, range: { kind: 'preset', preset: value } });
    else onChange({ ...filters, range: { kind: 'all' } });
  };

  return (
    <div className="filter-bar">
      <div className="filter-bar__row">
        <SearchBox value={filters.text} onCommit={(text) => onChange({ ...filters, text })} onLeaveDown={onFocusResults} />
        <label className="select-field">
          <span className="select-field__label">Time</span>
          <select value={rangeValue(filters.range)} onChange={(event) => setRange(event.target.value)} data-testid="audit-range-select">
            <option value="all">All time</option>
            {rangePresets.map((preset) => (
              <option key={preset} value={preset}>
                {presetOptions[preset]}
              </option>
            ))}
            <option value="custom">Custom…</option>
          </select>
        </label>
        <label className="select-field">
          <span className="select-field__label">Status</span>
          <select
            value={filters.status ?? ''}
            onChange={(event) => onChange(withFacet(filters, 'status', event.target.value || undefined))}
            data-testid="audit-status-select"
          >
            <option value="">Any</option>
            {auditStatuses.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </label>
        <label className="select-field">
          <span className="select-field__label">Kind</span>
          <select
            value={filters.kind ?? ''}
            onChange={(event) => onChange(withFacet(filters, 'kind', event.target.value || undefined))}
            data-testid="audit-kind-select"
          >
            <option value="">Any</option>
            {auditKinds.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
          </select>
        </label>
        <Button
          variant={showMore ? 'default' : 'ghost'}
          aria-expanded={showMore}
          aria-controls="audit-more-filters"
          onClick={() => setMoreOpen(!moreOpen)}
          disabled={filters.range.kind === 'custom'}
          title={filters.range.kind === 'custom' ? 'Shown while a custom time range is chosen' : undefined}
        >
          <AuditIcon name="filter" />
          More filters
        </Button>
      </div>
      {showMore && <MoreFilters filters={filters} onChange={onChange} />}
    </div>
  );
});

const facetFields: { name: Exclude<FacetName, 'status' | 'kind'>; label: string; placeholder: string }[] = [
  { name: 'tool', label: 'Tool', placeholder: 'e.g. fs.write' },
  { name: 'session', label: 'Session', placeholder: 'session id' },
  { name: 'actor', label: 'Actor', placeholder: 'e.g. console (ana)' },
];

/** Exact-match filters and the custom time range; a text field applies on Enter or when left. */
function MoreFilters({ filters, onChange }: { filters: AuditFilters; onChange: (next: AuditFilters) => void }) {
  const current = (name: (typeof facetFields)[number]['name']) =>
    name === 'session' ? filters.sessionId : name === 'tool' ? filters.tool : filters.actor;
  const apply = (name: FacetName, value: string) => {
    const next = withFacet(filters, name, value);
    if (JSON.stringify(next) !== JSON.stringify(filters)) onChange(next);
  };
  const { range } = filters;
  const problem = rangeProblem(range);
  return (
    <div className="filter-bar__more" id="audit-more-filters">
      {facetFields.map((field) => (
        <label key={field.name} className="text-field">
          <span className="text-field__label">{field.label}</span>
          <input
            // Re-created when the filter changes elsewhere (a chip removed, a link followed).
            key={current(field.name) ?? ''}
            defaultValue={current(field.name) ?? ''}
            placeholder={field.placeholder}
            maxLength={200}
            spellCheck={false}
            autoComplete="off"
            data-testid={`audit-${field.name}-input`}
            onBlur={(event) => apply(field.name, event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') apply(field.name, event.currentTarget.value);
            }}
          />
        </label>
      ))}
      {range.kind === 'custom' && (
        <>
          <label className="text-field">
            <span className="text-field__label">From</span>
            <input
              type="datetime-local"
              value={toLocalInput(range.since)}
              onChange={(event) => onChange({ ...filters, range: customRange(fromLocalInput(event.target.value), range.until) })}
              data-testid="audit-since-input"
            />
          </label>
          <label className="text-field">
            <span className="text-field__label">Until</span>
            <input
              type="datetime-local"
              value={toLocalInput(range.until)}
              onChange={(event) => onChange({ ...filters, range: customRange(range.since, fromLocalInput(event.target.value)) })}
              data-testid="audit-until-input"
            />
          </label>
          {problem && (
            <p className="filter-bar__problem" role="alert">
              {problem}
            </p>
          )}
        </>
      )}
    </div>
  );
}

function customRange(since: string | undefined, until: string | undefined): TimeRange {
  return { kind: 'custom', ...(since === undefined ? {} : { since }), ...(until === undefined ? {} : { until }) };
}
