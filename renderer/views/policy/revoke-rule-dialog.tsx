import { useRef } from 'react';
import type { RememberedRule } from '../../../app/contract/index.ts';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { useRevokeRule } from '../../data/policy-actions.ts';
import { ModalDialog } from '../secrets/modal-dialog.tsx';

/** Confirms revoking a remembered rule, in its own words; Cancel has the focus. */
export function RevokeRuleDialog({ rule, onClose, onDone }: { rule: RememberedRule; onClose: () => void; onDone: (message: string) => void }) {
  const revoke = useRevokeRule();
  const cancelRef = useRef<HTMLButtonElement>(null);

  const confirm = async () => {
    if (revoke.isPending) return;
    try {
      await revoke.mutateAsync(rule.id);
    } catch {
      return;
    }
    onDone(`Revoked: ${rule.match.tool} asks again.`);
  };

  return (
    <ModalDialog
      title="Revoke this remembered rule?"
      description={
        <>
          <p className="policy-dialog-quote">{rule.description}</p>
          <p>
            Calls it approved will ask a person again. It was used {rule.useCount === 1 ? 'once' : `${rule.useCount} times`}. The audit
            trail records the revocation.
          </p>
        </>
      }
      onClose={onClose}
      initialFocus={cancelRef}
      testId="policy-revoke-dialog"
    >
      {revoke.error && (
        <div className="modal__error">
          <ErrorState error={revoke.error} testId="policy-revoke-error" />
        </div>
      )}
      <div className="modal__actions">
        {/* A plain <button>: the shared Button takes no ref. */}
        <button ref={cancelRef} type="button" className="btn btn--default btn--md" onClick={onClose}>
          Cancel
        </button>
        <Button className="btn--danger" disabled={revoke.isPending} onClick={() => void confirm()} data-testid="policy-revoke-confirm">
          {revoke.isPending ? 'Revoking…' : 'Revoke rule'}
        </Button>
      </div>
    </ModalDialog>
  );
}
