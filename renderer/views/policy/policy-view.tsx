import { useIsMutating, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { PolicyChanged, PolicyView as PolicyViewData, RiskClass } from '../../../app/contract/index.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Icon } from '../../components/icons.tsx';
import { formatTimestamp } from '../../format/time.ts';
import { isOwnRevision, policyMutationKey, useRecheckIsolation, useUpdatePolicy } from '../../data/policy-actions.ts';
import { policyKey, usePolicy, usePolicyLiveUpdates, useToolList } from '../../data/policy-queries.ts';
import { RequestError } from '../../data/request-error.ts';
import { useConnection } from '../../data/use-connection.ts';
import { useNow } from '../../shell/use-now.ts';
import { isolationViews } from '../../status/isolation.ts';
import { formatPast } from '../secrets/relative-time.ts';
import { ViewHeader } from '../view-header.tsx';
import { IsolationPanel } from './isolation-panel.tsx';
import { LimitsSection } from './limits-section.tsx';
import { PerimeterSection } from './perimeter-section.tsx';
import { inputId } from './policy-fields.tsx';
import { diffPolicy } from './policy-diff.ts';
import { usePolicyDraft } from './policy-draft-store.ts';
import { bodyOf, checkPolicy, editableBody, firstErrorField, sameBody } from './policy-form.ts';
import { RememberedRulesPanel } from './remembered-rules-panel.tsx';
import type { RuleEditing } from './rules-section.tsx';
import { RulesSection } from './rules-section.tsx';
import { SaveBar } from './save-bar.tsx';
import { ToolsSection } from './tools-section.tsx';
import { WarningsCallout } from './warnings-callout.tsx';
import './policy-view.css';

const summary =
  'What the agent can read, write, reach and run, the rules that decide each call, and how strongly this machine isolates it. Changes are checked by the core, audited with before and after, and in force at once.';

const fieldWords: Record<string, string> = {
  workspace: 'workspace',
  references: 'reference directories',
  enabledTools: 'enabled tools',
  rules: 'rules',
  commands: 'command allowlist',
  network: 'network allowlist',
  limits: 'limits',
  acceptedIsolation: 'accepted isolation',
  isolation: 'the isolation level (checked again)',
};

const changedWords = (change: PolicyChanged): string => change.changed.map((field) => fieldWords[field] ?? field).join(', ') || 'nothing visible';

const editButtonId = 'policy-edit-button';

/** News from elsewhere: a revision this window did not save, or a re-check of the isolation it is not making itself. */
const fromElsewhere = (change: PolicyChanged, rechecking: boolean): boolean =>
  change.changed.includes('isolation') ? !rechecking : !isOwnRevision(change.revision);

/** The Policy view: the perimeter as a page, its isolation, its forms, and the remembered approvals. */
export function PolicyView() {
  const queryClient = useQueryClient();
  const query = usePolicy();
  const tools = useToolList();
  const connection = useConnection();
  const now = Math.max(useNow(15_000), query.dataUpdatedAt);
  const draft = usePolicyDraft((state) => state.draft);
  const update = useUpdatePolicy();
  const recheck = useRecheckIsolation();
  const mutating = useIsMutating({ mutationKey: policyMutationKey });
  const [notice, setNotice] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const [conflict, setConflict] = useState<RequestError | null>(null);
  const [lastChange, setLastChange] = useState<PolicyChanged | null>(null);

  usePolicyLiveUpdates((change) => setLastChange(change));

  // Focus follows the mode: into the first field when editing starts, back to Edit when it ends.
  const editing = draft !== null;
  const wasEditing = useRef(editing);
  useEffect(() => {
    if (wasEditing.current === editing) return;
    wasEditing.current = editing;
    document.getElementById(editing ? inputId('workspace') : editButtonId)?.focus();
  }, [editing]);

  const view = query.data;
  if (view === undefined) {
    return (
      <div className="view policy" data-testid="view-policy" data-available="true">
        <ViewHeader title="Policy" summary={summary} />
        <div className="policy-loading">
          {query.error ? (
            <ErrorState error={query.error} onRetry={() => void query.refetch()} testId="policy-load-error" />
          ) : connection.state === 'unauthorized' ? (
            <p className="policy-message">
              This browser is not signed in. Open the login link that <code>warden serve</code> printed in its terminal.
            </p>
          ) : query.fetchStatus === 'paused' ? (
            <p className="policy-message">Waiting for the connection to Warden…</p>
          ) : (
            <p className="policy-message muted" aria-busy="true">
              Loading the policy…
            </p>
          )}
        </div>
      </div>
    );
  }

  const risks = new Map<string, RiskClass>((tools.data?.tools ?? []).map((tool) => [tool.name, tool.risk]));
  const { policy } = view;
  const elsewhere = lastChange !== null && mutating === 0 && fromElsewhere(lastChange, recheck.pending) ? lastChange : null;

  const isolationPanel = (
    <IsolationPanel
      view={view}
      now={now}
      recheck={recheck}
      onChecked={() => setLastChange(null)}
      onDone={(message) => {
        setLastChange(null);
        setNotice(message);
      }}
    />
  );

  const startEditing = () => {
    setNotice(null);
    setConflict(null);
    setSaveError(null);
    setLastChange(null);
    usePolicyDraft.getState().start(policy);
  };

  return (
    <div className="view policy" data-testid="view-policy" data-available="true" data-revision={policy.revision} data-editing={editing}>
      <div className="policy-head">
        <ViewHeader
          title="Policy"
          summary={summary}
          status={
            <>
              <Badge tone="neutral" testId="policy-revision">
                revision {policy.revision}
              </Badge>
              <span title={isolationViews[view.isolation.level].explanation}>
                <Badge tone={isolationViews[view.isolation.level].tone}>{`${view.isolation.level} isolation`}</Badge>
              </span>
            </>
          }
        />
        <div className="policy-head__actions">
          {editing ? (
            <Badge tone="info">Editing</Badge>
          ) : (
            <button id={editButtonId} type="button" className="btn btn--primary btn--md" onClick={startEditing} data-testid="policy-edit">
              Edit policy
            </button>
          )}
        </div>
      </div>
      <p className="policy-file">
        <span className="muted">Stored in</span> <span className="policy-mono">{view.file}</span>
        <span className="muted">
          {' · changed '}
          <time dateTime={policy.updatedAt} title={formatTimestamp(policy.updatedAt)}>
            {formatPast(policy.updatedAt, now)}
          </time>
        </span>
      </p>

      <div className="policy-notices" aria-live="polite">
        {conflict !== null && (
          <div className="policy-conflict" role="alert" data-testid="policy-error" data-code="conflict">
            <Icon name="info" size={16} />
            <div>
              <p>
                <strong>Someone else changed the policy while you were editing, so nothing was saved.</strong> This page now shows their
                version (revision {policy.revision}): make your edit again on top of it.
              </p>
              <p className="muted">{conflict.message.slice(conflict.code.length + 2)}</p>
            </div>
            <Button size="sm" variant="ghost" onClick={() => setConflict(null)}>
              Dismiss
            </Button>
          </div>
        )}
        {notice !== null && (
          <p className="policy-notice" data-testid="policy-notice">
            <Icon name="info" size={14} />
            <span>{notice}</span>
          </p>
        )}
        {elsewhere !== null && !editing && (
          <p className="policy-notice" data-testid="policy-changed-elsewhere">
            <Icon name="info" size={14} />
            <span>
              Changed elsewhere just now: {changedWords(elsewhere)}. This page shows revision {elsewhere.revision}.
            </span>
            <Button size="sm" variant="ghost" onClick={() => setLastChange(null)}>
              Dismiss
            </Button>
          </p>
        )}
      </div>

      <WarningsCallout warnings={view.warnings} />

      <div className="policy-stack">
        {draft === null ? (
          <ReadOnlyPolicy view={view} risks={risks} tools={tools.data?.tools} isolation={isolationPanel} />
        ) : (
          <EditPolicy
            view={view}
            risks={risks}
            tools={tools.data?.tools}
            isolation={isolationPanel}
            pending={update.isPending}
            error={saveError}
            onSave={async (input) => {
              setSaveError(null);
              setConflict(null);
              try {
                const saved = await update.mutateAsync(input);
                usePolicyDraft.getState().discard();
                setLastChange(null);
                setNotice(`Saved as revision ${saved.policy.revision}: in force now, and recorded in the audit trail.`);
              } catch (error) {
                if (error instanceof RequestError && error.code === 'conflict') {
                  usePolicyDraft.getState().discard();
                  setLastChange(null);
                  setConflict(error);
                  void queryClient.invalidateQueries({ queryKey: policyKey });
                } else setSaveError(error instanceof Error ? error : new Error(String(error)));
              }
            }}
          />
        )}
        <RememberedRulesPanel now={now} />
      </div>
    </div>
  );
}

type Tools = Parameters<typeof ToolsSection>[0]['tools'];

interface SectionsProps {
  readonly view: PolicyViewData;
  readonly risks: ReadonlyMap<string, RiskClass>;
  readonly tools: Tools;
  /** The isolation panel, shown right after the perimeter it enforces. */
  readonly isolation: ReactNode;
}

function ReadOnlyPolicy({ view, risks, tools, isolation }: SectionsProps) {
  const { policy, refusedRisks } = view;
  return (
    <>
      <PerimeterSection body={policy} tools={tools} refusedRisks={refusedRisks} editing={null} />
      {isolation}
      <ToolsSection body={policy} tools={tools} refusedRisks={refusedRisks} editing={null} />
      <RulesSection rules={policy.rules} tools={tools} risks={risks} editing={null} />
      <LimitsSection limits={policy.limits} editing={null} />
    </>
  );
}

/** The sections as forms over the draft, and the save bar with what would change. */
function EditPolicy({
  view,
  risks,
  tools,
  isolation,
  pending,
  error,
  onSave,
}: SectionsProps & {
  pending: boolean;
  error: Error | null;
  onSave: (input: Parameters<ReturnType<typeof useUpdatePolicy>['mutateAsync']>[0]) => Promise<void>;
}) {
  const draft = usePolicyDraft((state) => state.draft);
  if (draft === null) return null;
  const { policy, refusedRisks } = view;
  const actions = usePolicyDraft.getState();

  // A revision that changed nothing the form holds (an accepted isolation level) carries the draft along.
  const current = editableBody(policy);
  const carried = policy.revision === draft.baseRevision || sameBody(current, draft.base);
  const expectedRevision = carried ? policy.revision : draft.baseRevision;
  const stale = carried ? null : policy.revision;

  const checked = checkPolicy(draft.fields, expectedRevision, risks);
  const errors = draft.attempted && !checked.ok ? checked.errors : {};
  const changes = diffPolicy(draft.base, bodyOf(draft.fields, risks), risks);

  const editing: RuleEditing = {
    fields: draft.fields,
    errors,
    edit: actions.edit,
    editRule: actions.editRule,
    removeRule: actions.removeRule,
    addRule: () => {
      const key = actions.addRule();
      if (key !== null) requestAnimationFrame(() => document.getElementById(inputId(`rules.${key}.verdict`))?.focus());
    },
  };

  const save = () => {
    actions.attempt();
    if (!checked.ok) {
      const first = firstErrorField(checked.errors, draft.fields);
      if (first !== null) requestAnimationFrame(() => document.getElementById(inputId(first))?.focus());
      return;
    }
    void onSave(checked.input);
  };

  return (
    // Not a <form>: the isolation dialog inside holds its own, and forms do not nest.
    <div className="policy-form" role="group" aria-label="Edit the policy" data-testid="policy-form">
      <PerimeterSection body={policy} tools={tools} refusedRisks={refusedRisks} editing={editing} />
      {isolation}
      <ToolsSection body={policy} tools={tools} refusedRisks={refusedRisks} editing={editing} />
      <RulesSection rules={policy.rules} tools={tools} risks={risks} editing={editing} />
      <LimitsSection limits={policy.limits} editing={editing} />
      <SaveBar
        changes={changes}
        problems={Object.keys(errors).length}
        stale={stale}
        error={error}
        pending={pending}
        onSave={save}
        onDiscard={actions.discard}
      />
    </div>
  );
}
