import type { FormEvent } from 'react';
import { useId, useRef, useState } from 'react';
import type { SecretInfo } from '../../../app/contract/index.ts';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { useRotateSecret } from '../../data/secrets-actions.ts';
import { checkRotation } from './secret-form.ts';
import { FormField } from './form-field.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { SecretValueInput } from './secret-value-input.tsx';

/** Replaces a secret's value in the keychain; the core records the rotation (not the value) in the audit trail. */
export function RotateDialog({ secret, onClose, onDone }: { secret: SecretInfo; onClose: () => void; onDone: (message: string) => void }) {
  const rotate = useRotateSecret();
  const valueRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const id = `secret-rotate-${useId().replaceAll(':', '')}`;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = valueRef.current;
    if (input === null || rotate.pending) return;
    const checked = checkRotation(secret.name, input.value);
    if (!checked.ok) {
      setError(checked.errors.value ?? checked.errors.form ?? checked.errors.name);
      input.focus();
      return;
    }
    setError(undefined);
    const info = await rotate.run(checked.input);
    if (info === undefined) return;
    input.value = '';
    onDone(`${info.name} rotated: tools get the new value from their next run.`);
  };

  return (
    <ModalDialog
      title={
        <>
          Rotate <span className="mono">{secret.name}</span>
        </>
      }
      description={
        <p>
          The new value replaces the old one in the keychain; tools in scope receive it from their next run. The rotation is
          recorded in the audit trail, the value is not. Revoke the old value where it was issued.
        </p>
      }
      onClose={onClose}
      initialFocus={valueRef}
      testId="secret-rotate-dialog"
    >
      <form noValidate autoComplete="off" onSubmit={(event) => void onSubmit(event)}>
        <FormField id={id} label="New value" area="value" hint="Typed once; it is never shown again." error={error}>
          <SecretValueInput id={id} inputRef={valueRef} error={error} testId="secret-rotate-value-input" onEdit={() => setError(undefined)} />
        </FormField>
        {rotate.error && (
          <div className="modal__error">
            <ErrorState error={rotate.error} testId="secret-rotate-error" />
          </div>
        )}
        <div className="modal__actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={rotate.pending} data-testid="secret-rotate-confirm">
            {rotate.pending ? 'Rotating…' : 'Rotate'}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
