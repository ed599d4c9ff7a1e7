import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { RuleProposal, RuleScope } from '../../../app/contract/index.ts';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { useRuleProposal } from '../../data/approvals-queries.ts';

const scopeLabels: Record<RuleScope, string> = { exact: 'Exactly this call', directory: 'This folder' };

/**
 * "Approve & remember": the rule that would be saved, in words, before it is saved, with the
 * choice between the exact call and its folder when the core offers both.
 */
export function RememberPanel({
  approvalId,
  saving,
  onSave,
  onCancel,
}: {
  approvalId: string;
  saving: boolean;
  onSave: (scope: RuleScope) => void;
  onCancel: () => void;
}) {
  const exact = useRuleProposal(approvalId, 'exact', true);
  const directory = useRuleProposal(approvalId, 'directory', true);
  const [chosen, setChosen] = useState<RuleScope>('exact');
  const panelRef = useRef<HTMLElement>(null);
  const proposals: Partial<Record<RuleScope, RuleProposal>> = {
    ...(exact.data ? { exact: exact.data } : {}),
    ...(directory.data ? { directory: directory.data } : {}),
  };
  const available = (['exact', 'directory'] as const).filter((scope) => proposals[scope]?.available === true);
  const scope: RuleScope | undefined = available.includes(chosen) ? chosen : available[0];
  const proposal = scope === undefined ? undefined : proposals[scope];
  const loading = exact.isPending || directory.isPending;
  const error = exact.error ?? directory.error;
  const canSave = proposal?.available === true;

  // Into the panel once it knows what it offers: Enter saves, Escape cancels.
  useEffect(() => {
    if (loading) return;
    panelRef.current?.querySelector<HTMLButtonElement>(canSave ? '.remember__save' : '.remember__cancel')?.focus();
  }, [loading, canSave]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <section ref={panelRef} className="remember" aria-label="Approve and remember" data-testid="approval-remember-panel" onKeyDown={onKeyDown}>
      <h3 className="remember__title">Remember this approval as a rule</h3>
      {loading ? (
        <p className="muted">Working out the narrowest rule for this call…</p>
      ) : error ? (
        <ErrorState error={error} onRetry={() => void Promise.all([exact.refetch(), directory.refetch()])} />
      ) : available.length === 0 ? (
        <p className="remember__none" data-testid="approval-remember-none">
          Nothing can be remembered for this call: {reasonOf(proposals.exact) ?? reasonOf(proposals.directory)} Approve it once, or deny it.
        </p>
      ) : (
        <>
          <fieldset className="remember__scopes">
            <legend className="visually-hidden">What the rule covers</legend>
            {(['exact', 'directory'] as const).map((option) => {
              const offered = proposals[option];
              const ok = offered?.available === true;
              return (
                <label key={option} className={`remember__scope${ok ? '' : ' remember__scope--off'}`}>
                  <input
                    type="radio"
                    name={`remember-scope-${approvalId}`}
                    value={option}
                    checked={scope === option}
                    disabled={!ok || saving}
                    onChange={() => setChosen(option)}
                    data-testid={`approval-scope-${option}`}
                  />
                  <span>
                    <strong>{scopeLabels[option]}</strong>
                    <span className="remember__scope-text">{offered === undefined ? '' : offered.available ? offered.description : offered.reason}</span>
                  </span>
                </label>
              );
            })}
          </fieldset>
          {proposal?.available === true && (
            <p className="remember__words" data-testid="approval-rule-words">
              {proposal.description}
            </p>
          )}
          <p className="remember__note">
            Matching calls will run without asking until the rule is revoked in <a href="#/policy">Policy</a>. A session that has read untrusted
            content is always asked again.
          </p>
        </>
      )}
      <div className="remember__actions">
        <Button
          className="remember__save"
          variant="primary"
          size="sm"
          disabled={!canSave || saving || scope === undefined}
          onClick={() => scope !== undefined && onSave(scope)}
          data-testid="approval-remember-save"
        >
          {saving ? 'Saving…' : 'Approve and save rule'}
        </Button>
        <Button size="sm" className="remember__cancel" onClick={onCancel} data-testid="approval-remember-cancel">
          Cancel
        </Button>
      </div>
    </section>
  );
}

function reasonOf(proposal: RuleProposal | undefined): string | undefined {
  return proposal?.available === false ? proposal.reason : undefined;
}
