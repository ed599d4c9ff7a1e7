import type { RememberedRule } from '../../../app/contract/index.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { useRevokeRule } from '../../data/policy-actions.ts';

/** Confirms revoking a remembered rule, in its own words. */
export function RevokeRuleDialog({ rule, onClose, onDone }: { rule: RememberedRule; onClose: () => void; onDone: (message: string) => void }) {
  const revoke = useRevokeRule();

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
    <ConfirmDialog
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
      confirmLabel={revoke.isPending ? 'Revoking…' : 'Revoke rule'}
      pending={revoke.isPending}
      error={revoke.error}
      onConfirm={() => void confirm()}
      onClose={onClose}
      testId="policy-revoke-dialog"
      confirmTestId="policy-revoke-confirm"
      errorTestId="policy-revoke-error"
    />
  );
}
