import { memo } from 'react';
import { Button } from '../../components/button.tsx';
import type { LiveCounts } from '../../state/live-buffer.ts';
import { liveStatuses } from '../../state/live-buffer.ts';
import type { LiveFilters } from '../../state/live-filter.ts';
import { hasLiveFilter, isStatusFilter } from '../../state/live-filter.ts';
import { liveStatusLabel } from './live-format.ts';

const optionCap = 500;
const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Session, tool and status filters (values from the calls seen so far), pause and clear. The
 * counts are read from the buffer as of `tick` (its version, throttled by the view).
 */
export const LiveToolbar = memo(function LiveToolbar({
  // Only here to re-render when the counts move.
  tick: _tick,
  filters,
  counts,
  paused,
  onFilters,
  onPause,
  onClear,
}: {
  tick: number;
  filters: LiveFilters;
  counts: LiveCounts;
  paused: boolean;
  onFilters: (filters: LiveFilters) => void;
  onPause: (paused: boolean) => void;
  onClear: () => void;
}) {
  const tools = [...counts.tools.keys()].sort().slice(0, optionCap);
  if (filters.tool !== undefined && !tools.includes(filters.tool)) tools.unshift(filters.tool);
  const sessions = [...counts.sessions.keys()].filter((s): s is string => s !== null).sort().slice(0, optionCap);
  if (typeof filters.session === 'string' && !sessions.includes(filters.session)) sessions.unshift(filters.session);
  const active = counts.statuses.queued + counts.statuses.asked + counts.statuses.approved + counts.statuses.running + counts.statuses.denied;

  const set = (patch: { session?: string | null | undefined; tool?: string | undefined; status?: LiveFilters['status'] }) => {
    const merged = { ...filters, ...patch };
    onFilters({
      ...(merged.session === undefined ? {} : { session: merged.session }),
      ...(merged.tool === undefined ? {} : { tool: merged.tool }),
      ...(merged.status === undefined ? {} : { status: merged.status }),
    });
  };

  return (
    <div className="live-toolbar" role="toolbar" aria-label="Filters">
      <label className="live-toolbar__field">
        <span>Session</span>
        <select
          value={filters.session === undefined ? '' : JSON.stringify(filters.session)}
          onChange={(event) => set({ session: event.target.value === '' ? undefined : (JSON.parse(event.target.value) as string | null) })}
          data-testid="live-session-select"
        >
          <option value="">All sessions</option>
          {counts.sessions.has(null) && <option value="null">No session (direct calls)</option>}
          {sessions.map((session) => (
            <option key={session} value={JSON.stringify(session)}>
              {session}
            </option>
          ))}
        </select>
      </label>
      <label className="live-toolbar__field">
        <span>Tool</span>
        <select value={filters.tool ?? ''} onChange={(event) => set({ tool: event.target.value || undefined })} data-testid="live-tool-select">
          <option value="">All tools</option>
          {tools.map((tool) => (
            <option key={tool} value={tool}>
              {tool} ({fmt(counts.tools.get(tool) ?? 0)})
            </option>
          ))}
        </select>
      </label>
      <label className="live-toolbar__field">
        <span>Status</span>
        <select
          value={filters.status ?? ''}
          onChange={(event) => set({ status: isStatusFilter(event.target.value) ? event.target.value : undefined })}
          data-testid="live-status-select"
        >
          <option value="">Any status</option>
          <option value="active">Not finished ({fmt(active)})</option>
          {liveStatuses.map((status) => (
            <option key={status} value={status}>
              {liveStatusLabel(status)} ({fmt(counts.statuses[status])})
            </option>
          ))}
        </select>
      </label>
      {hasLiveFilter(filters) && (
        <Button size="sm" variant="ghost" onClick={() => onFilters({})} data-testid="live-clear-filters">
          Clear filters
        </Button>
      )}
      <span className="live-toolbar__end">
        <Button size="sm" onClick={() => onPause(!paused)} aria-pressed={paused} data-testid="live-pause">
          {paused ? 'Paused' : 'Pause'}
        </Button>
        <Button size="sm" variant="ghost" onClick={onClear} title="Forget the calls shown here (the audit trail keeps them)" data-testid="live-clear">
          Clear list
        </Button>
      </span>
    </div>
  );
});
