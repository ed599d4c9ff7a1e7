import type { ApprovalView } from '../../../app/contract/index.ts';
import { Badge } from '../../components/badge.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { approvalHistoryLimit, useApprovalHistory } from '../../data/approvals-queries.ts';
import { formatDuration, formatTimestamp } from '../../format/time.ts';
import type { Tone } from '../../status/tone.ts';
import { argsSummary, deciderKindLabel, interfaceLabel, outcomeLabel } from './approval-format.ts';

function outcomeTone(view: ApprovalView): Tone {
  if (view.resolution?.decision === 'approve') return 'ok';
  return view.state === 'expired' ? 'neutral' : 'warn';
}

/** Requests already answered or expired: who decided, how, when and from which interface. */
export function ApprovalHistory() {
  const history = useApprovalHistory();
  const rows = history.data ?? [];
  return (
    <Panel
      title="Decided and expired"
      className="approval-history"
      testId="approval-history"
      aside={<span>{history.data ? `${rows.length === approvalHistoryLimit ? 'latest ' : ''}${rows.length}, latest first` : ''}</span>}
    >
      {history.error ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} testId="approval-history-error" />
      ) : !history.data ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="approval-history-empty">
          No request has been answered yet.
        </p>
      ) : (
        <div className="approval-history__scroll">
          <table className="approval-history__table">
            <thead>
              <tr>
                <th scope="col">Tool</th>
                <th scope="col">Outcome</th>
                <th scope="col">Decided by</th>
                <th scope="col">Interface</th>
                <th scope="col">When</th>
                <th scope="col">Waited</th>
                <th scope="col">Arguments</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((view) => {
                const resolution = view.resolution;
                return (
                  <tr
                    key={view.id}
                    data-testid="approval-history-row"
                    data-approval-id={view.id}
                    data-call-id={view.callId}
                    data-state={view.state}
                    data-decision={resolution?.decision}
                    data-by-kind={resolution?.by.kind}
                    data-interface={resolution?.interface ?? ''}
                  >
                    <td className="mono">{view.tool}</td>
                    <td>
                      <Badge tone={outcomeTone(view)}>{outcomeLabel(view)}</Badge>
                    </td>
                    <td>
                      {resolution ? (
                        <span className="approval-history__by">
                          <span data-testid="approval-history-by">{resolution.by.name}</span>
                          <span className="approval-history__kind">{deciderKindLabel(resolution.by.kind)}</span>
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{interfaceLabel(resolution?.interface ?? null)}</td>
                    <td className="tabular">
                      {resolution ? <time dateTime={resolution.at}>{formatTimestamp(resolution.at)}</time> : '—'}
                    </td>
                    <td className="tabular">{resolution ? formatDuration(Date.parse(resolution.at) - Date.parse(view.requestedAt)) : '—'}</td>
                    <td className="mono approval-history__args" title={JSON.stringify(view.args)}>
                      {argsSummary(view.args)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
