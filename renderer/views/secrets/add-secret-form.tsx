import type { FormEvent } from 'react';
import { useId, useRef, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Icon } from '../../components/icons.tsx';
import { Panel } from '../../components/panel.tsx';
import { useAddSecret } from '../../data/secrets-actions.ts';
import type { FieldErrors, FieldName, NewSecretFields } from './secret-form.ts';
import { checkNewSecret, emptyNewSecretFields } from './secret-form.ts';
import { FormField, fieldAria } from './form-field.tsx';
import { ScopeFieldset } from './scope-fields.tsx';
import { SecretValueInput } from './secret-value-input.tsx';
import { focusFirstError, withoutError } from './form-focus.ts';
import './secret-forms.css';

const fieldOrder: readonly FieldName[] = ['name', 'envVar', 'tools', 'description', 'rotationDays', 'value'];

/** Adds a secret: its scope as ordinary fields, its value typed once and sent straight to the keychain. */
export function AddSecretForm({ blocked, backend }: { blocked: string | null; backend: string | undefined }) {
  const add = useAddSecret();
  const idPrefix = `secret-add-${useId().replaceAll(':', '')}`;
  const [fields, setFields] = useState<NewSecretFields>(emptyNewSecretFields);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [stored, setStored] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const valueRef = useRef<HTMLInputElement>(null);
  const id = (field: FieldName) => `${idPrefix}-${field}`;

  const edit = (field: FieldName, text?: string) => {
    if (text !== undefined) setFields((current) => ({ ...current, [field]: text }));
    setErrors((current) => withoutError(current, field));
    setStored(null);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const valueInput = valueRef.current;
    if (valueInput === null || blocked !== null || add.pending) return;
    const checked = checkNewSecret(fields, valueInput.value);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError(checked.errors, fieldOrder, id);
      return;
    }
    setErrors({});
    const info = await add.run(checked.input);
    if (info === undefined) return;
    valueInput.value = '';
    setFields(emptyNewSecretFields);
    setStored(info.name);
    nameRef.current?.focus();
  };

  return (
    <Panel title="Add a secret" testId="secret-add">
      <form
        className="secret-form"
        data-testid="secret-add-form"
        noValidate
        autoComplete="off"
        aria-describedby={blocked === null ? undefined : `${idPrefix}-blocked`}
        onSubmit={(event) => void onSubmit(event)}
      >
        {blocked !== null && (
          <p className="form-note secret-form__blocked" id={`${idPrefix}-blocked`} data-testid="secret-add-blocked">
            <Icon name="info" size={14} />
            <span>{blocked}</span>
          </p>
        )}
        <fieldset className="secret-form__fieldset" disabled={blocked !== null}>
          <legend className="visually-hidden">New secret</legend>
          <div className="secret-form__grid">
            <FormField id={id('name')} label="Name" area="name" hint="A–Z, 0–9 and _, e.g. GITHUB_TOKEN." error={errors.name}>
              <input
                {...fieldAria(id('name'), errors.name, true)}
                ref={nameRef}
                className="input input--mono"
                value={fields.name}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                onChange={(event) => edit('name', event.target.value)}
                data-testid="secret-name-input"
              />
            </FormField>
            <ScopeFieldset
              idPrefix={idPrefix}
              fields={fields}
              errors={errors}
              envVarDefault={fields.name.trim()}
              onChange={(field, text) => edit(field, text)}
            />
            <FormField
              id={id('value')}
              label="Value"
              area="value"
              hint="Typed once: it goes to the keychain and is never shown again."
              error={errors.value}
            >
              <SecretValueInput id={id('value')} inputRef={valueRef} error={errors.value} testId="secret-value-input" onEdit={() => edit('value')} />
            </FormField>
          </div>
          {errors.form !== undefined && <p className="form-field__error">{errors.form}</p>}
          {add.error && (
            <div className="secret-form__server-error">
              <ErrorState error={add.error} testId="secret-add-error" />
            </div>
          )}
          <div className="form-actions secret-form__actions">
            <Button type="submit" variant="primary" data-testid="secret-save" disabled={blocked !== null || add.pending}>
              {add.pending ? 'Storing…' : 'Store in keychain'}
            </Button>
            <span className="form-success" role="status" data-testid="secret-add-status">
              {stored !== null && `${stored} is stored in the ${backend ?? 'keychain'}. Its value will not be shown again.`}
            </span>
          </div>
        </fieldset>
      </form>
    </Panel>
  );
}
