import type { SecretInfo } from '../../../app/contract/index.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { useRemoveSecret } from '../../data/secrets-actions.ts';

/** Confirms deleting a secret, naming it and the tools that will lose it. */
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

  const confirm = async () => {
    if (remove.pending) return;
    const removed = await remove.run(secret.name);
    if (removed !== undefined) onDone(`${removed.name} deleted from the keychain.`);
  };

  return (
    <ConfirmDialog
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
      confirmLabel={remove.pending ? 'Deleting…' : `Delete ${secret.name}`}
      pending={remove.pending}
      error={remove.error}
      onConfirm={() => void confirm()}
      onClose={onClose}
      testId="secret-delete-dialog"
      confirmTestId="secret-delete-confirm"
      errorTestId="secret-delete-error"
    />
  );
}
