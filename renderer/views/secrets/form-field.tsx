import type { ReactNode } from 'react';
import './form-field.css';

/** The accessibility wiring of one input: its id, whether it is invalid, and what describes it. */
export function fieldAria(id: string, error: string | undefined, hint: boolean) {
  const describedBy = [hint ? `${id}-hint` : '', error === undefined ? '' : `${id}-error`].filter(Boolean).join(' ');
  return {
    id,
    'aria-invalid': error !== undefined,
    ...(describedBy === '' ? {} : { 'aria-describedby': describedBy }),
  };
}

/** A labelled input with its hint and, when there is one, its error (announced as it appears). */
export function FormField({
  id,
  label,
  hint,
  error,
  area,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error: string | undefined;
  /** Names the field for the form's grid: `form-field--${area}`. */
  area: string;
  children: ReactNode;
}) {
  return (
    <div className={`form-field form-field--${area}`}>
      <label className="form-field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint !== undefined && (
        <span className="form-field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error !== undefined && (
        <span className="form-field__error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
