import { useRef } from 'react';
import type { SecretInfo } from '../../../app/contract/index.ts';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { useRemoveSecret } from '../../data/secrets-actions.ts';
import { ModalDialog } from './modal-dialog.tsx';

/** Confirms deleting a secret, naming it and the tools that will lose it; Cancel has the focus. */
export function DeleteDialog({
  secret,
  backend,
  onClose,
  onDone,
}: {
  secret: SecretInfo;
  backend: string | undefined;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const remove = useRemoveSecret();
  const cancelRef = useRef<HTMLButtonElement>(null);

  const confirm = async () => {
    if (remove.pending) return;
    const removed = await remove.run(secret.name);
    if (removed !== undefined) onDone(`${removed.name} deleted from the keychain.`);
  };

  return (
    <ModalDialog
      title={
        <>
          Delete <span className="mono">{secret.name}</span>?
        </>
      }
      description={
        <>
          <p>
            Its value is deleted from the {backend ?? 'keychain'} and Warden forgets its scope and history here (the audit
            trail keeps its record). This cannot be undone.
          </p>
          {secret.tools.length > 0 && (
            <p>
              {secret.tools.length === 1 ? 'This tool' : 'These tools'} will run without it:{' '}
              {secret.tools.map((tool, index) => (
                <span key={tool}>
                  {index > 0 && ', '}
                  <code>{tool}</code>
                </span>
              ))}
              .
            </p>
          )}
        </>
      }
      onClose={onClose}
      initialFocus={cancelRef}
      testId="secret-delete-dialog"
    >
      {remove.error && (
        <div className="modal__error">
          <ErrorState error={remove.error} testId="secret-delete-error" />
        </div>
      )}
      <div className="modal__actions">
        {/* A plain <button>: the shared Button takes no ref. */}
        <button ref={cancelRef} type="button" className="btn btn--default btn--md" onClick={onClose}>
          Cancel
        </button>
        <Button className="btn--danger" disabled={remove.pending} onClick={() => void confirm()} data-testid="secret-delete-confirm">
          {remove.pending ? 'Deleting…' : `Delete ${secret.name}`}
        </Button>
      </div>
    </ModalDialog>
  );
}
