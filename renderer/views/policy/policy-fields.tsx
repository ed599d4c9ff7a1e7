import type { ReactNode } from 'react';
import type { PolicyErrors, PolicyFields } from './policy-form.ts';
import { FormField, fieldAria } from '../secrets/form-field.tsx';

/** What a section needs to show its form: the draft's fields, the errors to show, and a way to change them. */
export interface Editing {
  readonly fields: PolicyFields;
  readonly errors: PolicyErrors;
  readonly edit: (change: Partial<PolicyFields>) => void;
}

/** The id of the input for a field key (`workspace`, `rules.<key>.paths`, `limits.cpuSeconds`). */
export const inputId = (field: string): string => `policy-input-${field.replaceAll('.', '-')}`;

const rowsFor = (value: string, min: number): number => Math.min(12, Math.max(min, value.split('\n').length + 1));

/** A list typed one entry per line (directories, programs, hosts, globs, arguments). */
export function LinesField({
  field,
  label,
  hint,
  value,
  error,
  placeholder,
  testId,
  minRows = 2,
  onChange,
}: {
  field: string;
  label: string;
  hint?: ReactNode;
  value: string;
  error: string | undefined;
  placeholder?: string;
  testId: string;
  minRows?: number;
  onChange: (value: string) => void;
}) {
  const id = inputId(field);
  return (
    <FormField id={id} label={label} hint={hint} error={error} area={field}>
      <textarea
        {...fieldAria(id, error, hint !== undefined)}
        className="input input--mono policy-textarea"
        rows={rowsFor(value, minRows)}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
    </FormField>
  );
}

/** One line of text in the mono face (a path, an id). */
export function TextField({
  field,
  label,
  hint,
  value,
  error,
  placeholder,
  testId,
  mono = true,
  onChange,
}: {
  field: string;
  label: string;
  hint?: ReactNode;
  value: string;
  error: string | undefined;
  placeholder?: string;
  testId: string;
  mono?: boolean;
  onChange: (value: string) => void;
}) {
  const id = inputId(field);
  return (
    <FormField id={id} label={label} hint={hint} error={error} area={field}>
      <input
        {...fieldAria(id, error, hint !== undefined)}
        className={mono ? 'input input--mono' : 'input'}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
    </FormField>
  );
}
