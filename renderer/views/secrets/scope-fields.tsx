import { rotationDaysMax } from '../../../app/contract/index.ts';
import type { FieldErrors, ScopeFields } from './secret-form.ts';
import { parseTools } from './secret-form.ts';
import { FormField, fieldAria } from './form-field.tsx';
import { ToolChips } from './tool-chips.tsx';

interface Props {
  /** Prefix of the inputs' ids; `${idPrefix}-envVar` etc. */
  readonly idPrefix: string;
  readonly fields: ScopeFields;
  readonly errors: FieldErrors;
  readonly onChange: (field: keyof ScopeFields, text: string) => void;
  /** What the variable is when left empty (the name), or null when it may not be empty. */
  readonly envVarDefault: string | null;
}

/** The fields a secret's scope is made of: shared by the add form and the edit-scope dialog. */
export function ScopeFieldset({ idPrefix, fields, errors, onChange, envVarDefault }: Props) {
  const id = (field: keyof ScopeFields) => `${idPrefix}-${field}`;
  const tools = parseTools(fields.tools);
  return (
    <>
      <FormField
        id={id('envVar')}
        label="Environment variable"
        area="envVar"
        hint={envVarDefault === null ? 'The name the tool’s process sees the value under.' : 'What the tool’s process sees. Empty: the name.'}
        error={errors.envVar}
      >
        <input
          {...fieldAria(id('envVar'), errors.envVar, true)}
          className="input input--mono"
          value={fields.envVar}
          placeholder={envVarDefault === null ? undefined : envVarDefault || 'same as the name'}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          onChange={(event) => onChange('envVar', event.target.value)}
          data-testid="secret-env-var-input"
        />
      </FormField>
      <FormField
        id={id('tools')}
        label="Tools in scope"
        area="tools"
        hint={
          <>
            Only these tools receive the value, when they run. Comma-separated, e.g. <code>http.fetch, git_push</code>.
          </>
        }
        error={errors.tools}
      >
        <input
          {...fieldAria(id('tools'), errors.tools, true)}
          className="input input--mono"
          value={fields.tools}
          placeholder="no tool receives it"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange('tools', event.target.value)}
          data-testid="secret-tools-input"
        />
        {tools.length > 0 && <ToolChips tools={tools} empty="" checked />}
      </FormField>
      <FormField
        id={id('description')}
        label="Description"
        area="description"
        hint="Optional: what it is, where it was issued."
        error={errors.description}
      >
        <input
          {...fieldAria(id('description'), errors.description, true)}
          className="input"
          value={fields.description}
          maxLength={600}
          autoComplete="off"
          onChange={(event) => onChange('description', event.target.value)}
          data-testid="secret-description-input"
        />
      </FormField>
      <FormField
        id={id('rotationDays')}
        label="Rotation reminder"
        area="rotationDays"
        hint="After how many days to remind. Empty: never."
        error={errors.rotationDays}
      >
        <span className="input-suffix">
          <input
            {...fieldAria(id('rotationDays'), errors.rotationDays, true)}
            className="input tabular"
            type="number"
            inputMode="numeric"
            min={1}
            max={rotationDaysMax}
            step={1}
            value={fields.rotationDays}
            placeholder="none"
            autoComplete="off"
            onChange={(event) => onChange('rotationDays', event.target.value)}
            data-testid="secret-rotation-input"
          />
          <span className="input-suffix__unit">days</span>
        </span>
      </FormField>
    </>
  );
}
