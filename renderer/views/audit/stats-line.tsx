import { memo } from 'react';
import type { AuditStats, SystemInfo } from '../../../app/contract/index.ts';
import { Badge } from '../../components/badge.tsx';
import { useAuditStats } from '../../data/audit-queries.ts';
import { useSystemInfo } from '../../data/use-system-info.ts';
import { AuditIcon } from './audit-icon.tsx';
import { formatCount, formatHour } from './audit-format.ts';

export const StatsSection = memo(function StatsSection() {
  const stats = useAuditStats();
  const info = useSystemInfo();
  return <StatsLine stats={stats.data} auditKey={info.data?.auditKey} />;
});

/** Total events, the searchable range, the last checkpoint and where the chain's key is kept. */
export function StatsLine({ stats, auditKey }: { stats: AuditStats | undefined; auditKey: SystemInfo['auditKey'] | undefined }) {
  return (
    <div className="audit-stats">
      <dl className="audit-stats__list" data-testid="audit-stats">
        <div className="audit-stats__item">
          <dt>Events</dt>
          <dd className="tabular" data-testid="audit-stats-total">
            {stats ? formatCount(stats.total) : '—'}
            {stats && stats.archived > 0 && <span className="muted"> ({formatCount(stats.archived)} archived)</span>}
          </dd>
        </div>
        <div className="audit-stats__item">
          <dt>Searchable</dt>
          <dd className="tabular">
            {stats?.firstLiveTs && stats.lastTs ? (
              <>
                <time dateTime={stats.firstLiveTs} title={stats.firstLiveTs}>
                  {formatHour(Date.parse(stats.firstLiveTs))}
                </time>
                {' – '}
                <time dateTime={stats.lastTs} title={stats.lastTs}>
                  {formatHour(Date.parse(stats.lastTs))}
                </time>
              </>
            ) : stats ? (
              'nothing yet'
            ) : (
              '—'
            )}
            {stats && <span className="muted"> · kept {stats.retentionDays} days</span>}
          </dd>
        </div>
        <div className="audit-stats__item">
          <dt>Last checkpoint</dt>
          <dd className="tabular">
            {stats?.lastCheckpoint ? (
              <>
                <time dateTime={stats.lastCheckpoint.at} title={stats.lastCheckpoint.at}>
                  {formatHour(Date.parse(stats.lastCheckpoint.at))}
                </time>
                <span className="muted"> at #{stats.lastCheckpoint.headSeq}</span>
              </>
            ) : stats ? (
              'none yet'
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div className="audit-stats__item">
          <dt>Chain key</dt>
          <dd data-testid="audit-key-source" data-source={auditKey}>
            {auditKey === 'keychain' && 'OS keychain'}
            {auditKey === 'file' && (
              <Badge tone="warn">
                <AuditIcon name="warning" size={12} />
                Key file
              </Badge>
            )}
            {auditKey === undefined && '—'}
          </dd>
        </div>
      </dl>
      {auditKey === 'file' && (
        <p className="audit-stats__warning" role="note" data-testid="audit-key-warning">
          The chain’s key is a 0600 file beside the store, the weaker fallback used because the OS keychain was not
          available when this trail was created. Anyone who can read this user’s files can read the key and re-sign an
          edited trail; the checkpoints in the second location still reveal a truncated one.
        </p>
      )}
    </div>
  );
}
