import { useState } from 'react';
import type { RememberedRule } from '../../../app/contract/index.ts';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { PanelNotice } from '../../components/panel-notice.tsx';
import { useRememberedRules } from '../../data/policy-queries.ts';
import { SecretTime } from '../secrets/secret-time.tsx';
import { RevokeRuleDialog } from './revoke-rule-dialog.tsx';
import './remembered-rules-panel.css';

const newestFirst = (a: RememberedRule, b: RememberedRule) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

/**
 * The narrow rules people saved from approval cards ("approve and remember"): what each approves
 * in words, who saved it and when, when it last decided a call, and Revoke.
 */
export function RememberedRulesPanel({ now }: { now: number }) {
  const query = useRememberedRules();
  const [revoking, setRevoking] = useState<RememberedRule | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rules = query.data?.rules;

  let body;
  if (rules !== undefined && rules.length > 0) {
    body = (
      <div className="remembered__scroll">
        <table className="policy-table remembered__table">
          <caption className="visually-hidden">Remembered approval rules</caption>
          <thead>
            <tr>
              <th scope="col">Approves without asking</th>
              <th scope="col">Tool</th>
              <th scope="col">Saved</th>
              <th scope="col">Last used</th>
              <th scope="col" className="remembered__count">
                Uses
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...rules].sort(newestFirst).map((rule) => (
              <tr key={rule.id} data-testid="policy-remembered-rule" data-id={rule.id}>
                <th scope="row" className="remembered__description">
                  {rule.description}
                </th>
                <td>
                  <span className="policy-mono">{rule.match.tool}</span>
                </td>
                <td className="remembered__saved">
                  <SecretTime iso={rule.createdAt} now={now} />
                  <span className="muted">
                    {' '}
                    by {rule.createdBy.name} ({rule.createdBy.interface})
                  </span>
                </td>
                <td data-testid="policy-remembered-last-used">
                  <SecretTime iso={rule.lastUsedAt} now={now} />
                </td>
                <td className="remembered__count tabular">{rule.useCount}</td>
                <td className="remembered__actions">
                  <Button
                    size="sm"
                    variant="ghost"
                    className="policy-danger-ghost"
                    aria-label={`Revoke: ${rule.description}`}
                    onClick={() => {
                      setNotice(null);
                      setRevoking(rule);
                    }}
                    data-testid="policy-revoke"
                  >
                    Revoke
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  } else if (rules !== undefined) {
    body = (
      <p className="policy-message" data-testid="policy-remembered-empty">
        No remembered rules. When a person approves a call with “remember”, the narrow rule it saves (this tool, this exact path or
        command) is listed here until it is revoked.
      </p>
    );
  } else if (query.error) {
    body = <ErrorState error={query.error} onRetry={() => void query.refetch()} testId="policy-remembered-error" />;
  } else if (query.fetchStatus === 'paused') {
    body = <p className="policy-message">Waiting for the connection to Warden…</p>;
  } else {
    body = <p className="policy-message muted">Loading remembered rules…</p>;
  }

  return (
    <Panel
      title="Remembered approvals"
      className="remembered"
      testId="policy-remembered"
      aside={
        <>
          <PanelNotice notice={notice} testId="policy-remembered-notice" />
          {rules !== undefined && <span className="tabular">{rules.length === 1 ? '1 rule' : `${rules.length} rules`}</span>}
        </>
      }
    >
      {body}
      {revoking !== null && (
        <RevokeRuleDialog
          rule={revoking}
          onClose={() => setRevoking(null)}
          onDone={(message) => {
            setRevoking(null);
            setNotice(message);
          }}
        />
      )}
    </Panel>
  );
}
