import type { ReactNode } from 'react';
import { useRef } from 'react';
import { Button } from './button.tsx';
import { ErrorState } from './error-state.tsx';
import { ModalDialog } from './modal-dialog.tsx';
import './confirm-dialog.css';

/**
 * Asks before a destructive action. Cancel has the focus, so Enter alone never confirms; the
 * action's error shows above the buttons and the dialog stays open for another try.
 */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
  testId,
  confirmTestId,
  errorTestId,
}: {
  title: ReactNode;
  description: ReactNode;
  /** The confirming button's text, which says what it does (and what it is doing while pending). */
  confirmLabel: string;
  pending: boolean;
  error: Error | null;
  onConfirm: () => void;
  onClose: () => void;
  testId: string;
  confirmTestId: string;
  errorTestId: string;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog title={title} description={description} onClose={onClose} initialFocus={cancelRef} testId={testId}>
      {error && (
        <div className="modal__error">
          <ErrorState error={error} testId={errorTestId} />
        </div>
      )}
      <div className="modal__actions">
        {/* A plain <button>: the shared Button takes no ref. */}
        <button ref={cancelRef} type="button" className="btn btn--default btn--md" onClick={onClose}>
          Cancel
        </button>
        <Button className="btn--danger" disabled={pending} onClick={onConfirm} data-testid={confirmTestId}>
          {confirmLabel}
        </Button>
      </div>
    </ModalDialog>
  );
}
