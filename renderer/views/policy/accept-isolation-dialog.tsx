import { useId, useRef, useState } from 'react';
import type { RunnerIsolation } from '../../../app/contract/index.ts';
import { AcceptIsolationInputSchema } from '../../../app/contract/index.ts';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { useAcceptIsolation } from '../../data/policy-actions.ts';
import { FormField, fieldAria } from '../secrets/form-field.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';

/**
 * Accepting a lower isolation level (or requiring full again) takes a typed reason: it goes to the
 * audit trail with the change. The reason field has the focus; Cancel is one Tab away.
 */
export function AcceptIsolationDialog({
  level,
  current,
  onClose,
  onDone,
}: {
  /** The level to accept; `full` means going back to requiring full isolation. */
  level: RunnerIsolation;
  /** The level this machine reaches now. */
  current: RunnerIsolation;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const accept = useAcceptIsolation();
  const id = `policy-reason-${useId().replaceAll(':', '')}`;
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const back = level === 'full';

  const confirm = async () => {
    if (accept.isPending) return;
    const parsed = AcceptIsolationInputSchema.safeParse({ level, reason: reason.trim() });
    if (!parsed.success) {
      setError(reason.trim() === '' ? 'Give a reason: it is kept in the audit trail with this change.' : 'A reason is at most 500 characters.');
      reasonRef.current?.focus();
      return;
    }
    try {
      await accept.mutateAsync(parsed.data);
    } catch {
      return;
    }
    onDone(back ? 'Full isolation is required again for exec and destructive tools.' : `${level} isolation accepted: exec and destructive tools may run at it.`);
  };

  return (
    <ModalDialog
      title={back ? 'Require full isolation again?' : `Accept ${level} isolation?`}
      description={
        back ? (
          <p>
            Exec and destructive tools will run only under full isolation (the dedicated agent user inside the OS sandbox).
            {current !== 'full' && ` This machine is at ${current} now, so they will be refused at once.`}
          </p>
        ) : (
          <>
            <p>
              <code>run_command</code> and <code>delete_path</code> will run at {level} isolation:{' '}
              {level === 'none'
                ? 'as the console’s user or nobody, without an OS sandbox, so a call can reach whatever that user can.'
                : 'either without the dedicated agent user or without the OS sandbox, so a call reaches more than it would under full isolation.'}
            </p>
            <p>Rules and approvals still apply. This is recorded in the audit trail with your reason, and can be undone here.</p>
          </>
        )
      }
      onClose={onClose}
      initialFocus={reasonRef}
      testId="policy-accept-dialog"
    >
      <form
        className="modal__fields"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <FormField id={id} label="Reason" area="reason" hint="Why, for whoever reads the audit trail later." error={error}>
          <textarea
            {...fieldAria(id, error, true)}
            ref={reasonRef}
            className="input policy-textarea"
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              setError(undefined);
            }}
            data-testid="policy-accept-reason"
          />
        </FormField>
        {accept.error && <ErrorState error={accept.error} testId="policy-accept-error" />}
        <div className="modal__actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={accept.isPending} data-testid="policy-accept-confirm">
            {accept.isPending ? 'Saving…' : back ? 'Require full isolation' : `Accept ${level} isolation`}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
