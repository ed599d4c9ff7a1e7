import type { FormEvent } from 'react';
import { useId, useRef, useState } from 'react';
import type { SecretInfo } from '../../../app/contract/index.ts';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { useUpdateSecretScope } from '../../data/secrets-actions.ts';
import type { FieldErrors, ScopeFields } from './secret-form.ts';
import { checkScopeChange, scopeFieldsOf } from './secret-form.ts';
import { focusFirstError, withoutError } from './form-focus.ts';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { ScopeFieldset } from './scope-fields.tsx';

const fieldOrder: readonly (keyof ScopeFields)[] = ['envVar', 'tools', 'description', 'rotationDays'];

/** Changes who receives a secret and how (`secrets.updateScope`); metadata only, so it works with the keychain locked. */
export function EditScopeDialog({ secret, onClose, onDone }: { secret: SecretInfo; onClose: () => void; onDone: (message: string) => void }) {
  const update = useUpdateSecretScope();
  const [fields, setFields] = useState<ScopeFields>(() => scopeFieldsOf(secret));
  const [errors, setErrors] = useState<FieldErrors>({});
  const firstRef = useRef<HTMLDivElement>(null);
  const idPrefix = `secret-scope-${useId().replaceAll(':', '')}`;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.pending) return;
    const checked = checkScopeChange(secret, fields);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError(checked.errors, fieldOrder, (field) => `${idPrefix}-${field}`);
      return;
    }
    if (!checked.input.changed) {
      onDone(`Nothing changed in the scope of ${secret.name}.`);
      return;
    }
    const info = await update.run(checked.input.request);
    if (info !== undefined) onDone(`Scope of ${info.name} saved; the change is recorded in the audit trail.`);
  };

  return (
    <ModalDialog
      title={
        <>
          Scope of <span className="mono">{secret.name}</span>
        </>
      }
      description={<p>Which tools receive this secret, and under which variable. The value stays as it is.</p>}
      onClose={onClose}
      initialFocus={firstRef}
      testId="secret-scope-dialog"
    >
      <form noValidate autoComplete="off" onSubmit={(event) => void onSubmit(event)} data-testid="secret-scope-form">
        <div className="modal__fields" ref={firstRef}>
          <ScopeFieldset
            idPrefix={idPrefix}
            fields={fields}
            errors={errors}
            envVarDefault={null}
            onChange={(field, text) => {
              setFields((current) => ({ ...current, [field]: text }));
              setErrors((current) => withoutError(current, field));
            }}
          />
        </div>
        {errors.form !== undefined && <p className="form-field__error">{errors.form}</p>}
        {update.error && (
          <div className="modal__error">
            <ErrorState error={update.error} testId="secret-scope-error" />
          </div>
        )}
        <div className="modal__actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={update.pending} data-testid="secret-scope-save">
            {update.pending ? 'Saving…' : 'Save scope'}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
