import { memo } from 'react';
import { Icon } from '../../components/icons.tsx';
import { formatTimestamp } from '../../format/time.ts';
import type { AuditFilters } from '../../data/audit-filters.ts';
import { chips, noFilters, withoutChip } from '../../data/audit-filters.ts';

/** The active conditions, each removable; "Clear all" when there is more than one thing to clear. */
export const FilterChips = memo(function FilterChips({
  filters,
  onChange,
}: {
  filters: AuditFilters;
  onChange: (next: AuditFilters) => void;
}) {
  const list = chips(filters, formatTimestamp);
  const text = filters.text.trim();
  if (list.length === 0) return null;
  return (
    <ul className="chips" aria-label="Active filters">
      {list.map((chip) => (
        <li key={chip.name} className="chip" data-testid={`audit-filter-${chip.name}`}>
          <span className="chip__label">{chip.label}</span>
          <span className="chip__value">{chip.value}</span>
          <button
            type="button"
            className="chip__remove"
            aria-label={`Remove filter ${chip.label}: ${chip.value}`}
            title="Remove this filter"
            onClick={() => onChange(withoutChip(filters, chip.name))}
          >
            <Icon name="close" size={12} />
          </button>
        </li>
      ))}
      {list.length + (text === '' ? 0 : 1) > 1 && (
        <li>
          <button type="button" className="chips__clear" onClick={() => onChange(noFilters)}>
            Clear all
          </button>
        </li>
      )}
    </ul>
  );
});
