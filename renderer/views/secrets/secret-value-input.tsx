import type { RefObject } from 'react';
import { fieldAria } from './form-field.tsx';

/**
 * The one place a secret value is typed. Uncontrolled on purpose: React writes a controlled
 * input's value into its `value` attribute (and so into the DOM's HTML), and would keep it in
 * component state; here the value lives only in the input until the form reads it on submit.
 * The password-manager hints keep browser extensions from offering to save it.
 */
export function SecretValueInput({
  id,
  inputRef,
  error,
  testId,
  onEdit,
}: {
  id: string;
  inputRef: RefObject<HTMLInputElement | null>;
  error: string | undefined;
  testId: string;
  onEdit: () => void;
}) {
  return (
    <input
      {...fieldAria(id, error, true)}
      ref={inputRef}
      className="input input--mono"
      type="password"
      autoComplete="off"
      autoCorrect="off"
      autoCapitalize="off"
      spellCheck={false}
      data-1p-ignore="true"
      data-lpignore="true"
      data-bwignore="true"
      data-form-type="other"
      data-testid={testId}
      onChange={onEdit}
    />
  );
}
